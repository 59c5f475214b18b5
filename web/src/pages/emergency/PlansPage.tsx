// 应急预案: the plans of the jurisdiction (an enterprise: its own) with views for waiting work
// (to sign or publish, to file, filing overdue, evaluation due/overdue, open revision triggers),
// and a new plan (an enterprise's, or a government department's for a supervisor). Owner: plans.

import { PlusOutlined } from '@ant-design/icons';
import { EMERGENCY_PLAN_STATUS_LABELS, EMERGENCY_PLAN_TYPE_LABELS, EMERGENCY_PLAN_TYPES, type EmergencyPlanType } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, formErrors } from '../../api.ts';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { type MessageKey, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { createPlan, fetchPlans, type PlanItem } from './plans-api.ts';

const VIEWS: [string, MessageKey][] = [
  ['all', 'emPlViewAll'],
  ['toSign', 'emPlViewToSign'],
  ['filingDue', 'emPlViewFilingDue'],
  ['filingOverdue', 'emPlViewFilingOverdue'],
  ['filingReturned', 'emPlDeskReturned'],
  ['evaluationDue', 'emPlViewEvaluationDue'],
  ['evaluationOverdue', 'emPlViewEvaluationOverdue'],
  ['openTriggers', 'emPlViewOpenTriggers'],
];

export function PlanStatusTag({ status }: { status: PlanItem['status'] }) {
  const { lang } = useI18n();
  const color = { draft: 'default', reviewed: 'blue', signed: 'geekblue', published: 'green', abolished: 'red' }[status];
  return <Tag color={color}>{pick(lang, EMERGENCY_PLAN_STATUS_LABELS[status])}</Tag>;
}

export function FilingCell({ p }: { p: PlanItem }) {
  const { t } = useI18n();
  if (p.status !== 'published') return <>—</>;
  if (!p.mustFile) return <Typography.Text type="secondary">{t('emPlNeedNotFile')}</Typography.Text>;
  if (p.refilingRequired) return <Tag color="orange">{t('emPlRefiling')}</Tag>;
  if (p.filedVersion !== null && p.filedVersion >= p.planVersion) return <Tag color="green">{t('emPlFiled')}</Tag>;
  return (
    <Tag color="red">
      {t('emPlNotFiled')} · {t('emPlFilingDueOn')} {p.filingDueOn}
    </Tag>
  );
}

function NewPlanDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const isEnterprise = !!me?.scope.enterpriseId;
  const ownerKind = Form.useWatch('ownerKind', form) ?? (isEnterprise ? 'enterprise' : 'government');
  const picker = useEnterprisePicker(open && !isEnterprise && ownerKind === 'enterprise');
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/api/v1/departments'),
    enabled: open && !isEnterprise,
  });
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const p = await createPlan({ ...v, ownerKind });
      onClose();
      nav(`/emergency/plans/${p.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err, 'top'));
        setRefused(err.message);
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('emPlNew')} onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden>
      {refused && <Alert type="error" message={refused} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ownerKind: isEnterprise ? 'enterprise' : 'government', planType: 'comprehensive' }}
      >
        {!isEnterprise && (
          <Form.Item name="ownerKind" label={t('emPlOwnerKind')}>
            <Radio.Group
              options={[
                { value: 'government', label: lang === 'zh' ? '政府部门' : 'Government department' },
                { value: 'enterprise', label: lang === 'zh' ? '生产经营单位' : 'Enterprise' },
              ]}
            />
          </Form.Item>
        )}
        {!isEnterprise && ownerKind === 'enterprise' && (
          <Form.Item name="enterpriseId" label={t('emPlOwner')} rules={[{ required: true, message: t('emPlOwner') }]}>
            <Select showSearch filterOption={false} onSearch={picker.onSearch} options={picker.options} data-testid="plan-enterprise" />
          </Form.Item>
        )}
        {!isEnterprise && ownerKind === 'government' && (
          <Form.Item name="departmentId" label={t('emPlOwner')} rules={[{ required: true, message: t('emPlOwner') }]}>
            <Select options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} data-testid="plan-department" />
          </Form.Item>
        )}
        <Form.Item name="planType" label={t('emPlType')} rules={[{ required: true }]}>
          <Select
            options={EMERGENCY_PLAN_TYPES.map((x) => ({ value: x, label: pick(lang, EMERGENCY_PLAN_TYPE_LABELS[x]) }))}
            data-testid="plan-type"
          />
        </Form.Item>
        <Form.Item name="title" label={t('emPlPlanTitle')} rules={[{ required: true, message: t('emPlPlanTitle') }]}>
          <Input maxLength={200} data-testid="plan-title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PlansPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') ?? 'all';
  const page = Number(params.get('page') ?? 1);
  const [creating, setCreating] = useState(false);
  const query = new URLSearchParams({ view, page: String(page), pageSize: '20' });
  const q = useQuery({ queryKey: ['emergency-plans', query.toString()], queryFn: () => fetchPlans(query.toString()) });
  return (
    <Card
      title={t('emPlTitle')}
      extra={
        may(me, 'emergencyPlans.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">
            {t('emPlNew')}
          </Button>
        )
      }
    >
      <Tabs activeKey={view} onChange={(k) => setParams({ view: k })} items={VIEWS.map(([k, label]) => ({ key: k, label: t(label) }))} />
      <Table<PlanItem>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: (p) => setParams({ view, page: String(p) }) }}
        columns={[
          {
            title: t('emPlPlanTitle'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <Link to={`/emergency/plans/${r.id}`} data-testid="plan-link">
                {v}
              </Link>
            ),
          },
          { title: t('emPlType'), dataIndex: 'planType', render: (v: EmergencyPlanType) => pick(lang, EMERGENCY_PLAN_TYPE_LABELS[v]) },
          { title: t('emPlOwner'), render: (_, r) => r.enterpriseName ?? r.departmentName },
          { title: t('emPlStatus'), dataIndex: 'status', render: (v: PlanItem['status']) => <PlanStatusTag status={v} /> },
          { title: t('emPlVersion'), dataIndex: 'planVersion' },
          { title: t('emPlPublishedOn'), dataIndex: 'publishedOn', render: (v: string | null) => v ?? '—' },
          { title: t('emPlFiling'), render: (_, r) => <FilingCell p={r} /> },
          {
            title: t('emPlEvaluationDue'),
            render: (_, r) =>
              r.evaluationDueOn ? (
                <Space>
                  {r.evaluationDueOn}
                  {r.evaluationOverdue && <Tag color="red">{t('emPlEvaluationOverdue')}</Tag>}
                </Space>
              ) : (
                '—'
              ),
          },
          { title: t('emPlTriggers'), dataIndex: 'openTriggers', render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : '—') },
        ]}
      />
      <NewPlanDialog open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
