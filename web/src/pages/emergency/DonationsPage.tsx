// 捐赠物资: the donations received in the jurisdiction — donor (a person who asked for anonymity is
// never shown on the public summary), item, quantity, use, the warehouse it entered — and their
// distribution; the public summary (totals by item and use) as the public sees it. Owner: dispatch.
import { PlusOutlined } from '@ant-design/icons';
import { DONATION_USE_LABELS, DONATION_USES, DONOR_KIND_LABELS, DONOR_KINDS, type DonationUse, type DonorKind } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import {
  createDonation,
  type Donation,
  distributeDonation,
  fetchDispatchOptions,
  fetchDonations,
  fetchPublicDonations,
} from './dispatch-api.ts';

export function DonationsPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState<'new' | Donation | null>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['dispatch-donations'], queryFn: () => fetchDonations() });
  const pub = useQuery({ queryKey: ['dispatch-donations-public'], queryFn: () => fetchPublicDonations() });
  const opts = useQuery({ queryKey: ['dispatch-options'], queryFn: fetchDispatchOptions, enabled: open === 'new' });

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setRefused(null);
    try {
      if (open === 'new') await createDonation({ ...v, receivedOn: (v.receivedOn as dayjs.Dayjs).format('YYYY-MM-DD') });
      else if (open) await distributeDonation(open.id, v);
      await qc.invalidateQueries({ queryKey: ['dispatch-donations'] });
      await qc.invalidateQueries({ queryKey: ['dispatch-donations-public'] });
      setOpen(null);
      message.success(t('saved'));
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err));
        setRefused(err.message);
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  const use = (u: string) => pick(lang, DONATION_USE_LABELS[u as DonationUse] ?? { zh: u, en: u });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={t('emDiDonations')}
        extra={
          list.data?.mayManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                setOpen('new');
              }}
              data-testid="donation-new"
            >
              {t('emDiDonationNew')}
            </Button>
          )
        }
      >
        <Table<Donation>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          data-testid="donation-list"
          columns={[
            { title: t('emDiReceivedOn'), dataIndex: 'receivedOn' },
            {
              title: t('emDiDonor'),
              key: 'donor',
              render: (_, d) => (
                <Space size={2}>
                  <span>{d.donorName}</span>
                  <Tag>{pick(lang, DONOR_KIND_LABELS[d.donorKind])}</Tag>
                  {d.anonymous && <Tag color="purple">{t('emDiAnonymous')}</Tag>}
                </Space>
              ),
            },
            { title: t('emDiItem'), key: 'item', render: (_, d) => `${d.itemName} ${d.quantity} ${d.unit}` },
            { title: t('emDiUse'), dataIndex: 'use', render: use },
            { title: t('emDiDistributed'), key: 'dist', render: (_, d) => `${d.distributed} / ${d.quantity}` },
            { title: t('emDiWarehouse'), dataIndex: 'warehouseName', render: (v: string | null) => v ?? '—' },
            {
              title: t('actions'),
              key: 'a',
              render: (_, d) =>
                list.data?.mayManage && d.distributed < d.quantity ? (
                  <Button
                    size="small"
                    onClick={() => {
                      form.resetFields();
                      setOpen(d);
                    }}
                  >
                    {t('emDiDistribute')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title={t('emDiPublicSummary')} size="small" data-testid="donation-public">
        <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('emDiPublicNote')} />
        <Table
          rowKey={(x) => `${x.itemName}-${x.use}`}
          size="small"
          pagination={false}
          dataSource={pub.data?.totals ?? []}
          columns={[
            { title: t('emDiItem'), dataIndex: 'itemName' },
            { title: t('emDiUse'), dataIndex: 'use', render: use },
            { title: t('emDiQuantity'), key: 'q', render: (_, x) => `${x.quantity} ${x.unit}` },
            { title: t('emDiDistributed'), dataIndex: 'distributed' },
          ]}
        />
        <div style={{ marginTop: 8 }}>
          {t('emDiDonors')}：{(pub.data?.donors ?? []).map((d) => d.name).join('、') || '—'}
          {pub.data?.anonymousDonations ? `；${t('emDiAnonymousCount').replace('{n}', String(pub.data.anonymousDonations))}` : ''}
        </div>
      </Card>
      <Modal
        open={open !== null}
        title={open === 'new' ? t('emDiDonationNew') : t('emDiDistribute')}
        onCancel={() => setOpen(null)}
        onOk={submit}
        okText={t('submit')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
        <Form form={form} layout="vertical" initialValues={{ donorKind: 'unit', use: 'relief', anonymous: false }}>
          {open === 'new' ? (
            <>
              <Form.Item name="donorKind" label={t('emDiDonorKind')}>
                <Radio.Group options={DONOR_KINDS.map((k: DonorKind) => ({ value: k, label: pick(lang, DONOR_KIND_LABELS[k]) }))} />
              </Form.Item>
              <Form.Item name="donorName" label={t('emDiDonor')} rules={[{ required: true, message: t('emDiDonor') }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="donorContact" label={t('emDiDonorContact')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="anonymous" valuePropName="checked">
                <Checkbox>{t('emDiAnonymousAsk')}</Checkbox>
              </Form.Item>
              <Form.Item name="itemId" label={t('emDiItem')} rules={[{ required: true, message: t('emDiItem') }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={(opts.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.unit}` }))}
                />
              </Form.Item>
              <Form.Item name="quantity" label={t('emDiQuantity')} rules={[{ required: true, message: t('emDiQuantity') }]}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="use" label={t('emDiUse')}>
                <Select options={DONATION_USES.map((u) => ({ value: u, label: use(u) }))} />
              </Form.Item>
              <Form.Item name="receivedOn" label={t('emDiReceivedOn')} rules={[{ required: true, message: t('emDiReceivedOn') }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="warehouseId" label={t('emDiIntoWarehouse')}>
                <Select allowClear options={(opts.data?.ownWarehouses ?? []).map((w) => ({ value: w.id, label: w.name }))} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="recipient" label={t('emDiRecipient')} rules={[{ required: true, message: t('emDiRecipient') }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="quantity" label={t('emDiQuantity')} rules={[{ required: true, message: t('emDiQuantity') }]}>
                <InputNumber min={0} />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label={t('emDiNote')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
