// 风险主动报告: enterprises draft and submit their major and high risks; supervisors acknowledge
// or return them with a reason. The buttons shown are the actions the server allows.
import { REPORT_STATUS_LABELS, type ReportStatus, type RiskLevel } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api.ts';
import { LevelTag } from '../../components/LevelTag.tsx';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import type { RiskReport } from './api.ts';

type Report = RiskReport;
const STATUS_COLOUR: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  acknowledged: 'success',
  returned: 'error',
};

export function RiskReportsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  // The workbench links here with ?status=submitted (or returned).
  const { params, set } = useFilters();
  const status = params.get('status') ?? undefined;
  const setStatus = (v: string | undefined) => set('status', v);
  const [returning, setReturning] = useState<Report | null>(null);
  const [reason, setReason] = useState('');
  const list = useQuery({
    queryKey: ['risk-reports', status],
    queryFn: () => api<Page<Report>>(`/api/v1/risk-reports${status ? `?status=${status}` : ''}`),
  });
  const act = async (r: Report, action: string, extra: object = {}) => {
    try {
      await api(`/api/v1/risk-reports/${r.id}/transitions`, { method: 'POST', json: { action, version: r.version, ...extra } });
      message.success(t('saved'));
      qc.invalidateQueries({ queryKey: ['risk-reports'] });
    } catch (e) {
      message.error((e as Error).message + Object.values((e as { fields?: Record<string, string> }).fields ?? {}).join('；'));
    }
  };
  return (
    <Card
      title={t('riskReports')}
      extra={
        may(me, 'risks.createReport') && (
          <Button
            type="primary"
            data-testid="new-report"
            onClick={async () => {
              await api('/api/v1/risk-reports', { method: 'POST', json: { enterpriseId: me?.scope.enterpriseId } });
              qc.invalidateQueries({ queryKey: ['risk-reports'] });
            }}
          >
            {t('newReport')}
          </Button>
        )
      }
    >
      <Select
        aria-label={t('status')}
        allowClear
        placeholder={t('status')}
        style={{ width: 160, marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={Object.entries(REPORT_STATUS_LABELS).map(([k, v]) => ({ value: k, label: pick(lang, v) }))}
      />
      <Table<Report>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 800 }}
        data-testid="risk-reports"
        expandable={{
          expandedRowRender: (r) => (
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={r.items}
              columns={[
                { title: t('riskPoint'), dataIndex: 'name' },
                { title: t('location'), dataIndex: 'location' },
                { title: t('score'), dataIndex: 'score' },
                { title: t('level'), dataIndex: 'level', render: (v: RiskLevel | null) => <LevelTag level={v} /> },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('enterprise'), dataIndex: 'enterpriseName' },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: ReportStatus) => <Tag color={STATUS_COLOUR[s]}>{pick(lang, REPORT_STATUS_LABELS[s])}</Tag>,
          },
          { title: t('items'), render: (_, r) => r.items.length },
          { title: t('submittedAt'), dataIndex: 'submittedAt', render: (v: string | null) => (v ? formatTime(v, lang) : '') },
          { title: t('returnReason'), dataIndex: 'returnReason' },
          {
            title: t('actions'),
            render: (_, r) => (
              <Space>
                {r.allowedActions.includes('submit') && (
                  <Button size="small" type="primary" onClick={() => act(r, 'submit')} data-testid="submit-report">
                    {t('submit')}
                  </Button>
                )}
                {r.allowedActions.includes('acknowledge') && (
                  <Button size="small" type="primary" onClick={() => act(r, 'acknowledge')} data-testid="acknowledge-report">
                    {t('acknowledge')}
                  </Button>
                )}
                {r.allowedActions.includes('return') && (
                  <Button size="small" danger onClick={() => setReturning(r)}>
                    {t('returnReport')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!returning}
        title={t('returnReason')}
        onCancel={() => setReturning(null)}
        onOk={async () => {
          if (returning) await act(returning, 'return', { reason });
          setReturning(null);
          setReason('');
        }}
      >
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      </Modal>
    </Card>
  );
}
