// 突发公共卫生事件 list: signals and events of the jurisdiction, filter by status, paged by the server. Owner: events.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type MessageKey, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { bjTime, type EventItem, fetchEvents } from './events-api.ts';
import { CreateEventDialog } from './events-forms.tsx';

const PAGE_SIZE = 20;
const STATUSES = ['signal', 'confirmed', 'responding', 'closed', 'dismissed'];

export function EventsPage() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const status = sp.get('status') ?? undefined;
  const chain = sp.get('chain') ?? undefined;
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['phEvents', status, chain, page],
    queryFn: () => fetchEvents({ status, chain, page: String(page), pageSize: String(PAGE_SIZE) }),
  });
  const m = (k: string) => t(k as MessageKey);
  const { me } = useSession();
  const nav = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={t('phEvListTitle')}
      data-testid="ph-events"
      extra={
        <Space>
          {may(me, 'phEvents.create') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('phEvCreate')}
            </Button>
          )}
          <Select
            aria-label={t('phEvStatus')}
            allowClear
            style={{ width: 160 }}
            placeholder={t('phEvStatus')}
            value={status}
            onChange={(v) => {
              setPage(1);
              setSp(v ? { status: v } : {});
            }}
            options={STATUSES.map((s) => ({ value: s, label: m(`phEvSt_${s}`) }))}
          />
        </Space>
      }
    >
      <Table<EventItem>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => t('total', { n }),
        }}
        columns={[
          { title: t('phEvNumber'), dataIndex: 'number', render: (v, r) => <Link to={`/public-health/events/${r.id}`}>{v}</Link> },
          { title: t('phEvTitle'), dataIndex: 'title' },
          { title: t('phEvKind'), dataIndex: 'kind', render: (v) => m(`phEvKd_${v}`) },
          { title: t('phEvGrade'), dataIndex: 'grade', render: (v) => (v ? <Tag color="red">{m(`phEvGr_${v}`)}</Tag> : '—') },
          {
            title: t('phEvStatus'),
            dataIndex: 'status',
            render: (v) => <Tag color={v === 'signal' ? 'orange' : undefined}>{m(`phEvSt_${v}`)}</Tag>,
          },
          { title: t('phEvRegion'), dataIndex: 'regionName' },
          { title: t('phEvDiscovered'), dataIndex: 'discoveredAt', render: (v) => bjTime(v) },
          { title: t('phEvAffected'), key: 'n', render: (_, r) => `${r.affected}/${r.deaths}` },
          { title: t('phEvChain'), key: 'chain', render: (_, r) => `${r.stepsDone}/${r.stepsTotal}` },
          { title: t('phEvOrigin'), dataIndex: 'origin', render: (v) => m(`phEvOr_${v}`) },
        ]}
      />
      {creating && <CreateEventDialog onClose={() => setCreating(false)} onCreated={(id) => nav(`/public-health/events/${id}`)} />}
    </Card>
  );
}
