// 监管要素变更申请 (issue 22, item 6): the enterprise asks for a change of the fields that decide
// its supervision; the confirming county approves or rejects; the enterprise may withdraw.

import { CHANGE_REQUEST_STATUS_LABELS, type ChangeRequest } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, type Enterprise, formErrors } from '../../api.ts';
import { flagLabel, industryLabel } from '../../components/labels.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { formatTime, type MessageKey, pick, useI18n } from '../../i18n.tsx';
import { useReference } from '../../reference.ts';

const FIELDS = ['regionCode', 'industryCode', 'highRisk', 'employees', 'revenueWan'] as const;
const FIELD_LABEL: Record<(typeof FIELDS)[number], MessageKey> = {
  regionCode: 'region',
  industryCode: 'industry',
  highRisk: 'highRisk',
  employees: 'employees',
  revenueWan: 'revenueWan',
};

/** The enterprise's request form: its supervision fields prefilled, a reason; only changed fields are sent. */
export function ChangeRequestButton({ enterprise }: { enterprise: Enterprise }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const submit = async (v: Record<string, unknown>) => {
    setError(null);
    const changes: Record<string, unknown> = {};
    for (const f of FIELDS) {
      const now = enterprise[f];
      const next = v[f] === undefined ? null : v[f];
      if (JSON.stringify(Array.isArray(now) ? [...now].sort() : now) !== JSON.stringify(Array.isArray(next) ? [...next].sort() : next))
        changes[f] = next;
    }
    try {
      await api(`/api/v1/enterprises/${enterprise.id}/change-requests`, { method: 'POST', json: { changes, reason: v.reason } });
      message.success(t('ecSubmitted'));
      setOpen(false);
      qc.invalidateQueries({ queryKey: ['changeRequests'] });
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        form.setFields(
          formErrors(e).map((x) => ({
            ...x,
            name: x.name[0] === 'changes' && x.name.length > 1 ? x.name.slice(1, 2) : x.name,
          })) as Parameters<typeof form.setFields>[0],
        );
      } else setError(String(e));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="request-change">
        {t('ecRequest')}
      </Button>
      <Modal
        open={open}
        title={t('ecRequestTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('ecRequest')}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'request-change-submit' } as ButtonProps}
      >
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="request-change-error" />}
        <Form
          form={form}
          name="changeRequest"
          layout="vertical"
          onFinish={submit}
          initialValues={Object.fromEntries(FIELDS.map((f) => [f, enterprise[f]]))}
          preserve={false}
        >
          <Form.Item name="regionCode" label={t('region')}>
            <RegionCascader />
          </Form.Item>
          <Form.Item name="industryCode" label={t('industryCode')}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(ref.data?.industryDivisions ?? []).map((d) => ({ value: d.code, label: `${d.code} ${pick(lang, d)}` }))}
            />
          </Form.Item>
          <Form.Item name="highRisk" label={t('highRisk')}>
            <Select mode="multiple" options={(ref.data?.highRiskFlags ?? []).map((f) => ({ value: f.code, label: pick(lang, f) }))} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="employees" label={t('employees')}>
              <InputNumber min={0} precision={0} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="revenueWan" label={t('revenueWan')}>
              <InputNumber min={0} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item name="reason" label={t('ecReason')} rules={[{ required: true, message: t('required') }]}>
            <Input.TextArea maxLength={500} rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Change requests: of one enterprise (its detail page), or those waiting for the caller. */
export function ChangeRequestList({ query }: { query: Record<string, string> }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<ChangeRequest | null>(null);
  const [note, setNote] = useState('');
  const qs = new URLSearchParams(query).toString();
  const list = useQuery({
    queryKey: ['changeRequests', qs],
    queryFn: () => api<{ items: ChangeRequest[]; total: number }>(`/api/v1/enterprise-change-requests?${qs}`),
  });
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || (Array.isArray(v) && !v.length)) return t('ecEmpty');
    if (field === 'industryCode') return industryLabel(ref.data, String(v), lang);
    if (field === 'highRisk') return (v as string[]).map((f) => flagLabel(ref.data, f, lang)).join('、');
    return String(v);
  };
  const act = async (r: ChangeRequest, action: string, body: object = {}) => {
    try {
      await api(`/api/v1/enterprise-change-requests/${r.id}/${action}`, { method: 'POST', json: body });
      message.success(t('ecDone'));
      qc.invalidateQueries({ queryKey: ['changeRequests'] });
      qc.invalidateQueries({ queryKey: ['enterprise', r.enterpriseId] });
      qc.invalidateQueries({ queryKey: ['workbench'] });
      return true;
    } catch (e) {
      message.error((e as Error).message);
      return false;
    }
  };
  if (list.error) return <Alert type="error" message={(list.error as Error).message} />;
  return (
    <>
      <List
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('ecNone')} /> }}
        data-testid="change-requests"
        renderItem={(r) => (
          <List.Item
            key={r.id}
            data-testid="change-request"
            actions={[
              r.allowedActions.includes('approve') && (
                <Button key="a" type="primary" size="small" onClick={() => act(r, 'approve')} data-testid="change-approve">
                  {t('ecApprove')}
                </Button>
              ),
              r.allowedActions.includes('reject') && (
                <Button key="r" danger size="small" onClick={() => setRejecting(r)} data-testid="change-reject">
                  {t('ecReject')}
                </Button>
              ),
              r.allowedActions.includes('withdraw') && (
                <Button key="w" size="small" onClick={() => act(r, 'withdraw')} data-testid="change-withdraw">
                  {t('ecWithdraw')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
                  <Tag color={r.status === 'pending' ? 'blue' : r.status === 'approved' ? 'green' : 'default'} data-testid="change-status">
                    {pick(lang, CHANGE_REQUEST_STATUS_LABELS[r.status])}
                  </Tag>
                </Space>
              }
              description={
                <Space direction="vertical" size={2}>
                  {Object.keys(r.changes).map((f) => (
                    <Typography.Text key={f}>
                      {t(FIELD_LABEL[f as (typeof FIELDS)[number]] ?? 'ecChanges')}：{show(f, r.before[f])} →{' '}
                      <strong>{show(f, r.changes[f])}</strong>
                    </Typography.Text>
                  ))}
                  <Typography.Text>
                    {t('ecReason')}：{r.reason}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('ecRequester')}：{r.requester} · {formatTime(r.requestedAt, lang)} · {t('ecConfirmBy')}：
                    {r.confirmRegionName ?? r.confirmRegionCode}
                  </Typography.Text>
                  {r.decisionNote && (
                    <Typography.Text>
                      {t('ecDecisionNote')}：{r.decisionNote}
                    </Typography.Text>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!rejecting}
        title={t('ecReject')}
        onCancel={() => setRejecting(null)}
        okButtonProps={{ danger: true, disabled: !note.trim(), 'data-testid': 'change-reject-submit' } as ButtonProps}
        onOk={async () => {
          if (rejecting && (await act(rejecting, 'reject', { note }))) {
            setRejecting(null);
            setNote('');
          }
        }}
      >
        <label htmlFor="change-reject-note">{t('ecRejectReason')}</label>
        <Input.TextArea id="change-reject-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={3} />
      </Modal>
    </>
  );
}

/** The page the workbench item opens: requests with the URL's filters (toConfirm=true: waiting for me). */
export function EnterpriseChangesPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  return (
    <Card title={t('ecTitle')}>
      <ChangeRequestList query={Object.fromEntries(params)} />
    </Card>
  );
}
