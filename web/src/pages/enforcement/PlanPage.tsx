// 分类分级与年度计划: the enterprises' supervision classes (A lowest risk … D highest) with their
// reasons and the hand-set ones; the county's annual plan (年度监督检查计划) with its capacity
// (工作日测算), items, the approval steps its allowedActions allow and the monthly progress; the
// campaigns (专项整治 / 攻坚行动) with their progress. The server decides every permission; the
// buttons follow the allowedActions sent with each record.
import {
  CAMPAIGN_KIND_LABELS,
  CAMPAIGN_KINDS,
  CAMPAIGN_PHASE_LABELS,
  type CampaignKind,
  type Checklist,
  INDUSTRY_DIVISIONS,
  PLAN_ACTION_LABELS,
  PLAN_ITEM_KIND_LABELS,
  PLAN_STATUS_LABELS,
  type PlanAction,
  SUPERVISION_CLASS_LABELS,
  SUPERVISION_CLASSES,
  type SupervisionClass,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, formErrors, type Region } from '../../api.ts';
import { Chart } from '../../components/Chart.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import {
  type Campaign,
  clearClassOverride,
  createCampaign,
  type EnterpriseClass,
  editPlanItem,
  fetchCampaigns,
  fetchClasses,
  fetchPlanItems,
  fetchPlanOfficers,
  fetchPlanProgress,
  fetchPlans,
  generatePlan,
  overrideClass,
  type Plan,
  type PlanItem,
  recomputeClasses,
  schedulePlanned,
  transitionPlan,
} from './plans-api.ts';

export const CLASS_COLOURS: Record<SupervisionClass, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export function ClassTag({ c }: { c: SupervisionClass }) {
  const { lang } = useI18n();
  return (
    <Tag color={CLASS_COLOURS[c]} title={pick(lang, SUPERVISION_CLASS_LABELS[c])}>
      {c}
    </Tag>
  );
}

/** The message of a failed call; field messages onto the form when there is one. */
function useFail() {
  const { message } = App.useApp();
  // Any form: its field names are the request's (typed forms take the field list as never).
  return (e: unknown, form?: { setFields: (f: never) => void }) => {
    if (e instanceof ApiError) {
      if (form) form.setFields(formErrors(e) as never);
      message.error(e.message);
    } else throw e;
  };
}

export function PlanPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState('classes');
  return (
    <Card title={t('planPageTitle')}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'classes', label: t('clsTab'), children: <ClassesTab /> },
          { key: 'plan', label: t('planTab'), children: <AnnualPlanTab /> },
          { key: 'campaigns', label: t('campTab'), children: <CampaignsTab /> },
        ]}
      />
    </Card>
  );
}

// ---- 分类分级 --------------------------------------------------------------------------------

function ClassesTab() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const fail = useFail();
  const [filter, setFilter] = useState<{ class?: string; q?: string; overridden?: string; page: number }>({ page: 1 });
  const [editing, setEditing] = useState<EnterpriseClass | null>(null);
  const [form] = Form.useForm<{ class: SupervisionClass; reason: string }>();
  const list = useQuery({ queryKey: ['enf-classes', filter], queryFn: () => fetchClasses({ ...filter, pageSize: 50 }) });
  const canAct = may(me, 'enforcement.act');
  const refresh = () => qc.invalidateQueries({ queryKey: ['enf-classes'] });

  const recompute = async (enterpriseId?: string) => {
    try {
      const r = await recomputeClasses(enterpriseId);
      message.success(t('clsRecomputed', { n: r.computed, m: r.changed }));
      await refresh();
    } catch (e) {
      fail(e);
    }
  };
  const saveOverride = async () => {
    if (!editing) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await overrideClass(editing.enterpriseId, { class: v.class, reason: v.reason, version: editing.version });
      message.success(t('saved'));
      setEditing(null);
      await refresh();
    } catch (e) {
      fail(e, form);
    }
  };
  const counts = list.data?.counts;

  return (
    <>
      <Alert type="info" showIcon message={t('clsHint')} style={{ marginBottom: 12 }} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('clsClass')}
          aria-label={t('clsClass')}
          style={{ width: 220 }}
          value={filter.class}
          onChange={(v) => setFilter({ ...filter, class: v, page: 1 })}
          options={SUPERVISION_CLASSES.map((c) => ({
            value: c,
            label: `${pick(lang, SUPERVISION_CLASS_LABELS[c])}${counts ? ` · ${counts[c]}` : ''}`,
          }))}
          data-testid="cls-filter-class"
        />
        <Input.Search
          allowClear
          placeholder={t('clsEnterprise')}
          onSearch={(q) => setFilter({ ...filter, q: q || undefined, page: 1 })}
          style={{ width: 220 }}
        />
        <Checkbox
          checked={filter.overridden === 'true'}
          onChange={(e) => setFilter({ ...filter, overridden: e.target.checked ? 'true' : undefined, page: 1 })}
        >
          {t('clsOnlyOverridden')}
        </Checkbox>
        {counts && (
          <Space size={4} data-testid="cls-counts">
            {SUPERVISION_CLASSES.map((c) => (
              <Tag key={c} color={CLASS_COLOURS[c]}>
                {c} {counts[c]}
              </Tag>
            ))}
            {counts.unclassified > 0 && <Tag>{`${t('clsUnclassified')} ${counts.unclassified}`}</Tag>}
          </Space>
        )}
        {canAct && (
          <Button onClick={() => recompute()} data-testid="cls-recompute-all">
            {t('clsRecomputeAll')}
          </Button>
        )}
      </Space>
      <Table<EnterpriseClass>
        rowKey="enterpriseId"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="cls-table"
        pagination={{
          current: filter.page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('total', { n }),
          onChange: (page) => setFilter({ ...filter, page }),
        }}
        columns={[
          {
            title: t('clsEnterprise'),
            dataIndex: 'enterpriseName',
            render: (name: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{name}</Link>,
          },
          {
            title: t('clsClass'),
            width: 140,
            render: (_, r) => (
              <Space size={4}>
                <ClassTag c={r.class} />
                {r.overrideClass && <Tag color="purple">{t('clsOverridden')}</Tag>}
              </Space>
            ),
          },
          { title: t('clsComputed'), width: 90, render: (_, r) => <ClassTag c={r.computedClass} /> },
          {
            title: t('clsReasons'),
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {r.reasons.map((x) => (
                  <Tag key={x.code}>{pick(lang, x)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('clsOverrideReason'),
            render: (_, r) =>
              r.overrideReason && (
                <Typography.Text type="secondary">
                  {r.overrideReason}（{r.overriddenByName}，{formatTime(r.overriddenAt ?? '', lang)}）
                </Typography.Text>
              ),
          },
          {
            title: t('actions'),
            width: 220,
            render: (_, r) => (
              <Space size={4} wrap>
                {r.allowedActions.includes('override') && (
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ class: r.class, reason: '' });
                      setEditing(r);
                    }}
                  >
                    {t('clsOverride')}
                  </Button>
                )}
                {r.allowedActions.includes('clearOverride') && (
                  <Popconfirm
                    title={t('clsClearConfirm')}
                    onConfirm={async () => {
                      try {
                        await clearClassOverride(r.enterpriseId);
                        await refresh();
                      } catch (e) {
                        fail(e);
                      }
                    }}
                  >
                    <Button size="small">{t('clsClearOverride')}</Button>
                  </Popconfirm>
                )}
                {r.allowedActions.includes('recompute') && (
                  <Button size="small" type="link" onClick={() => recompute(r.enterpriseId)}>
                    {t('clsRecompute')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={`${t('clsOverride')} · ${editing?.enterpriseName ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={saveOverride}
        okText={t('save')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="class" label={t('clsClass')} rules={[{ required: true, message: t('required') }]}>
            <Radio.Group
              options={SUPERVISION_CLASSES.map((c) => ({ value: c, label: pick(lang, SUPERVISION_CLASS_LABELS[c]) }))}
              optionType="button"
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('clsOverrideReason')}
            rules={[{ required: true, min: 4, whitespace: true, message: t('clsReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="cls-override-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

// ---- 年度计划 --------------------------------------------------------------------------------

function CountyPicker({ value, onChange }: { value?: string | undefined; onChange: (code: string | undefined) => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const prefix = me?.scope.regionPrefix ?? '';
  const counties = useQuery({
    queryKey: ['regions', prefix],
    queryFn: () => api<{ items: Region[] }>(`/api/v1/regions?parent=${prefix.padEnd(12, '0')}`),
    enabled: prefix.length === 4,
  });
  if (prefix.length === 6) return null;
  if (prefix.length === 4)
    return (
      <Select
        placeholder={t('planCounty')}
        aria-label={t('planCounty')}
        style={{ width: 200 }}
        value={value}
        onChange={onChange}
        options={(counties.data?.items ?? [])
          .filter((r) => r.level === 'county')
          .map((r) => ({ value: r.code.slice(0, 6), label: r.name }))}
        data-testid="plan-county"
      />
    );
  return (
    <RegionCascader
      placeholder={t('planCounty')}
      changeOnSelect
      style={{ width: 280 }}
      onChange={(code) => onChange(code && /^\d{6}0{6}$/.test(code) && !/^\d{4}00/.test(code) ? code.slice(0, 6) : undefined)}
    />
  );
}

function AnnualPlanTab() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const fail = useFail();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const ownCounty = me?.scope.regionPrefix.length === 6 ? me.scope.regionPrefix : undefined;
  const [county, setCounty] = useState<string | undefined>(ownCounty);
  const plans = useQuery({ queryKey: ['enf-plans', year], queryFn: () => fetchPlans(year) });
  // A city or province supervisor sees the first county's plan until they pick another county.
  const shown = county ?? plans.data?.items[0]?.countyCode.slice(0, 6);
  const plan = (plans.data?.items ?? []).find((p) => (shown ? p.countyCode.startsWith(shown) : true));
  const canPrepare =
    may(me, 'enforcement.act') && (me?.role === 'countySupervisor' || me?.role === 'citySupervisor' || me?.role === 'provinceSupervisor');
  const refresh = () => qc.invalidateQueries({ queryKey: ['enf-plans'] });

  const generate = async () => {
    try {
      await generatePlan({ year, ...(shown && shown !== ownCounty ? { countyCode: shown } : {}) });
      message.success(t('planGenerated'));
      await refresh();
      await qc.invalidateQueries({ queryKey: ['enf-plan-items'] });
      await qc.invalidateQueries({ queryKey: ['enf-classes'] });
    } catch (e) {
      fail(e);
    }
  };
  const act = (p: Plan, action: Exclude<PlanAction, 'generate' | 'edit' | 'schedule'>) =>
    modal.confirm({
      title: t('planConfirm', { a: pick(lang, PLAN_ACTION_LABELS[action]) }),
      onOk: async () => {
        try {
          await transitionPlan(p.id, { action, version: p.version });
          message.success(t('saved'));
          await refresh();
        } catch (e) {
          fail(e);
          await refresh();
        }
      },
    });

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={year}
          onChange={setYear}
          aria-label={t('planYear')}
          style={{ width: 120 }}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y}` }))}
          data-testid="plan-year"
        />
        <CountyPicker value={shown} onChange={setCounty} />
        {canPrepare && (!plan || plan.allowedActions.includes('generate')) && shown && (
          <Button type={plan ? 'default' : 'primary'} onClick={generate} data-testid="plan-generate">
            {plan ? PLAN_ACTION_LABELS.generate[lang] : t('planGenerate')}
          </Button>
        )}
        {plan?.allowedActions
          .filter((a): a is 'submit' | 'approve' | 'publish' | 'revise' => ['submit', 'approve', 'publish', 'revise'].includes(a))
          .map((a) => (
            <Button key={a} type={a === 'revise' ? 'default' : 'primary'} onClick={() => act(plan, a)} data-testid={`plan-${a}`}>
              {pick(lang, PLAN_ACTION_LABELS[a])}
            </Button>
          ))}
      </Space>
      {!plan ? <Empty description={plans.isLoading ? undefined : t('planNone')} /> : <PlanDetail plan={plan} />}
    </>
  );
}

function PlanDetail({ plan }: { plan: Plan }) {
  const { t, lang } = useI18n();
  const c = plan.capacity;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} data-testid="plan-summary">
        <Descriptions.Item label={t('planCounty')}>
          {plan.countyName} · {plan.year}
        </Descriptions.Item>
        <Descriptions.Item label={t('planStatus')}>
          <Tag color={plan.status === 'published' ? 'green' : plan.status === 'draft' ? 'default' : 'blue'} data-testid="plan-status">
            {pick(lang, PLAN_STATUS_LABELS[plan.status])}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('planSubmittedBy')}>
          {plan.submittedByName ? `${plan.submittedByName} ${formatTime(plan.submittedAt ?? '', lang)}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('planApprovedBy')}>
          {plan.approvedByName ? `${plan.approvedByName} ${formatTime(plan.approvedAt ?? '', lang)}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('planPublishedAt')}>{plan.publishedAt ? formatTime(plan.publishedAt, lang) : '—'}</Descriptions.Item>
      </Descriptions>
      {plan.status === 'submitted' && plan.allowedActions.length === 1 && plan.allowedActions[0] === 'revise' && (
        <Alert type="info" showIcon message={t('planFourEyes')} />
      )}
      <Space wrap size="large">
        <Statistic title={t('planKeyEnterprises')} value={plan.totals.keyEnterprises} />
        <Statistic title={t('planKeyInspections')} value={plan.totals.keyInspections} />
        <Statistic title={t('planGeneralEnterprises')} value={plan.totals.generalEnterprises} />
        <Statistic title={`${t('planExpectedGeneral')}（${plan.generalDrawPercent}%）`} value={plan.totals.expectedGeneralInspections} />
        <Statistic title={t('planPlanned')} value={plan.totals.plannedInspections} />
      </Space>
      <Card size="small" title={t('planCapacity')} data-testid="plan-capacity">
        <Space wrap size="large">
          <Statistic title={t('planOfficers')} value={c.officers} />
          <Statistic title={t('planWorkingDays')} value={c.workingDays} />
          <Statistic title={t('planShare')} value={c.inspectionSharePercent} suffix="%" />
          <Statistic title={t('planDaysPer')} value={c.daysPerInspection} />
          <Statistic title={t('planAvailable')} value={c.availableDays} />
          <Statistic title={t('planRequired')} value={c.requiredDays} valueStyle={c.ok ? undefined : { color: '#cf1322' }} />
        </Space>
        <Alert
          style={{ marginTop: 12 }}
          type={c.ok ? 'success' : 'error'}
          showIcon
          message={c.ok ? t('planCapacityOk') : t('planShortfall', { n: c.shortfallDays })}
          description={t('planProvisional')}
          data-testid="plan-capacity-result"
        />
      </Card>
      <PlanProgress plan={plan} />
      <PlanItems plan={plan} />
    </Space>
  );
}

function PlanProgress({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  const progress = useQuery({ queryKey: ['enf-plan-progress', plan.id, plan.version], queryFn: () => fetchPlanProgress(plan.id) });
  const months = progress.data?.months ?? [];
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 40, right: 40, bottom: 30, top: 40 },
      xAxis: { type: 'category', data: months.map((m) => t('planMonthN', { n: m.month })) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', minInterval: 1, position: 'right' },
      ],
      series: [
        { name: t('planCount'), type: 'bar', data: months.map((m) => m.planned) },
        { name: t('planDone'), type: 'bar', data: months.map((m) => m.done) },
        { name: t('planCumPlanned'), type: 'line', yAxisIndex: 1, data: months.map((m) => m.cumulativePlanned) },
        { name: t('planCumDone'), type: 'line', yAxisIndex: 1, data: months.map((m) => m.cumulativeDone) },
      ],
    }),
    [months, t],
  );
  return (
    <Card
      size="small"
      title={`${t('planProgress')}（${progress.data?.done ?? 0} / ${progress.data?.planned ?? 0}）`}
      data-testid="plan-progress"
    >
      {months.length > 0 && <Chart option={option} height={260} />}
      <Table
        rowKey="month"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={months}
        columns={[
          { title: t('planMonth'), dataIndex: 'month', render: (m: number) => t('planMonthN', { n: m }) },
          { title: t('planCount'), dataIndex: 'planned' },
          { title: t('planDone'), dataIndex: 'done' },
          { title: t('planCumPlanned'), dataIndex: 'cumulativePlanned' },
          { title: t('planCumDone'), dataIndex: 'cumulativeDone' },
        ]}
      />
    </Card>
  );
}

function PlanItems({ plan }: { plan: Plan }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const fail = useFail();
  const [filter, setFilter] = useState<{ kind?: string; class?: string; q?: string; page: number }>({ page: 1 });
  const [editing, setEditing] = useState<PlanItem | null>(null);
  const [scheduling, setScheduling] = useState<PlanItem | null>(null);
  const [editForm] = Form.useForm<{ kind: 'key' | 'general'; plannedCount: number; months: number[] }>();
  const [schedForm] = Form.useForm<{ officerIds: string[]; plannedOn: Dayjs }>();
  const items = useQuery({
    queryKey: ['enf-plan-items', plan.id, plan.version, filter],
    queryFn: () => fetchPlanItems(plan.id, { ...filter, pageSize: 50 }),
  });
  const officers = useQuery({
    queryKey: ['enf-plan-officers', plan.id, scheduling?.enterpriseId ?? null],
    queryFn: () => fetchPlanOfficers(plan.id, scheduling?.enterpriseId),
    enabled: !!scheduling,
  });
  const canEdit = plan.allowedActions.includes('edit');
  const canSchedule = plan.allowedActions.includes('schedule');
  const editKind = Form.useWatch('kind', editForm);

  const saveEdit = async () => {
    if (!editing) return;
    const v = await editForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await editPlanItem(plan.id, editing.id, v.kind === 'general' ? { kind: v.kind, plannedCount: v.plannedCount } : v);
      message.success(t('saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['enf-plans'] });
    } catch (e) {
      fail(e, editForm);
    }
  };
  const saveSchedule = async () => {
    if (!scheduling) return;
    const v = await schedForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await schedulePlanned(plan.id, scheduling.id, { officerIds: v.officerIds, plannedOn: v.plannedOn.format('YYYY-MM-DD') });
      message.success(t('planScheduled2'));
      setScheduling(null);
      await qc.invalidateQueries({ queryKey: ['enf-plan-items'] });
    } catch (e) {
      fail(e, schedForm);
    }
  };

  return (
    <Card size="small" title={t('planItems')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('planKind')}
          aria-label={t('planKind')}
          style={{ width: 180 }}
          onChange={(v) => setFilter({ ...filter, kind: v, page: 1 })}
          options={(['key', 'general'] as const).map((k) => ({ value: k, label: pick(lang, PLAN_ITEM_KIND_LABELS[k]) }))}
        />
        <Select
          allowClear
          placeholder={t('clsClass')}
          aria-label={t('clsClass')}
          style={{ width: 120 }}
          onChange={(v) => setFilter({ ...filter, class: v, page: 1 })}
          options={SUPERVISION_CLASSES.map((c) => ({ value: c, label: c }))}
        />
        <Input.Search allowClear placeholder={t('clsEnterprise')} onSearch={(q) => setFilter({ ...filter, q: q || undefined, page: 1 })} />
      </Space>
      <Table<PlanItem>
        rowKey="id"
        size="small"
        loading={items.isLoading}
        dataSource={items.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="plan-items"
        pagination={{
          current: filter.page,
          pageSize: 50,
          total: items.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('total', { n }),
          onChange: (page) => setFilter({ ...filter, page }),
        }}
        columns={[
          {
            title: t('clsEnterprise'),
            dataIndex: 'enterpriseName',
            render: (n: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{n}</Link>,
          },
          { title: t('clsClass'), width: 70, render: (_, r) => <ClassTag c={r.class} /> },
          {
            title: t('planKind'),
            render: (_, r) => <Tag color={r.kind === 'key' ? 'volcano' : 'default'}>{pick(lang, PLAN_ITEM_KIND_LABELS[r.kind])}</Tag>,
          },
          { title: t('planCount'), dataIndex: 'plannedCount', width: 80 },
          {
            title: t('planMonths'),
            render: (_, r) => (r.months.length ? r.months.map((m) => t('planMonthN', { n: m })).join('、') : '—'),
          },
          { title: t('planScheduled'), dataIndex: 'scheduled', width: 80 },
          { title: t('planDone'), dataIndex: 'done', width: 80 },
          {
            title: t('actions'),
            render: (_, r) => (
              <Space size={4}>
                {canEdit && (
                  <Button
                    size="small"
                    onClick={() => {
                      editForm.setFieldsValue({ kind: r.kind, plannedCount: r.plannedCount, months: r.months });
                      setEditing(r);
                    }}
                  >
                    {t('planEditItem')}
                  </Button>
                )}
                {canSchedule && r.kind === 'key' && r.scheduled < r.plannedCount && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      schedForm.resetFields();
                      setScheduling(r);
                    }}
                    data-testid="plan-schedule"
                  >
                    {t('planSchedule')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={`${t('planEditItem')} · ${editing?.enterpriseName ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={saveEdit}
        okText={t('save')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={editForm} layout="vertical">
          <Form.Item name="kind" label={t('planKind')}>
            <Radio.Group options={(['key', 'general'] as const).map((k) => ({ value: k, label: pick(lang, PLAN_ITEM_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="plannedCount" label={t('planCount')} rules={[{ required: true, message: t('required') }]}>
            <InputNumber min={0} max={52} precision={0} />
          </Form.Item>
          {editKind === 'key' && (
            <Form.Item name="months" label={t('planMonths')}>
              <Select
                mode="multiple"
                options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('planMonthN', { n: i + 1 }) }))}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={!!scheduling}
        title={`${t('planSchedule')} · ${scheduling?.enterpriseName ?? ''}`}
        onCancel={() => setScheduling(null)}
        onOk={saveSchedule}
        okText={t('save')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={schedForm} layout="vertical">
          <Form.Item
            name="officerIds"
            label={t('planOfficersPick')}
            rules={[{ required: true, type: 'array', len: 2, message: t('planOfficersTwo') }]}
          >
            <Select
              mode="multiple"
              maxCount={2}
              loading={officers.isLoading}
              options={(officers.data?.items ?? []).map((o) => ({
                value: o.userId,
                disabled: o.conflict,
                label: `${o.name}（${o.certificateNo}）${o.conflict ? ` · ${t('planConflict')}` : ''}`,
              }))}
              data-testid="plan-officers"
            />
          </Form.Item>
          <Form.Item name="plannedOn" label={t('planPlannedOn')} rules={[{ required: true, message: t('required') }]}>
            <DatePicker
              disabledDate={(d) => d.year() !== plan.year}
              defaultPickerValue={dayjs().year() === plan.year ? dayjs() : dayjs(`${plan.year}-01-01`)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

// ---- 专项整治 --------------------------------------------------------------------------------

function CampaignsTab() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const fail = useFail();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{
    name: string;
    kind: CampaignKind;
    period: [Dayjs, Dayjs];
    industries: string[];
    targets: string;
    checklistId?: string;
  }>();
  const list = useQuery({ queryKey: ['enf-campaigns'], queryFn: () => fetchCampaigns() });
  const checklists = useQuery({
    queryKey: ['checklists'],
    queryFn: () => api<{ items: Checklist[] }>('/api/v1/checklists'),
    enabled: open,
  });
  const canCreate = may(me, 'enforcement.act') && me?.role !== 'platformAdmin';

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await createCampaign({
        name: v.name,
        kind: v.kind,
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
        industries: v.industries ?? [],
        targets: v.targets,
        checklistId: v.checklistId ?? null,
      });
      message.success(t('saved'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['enf-campaigns'] });
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(
          formErrors(e).map((f) => ({ ...f, name: f.name[0] === 'startsOn' || f.name[0] === 'endsOn' ? ['period'] : f.name })) as never,
        );
        message.error(e.message);
      } else fail(e);
    }
  };

  return (
    <>
      {canCreate && (
        <Button
          type="primary"
          style={{ marginBottom: 12 }}
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ kind: 'special', industries: [] });
            setOpen(true);
          }}
          data-testid="camp-new"
        >
          {t('campNew')}
        </Button>
      )}
      <Table<Campaign>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        locale={{ emptyText: t('campNone') }}
        data-testid="camp-table"
        expandable={{
          expandedRowRender: (r) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{r.targets}</Typography.Paragraph>,
        }}
        columns={[
          { title: t('campName'), dataIndex: 'name' },
          {
            title: t('campKind'),
            render: (_, r) => <Tag color={r.kind === 'tough' ? 'red' : 'geekblue'}>{pick(lang, CAMPAIGN_KIND_LABELS[r.kind])}</Tag>,
          },
          { title: t('campPeriod'), render: (_, r) => `${r.startsOn} ~ ${r.endsOn}` },
          {
            title: t('campPhase'),
            render: (_, r) => (
              <Tag color={r.phase === 'running' ? 'green' : r.phase === 'upcoming' ? 'blue' : 'default'}>
                {pick(lang, CAMPAIGN_PHASE_LABELS[r.phase])}
              </Tag>
            ),
          },
          {
            title: t('campIndustries'),
            render: (_, r) =>
              r.industries.length
                ? r.industries.map((c) => {
                    const d = INDUSTRY_DIVISIONS.find((x) => x.code === c.slice(0, 2));
                    return <Tag key={c}>{d ? `${c} ${pick(lang, d)}` : c}</Tag>;
                  })
                : t('campAllIndustries'),
          },
          { title: t('campInspections'), render: (_, r) => `${r.progress.inspectionsDone} / ${r.progress.inspections}` },
          { title: t('campHazards'), render: (_, r) => `${r.progress.hazardsClosed} / ${r.progress.hazards}` },
        ]}
      />
      <Modal
        open={open}
        title={t('campNew')}
        onCancel={() => setOpen(false)}
        onOk={save}
        okText={t('save')}
        cancelText={t('cancel')}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('campName')} rules={[{ required: true, min: 2, message: t('required') }]}>
            <Input maxLength={100} data-testid="camp-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('campKind')} rules={[{ required: true, message: t('required') }]}>
            <Radio.Group options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: pick(lang, CAMPAIGN_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="period" label={t('campPeriod')} rules={[{ required: true, message: t('required') }]}>
            <DatePicker.RangePicker data-testid="camp-period" />
          </Form.Item>
          <Form.Item name="industries" label={t('campIndustries')} extra={t('campAllIndustries')}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={INDUSTRY_DIVISIONS.map((d) => ({ value: d.code, label: `${d.code} ${pick(lang, d)}` }))}
            />
          </Form.Item>
          <Form.Item name="targets" label={t('campTargets')} rules={[{ required: true, min: 2, message: t('required') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="camp-targets" />
          </Form.Item>
          <Form.Item name="checklistId" label={t('campChecklist')}>
            <Select
              allowClear
              loading={checklists.isLoading}
              options={(checklists.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
