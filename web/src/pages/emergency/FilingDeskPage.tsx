// 预案备案台 (the regulator's filing desk): filings awaiting acceptance with the 5-working-day
// countdown (unanswered, a filing is deemed filed), returned ones, filed ones with their record
// number, units that must file (Decree 708 Art. 7) with no plan filed, submissions overdue and
// plans overdue for their 3-year evaluation. Owner: plans.
import { EMERGENCY_PLAN_TYPE_LABELS, FILING_STATUS_LABELS } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { pick, useI18n } from '../../i18n.tsx';
import { FilingCell, PlanStatusTag } from './PlansPage.tsx';
import { type Filing, fetchFilings, fetchMissing, fetchPlans, type MissingUnit, type PlanItem } from './plans-api.ts';

function FilingTable({ view }: { view: string }) {
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey: ['emergency-filings', view], queryFn: () => fetchFilings(`view=${view}&pageSize=200`) });
  return (
    <Table<Filing>
      rowKey="id"
      size="small"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      scroll={{ x: true }}
      pagination={false}
      columns={[
        { title: t('emPlOwner'), dataIndex: 'enterpriseName' },
        {
          title: t('emPlPlanTitle'),
          render: (_, f) => (
            <Link to={`/emergency/plans/${f.planId}`} data-testid="desk-plan-link">
              {f.planTitle} (v{f.planVersion})
            </Link>
          ),
        },
        { title: t('emPlType'), render: (_, f) => (f.planType ? pick(lang, EMERGENCY_PLAN_TYPE_LABELS[f.planType]) : '') },
        { title: lang === 'zh' ? '提交日期' : 'Submitted', dataIndex: 'submittedOn' },
        { title: t('emPlAnswerDue'), dataIndex: 'answerDueOn' },
        {
          title: t('emPlDaysLeft'),
          dataIndex: 'workingDaysLeft',
          render: (n: number | null) => (n === null ? '—' : <Tag color={n <= 1 ? 'red' : n <= 2 ? 'orange' : 'blue'}>{n}</Tag>),
        },
        { title: t('emPlStatus'), dataIndex: 'status', render: (s: Filing['status']) => <Tag>{pick(lang, FILING_STATUS_LABELS[s])}</Tag> },
        { title: t('emPlRecordNumber'), dataIndex: 'recordNumber', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

function PlanTable({ view }: { view: string }) {
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey: ['emergency-plans', 'desk', view], queryFn: () => fetchPlans(`view=${view}&pageSize=200`) });
  return (
    <Table<PlanItem>
      rowKey="id"
      size="small"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      pagination={false}
      columns={[
        { title: t('emPlOwner'), render: (_, r) => r.enterpriseName ?? r.departmentName },
        { title: t('emPlPlanTitle'), render: (_, r) => <Link to={`/emergency/plans/${r.id}`}>{r.title}</Link> },
        { title: t('emPlType'), render: (_, r) => pick(lang, EMERGENCY_PLAN_TYPE_LABELS[r.planType]) },
        { title: t('emPlStatus'), render: (_, r) => <PlanStatusTag status={r.status} /> },
        { title: t('emPlFiling'), render: (_, r) => <FilingCell p={r} /> },
        { title: t('emPlEvaluationDue'), dataIndex: 'evaluationDueOn' },
      ]}
    />
  );
}

function MissingTable() {
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey: ['emergency-filings', 'missing'], queryFn: fetchMissing });
  return (
    <Table<MissingUnit>
      rowKey="enterpriseId"
      size="small"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      pagination={{ pageSize: 50 }}
      columns={[
        { title: t('emPlOwner'), dataIndex: 'name', render: (v: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{v}</Link> },
        { title: lang === 'zh' ? '区划代码' : 'Region', dataIndex: 'regionCode' },
        {
          title: t('emPlDecree708'),
          dataIndex: 'decree708',
          render: (v: boolean) => (v ? <Tag color="red">{t('emPlDecree708')}</Tag> : <Tag>{t('emPlProvisional')}</Tag>),
        },
        { title: t('emPlHasPublished'), dataIndex: 'hasPublishedPlan', render: (v: boolean) => (v ? '✓' : '—') },
      ]}
    />
  );
}

export function FilingDeskPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? params.get('view') ?? 'pending';
  return (
    <Card title={t('emPlMenuDesk')}>
      <Typography.Paragraph type="secondary">{t('emPlDeemedNote')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        destroyOnHidden
        items={[
          { key: 'pending', label: t('emPlDeskPending'), children: <FilingTable view="pending" /> },
          { key: 'returned', label: t('emPlDeskReturned'), children: <FilingTable view="returned" /> },
          { key: 'filed', label: t('emPlDeskFiled'), children: <FilingTable view="filed" /> },
          { key: 'missing', label: t('emPlDeskMissing'), children: <MissingTable /> },
          { key: 'filingOverdue', label: t('emPlDeskOverdue'), children: <PlanTable view="filingOverdue" /> },
          { key: 'evaluationOverdue', label: t('emPlDeskEvaluation'), children: <PlanTable view="evaluationOverdue" /> },
        ]}
      />
    </Card>
  );
}
