// 行政处罚案件: cases in scope with their status, next step and deadlines (overdue tagged); filters
// in the URL (status, keyword, year, overdue, waiting for me — the workbench's links); 立案 for an
// enforcing officer.
import { PlusOutlined } from '@ant-design/icons';
import { CASE_ACTION_LABELS, CASE_DEADLINE_LABELS, CASE_STATUS_LABELS, CASE_STATUSES, type CaseDeadline } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { KeywordFilter } from '../../components/FilterControls.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, type MessageKey, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { type CaseSummary, createCase, fetchCases } from './cases-api.ts';

const STATE_COLOR: Record<CaseDeadline['state'], string> = { open: 'default', soon: 'orange', overdue: 'red', met: 'green' };
const STATE_KEY: Record<CaseDeadline['state'], MessageKey> = {
  open: 'caseDeadlineOpen',
  soon: 'caseDeadlineSoon',
  overdue: 'caseDeadlineOverdue',
  met: 'caseDeadlineMet',
};

export const daysFromToday = (due: string) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
};

/** A deadline as a tag: its kind and due date, coloured by state, with the countdown while it runs. */
export function DeadlineTag({ d }: { d: CaseDeadline }) {
  const { t, lang } = useI18n();
  const left = daysFromToday(d.due);
  const countdown =
    d.state === 'met' ? t('caseDeadlineMet') : left >= 0 ? t('caseDaysLeft', { n: left }) : t('caseDaysOverdue', { n: -left });
  return (
    <Tooltip title={`${pick(lang, CASE_DEADLINE_LABELS[d.kind])} ${d.due} · ${t(STATE_KEY[d.state])}`}>
      <Tag color={STATE_COLOR[d.state]} data-testid={`deadline-${d.kind}`}>
        {pick(lang, CASE_DEADLINE_LABELS[d.kind]).replace(/（.*）|\s*\(.*\)/, '')} · {countdown}
      </Tag>
    </Tooltip>
  );
}

export function CasesPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { params, set, pagination: pager, query } = useFilters();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ['enforcement-cases', query], queryFn: () => fetchCases(query) });
  const picker = useEnterprisePicker(open);
  const pagination = pager(list.data?.total, Number(params.get('pageSize') ?? 20), (n) => t('total', { n }));

  const save = async () => {
    const v = await form.validateFields();
    try {
      const c = await createCase({ enterpriseId: v.enterpriseId, title: v.title, facts: v.facts || undefined });
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['enforcement-cases'] });
      navigate(`/enforcement/cases/${c.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        message.error(e.message);
      } else throw e;
    }
  };

  const visibleDeadlines = (c: CaseSummary) => c.deadlines.filter((d) => d.state !== 'met');
  return (
    <Card
      title={t('caseList')}
      extra={
        may(me, 'enforcement.act') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="new-case"
            onClick={() => {
              form.resetFields();
              setOpen(true);
            }}
          >
            {t('caseNew')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <KeywordFilter placeholder="caseKeyword" testId="case-keyword" />
        <Select
          aria-label={t('caseStatus')}
          allowClear
          placeholder={t('caseStatus')}
          style={{ width: 150 }}
          value={params.get('status') ?? undefined}
          onChange={(v) => set('status', v)}
          options={CASE_STATUSES.map((s) => ({ value: s, label: pick(lang, CASE_STATUS_LABELS[s]) }))}
        />
        <InputNumber
          aria-label={t('caseYear')}
          placeholder={t('caseYear')}
          min={2000}
          max={2100}
          style={{ width: 120 }}
          value={params.get('year') ? Number(params.get('year')) : null}
          onChange={(v) => set('year', v ? String(v) : undefined)}
        />
        <Checkbox checked={params.get('overdue') === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)}>
          {t('caseOverdueOnly')}
        </Checkbox>
        <Checkbox checked={params.get('mine') === 'true'} onChange={(e) => set('mine', e.target.checked ? 'true' : undefined)}>
          {t('caseMineOnly')}
        </Checkbox>
        {params.get('decisionWithin') && (
          <Tag closable onClose={() => set('decisionWithin', undefined)}>
            {t('caseWorkDecisionSoon')}
          </Tag>
        )}
      </Space>
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={pagination}
        scroll={{ x: 1400 }}
        columns={[
          { title: t('caseNumber'), dataIndex: 'number', width: 190 },
          {
            title: t('caseTitle'),
            dataIndex: 'title',
            width: 260,
            render: (v: string, c) => <Link to={`/enforcement/cases/${c.id}`}>{v}</Link>,
          },
          { title: t('caseEnterprise'), dataIndex: 'enterpriseName', width: 220 },
          {
            title: t('caseStatus'),
            dataIndex: 'status',
            width: 150,
            render: (s: CaseSummary['status'], c) => (
              <Space size={4} wrap>
                <Tag>{pick(lang, CASE_STATUS_LABELS[s])}</Tag>
                {c.transferred && s !== 'transferred' && <Tag color="purple">{t('caseTransferredTag')}</Tag>}
                {c.publishedAt && <Tag color="blue">{t('casePublished')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('caseNextStep'),
            dataIndex: 'nextStep',
            width: 140,
            render: (s: CaseSummary['nextStep']) => (s ? pick(lang, CASE_ACTION_LABELS[s]) : '—'),
          },
          {
            title: t('caseDeadlines'),
            key: 'deadlines',
            width: 240,
            render: (_, c) => (
              <Space size={4} wrap>
                {visibleDeadlines(c).map((d) => (
                  <DeadlineTag key={d.kind} d={d} />
                ))}
              </Space>
            ),
          },
          { title: t('caseFine'), dataIndex: 'fine', width: 110, align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t('caseOwed'), dataIndex: 'owed', width: 100, align: 'right' },
          { title: t('caseFiledAt'), dataIndex: 'filedAt', width: 150, render: (v: string) => formatTime(v, lang, true) },
        ]}
      />
      <Modal
        open={open}
        title={t('caseNew')}
        onCancel={() => setOpen(false)}
        onOk={save}
        okText={t('save')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="enterpriseId" label={t('caseEnterprise')} rules={[{ required: true }]}>
            <Select showSearch filterOption={false} onSearch={picker.onSearch} options={picker.options} data-testid="case-enterprise" />
          </Form.Item>
          <Form.Item name="title" label={t('caseTitle')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="case-title" />
          </Form.Item>
          <Form.Item name="facts" label={t('caseFacts')}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
