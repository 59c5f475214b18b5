// 盘点 on a phone: one card per batch of the warehouse with its book quantity, a big input for the
// counted quantity and the reason of a difference; each card is recorded on its own (an 'adjust'
// movement with the reason, none when the count agrees). One column, large targets. Owner: supplies.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { type Batch, fetchWarehouse, postCount } from './supplies-api.ts';
import { BatchTags } from './WarehouseDetailPage.tsx';

const qty = (n: number) => Number(n.toFixed(3)).toLocaleString();

export function StockCountPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const q = useQuery({ queryKey: ['supplies', 'warehouse', id], queryFn: () => fetchWarehouse(id) });
  const w = q.data;
  if (q.error) return <Card>{String(q.error)}</Card>;
  if (!w) return <Card loading />;
  const batches = w.batches.filter((b) => !filter || b.itemName.includes(filter) || b.batchNo.includes(filter));
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 560 }} data-testid="supplies-count">
      <Card
        size="small"
        title={`${t('emSuCountTitle')} · ${w.name}`}
        extra={<Link to={`/emergency/supplies/warehouses/${w.id}`}>{t('emSuDetail')}</Link>}
      >
        {!w.allowedActions.includes('count') && <Alert type="info" showIcon message={t('emSuReadOnly')} />}
        <Input.Search
          allowClear
          size="large"
          placeholder={`${t('emSuItem')} / ${t('emSuBatchNo')}`}
          onChange={(e) => setFilter(e.target.value)}
        />
      </Card>
      {batches.map((b) => (
        <CountCard key={b.id} warehouseId={w.id} b={b} disabled={!w.allowedActions.includes('count')} />
      ))}
    </Space>
  );
}

function CountCard({ warehouseId, b, disabled }: { warehouseId: string; b: Batch; disabled: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setRefused(null);
    try {
      const r = await postCount(warehouseId, { stockId: b.id, counted: v.counted, reason: v.reason ?? '' });
      message.success(`${t('emSuCountDone')}：${r.difference > 0 ? '+' : ''}${qty(r.difference)} ${b.unit}`);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['supplies'] });
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
    <Card size="small" data-testid="supplies-count-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{b.itemName}</Typography.Text>
          <Typography.Text type="secondary">
            {b.batchNo || '—'}
            {b.expiresOn ? ` · ${b.expiresOn}` : ''}
          </Typography.Text>
          <BatchTags b={b} />
        </Space>
        <Typography.Text>
          {t('emSuBook')}：{qty(b.quantity)} {b.unit}
        </Typography.Text>
        {refused && <Alert type="error" showIcon message={refused} />}
        <Form form={form} layout="vertical" disabled={disabled}>
          <Form.Item name="counted" label={`${t('emSuCounted')}（${b.unit}）`} rules={[{ required: true }]}>
            <InputNumber size="large" min={0} inputMode="decimal" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('emSuReason')} rules={[{ required: true }]}>
            <Input size="large" maxLength={300} />
          </Form.Item>
          <Button type="primary" size="large" block loading={busy} onClick={save}>
            {t('emSuCountSave')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
