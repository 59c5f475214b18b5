// 救援队伍与专家: teams (by kind, readiness, text) and experts (by field, text) of the jurisdiction,
// either ordered by straight-line distance from a point — coordinates, a region's centre or an
// accident's place (road distance is out of scope, and the page says so) — plus the rescue
// agreements and the Decree 708 units with neither a team nor an agreement. Filters live in the
// URL, so the 工作台's link (?tab=uncovered) opens the list. Owner: teams (救援队伍、专家、值班).
import { PlusOutlined } from '@ant-design/icons';
import {
  EXPERT_FIELD_LABELS,
  EXPERT_FIELDS,
  HIGH_RISK_LABELS,
  type HighRiskFlag,
  TEAM_KIND_LABELS,
  TEAM_KINDS,
  TEAM_READINESS,
  TEAM_READINESS_LABELS,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, formErrors } from '../../api.ts';
import { KeywordFilter, SelectFilter } from '../../components/FilterControls.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { useFilters } from '../../components/useFilters.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { ExpertForm, TeamForm } from './TeamForm.tsx';
import {
  type AgreementItem,
  createAgreement,
  type ExpertItem,
  endAgreement,
  fetchAgreements,
  fetchExperts,
  fetchTeams,
  fetchUncovered,
  type Origin,
  type TeamItem,
  type UncoveredUnit,
} from './teams-api.ts';

const TABS = ['teams', 'experts', 'agreements', 'uncovered'] as const;
const MODES = ['none', 'point', 'region', 'accident'] as const;
const ORIGIN_KEYS = ['lat', 'lng', 'pointRegion', 'accidentId', 'radiusKm'];

export function Distance({ km }: { km: number | null }) {
  const { t } = useI18n();
  return km === null ? <span>—</span> : <span data-testid="distance">{t('emTeDistanceKm', { n: km.toFixed(1) })}</span>;
}

/** Where distances are measured from: coordinates, a region's centre or an accident (in the URL). */
function OriginPicker({ origin }: { origin: Origin | undefined }) {
  const { t } = useI18n();
  const { params, setParams } = useFilters();
  const initial = params.get('accidentId') ? 'accident' : params.get('pointRegion') ? 'region' : params.get('lat') ? 'point' : 'none';
  const [mode, setMode] = useState<(typeof MODES)[number]>(initial);
  const [lat, setLat] = useState<number | null>(params.get('lat') ? Number(params.get('lat')) : null);
  const [lng, setLng] = useState<number | null>(params.get('lng') ? Number(params.get('lng')) : null);
  const accidents = useQuery({
    queryKey: ['accidents', 'pick'],
    queryFn: () => api<{ items: { id: string; number: string | null; place: string }[] }>('/api/v1/accidents?pageSize=50'),
    enabled: mode === 'accident',
  });
  const apply = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const k of ORIGIN_KEYS) if (k !== 'radiusKm') next.delete(k);
    for (const [k, v] of Object.entries(patch)) v === undefined ? next.delete(k) : next.set(k, v);
    next.delete('page');
    setParams(next);
  };
  const labels: Record<(typeof MODES)[number], string> = {
    none: t('emTeOriginNone'),
    point: t('emTeOriginPoint'),
    region: t('emTeOriginRegion'),
    accident: t('emTeOriginAccident'),
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('emTeOrigin')}</Typography.Text>
        <Segmented<(typeof MODES)[number]>
          value={mode}
          onChange={(m) => {
            setMode(m);
            if (m === 'none') apply({});
          }}
          options={MODES.map((m) => ({ value: m, label: labels[m] }))}
          data-testid="origin-mode"
        />
        {mode === 'point' && (
          <>
            <InputNumber placeholder={t('emTeLat')} value={lat} onChange={setLat} min={-90} max={90} step={0.01} data-testid="origin-lat" />
            <InputNumber
              placeholder={t('emTeLng')}
              value={lng}
              onChange={setLng}
              min={-180}
              max={180}
              step={0.01}
              data-testid="origin-lng"
            />
            <Button
              onClick={() => apply({ lat: lat === null ? undefined : String(lat), lng: lng === null ? undefined : String(lng) })}
              data-testid="origin-apply"
            >
              {t('emTeSearch')}
            </Button>
          </>
        )}
        {mode === 'region' && (
          <RegionCascader
            changeOnSelect
            value={params.get('pointRegion')}
            onChange={(code) => apply({ pointRegion: code })}
            style={{ width: 260 }}
          />
        )}
        {mode === 'accident' && (
          <Select
            style={{ width: 320 }}
            placeholder={t('emTeAccidentPick')}
            value={params.get('accidentId') ?? undefined}
            onChange={(id) => apply({ accidentId: id })}
            options={(accidents.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.number ?? ''} ${a.place}` }))}
            data-testid="origin-accident"
          />
        )}
        {mode !== 'none' && (
          <InputNumber
            placeholder={t('emTeRadius')}
            min={1}
            max={2000}
            value={params.get('radiusKm') ? Number(params.get('radiusKm')) : null}
            onChange={(v) => {
              const next = new URLSearchParams(params);
              v ? next.set('radiusKm', String(v)) : next.delete('radiusKm');
              setParams(next);
            }}
            style={{ width: 140 }}
          />
        )}
      </Space>
      {origin && (
        <Typography.Text type="secondary" data-testid="origin-label">
          {t('emTeOrigin')}：{origin.label}（{origin.lat.toFixed(4)}, {origin.lng.toFixed(4)}）
        </Typography.Text>
      )}
      <Alert type="info" showIcon message={t('emTeRoadNote')} data-testid="road-note" />
    </Space>
  );
}

function TeamsTab() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { query, params, pagination: pager } = useFilters();
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: ['teams', 'list', query], queryFn: () => fetchTeams(query) });
  const error = list.error instanceof ApiError ? list.error.message : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <OriginPicker origin={list.data?.origin} />
      <Space wrap>
        <KeywordFilter placeholder="emTeName" width={220} />
        <SelectFilter
          param="kind"
          label={t('emTeKind')}
          width={180}
          options={TEAM_KINDS.map((k) => ({ value: k, label: pick(lang, TEAM_KIND_LABELS[k]) }))}
        />
        <SelectFilter
          param="readiness"
          label={t('emTeReadiness')}
          options={TEAM_READINESS.map((r) => ({ value: r, label: pick(lang, TEAM_READINESS_LABELS[r]) }))}
        />
        {(may(me, 'teams.manage') || me?.scope.enterpriseId) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="team-add">
            {t('emTeAddTeam')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" message={error} />}
      <Table<TeamItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={pager(list.data?.total, Number(params.get('pageSize') ?? 20), (n) => t('total', { n }))}
        data-testid="teams-list"
        columns={[
          { title: t('emTeName'), key: 'name', render: (_, r) => <Link to={`/emergency/teams/${r.id}`}>{r.name}</Link> },
          { title: t('emTeKind'), key: 'kind', render: (_, r) => pick(lang, TEAM_KIND_LABELS[r.kind]) },
          { title: t('emTeSpecialty'), dataIndex: 'specialty' },
          { title: t('emTeSize'), dataIndex: 'size' },
          { title: t('emTeRegion'), dataIndex: 'regionName' },
          {
            title: t('emTeReadiness'),
            key: 'readiness',
            render: (_, r) => (
              <Tag color={r.readiness === 'ready' ? 'green' : r.readiness === 'limited' ? 'gold' : 'default'}>
                {pick(lang, TEAM_READINESS_LABELS[r.readiness])}
              </Tag>
            ),
          },
          { title: t('emTeContact'), key: 'contact', render: (_, r) => `${r.contactName} ${r.contactPhone}` },
          { title: t('emTeDistance'), key: 'distance', render: (_, r) => <Distance km={r.distanceKm} /> },
        ]}
      />
      <TeamForm open={adding} onClose={() => setAdding(false)} />
    </Space>
  );
}

function ExpertsTab() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { query, params, pagination: pager } = useFilters();
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: ['teams', 'experts', query], queryFn: () => fetchExperts(query) });
  const error = list.error instanceof ApiError ? list.error.message : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <OriginPicker origin={list.data?.origin} />
      <Space wrap>
        <KeywordFilter placeholder="emTeName" width={220} />
        <SelectFilter
          param="field"
          label={t('emTeField')}
          width={180}
          options={EXPERT_FIELDS.map((f) => ({ value: f, label: pick(lang, EXPERT_FIELD_LABELS[f]) }))}
        />
        {may(me, 'teams.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="expert-add">
            {t('emTeAddExpert')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" message={error} />}
      <Table<ExpertItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={pager(list.data?.total, Number(params.get('pageSize') ?? 20), (n) => t('total', { n }))}
        data-testid="experts-list"
        columns={[
          { title: t('emTeName'), key: 'name', render: (_, r) => <Link to={`/emergency/experts/${r.id}`}>{r.name}</Link> },
          {
            title: t('emTeField'),
            key: 'field',
            render: (_, r) => pick(lang, EXPERT_FIELD_LABELS[r.field] ?? { zh: r.field, en: r.field }),
          },
          { title: t('emTeTitle'), dataIndex: 'title' },
          { title: t('emTeWorkUnit'), dataIndex: 'unit' },
          { title: t('emTeRegion'), dataIndex: 'regionName' },
          { title: t('emTePhone'), key: 'phone', render: (_, r) => <ExpertPhone e={r} /> },
          { title: t('emTeDistance'), key: 'distance', render: (_, r) => <Distance km={r.distanceKm} /> },
        ]}
      />
      <ExpertForm open={adding} onClose={() => setAdding(false)} />
    </Space>
  );
}

export function ExpertPhone({ e }: { e: Pick<ExpertItem, 'phone' | 'phoneMasked'> }) {
  const { t } = useI18n();
  return (
    <span data-testid="expert-phone">
      {e.phone}
      {e.phoneMasked && (
        <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
          （{t('emTePhoneMasked')}）
        </Typography.Text>
      )}
    </span>
  );
}

export function AgreementStatus({ s }: { s: AgreementItem['status'] }) {
  const { t } = useI18n();
  const map = {
    current: ['green', 'emTeAgreementCurrent'],
    expired: ['default', 'emTeAgreementExpired'],
    future: ['blue', 'emTeAgreementFuture'],
    ended: ['default', 'emTeAgreementEnded'],
  } as const;
  return <Tag color={map[s][0]}>{t(map[s][1])}</Tag>;
}

function AgreementDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [refused, setRefused] = useState<string | null>(null);
  const picker = useEnterprisePicker(open && !me?.scope.enterpriseId);
  const teams = useQuery({ queryKey: ['teams', 'pick'], queryFn: () => fetchTeams('pageSize=200'), enabled: open });
  const submit = async () => {
    const v = await form.validateFields();
    const day = (d: { format: (f: string) => string }) => d.format('YYYY-MM-DD');
    try {
      await createAgreement({
        enterpriseId: me?.scope.enterpriseId ?? v.enterpriseId,
        teamId: v.teamId,
        signedOn: day(v.signedOn),
        validFrom: day(v.validFrom),
        validUntil: day(v.validUntil),
        note: v.note,
      });
      await qc.invalidateQueries({ queryKey: ['teams'] });
      message.success(t('saved'));
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err));
        setRefused(err.message);
      } else throw err;
    }
  };
  return (
    <Modal
      open={open}
      title={t('emTeAddAgreement')}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      destroyOnHidden
    >
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
      <Form form={form} layout="vertical" preserve={false}>
        {!me?.scope.enterpriseId && (
          <Form.Item name="enterpriseId" label={t('emTeAgreementParty')} rules={[{ required: true, message: t('emTeAgreementParty') }]}>
            <Select showSearch filterOption={false} onSearch={picker.onSearch} options={picker.options} />
          </Form.Item>
        )}
        <Form.Item name="teamId" label={t('emTeAgreementTeam')} rules={[{ required: true, message: t('emTeAgreementTeam') }]}>
          <Select showSearch optionFilterProp="label" options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="signedOn" label={t('emTeSignedOn')} rules={[{ required: true, message: t('emTeSignedOn') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="validFrom" label={t('emTeValidFrom')} rules={[{ required: true, message: t('emTeValidFrom') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="validUntil" label={t('emTeValidUntil')} rules={[{ required: true, message: t('emTeValidUntil') }]}>
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export function AgreementsTable({ items, loading }: { items: AgreementItem[]; loading?: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const end = async (id: string) => {
    try {
      await endAgreement(id);
      await qc.invalidateQueries({ queryKey: ['teams'] });
    } catch (e) {
      if (e instanceof ApiError) message.error(e.message);
      else throw e;
    }
  };
  return (
    <Table<AgreementItem>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      data-testid="agreements-list"
      columns={[
        { title: t('emTeAgreementParty'), dataIndex: 'enterpriseName' },
        { title: t('emTeAgreementTeam'), key: 'team', render: (_, g) => <Link to={`/emergency/teams/${g.teamId}`}>{g.teamName}</Link> },
        { title: t('emTeSignedOn'), dataIndex: 'signedOn' },
        { title: t('emTeValidFrom'), dataIndex: 'validFrom' },
        { title: t('emTeValidUntil'), dataIndex: 'validUntil' },
        { title: t('emTeAgreementStatus'), key: 'status', render: (_, g) => <AgreementStatus s={g.status} /> },
        {
          title: '',
          key: 'actions',
          render: (_, g) =>
            g.allowedActions.includes('end') && (
              <Button size="small" danger onClick={() => end(g.id)}>
                {t('emTeEndAgreement')}
              </Button>
            ),
        },
      ]}
    />
  );
}

function AgreementsTab() {
  const { t } = useI18n();
  const { me } = useSession();
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: ['teams', 'agreements'], queryFn: fetchAgreements });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" message={t('emTeAgreementBasis')} />
      {(may(me, 'teams.manage') || me?.scope.enterpriseId) && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="agreement-add">
          {t('emTeAddAgreement')}
        </Button>
      )}
      <AgreementsTable items={list.data?.items ?? []} loading={list.isLoading} />
      <AgreementDialog open={adding} onClose={() => setAdding(false)} />
    </Space>
  );
}

function UncoveredTab() {
  const { t, lang } = useI18n();
  const list = useQuery({ queryKey: ['teams', 'uncovered'], queryFn: fetchUncovered });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="warning" message={t('emTeUncoveredIntro')} />
      <Table<UncoveredUnit>
        rowKey="enterpriseId"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => t('total', { n }) }}
        data-testid="uncovered-list"
        columns={[
          { title: t('emTeAgreementParty'), key: 'name', render: (_, u) => <Link to={`/enterprises/${u.enterpriseId}`}>{u.name}</Link> },
          { title: t('emTeRegion'), dataIndex: 'regionName' },
          { title: t('emTeIndustry'), dataIndex: 'industryCode' },
          {
            title: t('emTeHighRisk'),
            key: 'hr',
            render: (_, u) =>
              u.highRisk.map((h) => <Tag key={h}>{pick(lang, HIGH_RISK_LABELS[h as HighRiskFlag] ?? { zh: h, en: h })}</Tag>),
          },
        ]}
      />
    </Space>
  );
}

export function TeamsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const { params, setParams } = useFilters();
  const tab = (params.get('tab') ?? 'teams') as (typeof TABS)[number];
  const labels: Record<(typeof TABS)[number], string> = {
    teams: t('emTeTabTeams'),
    experts: t('emTeTabExperts'),
    agreements: t('emTeTabAgreements'),
    uncovered: t('emTeTabUncovered'),
  };
  const tabs = TABS.filter((k) => k !== 'uncovered' || !me?.scope.enterpriseId);
  return (
    <Card title={t('emTeMenuTeams')} data-testid="teams-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(new URLSearchParams(k === 'teams' ? {} : { tab: k }))}
        destroyOnHidden
        items={tabs.map((k) => ({
          key: k,
          label: labels[k],
          children:
            k === 'teams' ? <TeamsTab /> : k === 'experts' ? <ExpertsTab /> : k === 'agreements' ? <AgreementsTab /> : <UncoveredTab />,
        }))}
      />
    </Card>
  );
}
