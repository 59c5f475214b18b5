// One supplies request: each line's requested / approved / shipped / received (and returned,
// consumed, to replenish), the phone order's written-request clock, the proposal of warehouses
// (straight-line distance: road distance is out of scope; nearest first within the approving
// level, then the level above; designated producers when stock is short), the 调拨指令 with its PDF,
// the shipments with vehicle, driver and receipts, and the timeline. The buttons are exactly the
// server's allowedActions, each opening its step's form. Owner: dispatch.
import {
  DISPATCH_ACTION_LABELS,
  DISPATCH_STATUS_LABELS,
  type DispatchAction,
  type DispatchStatus,
  SHIPMENT_STATUS_LABELS,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { DispatchStatusTag, PriorityTag, WrittenClock } from './DispatchBoardPage.tsx';
import {
  type DispatchDetail,
  type DispatchLine,
  dispatchStep,
  fetchDispatchOptions,
  fetchProposal,
  fetchRequest,
  orderPdfUrl,
  type Proposal,
} from './dispatch-api.ts';

const fmt = (n: number | null) => (n === null ? '—' : String(Math.round(n * 1000) / 1000));

function ProposalCard({ p }: { p: Proposal }) {
  const { t } = useI18n();
  return (
    <Card title={t('emDiProposal')} size="small" data-testid="dispatch-proposal">
      <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('emDiStraightLine')} />
      {p.lines.map((l) => (
        <div key={l.lineId} style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            {l.itemName} · {fmt(l.quantity)} {l.unit}
          </Typography.Text>
          <Table
            rowKey="warehouseId"
            size="small"
            pagination={false}
            dataSource={l.picks}
            columns={[
              { title: t('emDiWarehouse'), dataIndex: 'name' },
              {
                title: t('emDiTier'),
                dataIndex: 'tier',
                render: (tier: number, x) => (
                  <Space size={2}>
                    <Tag color={tier === 0 ? 'blue' : 'purple'}>{tier === 0 ? t('emDiTierOwn') : t('emDiTierAbove')}</Tag>
                    {!x.mayShip && tier === 1 && <Typography.Text type="secondary">{t('emDiNeedsAbove')}</Typography.Text>}
                  </Space>
                ),
              },
              { title: t('emDiDistance'), dataIndex: 'distanceKm', render: (d: number | null) => (d === null ? '—' : `${d} km`) },
              { title: t('emDiAvailable'), dataIndex: 'available', render: fmt },
              { title: t('emDiTake'), dataIndex: 'quantity', render: fmt },
            ]}
          />
          {l.shortfall > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 4 }}
              message={`${t('emDiShortfall')} ${fmt(l.shortfall)} ${l.unit}`}
              description={
                l.producers.length ? (
                  <Space direction="vertical" size={0} data-testid="dispatch-producers-suggested">
                    <span>{t('emDiProducersSuggested')}</span>
                    {l.producers.map((x) => (
                      <span key={x.id}>
                        {x.enterpriseName} · {t('emDiCapacity')} {fmt(x.capacityPerDay)}/{t('emDiDay')} · {x.contactName} {x.contactPhone}
                        {x.distanceKm !== null ? ` · ${x.distanceKm} km` : ''}
                      </span>
                    ))}
                  </Space>
                ) : (
                  t('emDiNoProducers')
                )
              }
            />
          )}
        </div>
      ))}
    </Card>
  );
}

export function LinesTable({ lines, testId = 'dispatch-lines' }: { lines: DispatchLine[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <Table<DispatchLine>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={lines}
      data-testid={testId}
      scroll={{ x: true }}
      columns={[
        { title: t('emDiItem'), key: 'item', render: (_, l) => `${l.itemName}${l.spec ? `（${l.spec}）` : ''}` },
        { title: t('emDiUnit'), dataIndex: 'unit' },
        { title: t('emDiQtyRequested'), dataIndex: 'requested', render: (v: number) => <span data-testid="line-requested">{fmt(v)}</span> },
        {
          title: t('emDiQtyApproved'),
          dataIndex: 'approved',
          render: (v: number | null) => <span data-testid="line-approved">{fmt(v)}</span>,
        },
        { title: t('emDiQtyShipped'), dataIndex: 'shipped', render: (v: number) => <span data-testid="line-shipped">{fmt(v)}</span> },
        { title: t('emDiQtyReceived'), dataIndex: 'received', render: (v: number) => <span data-testid="line-received">{fmt(v)}</span> },
        { title: t('emDiQtyReturned'), dataIndex: 'returned', render: fmt },
        { title: t('emDiQtyConsumed'), dataIndex: 'consumed', render: fmt },
        { title: t('emDiQtyReplenish'), dataIndex: 'replenish', render: fmt },
      ]}
    />
  );
}

function StepFields({
  action,
  r,
  proposal,
  own,
}: {
  action: DispatchAction;
  r: DispatchDetail;
  proposal?: Proposal;
  own: { id: string; name: string }[];
}) {
  const { t } = useI18n();
  const req = (label: string) => [{ required: true, message: label }];
  const text = (name: string, label: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? req(label) : []}>
      <Input.TextArea rows={3} maxLength={2000} data-testid={`dispatch-field-${name}`} />
    </Form.Item>
  );
  const lineOptions = r.lines.map((l) => ({ value: l.id, label: `${l.itemName}（${t('emDiQtyReceived')} ${fmt(l.received)} ${l.unit}）` }));
  switch (action) {
    case 'submit':
      return <Typography.Text>{t('emDiConfirmSubmit')}</Typography.Text>;
    case 'approve':
      return (
        <>
          {r.lines.map((l, i) => (
            <Space key={l.id} align="baseline">
              <Form.Item name={['lines', i, 'lineId']} hidden initialValue={l.id}>
                <Input />
              </Form.Item>
              <Form.Item
                name={['lines', i, 'quantity']}
                label={`${l.itemName}（${t('emDiQtyRequested')} ${fmt(l.requested)} ${l.unit}）`}
                initialValue={l.requested}
                rules={req(t('emDiQtyApproved'))}
              >
                <InputNumber min={0} max={l.requested} data-testid={`dispatch-approve-${i}`} />
              </Form.Item>
            </Space>
          ))}
          {text('note', t('emDiNote'), false)}
        </>
      );
    case 'reject':
    case 'cancel':
      return text('reason', t('emDiReason'));
    case 'close':
      return text('note', t('emDiNote'), false);
    case 'issueOrder':
      return (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('emDiOrderNote')} />
          <Form.Item name="supplierContact" label={t('emDiSupplierContact')} rules={req(t('emDiSupplierContact'))}>
            <Input maxLength={50} data-testid="dispatch-field-supplierContact" />
          </Form.Item>
          <Form.Item name="supplierPhone" label={t('emDiSupplierPhone')} rules={req(t('emDiSupplierPhone'))}>
            <Input maxLength={20} data-testid="dispatch-field-supplierPhone" />
          </Form.Item>
        </>
      );
    case 'ship': {
      const warehouses = new Map<string, string>();
      for (const l of proposal?.lines ?? []) for (const p of l.picks) if (p.mayShip) warehouses.set(p.warehouseId, p.name);
      return (
        <>
          <Form.Item name="warehouseId" label={t('emDiFromWarehouse')} rules={req(t('emDiFromWarehouse'))} extra={t('emDiShipNote')}>
            <Select options={[...warehouses].map(([value, label]) => ({ value, label }))} data-testid="dispatch-field-warehouse" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="vehicle" label={t('emDiVehicle')} rules={req(t('emDiVehicle'))}>
              <Input maxLength={20} data-testid="dispatch-field-vehicle" />
            </Form.Item>
            <Form.Item name="driverName" label={t('emDiDriver')} rules={req(t('emDiDriver'))}>
              <Input maxLength={50} data-testid="dispatch-field-driverName" />
            </Form.Item>
            <Form.Item name="driverPhone" label={t('emDiDriverPhone')} rules={req(t('emDiDriverPhone'))}>
              <Input maxLength={20} data-testid="dispatch-field-driverPhone" />
            </Form.Item>
          </Space>
          {r.lines.map((l, i) => (
            <Space key={l.id} align="baseline">
              <Form.Item name={['lines', i, 'lineId']} hidden initialValue={l.id}>
                <Input />
              </Form.Item>
              <Form.Item
                name={['lines', i, 'quantity']}
                label={`${l.itemName}（${t('emDiToShip')} ${fmt((l.approved ?? 0) - l.shipped)} ${l.unit}）`}
                initialValue={Math.max(0, (l.approved ?? 0) - l.shipped)}
              >
                <InputNumber min={0} data-testid={`dispatch-ship-${i}`} />
              </Form.Item>
            </Space>
          ))}
        </>
      );
    }
    case 'receive':
      return <ReceiveFields r={r} own={own} />;
    case 'confirmWritten':
      return (
        <Form.Item name="writtenRef" label={t('emDiWrittenRef')} rules={req(t('emDiWrittenRef'))}>
          <Input maxLength={100} data-testid="dispatch-field-writtenRef" />
        </Form.Item>
      );
    case 'consume':
    case 'returnGoods':
      return (
        <>
          <Form.Item name="lineId" label={t('emDiItem')} rules={req(t('emDiItem'))}>
            <Select options={lineOptions} data-testid="dispatch-field-line" />
          </Form.Item>
          {action === 'returnGoods' && (
            <Form.Item name="warehouseId" label={t('emDiReturnWarehouse')} rules={req(t('emDiReturnWarehouse'))}>
              <Select options={own.map((w) => ({ value: w.id, label: w.name }))} />
            </Form.Item>
          )}
          <Form.Item name="quantity" label={t('emDiQuantity')} rules={req(t('emDiQuantity'))}>
            <InputNumber min={0} data-testid="dispatch-field-useQuantity" />
          </Form.Item>
          {text('note', t('emDiNote'), false)}
        </>
      );
  }
}

/** The receipt's fields: the shipment, the receiver, each line's quantity (≤ shipped − received), the own warehouse it enters. */
export function ReceiveFields({ r, own }: { r: DispatchDetail; own: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const open = r.shipments.filter((s) => s.status !== 'received');
  const form = Form.useFormInstance();
  const shipmentId = (Form.useWatch('shipmentId', form) as string | undefined) ?? open[0]?.id;
  const s = open.find((x) => x.id === shipmentId);
  return (
    <>
      <Form.Item
        name="shipmentId"
        label={t('emDiShipment')}
        initialValue={open[0]?.id}
        rules={[{ required: true, message: t('emDiShipment') }]}
      >
        <Select
          options={open.map((x) => ({ value: x.id, label: `${x.warehouseName} · ${x.vehicle} · ${x.driverName} ${x.driverPhone}` }))}
          data-testid="dispatch-field-shipment"
        />
      </Form.Item>
      {s?.lines.map((l, i) => (
        <Space key={l.id} align="baseline" wrap>
          <Form.Item name={['lines', i, 'shipmentLineId']} hidden initialValue={l.id}>
            <Input />
          </Form.Item>
          <Form.Item
            name={['lines', i, 'quantity']}
            label={`${l.itemName}（${t('emDiQtyShipped')} ${fmt(l.quantity)}，${t('emDiQtyReceived')} ${fmt(l.received)} ${l.unit}）`}
            initialValue={l.quantity - l.received}
            rules={[{ required: true, message: t('emDiQuantity') }]}
          >
            <InputNumber min={0} inputMode="decimal" style={{ width: 160 }} data-testid={`dispatch-receive-${i}`} />
          </Form.Item>
        </Space>
      ))}
      <Form.Item name="receiverName" label={t('emDiSigner')} rules={[{ required: true, message: t('emDiSigner') }]}>
        <Input maxLength={50} data-testid="dispatch-field-signer" />
      </Form.Item>
      {own.length > 0 && (
        <Form.Item name="warehouseId" label={t('emDiIntoWarehouse')} extra={t('emDiIntoWarehouseNote')}>
          <Select allowClear options={own.map((w) => ({ value: w.id, label: w.name }))} data-testid="dispatch-field-intoWarehouse" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('emDiNote')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}

export function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [action, setAction] = useState<DispatchAction | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const q = useQuery({ queryKey: ['dispatch-request', id], queryFn: () => fetchRequest(id) });
  const r = q.data;
  const showProposal = !!r && ['submitted', 'approved', 'partlyApproved', 'dispatched', 'inTransit', 'partlyReceived'].includes(r.status);
  const proposal = useQuery({ queryKey: ['dispatch-proposal', id, r?.version], queryFn: () => fetchProposal(id), enabled: showProposal });
  const opts = useQuery({ queryKey: ['dispatch-options'], queryFn: fetchDispatchOptions });

  if (q.error) return <Card>{q.error instanceof ApiError && q.error.status === 404 ? t('notFound') : String(q.error)}</Card>;
  if (!r) return <Card loading />;

  const start = (x: DispatchAction) => {
    form.resetFields();
    setRefused(null);
    setAction(x);
  };
  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    if (Array.isArray(v.lines)) v.lines = (v.lines as { quantity?: number }[]).filter((l) => action === 'approve' || (l.quantity ?? 0) > 0);
    setBusy(true);
    try {
      const next = await dispatchStep(r.id, action, { ...v, version: r.version });
      qc.setQueryData(['dispatch-request', id], next);
      await qc.invalidateQueries({ queryKey: ['dispatch'] });
      setAction(null);
      message.success(t('saved'));
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err));
        setRefused(err.message);
        if (err.status === 409 || err.status === 403) await q.refetch();
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  const own = opts.data?.ownWarehouses ?? [];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="dispatch-detail">
      <Card
        title={
          <Space wrap>
            <PriorityTag priority={r.priority} />
            <span>{r.purpose}</span>
            <DispatchStatusTag status={r.status} />
            <WrittenClock r={r} />
          </Space>
        }
        extra={<Link to="/emergency/dispatch">{t('emDiBack')}</Link>}
      >
        <Space wrap style={{ marginBottom: 16 }} data-testid="dispatch-actions">
          {r.allowedActions.length === 0 && <Typography.Text type="secondary">{t('emDiNoActions')}</Typography.Text>}
          {r.allowedActions.map((x, i) => (
            <Button
              key={x}
              type={i === 0 ? 'primary' : 'default'}
              danger={x === 'reject' || x === 'cancel'}
              onClick={() => start(x)}
              data-testid={`dispatch-step-${x}`}
            >
              {pick(lang, DISPATCH_ACTION_LABELS[x])}
            </Button>
          ))}
          {r.allowedActions.includes('receive') && (
            <Link to={`/emergency/dispatch/${r.id}/receive`} data-testid="dispatch-receive-page">
              {t('emDiReceivePage')}
            </Link>
          )}
        </Space>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('emDiFromTo')}>
            {r.regionName} → {r.supplierRegionName}
          </Descriptions.Item>
          <Descriptions.Item label={t('emDiNeededBy')}>{formatTime(r.neededBy, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('emDiDeliverTo')}>{r.deliverTo}</Descriptions.Item>
          <Descriptions.Item label={t('emDiReceiver')}>
            {r.receiverUnit} · {r.receiverName} {r.receiverPhone}
          </Descriptions.Item>
          <Descriptions.Item label={t('emDiEventRef')}>{r.eventRef ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('emDiRequestedBy')}>
            {r.requestedByName} · {formatTime(r.createdAt, lang)} {r.viaPhone && <Tag>{t('emDiViaPhone')}</Tag>}
          </Descriptions.Item>
          {r.viaPhone && (
            <Descriptions.Item label={t('emDiWrittenRef')}>
              {r.writtenRef ? `${r.writtenRef} · ${r.writtenAt ? formatTime(r.writtenAt, lang) : ''}` : <WrittenClock r={r} />}
            </Descriptions.Item>
          )}
          {r.approvedAt && (
            <Descriptions.Item label={t('emDiApprovedBy')}>
              {r.approvedByName} · {formatTime(r.approvedAt, lang)} {r.approvalNote ?? ''} {r.rejectReason ?? ''}
            </Descriptions.Item>
          )}
          {r.order && (
            <Descriptions.Item label={t('emDiOrder')} span={2}>
              <Space wrap>
                <span data-testid="dispatch-order-number">{r.order.number}</span>
                <span>
                  {t('emDiSupplierContact')}：{r.supplierContact} {r.supplierPhone}
                </span>
                <Button size="small" href={orderPdfUrl(r.id)} download data-testid="dispatch-order-pdf">
                  {t('emDiOrderPdf')}
                </Button>
              </Space>
            </Descriptions.Item>
          )}
          {r.cancelledAt && <Descriptions.Item label={t('emDiReason')}>{r.cancelReason}</Descriptions.Item>}
        </Descriptions>
      </Card>

      <Card title={t('emDiLines')} size="small">
        <LinesTable lines={r.lines} />
      </Card>

      {showProposal && proposal.data && <ProposalCard p={proposal.data} />}

      {r.shipments.length > 0 && (
        <Card title={t('emDiShipments')} size="small" data-testid="dispatch-shipments">
          {r.shipments.map((s) => (
            <Card
              key={s.id}
              size="small"
              style={{ marginBottom: 8 }}
              title={
                <Space wrap>
                  <span>{s.warehouseName}</span>
                  <Tag color={s.status === 'received' ? 'green' : s.status === 'inTransit' ? 'processing' : 'orange'}>
                    {pick(lang, SHIPMENT_STATUS_LABELS[s.status])}
                  </Tag>
                </Space>
              }
            >
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {t('emDiVehicle')} {s.vehicle} · {t('emDiDriver')} {s.driverName} {s.driverPhone} · {formatTime(s.shippedAt, lang)}
                {s.eta ? ` · ${t('emDiEta')} ${formatTime(s.eta, lang)}` : ''}
              </Typography.Paragraph>
              {s.lines.map((l) => (
                <div key={l.id}>
                  {l.itemName}：{t('emDiQtyShipped')} {fmt(l.quantity)}，{t('emDiQtyReceived')} {fmt(l.received)} {l.unit}
                </div>
              ))}
              {s.receipts.map((x) => (
                <Typography.Text key={x.id} type="secondary" style={{ display: 'block' }}>
                  {t('emDiSigner')} {x.receiverName} · {formatTime(x.receivedAt, lang)} {x.note}
                </Typography.Text>
              ))}
            </Card>
          ))}
        </Card>
      )}

      <Card title={t('emDiTimeline')} size="small">
        <Timeline
          items={r.events.map((ev) => ({
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  {formatTime(ev.at, lang)} · {ev.actorName} ·{' '}
                  {ev.action in DISPATCH_ACTION_LABELS
                    ? pick(lang, DISPATCH_ACTION_LABELS[ev.action as DispatchAction])
                    : pick(lang, DISPATCH_STATUS_LABELS[ev.to as DispatchStatus])}
                </span>
                {ev.note && <Typography.Text type="secondary">{ev.note}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </Card>

      <Modal
        open={action !== null}
        title={action ? pick(lang, DISPATCH_ACTION_LABELS[action]) : ''}
        onCancel={() => setAction(null)}
        onOk={submit}
        okText={t('submit')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        destroyOnHidden
        width={640}
      >
        {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} data-testid="dispatch-step-refused" />}
        <Form form={form} layout="vertical">
          {action && <StepFields action={action} r={r} proposal={proposal.data} own={own} />}
        </Form>
      </Modal>
    </Space>
  );
}
