// Admin: the hash-chained audit trail, with a one-click verification of the whole chain.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api.ts';
import { formatTime, useI18n } from '../../i18n.tsx';

type Event = {
  seq: number;
  at: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  hash: string;
  before: unknown;
  after: unknown;
  dayOnly?: boolean;
};
type Verify = { ok: boolean; checked: number; firstBroken: { seq: number; reason: string } | null };

export function AuditPage() {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [action, setAction] = useState('');
  const [verify, setVerify] = useState<Verify | null>(null);
  const list = useQuery({
    queryKey: ['audit', page, action],
    queryFn: () => api<Page<Event>>(`/api/v1/audit?page=${page}&pageSize=50${action ? `&action=${encodeURIComponent(action)}` : ''}`),
  });
  return (
    <Card
      title={t('audit')}
      extra={
        <Button onClick={async () => setVerify(await api<Verify>('/api/v1/audit/verify'))} data-testid="verify-chain">
          {t('verifyChain')}
        </Button>
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
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder={t('action')}
          allowClear
          onSearch={(v) => {
            setAction(v.trim());
            setPage(1);
          }}
        />
      </Space>
      <Table<Event>
        rowKey="seq"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('total', { n }) }}
        expandable={{
          expandedRowRender: (e) => (
            <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('time'), dataIndex: 'at', render: (v, e) => formatTime(v, lang, e.dayOnly), width: 150 },
          { title: t('actor'), dataIndex: 'actorName', width: 120 },
          { title: t('action'), dataIndex: 'action', width: 170 },
          { title: t('entity'), render: (_, e) => `${e.entityType}${e.entityId ? ` ${e.entityId.slice(0, 8)}` : ''}` },
          { title: 'hash', dataIndex: 'hash', render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
