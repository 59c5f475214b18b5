// 地区风险等级看板 (/public-health/levels): the map of the jurisdiction coloured by level, every county
// and township with its level and cases, the pending proposals to confirm, the 调整等级 dialog, each
// region's history with its announcements. Buttons only from the server's allowedActions. Owner: levels.
import { PH_RISK_LEVEL_LABELS, PH_RISK_LEVELS, type PhRiskLevel } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError, api, formErrors } from '../../api.ts';
import { type MapItem, RegionMap } from '../../components/RegionMap.tsx';
import { formatTime, pick, useI18n } from '../../i18n.tsx';

type Bilingual = { zh: string; en: string };
type BoardRegion = {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  level: PhRiskLevel;
  effectiveFrom: string | null;
  recentCases: number;
  totalCases: number;
  lastCaseAt: string | null;
  allowedActions: string[];
};
type BoardProposal = {
  id: string;
  regionCode: string;
  regionName: string;
  currentLevel: PhRiskLevel;
  proposedLevel: PhRiskLevel;
  reasons: Bilingual[];
  proposedAt: string;
  allowedActions: string[];
};
type Board = {
  ruleSet: { code: string; name: string; windowDays: number; source: string; provisional: boolean };
  overrideReasonMin: number;
  regions: BoardRegion[];
  proposals: BoardProposal[];
};
type HistoryEntry = {
  id: string;
  level: PhRiskLevel;
  previousLevel: PhRiskLevel | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  confirmedBy: string | null;
  reason: string | null;
  override: boolean;
  announcement: { number: string; title: string } | null;
};

export const PH_LEVEL_COLOURS: Record<string, string> = { low: '#52c41a', medium: '#faad14', high: '#f5222d' };
const TAG_COLOURS: Record<string, string> = { low: 'green', medium: 'orange', high: 'red' };
const RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };
const prefixOf = (code: string) => code.replace(/(000)+$/, '').padEnd(6, '0');

function LevelTag({ level }: { level: string }) {
  const { lang } = useI18n();
  const label = PH_RISK_LEVEL_LABELS[level as PhRiskLevel];
  return (
    <Tag color={TAG_COLOURS[level]} data-level={level}>
      {label ? pick(lang, label) : level}
    </Tag>
  );
}

export function LevelBoardPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const board = useQuery({ queryKey: ['ph-levels', 'board'], queryFn: () => api<Board>('/api/v1/risk-levels') });
  const [levelFilter, setLevelFilter] = useState<string[]>([]);
  const [kindFilter, setKindFilter] = useState<string | undefined>();
  const [nameFilter, setNameFilter] = useState('');
  const [mapRegion, setMapRegion] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<BoardProposal | null>(null);
  const [changing, setChanging] = useState<BoardRegion | null>(null);
  const [history, setHistory] = useState<BoardRegion | null>(null);
  const [recomputing, setRecomputing] = useState(false);
  const d = board.data;
  const regions = d?.regions ?? [];

  // The map's region: the parent of the widest regions in scope (a city draws its counties), or the county clicked.
  const topRegion = useMemo(() => {
    const top = [...regions].sort((a, b) => prefixOf(a.code).length - prefixOf(b.code).length)[0];
    if (!top) return '';
    // A county user: the county is the only region at its depth → draw its townships.
    const peers = regions.filter((r) => prefixOf(r.code).length === prefixOf(top.code).length);
    if (peers.length === 1 && regions.some((r) => r.parentCode === top.code)) return top.code;
    return top.parentCode ?? '';
  }, [regions]);
  const shownRegion = mapRegion ?? topRegion;
  const mapItems = useMemo<MapItem[]>(() => {
    const parent = prefixOf(shownRegion.padEnd(12, '0'));
    const children = regions.filter((r) => r.parentCode === shownRegion.padEnd(12, '0') || r.parentCode === shownRegion);
    return children.map((c) => {
      const inside = regions.filter((r) => r.code.startsWith(prefixOf(c.code)) && prefixOf(r.code).startsWith(parent));
      const worst = inside.reduce((w, r) => ((RANK[r.level] ?? 0) > (RANK[w] ?? 0) ? r.level : w), c.level);
      return {
        code: c.code,
        name: c.name,
        value: c.recentCases,
        colour: PH_LEVEL_COLOURS[worst] ?? '#eceff1',
        detail: <LevelTag level={worst} />,
      };
    });
  }, [regions, shownRegion]);

  const filtered = regions.filter(
    (r) =>
      (levelFilter.length === 0 || levelFilter.includes(r.level)) &&
      (!kindFilter || r.kind === kindFilter) &&
      (!nameFilter || r.name.includes(nameFilter.trim())),
  );
  const mayRecompute = regions.some((r) => r.allowedActions.includes('recompute'));
  const refresh = () => qc.invalidateQueries({ queryKey: ['ph-levels'] });

  const doRecompute = async () => {
    setRecomputing(true);
    try {
      const r = await api<{ proposals: number }>('/api/v1/risk-levels/recompute', { method: 'POST', json: {} });
      message.success(t('phLvRecomputed', { p: r.proposals }));
      await refresh();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setRecomputing(false);
    }
  };
  const levelName = (l: string) => (PH_RISK_LEVEL_LABELS[l as PhRiskLevel] ? pick(lang, PH_RISK_LEVEL_LABELS[l as PhRiskLevel]) : l);
  const kindName = (k: string) => (k === 'county' ? t('phLvKindCounty') : k === 'township' ? t('phLvKindTownship') : k);

  return (
    <div data-testid="ph-levels-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('phLvTitle')}
        </Typography.Title>
        {mayRecompute && (
          <Button onClick={doRecompute} loading={recomputing} data-testid="ph-levels-recompute">
            {t('phLvRecompute')}
          </Button>
        )}
      </Space>
      {board.error && <Alert type="error" showIcon message={(board.error as Error).message} style={{ margin: '12px 0' }} />}
      {d && (
        <Typography.Paragraph type="secondary" data-testid="ph-levels-ruleset" style={{ marginTop: 8 }}>
          {t('phLvRuleSet')}：{d.ruleSet.name}（{t('phLvWindow', { n: d.ruleSet.windowDays })}）
          {d.ruleSet.provisional && <Tag style={{ marginLeft: 8 }}>{t('phLvProvisional')}</Tag>}
        </Typography.Paragraph>
      )}

      <section aria-label={t('phLvProposals')} data-testid="ph-levels-proposals" style={{ marginBottom: 16 }}>
        <Typography.Title level={5}>{t('phLvProposals')}</Typography.Title>
        <List
          size="small"
          bordered
          locale={{ emptyText: t('phLvNoProposals') }}
          dataSource={d?.proposals ?? []}
          renderItem={(p) => (
            <List.Item
              data-proposal={p.id}
              data-region={p.regionCode}
              actions={
                p.allowedActions.includes('confirm')
                  ? [
                      <Button key="c" type="primary" size="small" onClick={() => setConfirming(p)} data-testid="ph-levels-confirm">
                        {t('phLvConfirm')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <strong>{p.regionName}</strong>
                  <LevelTag level={p.currentLevel} />→<LevelTag level={p.proposedLevel} />
                  <Typography.Text type="secondary">
                    {t('phLvProposedAt')} {formatTime(p.proposedAt, lang)}
                  </Typography.Text>
                </Space>
                {p.reasons.map((r) => (
                  <Typography.Text key={r.zh} type="secondary" style={{ fontSize: 12 }}>
                    {pick(lang, r)}
                  </Typography.Text>
                ))}
              </Space>
            </List.Item>
          )}
        />
      </section>

      {shownRegion && (
        <div style={{ marginBottom: 16 }}>
          {mapRegion && (
            <Button size="small" onClick={() => setMapRegion(null)} data-testid="ph-levels-map-up">
              {t('phLvMapBack')}
            </Button>
          )}
          <RegionMap
            region={shownRegion}
            title={t('phLvMapTitle')}
            items={mapItems}
            valueLabel={t('phLvMapValue')}
            detailLabel={t('phLvLevel')}
            onSelect={(code) => {
              if (regions.some((r) => r.parentCode === code)) setMapRegion(code);
            }}
            legend={PH_RISK_LEVELS.map((l) => ({ label: levelName(l), colour: PH_LEVEL_COLOURS[l] ?? '#eceff1' }))}
            testId="ph-levels-map"
          />
        </div>
      )}

      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('phLvFilterLevel')}
          aria-label={t('phLvFilterLevel')}
          value={levelFilter}
          onChange={setLevelFilter}
          options={PH_RISK_LEVELS.map((l) => ({ value: l, label: levelName(l) }))}
          data-testid="ph-levels-filter-level"
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('phLvFilterKind')}
          aria-label={t('phLvFilterKind')}
          value={kindFilter}
          onChange={setKindFilter}
          options={['county', 'township'].map((k) => ({ value: k, label: kindName(k) }))}
          data-testid="ph-levels-filter-kind"
        />
        <Input.Search
          allowClear
          placeholder={t('phLvFilterName')}
          aria-label={t('phLvFilterName')}
          onSearch={setNameFilter}
          onChange={(e) => setNameFilter(e.target.value)}
          data-testid="ph-levels-filter-name"
        />
      </Space>
      <Table<BoardRegion>
        size="small"
        rowKey="code"
        loading={board.isLoading}
        dataSource={filtered}
        data-testid="ph-levels-table"
        onRow={(r) => ({ 'data-region': r.code }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('phLvRegion'), dataIndex: 'name' },
          { title: t('phLvKind'), dataIndex: 'kind', render: (k: string) => kindName(k) },
          { title: t('phLvLevel'), dataIndex: 'level', render: (l: string) => <LevelTag level={l} /> },
          { title: t('phLvRecent'), dataIndex: 'recentCases' },
          { title: t('phLvTotal'), dataIndex: 'totalCases' },
          {
            title: t('phLvLastCase'),
            dataIndex: 'lastCaseAt',
            render: (v: string | null) => (v ? formatTime(v, lang) : t('phLvNever')),
          },
          {
            title: t('phLvEffectiveFrom'),
            dataIndex: 'effectiveFrom',
            render: (v: string | null) => (v ? formatTime(v, lang) : '—'),
          },
          {
            title: t('phLvActions'),
            key: 'actions',
            render: (_: unknown, r) => (
              <Space size={4}>
                {r.allowedActions.includes('confirm') && (
                  <Button size="small" onClick={() => setChanging(r)} data-testid="ph-levels-change">
                    {t('phLvChange')}
                  </Button>
                )}
                {r.allowedActions.includes('view') && (
                  <Button size="small" type="link" onClick={() => setHistory(r)} data-testid="ph-levels-history">
                    {t('phLvHistory')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ConfirmDialog proposal={confirming} onClose={() => setConfirming(null)} onDone={refresh} />
      <ChangeDialog
        region={changing}
        reasonMin={d?.overrideReasonMin ?? 10}
        mayOverride={!!changing?.allowedActions.includes('override')}
        onClose={() => setChanging(null)}
        onDone={refresh}
      />
      <HistoryDrawer region={history} onClose={() => setHistory(null)} />
    </div>
  );
}

function ConfirmDialog({ proposal, onClose, onDone }: { proposal: BoardProposal | null; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ effectiveFrom?: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const levelName = (l: PhRiskLevel) => pick(lang, PH_RISK_LEVEL_LABELS[l]);
  const submit = async () => {
    if (!proposal) return;
    const v = form.getFieldsValue();
    setBusy(true);
    setRefused(null);
    try {
      const r = await api<{ number: string }>(`/api/v1/risk-levels/proposals/${proposal.id}/confirm`, {
        method: 'POST',
        json: v.effectiveFrom ? { effectiveFrom: v.effectiveFrom.toISOString() } : {},
      });
      message.success(t('phLvDone', { n: r.number }));
      form.resetFields();
      onDone();
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e) as never);
        setRefused(e.message);
      } else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!proposal}
      title={t('phLvConfirmTitle')}
      okText={t('phLvConfirm')}
      onOk={submit}
      confirmLoading={busy}
      onCancel={() => {
        setRefused(null);
        onClose();
      }}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'ph-levels-confirm-ok' } as Record<string, string>}
    >
      {proposal && (
        <Typography.Paragraph>
          {t('phLvConfirmText', {
            region: proposal.regionName,
            from: levelName(proposal.currentLevel),
            to: levelName(proposal.proposedLevel),
          })}
        </Typography.Paragraph>
      )}
      {refused && <Alert type="error" showIcon message={refused} style={{ marginBottom: 12 }} data-testid="ph-levels-refused" />}
      <Form form={form} layout="vertical">
        <Form.Item name="effectiveFrom" label={t('phLvEffectiveFrom')} extra={t('phLvEffectiveHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="ph-levels-confirm-effective" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ChangeValues = { level?: PhRiskLevel; effectiveFrom?: Dayjs; override?: boolean; reason?: string };

function ChangeDialog({
  region,
  reasonMin,
  mayOverride,
  onClose,
  onDone,
}: {
  region: BoardRegion | null;
  reasonMin: number;
  mayOverride: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeValues>();
  const override = Form.useWatch('override', form);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const submit = async () => {
    if (!region) return;
    const v = form.getFieldsValue();
    setBusy(true);
    setRefused(null);
    try {
      const r = await api<{ number: string }>(`/api/v1/risk-levels/regions/${region.code}/changes`, {
        method: 'POST',
        json: {
          level: v.level,
          ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom.toISOString() } : {}),
          ...(v.override ? { override: true } : {}),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        },
      });
      message.success(t('phLvDone', { n: r.number }));
      form.resetFields();
      onDone();
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e) as never);
        setRefused(e.message);
      } else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!region}
      title={region ? t('phLvChangeTitle', { region: region.name }) : ''}
      okText={t('phLvChange')}
      onOk={submit}
      confirmLoading={busy}
      onCancel={() => {
        setRefused(null);
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'ph-levels-change-ok' } as Record<string, string>}
    >
      {refused && <Alert type="error" showIcon message={refused} style={{ marginBottom: 12 }} data-testid="ph-levels-refused" />}
      <Form form={form} layout="vertical" data-testid="ph-levels-change-form">
        <Form.Item name="level" label={t('phLvLevel')}>
          <Select
            data-testid="ph-levels-change-level"
            options={PH_RISK_LEVELS.filter((l) => l !== region?.level).map((l) => ({
              value: l,
              label: pick(lang, PH_RISK_LEVEL_LABELS[l]),
            }))}
          />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('phLvEffectiveFrom')} extra={t('phLvEffectiveHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="ph-levels-change-effective" />
        </Form.Item>
        {mayOverride && (
          <Form.Item name="override" valuePropName="checked">
            <Checkbox data-testid="ph-levels-change-override">{t('phLvOverride')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('phLvReason')} extra={override ? t('phLvReasonHint', { n: reasonMin }) : undefined}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="ph-levels-change-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HistoryDrawer({ region, onClose }: { region: BoardRegion | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const h = useQuery({
    queryKey: ['ph-levels', 'history', region?.code],
    enabled: !!region,
    queryFn: () => api<{ history: HistoryEntry[] }>(`/api/v1/risk-levels/regions/${region?.code}/history`),
  });
  return (
    <Drawer
      open={!!region}
      onClose={onClose}
      width={520}
      title={region ? t('phLvHistoryTitle', { region: region.name }) : ''}
      data-testid="ph-levels-history-drawer"
    >
      {h.error && <Alert type="error" showIcon message={(h.error as Error).message} />}
      <List
        loading={h.isLoading}
        locale={{ emptyText: t('phLvNoHistory') }}
        dataSource={h.data?.history ?? []}
        renderItem={(e) => (
          <List.Item data-history={e.id}>
            <Space direction="vertical" size={2}>
              <Space wrap>
                {e.previousLevel && (
                  <>
                    <LevelTag level={e.previousLevel} />→
                  </>
                )}
                <LevelTag level={e.level} />
                {e.override && <Tag color="purple">{t('phLvOverrideTag')}</Tag>}
              </Space>
              <Typography.Text type="secondary">
                {t('phLvEffectiveFrom')} {formatTime(e.effectiveFrom, lang)}
                {e.confirmedBy ? ` · ${t('phLvConfirmedBy')} ${e.confirmedBy}` : ''}
              </Typography.Text>
              {e.reason && <Typography.Text>{e.reason}</Typography.Text>}
              {e.announcement && (
                <a href={`/api/v1/risk-levels/announcements/${e.id}/pdf`} data-testid="ph-levels-pdf">
                  {t('phLvAnnouncementPdf')}（{e.announcement.number}）
                </a>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Drawer>
  );
}
