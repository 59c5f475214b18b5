// Admin: the hash-chained audit trail filtered by who, what, which object and when (filters in the
// URL), exported as a workbook, with a one-click verification of the whole chain.
import { DownloadOutlined } from '@ant-design/icons';
import { type AuditEventOut, type AuditVerify, actorLabel, auditActionLabel, auditEntityLabel } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api.ts';
import { DateRangeFilter, KeywordFilter } from '../../components/FilterControls.tsx';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, useI18n } from '../../i18n.tsx';

type Event = AuditEventOut;
type Verify = AuditVerify;

export function AuditPage() {
  const { t, lang } = useI18n();
  const { params, set, query: qs, exportQuery } = useFilters();
  const page = Number(params.get('page') ?? 1);
  const [verify, setVerify] = useState<Verify | null>(null);
  const list = useQuery({
    queryKey: ['audit', qs],
    queryFn: () => api<Page<Event>>(`/api/v1/audit?pageSize=50&${qs}`),
  });
  return (
    <Card
      title={t('audit')}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={`/api/v1/audit/export?${exportQuery}`} data-testid="audit-export">
            {t('export')}
          </Button>
          <Button onClick={async () => setVerify(await api<Verify>('/api/v1/audit/verify'))} data-testid="verify-chain">
            {t('verifyChain')}
          </Button>
        </Space>
      }
    >
      {verify && (
        <Alert
          style={{ marginBottom: 12 }}
          type={verify.ok ? 'success' : 'error'}
          message={
            verify.ok
              ? t('chainOk', { n: verify.checked })
              : t('chainBroken', { seq: verify.firstBroken?.seq ?? '', reason: verify.firstBroken?.reason ?? '' })
          }
          data-testid="verify-result"
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <KeywordFilter param="actor" placeholder="filterAuditActor" width={180} />
        <KeywordFilter param="action" placeholder="filterAuditAction" width={300} />
        <KeywordFilter param="entityType" placeholder="filterAuditEntityType" width={150} />
        <KeywordFilter param="entityId" placeholder="filterAuditEntityId" width={300} />
        <DateRangeFilter label="filterAuditDate" />
      </Space>
      <Table<Event>
        rowKey="seq"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          onChange: (p) => set('page', String(p)),
          showTotal: (n) => t('total', { n }),
        }}
        expandable={{
          expandedRowRender: (e) => (
            <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('time'), dataIndex: 'at', render: (v, e) => formatTime(v, lang, e.dayOnly), width: 150 },
          { title: t('actor'), dataIndex: 'actorName', width: 120, render: (v: string) => actorLabel(v, lang) },
          {
            title: t('action'),
            dataIndex: 'action',
            width: 170,
            // The label to read; the code stays in the tooltip for whoever searches by it.
            render: (v: string) => <span title={v}>{auditActionLabel(v, lang)}</span>,
          },
          {
            title: t('entity'),
            render: (_, e) => (
              <>
                {auditEntityLabel(e.entityType, lang)}
                {e.entityId && <Typography.Text type="secondary"> {e.entityId.slice(0, 8)}</Typography.Text>}
              </>
            ),
          },
          { title: 'hash', dataIndex: 'hash', render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
