// 举报受理箱: reports of the jurisdiction by status, nearest deadline first (acceptance while
// received, conclusion after), overdue ones marked; and the identity requests waiting for this
// user's decision as a custodian.
import {
  PUBLIC_REPORT_CATEGORY_LABELS,
  PUBLIC_REPORT_OPEN_STATUSES,
  PUBLIC_REPORT_STATUS_LABELS,
  PUBLIC_REPORT_STATUSES,
  type PublicReportCategory,
  type PublicReportStatus,
  type RevealRequest,
  type WhistleblowerReportSummary,
} from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Checkbox, List, Segmented, Space, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { ActiveFilters } from '../../components/ActiveFilters.tsx';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';

/** Still waiting for a decision: the deadline shown is acceptance while received, conclusion after. */
const isOpen = (s: PublicReportStatus) => PUBLIC_REPORT_OPEN_STATUSES.includes(s);

const STATUS_COLORS: Partial<Record<PublicReportStatus, string>> = {
  received: 'gold',
  accepted: 'blue',
  verifying: 'processing',
  substantiated: 'red',
  rewardDecided: 'magenta',
  rewardPaid: 'purple',
};

export function ReportStatusTag({ status }: { status: PublicReportStatus }) {
  const { lang } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{pick(lang, PUBLIC_REPORT_STATUS_LABELS[status])}</Tag>;
}

export function ReportsPage() {
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const { params, set, query } = useFilters();
  const status = params.get('status') ?? 'open';
  const qs = new URLSearchParams(params);
  if (status === 'all') qs.delete('status');
  else qs.set('status', status);
  const q = useQuery({
    queryKey: ['reports', query],
    queryFn: () => api<{ items: WhistleblowerReportSummary[]; counts: Record<string, number> }>(`/api/v1/reports?${qs}`),
  });
  const phone = usePhone();
  const deadline = (r: WhistleblowerReportSummary) =>
    isOpen(r.status) ? (r.status === 'received' ? r.acceptDue : r.concludeDue) : (r.concludedOn ?? '');
  const reveals = useQuery({ queryKey: ['reveal-requests'], queryFn: () => api<{ items: RevealRequest[] }>('/api/v1/reveal-requests') });
  const counts = q.data?.counts ?? {};
  const open = PUBLIC_REPORT_OPEN_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {!!reveals.data?.items.length && (
        <Alert
          type="warning"
          message={t('revealWaiting', { n: reveals.data.items.length })}
          description={
            <List
              size="small"
              dataSource={reveals.data.items}
              renderItem={(v) => (
                <List.Item>
                  <Link to={`/reports/${v.reportId}`}>
                    {v.requester}：{v.reason}（{formatTime(v.requestedAt, lang)}）
                  </Link>
                </List.Item>
              )}
            />
          }
        />
      )}
      <Card title={t('reportInbox')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={status}
            onChange={(v) => set('status', String(v))}
            options={[
              { value: 'open', label: `${t('reportOpenStatuses')} ${open}` },
              ...PUBLIC_REPORT_STATUSES.map((s) => ({
                value: s,
                label: `${pick(lang, PUBLIC_REPORT_STATUS_LABELS[s])} ${counts[s] ?? 0}`,
              })),
              { value: 'all', label: t('all') },
            ]}
          />
          <Checkbox checked={params.get('overdue') === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)}>
            {t('overdueOnly')}
          </Checkbox>
        </Space>
        <ActiveFilters describe={(k, v) => (k === 'concludeBy' ? `${t('reportConcludeDue')} ≤ ${v}` : null)} />
        {phone ? (
          <MobileCards<WhistleblowerReportSummary>
            items={q.data?.items}
            loading={q.isLoading}
            rowKey={(r) => r.id}
            testId="report-cards"
            card={(r) => ({
              title: r.enterpriseName ?? r.regionName ?? r.regionCode,
              link: `/reports/${r.id}`,
              tags: (
                <>
                  <ReportStatusTag status={r.status} />
                  {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
                </>
              ),
              facts: [
                { label: t('reportReceivedOn'), value: r.receivedOn },
                { label: t('reportCategory'), value: pick(lang, PUBLIC_REPORT_CATEGORY_LABELS[r.category]) },
                ...(deadline(r) ? [{ label: t('reportDeadline'), value: deadline(r) }] : []),
                ...(r.assignee ? [{ label: t('reportAssignee'), value: r.assignee }] : []),
              ],
            })}
          />
        ) : (
          <Table<WhistleblowerReportSummary>
            rowKey="id"
            size="small"
            loading={q.isLoading}
            dataSource={q.data?.items}
            onRow={(r) => ({ onClick: () => nav(`/reports/${r.id}`), style: { cursor: 'pointer' } })}
            scroll={{ x: 800 }}
            columns={[
              { title: t('reportReceivedOn'), dataIndex: 'receivedOn', width: 110 },
              {
                title: t('reportCategory'),
                dataIndex: 'category',
                render: (c: PublicReportCategory) => pick(lang, PUBLIC_REPORT_CATEGORY_LABELS[c]),
                width: 120,
              },
              { title: t('reportSubject'), render: (_, r) => r.enterpriseName ?? r.regionName ?? r.regionCode },
              { title: t('status'), dataIndex: 'status', render: (s: PublicReportStatus) => <ReportStatusTag status={s} />, width: 150 },
              {
                title: t('reportDeadline'),
                width: 170,
                render: (_, r) =>
                  isOpen(r.status) ? (
                    <Space size={4}>
                      {r.status === 'received' ? r.acceptDue : r.concludeDue}
                      {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
                    </Space>
                  ) : (
                    (r.concludedOn ?? '')
                  ),
              },
              { title: t('reportAssignee'), dataIndex: 'assignee', width: 110 },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
