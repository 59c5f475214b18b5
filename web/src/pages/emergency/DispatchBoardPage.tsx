// 调拨看板: the requests of the jurisdiction (the ones one's level made and the ones it must supply),
// each with the status of each line — requested / approved / shipped / received — and the phone
// order's written-request countdown. Filters live in the URL so the 工作台's links (?toApprove=true,
// ?toShip=true, ?toReceive=true, ?writtenDue=true) open the board filtered. Owner: dispatch.
import { PlusOutlined } from '@ant-design/icons';
import {
  DISPATCH_PRIORITY_LABELS,
  DISPATCH_STATUS_LABELS,
  DISPATCH_STATUSES,
  type DispatchPriority,
  type DispatchStatus,
} from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { type DispatchLine, type DispatchRequest, fetchRequests } from './dispatch-api.ts';

const STATUS_COLOUR: Record<DispatchStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  approved: 'blue',
  partlyApproved: 'geekblue',
  rejected: 'red',
  dispatched: 'cyan',
  inTransit: 'processing',
  partlyReceived: 'orange',
  received: 'green',
  closed: 'default',
  cancelled: 'default',
};
const PRIORITY_COLOUR: Record<DispatchPriority, string> = { urgent: 'red', high: 'orange', normal: 'default' };

export function DispatchStatusTag({ status }: { status: DispatchStatus }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="dispatch-status">
      {pick(lang, DISPATCH_STATUS_LABELS[status])}
    </Tag>
  );
}
export function PriorityTag({ priority }: { priority: DispatchPriority }) {
  const { lang } = useI18n();
  return <Tag color={PRIORITY_COLOUR[priority]}>{pick(lang, DISPATCH_PRIORITY_LABELS[priority])}</Tag>;
}

const fmt = (n: number | null) => (n === null ? '—' : String(Math.round(n * 1000) / 1000));

/** One line as the board shows it: 品名 申 100 / 批 60 / 发 60 / 收 20 (unit). */
export function LineQuantities({ l }: { l: DispatchLine }) {
  const { t } = useI18n();
  return (
    <span data-testid="dispatch-line">
      <b>{l.itemName}</b> {t('emDiQtyRequested')} {fmt(l.requested)} / {t('emDiQtyApproved')} {fmt(l.approved)} / {t('emDiQtyShipped')}{' '}
      {fmt(l.shipped)} / {t('emDiQtyReceived')} {fmt(l.received)} {l.unit}
    </span>
  );
}

/** The phone order's written-request clock: hours left, or overdue (the hours are a provisional setting). */
export function WrittenClock({ r }: { r: Pick<DispatchRequest, 'writtenClock' | 'writtenHours' | 'viaPhone' | 'writtenAt'> }) {
  const { t } = useI18n();
  if (!r.viaPhone) return null;
  if (r.writtenAt) return <Tag color="green">{t('emDiWrittenDone')}</Tag>;
  if (!r.writtenClock) return null;
  const hours = Math.floor(Math.abs(r.writtenClock.remainingMs) / 3_600_000);
  const minutes = Math.floor((Math.abs(r.writtenClock.remainingMs) % 3_600_000) / 60_000);
  return (
    <Tooltip title={`${t('emDiWrittenNote').replace('{h}', String(r.writtenHours))}（${t('emDiProvisional')}）`}>
      <Tag color={r.writtenClock.overdue ? 'red' : 'warning'} data-testid="dispatch-written-clock">
        {r.writtenClock.overdue ? t('emDiWrittenOverdue') : t('emDiWrittenLeft')} {hours}h{minutes}m
      </Tag>
    </Tooltip>
  );
}

const FLAGS = ['toApprove', 'toShip', 'toReceive', 'writtenDue'] as const;

export function DispatchBoardPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const phone = usePhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const q = useQuery({ queryKey: ['dispatch', params.toString()], queryFn: () => fetchRequests(params.toString()) });
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setParams(next);
  };
  const flag = FLAGS.find((f) => params.get(f) === 'true');
  const columns = [
    {
      title: t('emDiPriority'),
      dataIndex: 'priority',
      width: 80,
      render: (p: DispatchPriority) => <PriorityTag priority={p} />,
    },
    {
      title: t('emDiRequest'),
      key: 'request',
      render: (_: unknown, r: DispatchRequest) => (
        <Space direction="vertical" size={0}>
          <Link to={`/emergency/dispatch/${r.id}`} data-testid="dispatch-row-link">
            {r.purpose}
          </Link>
          <Typography.Text type="secondary">
            {r.regionName} → {r.supplierRegionName} · {r.deliverTo}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('emDiLines'),
      key: 'lines',
      render: (_: unknown, r: DispatchRequest) => (
        <Space direction="vertical" size={0}>
          {r.lines.map((l) => (
            <LineQuantities key={l.id} l={l} />
          ))}
        </Space>
      ),
    },
    { title: t('emDiNeededBy'), dataIndex: 'neededBy', width: 150, render: (v: string) => formatTime(v, lang) },
    {
      title: t('emDiStatus'),
      key: 'status',
      width: 150,
      render: (_: unknown, r: DispatchRequest) => (
        <Space direction="vertical" size={2}>
          <DispatchStatusTag status={r.status} />
          {r.viaPhone && <Tag>{t('emDiViaPhone')}</Tag>}
          <WrittenClock r={r} />
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={t('emDiBoard')}
      extra={
        <Space wrap>
          <Link to="/emergency/dispatch/replenishment">{t('emDiReplenishment')}</Link>
          {may(me, 'dispatch.request') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/emergency/dispatch/new')} data-testid="dispatch-new">
              {t('emDiNew')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={params.get('side') ?? 'all'}
          onChange={(v) => set('side', v === 'all' ? null : String(v))}
          options={[
            { value: 'all', label: t('emDiSideAll') },
            { value: 'mine', label: t('emDiSideMine') },
            { value: 'supplying', label: t('emDiSideSupplying') },
          ]}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('emDiStatus')}
          value={params.get('status') ?? undefined}
          onChange={(v) => set('status', v ?? null)}
          options={DISPATCH_STATUSES.map((s) => ({ value: s, label: pick(lang, DISPATCH_STATUS_LABELS[s]) }))}
        />
        {flag && (
          <Tag closable onClose={() => set(flag, null)} color="blue">
            {t(
              (
                {
                  toApprove: 'emDiWorkToApprove',
                  toShip: 'emDiWorkToShip',
                  toReceive: 'emDiWorkToReceive',
                  writtenDue: 'emDiWorkWrittenDue',
                } as const
              )[flag],
            )}
          </Tag>
        )}
      </Space>
      {phone ? (
        <MobileCards
          items={q.data?.items ?? []}
          loading={q.isLoading}
          rowKey={(r) => r.id}
          testId="dispatch-list"
          card={(r) => ({
            title: r.purpose,
            link: `/emergency/dispatch/${r.id}`,
            subtitle: `${r.regionName ?? ''} → ${r.supplierRegionName ?? ''}`,
            tags: (
              <Space wrap size={2}>
                <PriorityTag priority={r.priority} />
                <DispatchStatusTag status={r.status} />
                <WrittenClock r={r} />
              </Space>
            ),
            facts: r.lines.map((l) => ({ label: l.itemName, value: <LineQuantities l={l} /> })),
          })}
          pagination={{ current: page, total: q.data?.total ?? 0, pageSize: 20, onChange: (p: number) => set('page', String(p)) }}
        />
      ) : (
        <Table<DispatchRequest>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          columns={columns}
          data-testid="dispatch-list"
          pagination={{
            current: page,
            total: q.data?.total ?? 0,
            pageSize: 20,
            onChange: (p) => set('page', String(p)),
            showTotal: (n) => `${n}`,
          }}
        />
      )}
    </Card>
  );
}
