// A warehouse: its facts, its batches (expiry, minimum, alerts), its ledger (every movement with the
// batch balance after it), and the buttons its allowedActions name — receive, issue (FEFO without a
// batch), transfer to another warehouse of the same keeper, reorder minimums, and the stock count
// page. A reserve of a level above shows read only. Owner: supplies.
import { MOVEMENT_KIND_LABELS, type MovementKind } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { WarehouseKindTag } from './SuppliesPage.tsx';
import {
  type Batch,
  fetchItems,
  fetchMovements,
  fetchWarehouse,
  fetchWarehouses,
  postMovement,
  postTransfer,
  putMinimum,
  type WarehouseDetail,
} from './supplies-api.ts';

const qty = (n: number) => Number(n.toFixed(3)).toLocaleString();
type Dialog = 'receive' | 'issue' | 'transfer' | 'setMinimum' | null;

export function BatchTags({ b }: { b: Pick<Batch, 'expired' | 'expiring' | 'belowMinimum'> }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      {b.expired ? <Tag color="red">{t('emSuExpired')}</Tag> : b.expiring ? <Tag color="orange">{t('emSuExpiring')}</Tag> : null}
      {b.belowMinimum && <Tag color="volcano">{t('emSuBelowMinimum')}</Tag>}
    </Space>
  );
}

export function WarehouseDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['supplies', 'warehouse', id], queryFn: () => fetchWarehouse(id) });
  const ledger = useQuery({ queryKey: ['supplies', 'ledger', id, page], queryFn: () => fetchMovements(id, `page=${page}&pageSize=20`) });
  const w = q.data;
  if (q.error) return <Card>{String(q.error)}</Card>;
  if (!w) return <Card loading />;
  const can = (a: WarehouseDetail['allowedActions'][number]) => w.allowedActions.includes(a);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="supplies-warehouse">
      <Card
        title={
          <Space wrap>
            {w.name}
            <WarehouseKindTag w={w} />
            {w.readOnly && <Tag>{t('emSuReadOnly')}</Tag>}
          </Space>
        }
        extra={<Link to="/emergency/supplies?tab=warehouse">{t('emSuBack')}</Link>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('emSuRegion')}>{w.enterpriseName ?? w.regionName ?? w.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t('emSuAddress')}>{w.address || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('emSuContact')}>
            {w.contactName} {w.contactPhone}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap data-testid="supplies-actions">
          {can('receive') && (
            <Button type="primary" onClick={() => setDialog('receive')}>
              {t('emSuReceive')}
            </Button>
          )}
          {can('issue') && <Button onClick={() => setDialog('issue')}>{t('emSuIssue')}</Button>}
          {can('transfer') && <Button onClick={() => setDialog('transfer')}>{t('emSuTransfer')}</Button>}
          {can('setMinimum') && <Button onClick={() => setDialog('setMinimum')}>{t('emSuSetMinimum')}</Button>}
          {can('count') && (
            <Link to={`/emergency/supplies/warehouses/${w.id}/count`}>
              <Button>{t('emSuCount')}</Button>
            </Link>
          )}
        </Space>
      </Card>
      <Card size="small" title={`${t('emSuBatches')}（${t('emSuExpiring')} ≤ ${w.expiryHorizon}）`}>
        <Table
          size="small"
          rowKey="id"
          dataSource={w.batches}
          pagination={{ pageSize: 30, showSizeChanger: false }}
          data-testid="supplies-batches"
          scroll={{ x: 800 }}
          columns={[
            { title: t('emSuItem'), render: (_, b) => `${b.itemName}${b.spec ? `（${b.spec}）` : ''}` },
            { title: t('emSuCode'), dataIndex: 'categoryCode', width: 90 },
            { title: t('emSuBatchNo'), dataIndex: 'batchNo', width: 110, render: (v: string) => v || '—' },
            { title: t('emSuExpiresOn'), dataIndex: 'expiresOn', width: 110, render: (v: string | null) => v ?? '—' },
            { title: t('emSuQuantity'), width: 110, render: (_, b) => `${qty(b.quantity)} ${b.unit}` },
            { title: t('emSuItemTotal'), width: 110, render: (_, b) => `${qty(b.itemTotal)} ${b.unit}` },
            { title: t('emSuMinimum'), width: 90, render: (_, b) => (b.minimum === null ? '—' : qty(b.minimum)) },
            { title: t('emSuAlerts'), width: 160, render: (_, b) => <BatchTags b={b} /> },
          ]}
        />
        {w.minimumsWithoutStock.length > 0 && (
          <Alert
            type="warning"
            showIcon
            message={w.minimumsWithoutStock.map((m) => `${m.itemName}: ${t('emSuMinimum')} ${qty(m.minimum)} ${m.unit}`).join('；')}
          />
        )}
      </Card>
      <Card size="small" title={t('emSuLedger')}>
        <Table
          size="small"
          rowKey="id"
          loading={ledger.isLoading}
          dataSource={ledger.data?.items ?? []}
          data-testid="supplies-ledger"
          scroll={{ x: 800 }}
          pagination={{ current: page, pageSize: 20, total: ledger.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('emSuAt'), dataIndex: 'at', width: 150, render: (v: string) => formatTime(v, lang) },
            {
              title: t('emSuMovementKind'),
              dataIndex: 'kind',
              width: 100,
              render: (k: MovementKind) => pick(lang, MOVEMENT_KIND_LABELS[k]),
            },
            { title: t('emSuItem'), dataIndex: 'itemName' },
            { title: t('emSuBatchNo'), dataIndex: 'batchNo', width: 100, render: (v: string) => v || '—' },
            {
              title: t('emSuDelta'),
              width: 100,
              render: (_, m) => (
                <Typography.Text type={m.delta < 0 ? 'danger' : 'success'}>
                  {m.delta > 0 ? '+' : ''}
                  {qty(m.delta)} {m.unit}
                </Typography.Text>
              ),
            },
            { title: t('emSuBalance'), width: 100, render: (_, m) => `${qty(m.balance)} ${m.unit}` },
            { title: t('emSuNote'), dataIndex: 'note' },
            { title: t('emSuActor'), dataIndex: 'actorName', width: 100 },
          ]}
        />
      </Card>
      {dialog && <MovementDialog w={w} dialog={dialog} onClose={() => setDialog(null)} />}
    </Space>
  );
}

function MovementDialog({ w, dialog, onClose }: { w: WarehouseDetail; dialog: Exclude<Dialog, null>; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  // Receiving and minimums take any catalogue item; issuing and transfers the items in stock here.
  const catalogue = useQuery({
    queryKey: ['supplies', 'items', 'pick', search],
    enabled: dialog === 'receive' || dialog === 'setMinimum',
    queryFn: () => fetchItems(new URLSearchParams({ pageSize: '50', ...(search ? { q: search } : {}) }).toString()),
  });
  const targets = useQuery({
    queryKey: ['supplies', 'warehouses', 'own'],
    enabled: dialog === 'transfer',
    queryFn: () => fetchWarehouses('scope=own&pageSize=500'),
  });
  const itemId = Form.useWatch('itemId', form);
  const inStock = [...new Map(w.batches.filter((b) => b.quantity > 0).map((b) => [b.itemId, b])).values()];
  const itemOptions =
    dialog === 'receive' || dialog === 'setMinimum'
      ? (catalogue.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}${i.spec ? `（${i.spec}）` : ''} · ${i.unit}` }))
      : inStock.map((b) => ({ value: b.itemId, label: `${b.itemName} · ${qty(b.itemTotal)} ${b.unit}` }));
  const batches = w.batches.filter((b) => b.itemId === itemId && b.quantity > 0);
  const title = { receive: t('emSuReceive'), issue: t('emSuIssue'), transfer: t('emSuTransfer'), setMinimum: t('emSuSetMinimum') }[dialog];

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setRefused(null);
    try {
      if (dialog === 'receive')
        await postMovement(w.id, { ...v, kind: 'in', expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null });
      else if (dialog === 'issue') await postMovement(w.id, { ...v, kind: 'out' });
      else if (dialog === 'transfer') await postTransfer(w.id, v);
      else await putMinimum(w.id, v);
      await qc.invalidateQueries({ queryKey: ['supplies'] });
      message.success(t('emSuSaved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        setRefused(e.message);
      } else throw e;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={title} onOk={save} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="supplies-movement-form">
        {refused && <Alert type="error" showIcon message={refused} style={{ marginBottom: 12 }} data-testid="supplies-refused" />}
        <Form.Item name="itemId" label={t('emSuItem')} rules={[{ required: true }]}>
          <Select showSearch filterOption={false} onSearch={setSearch} options={itemOptions} />
        </Form.Item>
        {dialog === 'transfer' && (
          <Form.Item name="toWarehouseId" label={t('emSuToWarehouse')} rules={[{ required: true }]}>
            <Select
              options={(targets.data?.items ?? []).filter((x) => x.id !== w.id && !x.readOnly).map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
        )}
        {(dialog === 'issue' || dialog === 'transfer') && (
          <Form.Item name="stockId" label={t('emSuBatchNo')} extra={t('emSuBatchHint')}>
            <Select
              allowClear
              options={batches.map((b) => ({
                value: b.id,
                label: `${b.batchNo || '—'} · ${qty(b.quantity)} ${b.unit}${b.expiresOn ? ` · ${b.expiresOn}` : ''}`,
              }))}
            />
          </Form.Item>
        )}
        {dialog === 'receive' && (
          <Space wrap>
            <Form.Item name="batchNo" label={t('emSuBatchNo')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="expiresOn" label={t('emSuExpiresOn')}>
              <DatePicker />
            </Form.Item>
          </Space>
        )}
        {dialog === 'setMinimum' ? (
          <Form.Item name="minimum" label={t('emSuMinimum')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        ) : (
          <Form.Item name="quantity" label={t('emSuQuantity')} rules={[{ required: true }]}>
            <InputNumber style={{ width: 160 }} />
          </Form.Item>
        )}
        {dialog !== 'setMinimum' && (
          <Form.Item name="note" label={t('emSuNote')}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
