// 指挥看板 (issue 28): the jurisdiction's open signals on the map (districts coloured by count, points
// where a source has a place) and in a list with filters; a signal opens the loop panel with its steps
// and the action buttons the server allows. Owner: board.
import {
  SIGNAL_ACTION_LABELS,
  SIGNAL_SEVERITIES,
  SIGNAL_SEVERITY_LABELS,
  SIGNAL_STAGE_LABELS,
  SIGNAL_STAGES,
  SIGNAL_STEP_LABELS,
  SIGNAL_TYPE_LABELS,
  SIGNAL_TYPES,
  type SignalAction,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { type MapItem, RegionMap } from '../../components/RegionMap.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { childOf, fetchBoard, fetchSignal, type SignalItem, signalAction, useChildRegionNames } from './board-api.ts';

const SEVERITY_COLOUR: Record<string, string> = { low: 'default', normal: 'blue', high: 'orange', critical: 'red' };
const NOTE_NEEDED: SignalAction[] = ['dismiss', 'feedback', 'rejectFeedback', 'close'];

export function BoardPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const [openId, setOpenId] = useState<string | null>(null);
  const qs = params.toString();
  const board = useQuery({ queryKey: ['cmBoard', qs], queryFn: () => fetchBoard(qs) });
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    p.delete('page');
    setParams(p);
  };
  const prefix = me?.scope.enterpriseId ? '' : (me?.scope.regionPrefix ?? '');
  const names = useChildRegionNames(prefix);
  const byChild = new Map<string, number>();
  for (const [code, n] of Object.entries(board.data?.countsByRegion ?? {})) {
    const c = childOf(prefix, code);
    byChild.set(c, (byChild.get(c) ?? 0) + n);
  }
  const items: MapItem[] = [...byChild].map(([code, n]) => ({
    code,
    name: names.get(code) ?? code,
    value: n,
    colour: n > 20 ? '#cf1322' : n > 5 ? '#fa8c16' : '#fadb14',
  }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="cm-board">
      <Card title={t('cmBoTitle')} extra={<Link to="/command/wall">{t('cmBoMenuWall')}</Link>}>
        <Space wrap>
          {SIGNAL_STAGES.map((s) => (
            <Statistic
              key={s}
              title={pick(lang, SIGNAL_STAGE_LABELS[s])}
              value={board.data?.countsByStage[s] ?? 0}
              style={{ marginRight: 24 }}
            />
          ))}
        </Space>
      </Card>
      {prefix && (
        <RegionMap
          region={prefix}
          title={t('cmBoMapTitle')}
          items={items}
          valueLabel={t('cmBoCount')}
          points={(board.data?.points ?? []).map((p) => ({
            lng: p.lng,
            lat: p.lat,
            name: `${pick(lang, SIGNAL_TYPE_LABELS[p.type])}：${p.title}`,
          }))}
          onSelect={(code) => set('regionPrefix', code.replace(/(000)+$/, '').replace(/0+$/, '') || undefined)}
          testId="cm-board-map"
        />
      )}
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('cmBoType')}
            allowClear
            placeholder={t('cmBoType')}
            style={{ width: 160 }}
            value={params.get('type') ?? undefined}
            onChange={(v) => set('type', v)}
            options={SIGNAL_TYPES.map((x) => ({
              value: x,
              label: `${pick(lang, SIGNAL_TYPE_LABELS[x])} (${board.data?.countsByType[x] ?? 0})`,
            }))}
          />
          <Select
            aria-label={t('cmBoStage')}
            allowClear
            placeholder={t('cmBoStage')}
            style={{ width: 140 }}
            value={params.get('stage') ?? undefined}
            onChange={(v) => set('stage', v)}
            options={SIGNAL_STAGES.map((x) => ({ value: x, label: pick(lang, SIGNAL_STAGE_LABELS[x]) }))}
          />
          <Select
            aria-label={t('cmBoSeverity')}
            allowClear
            placeholder={t('cmBoSeverity')}
            style={{ width: 120 }}
            value={params.get('severity') ?? undefined}
            onChange={(v) => set('severity', v)}
            options={SIGNAL_SEVERITIES.map((x) => ({ value: x, label: pick(lang, SIGNAL_SEVERITY_LABELS[x]) }))}
          />
          <Checkbox checked={params.get('overdue') === '1'} onChange={(e) => set('overdue', e.target.checked ? '1' : undefined)}>
            {t('cmBoOnlyOverdue')}
          </Checkbox>
          <Checkbox checked={params.get('escalated') === '1'} onChange={(e) => set('escalated', e.target.checked ? '1' : undefined)}>
            {t('cmBoOnlyEscalated')}
          </Checkbox>
          <Input.Search
            allowClear
            placeholder={t('cmBoSearch')}
            defaultValue={params.get('q') ?? ''}
            onSearch={(v) => set('q', v || undefined)}
            style={{ width: 200 }}
          />
        </Space>
        <Table<SignalItem>
          rowKey="id"
          size="small"
          loading={board.isLoading}
          dataSource={board.data?.items ?? []}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: Number(params.get('page') ?? 1),
            pageSize: board.data?.pageSize ?? 50,
            total: board.data?.total ?? 0,
            showTotal: (n) => t('total', { n }),
            onChange: (page) => {
              const p = new URLSearchParams(params);
              p.set('page', String(page));
              setParams(p);
            },
          }}
          columns={[
            { title: t('cmBoType'), key: 'type', render: (_, r) => pick(lang, SIGNAL_TYPE_LABELS[r.sourceType]) },
            { title: t('cmBoSignal'), dataIndex: 'title' },
            { title: t('cmBoRegion'), key: 'region', render: (_, r) => r.regionName ?? r.regionCode },
            {
              title: t('cmBoSeverity'),
              key: 'sev',
              render: (_, r) => <Tag color={SEVERITY_COLOUR[r.severity]}>{pick(lang, SIGNAL_SEVERITY_LABELS[r.severity])}</Tag>,
            },
            { title: t('cmBoStage'), key: 'stage', render: (_, r) => pick(lang, SIGNAL_STAGE_LABELS[r.stage]) },
            {
              title: t('cmBoDue'),
              key: 'due',
              render: (_, r) => (
                <Space size={4}>
                  {r.stage !== 'closed' && formatTime(r.stageDueAt, lang)}
                  {r.overdue && <Tag color="red">{t('cmBoOverdue')}</Tag>}
                  {r.escalatedAt && <Tag color="volcano">{t('cmBoEscalated')}</Tag>}
                </Space>
              ),
            },
            { title: t('cmBoOccurred'), key: 'at', render: (_, r) => formatTime(r.occurredAt, lang) },
          ]}
        />
      </Card>
      {openId && <LoopDrawer id={openId} onClose={() => setOpenId(null)} />}
    </Space>
  );
}

function LoopDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['cmSignal', id], queryFn: () => fetchSignal(id) });
  const [action, setAction] = useState<SignalAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const picker = useEnterprisePicker(action === 'push');
  const s = q.data;
  const submit = async (values: Record<string, unknown>) => {
    if (!s || !action) return;
    setError(null);
    try {
      const deadline = values.deadline as { toISOString(): string } | undefined;
      await signalAction(id, { ...values, deadline: deadline?.toISOString(), action, version: s.version });
      setAction(null);
      form.resetFields();
      await Promise.all([qc.invalidateQueries({ queryKey: ['cmSignal', id] }), qc.invalidateQueries({ queryKey: ['cmBoard'] })]);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) form.setFields(formErrors(e, 'top'));
      else setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Drawer open width={560} onClose={onClose} title={s ? s.title : t('cmBoLoop')} data-testid="cm-loop">
      {s && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('cmBoType')}>{pick(lang, SIGNAL_TYPE_LABELS[s.sourceType])}</Descriptions.Item>
            <Descriptions.Item label={t('cmBoStage')}>
              {pick(lang, SIGNAL_STAGE_LABELS[s.stage])} {s.overdue && <Tag color="red">{t('cmBoOverdue')}</Tag>}
              {s.escalatedAt && <Tag color="volcano">{t('cmBoEscalated')}</Tag>}
            </Descriptions.Item>
            {s.stage !== 'closed' && <Descriptions.Item label={t('cmBoDue')}>{formatTime(s.stageDueAt, lang)}</Descriptions.Item>}
            <Descriptions.Item label={t('cmBoRegion')}>{s.regionName ?? s.regionCode}</Descriptions.Item>
            {(s.pushedEnterpriseName || s.pushedRegionCode) && (
              <Descriptions.Item label={t('cmBoPushedTo')}>{s.pushedEnterpriseName ?? s.pushedRegionCode}</Descriptions.Item>
            )}
            {s.feedbackAt && <Descriptions.Item label={t('cmBoFeedbackAt')}>{formatTime(s.feedbackAt, lang)}</Descriptions.Item>}
            {s.sourcePath && (
              <Descriptions.Item label={t('cmBoSource')}>
                <Link to={s.sourcePath}>{t('cmBoSource')}</Link> {s.sourceClosedAt && <Tag>{t('cmBoSourceClosed')}</Tag>}
              </Descriptions.Item>
            )}
          </Descriptions>
          {s.hotline && (
            <Descriptions size="small" column={1} bordered title="12345">
              <Descriptions.Item label={t('cmBoCaller')}>{s.hotline.callerName}</Descriptions.Item>
              <Descriptions.Item label={t('cmBoCallerPhone')}>{s.hotline.callerPhone}</Descriptions.Item>
              <Descriptions.Item label={t('cmBoContent')}>{s.hotline.content}</Descriptions.Item>
              {s.hotline.place && <Descriptions.Item label={t('cmBoPlace')}>{s.hotline.place}</Descriptions.Item>}
            </Descriptions>
          )}
          {s.hotline?.callerMasked && <Alert type="info" showIcon message={t('cmBoMaskedHint')} />}
          <Timeline
            items={s.steps.map((st) => ({
              key: st.id,
              children: (
                <div>
                  <b>
                    {Object.hasOwn(SIGNAL_STEP_LABELS, st.action)
                      ? pick(lang, SIGNAL_STEP_LABELS[st.action as keyof typeof SIGNAL_STEP_LABELS])
                      : st.action}
                  </b>{' '}
                  {formatTime(st.at, lang)} · {st.actorName ?? t('cmBoSystem')}
                  {st.note && <div>{st.note}</div>}
                </div>
              ),
            }))}
          />
          <Space wrap>
            {s.allowedActions.map((a) => (
              <Button key={a} type={action === a ? 'primary' : 'default'} onClick={() => setAction(a)} data-testid={`cm-action-${a}`}>
                {pick(lang, SIGNAL_ACTION_LABELS[a])}
              </Button>
            ))}
          </Space>
          {error && <Alert type="error" message={error} />}
          {action && (
            <Form form={form} layout="vertical" onFinish={submit}>
              {action === 'push' && (
                <>
                  <Form.Item name="pushedEnterpriseId" label={t('cmBoPushUnit')}>
                    <Select allowClear showSearch filterOption={false} onSearch={picker.onSearch} options={picker.options} />
                  </Form.Item>
                  <Form.Item name="pushedRegionCode" label={t('cmBoPushRegion')}>
                    <RegionCascader changeOnSelect />
                  </Form.Item>
                  <Form.Item name="deadline" label={t('cmBoDeadline')}>
                    <DatePicker showTime />
                  </Form.Item>
                </>
              )}
              <Form.Item
                name="note"
                label={t('cmBoNote')}
                rules={NOTE_NEEDED.includes(action) ? [{ required: true, message: t('cmBoNote') }] : []}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
              <Button type="primary" htmlType="submit" data-testid="cm-action-submit">
                {t('cmBoSubmit')}
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
