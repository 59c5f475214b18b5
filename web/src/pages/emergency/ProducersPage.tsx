// 定点生产企业: enterprises of the directory that can produce an item on call, with their capacity
// per day and agreement; searchable by item (what to call on when the reserves run short — the
// request's proposal names them too). Owner: dispatch.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { useI18n } from '../../i18n.tsx';
import { fetchDispatchOptions, fetchProducers, type Producer, saveProducer } from './dispatch-api.ts';

export function ProducersPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [itemId, setItemId] = useState<string | undefined>();
  const [open, setOpen] = useState<'new' | Producer | null>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['dispatch-producers', itemId], queryFn: () => fetchProducers(itemId ? `itemId=${itemId}` : '') });
  const opts = useQuery({ queryKey: ['dispatch-options'], queryFn: fetchDispatchOptions });
  const picker = useEnterprisePicker(open !== null);
  const items = (opts.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.unit}` }));

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setRefused(null);
    try {
      await saveProducer(open === 'new' || !open ? null : open.id, { ...v, ...(open && open !== 'new' ? { version: open.version } : {}) });
      await qc.invalidateQueries({ queryKey: ['dispatch-producers'] });
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

  return (
    <Card
      title={t('emDiProducers')}
      extra={
        list.data?.mayManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setOpen('new');
            }}
            data-testid="producer-new"
          >
            {t('emDiProducerNew')}
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 280 }}
          placeholder={t('emDiSearchByItem')}
          options={items}
          value={itemId}
          onChange={setItemId}
        />
      </Space>
      <Table<Producer>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="producer-list"
        columns={[
          { title: t('emDiItem'), dataIndex: 'itemName' },
          { title: t('emDiEnterprise'), dataIndex: 'enterpriseName' },
          { title: t('emDiCapacity'), key: 'cap', render: (_, p) => `${p.capacityPerDay} ${p.unit}/${t('emDiDay')}` },
          { title: t('emDiAgreement'), key: 'ag', render: (_, p) => `${p.agreementRef || '—'}${p.validUntil ? ` · ${p.validUntil}` : ''}` },
          { title: t('emDiContact'), key: 'c', render: (_, p) => `${p.contactName} ${p.contactPhone}` },
          {
            title: t('emDiStatus'),
            dataIndex: 'active',
            render: (a: boolean) => (a ? <Tag color="green">{t('emDiActive')}</Tag> : <Tag>{t('emDiInactive')}</Tag>),
          },
          {
            title: t('actions'),
            key: 'a',
            render: (_, p) =>
              p.mayEdit ? (
                <Button
                  size="small"
                  onClick={() => {
                    form.setFieldsValue({ ...p, agreementRef: p.agreementRef || undefined, validUntil: p.validUntil ?? undefined });
                    setOpen(p);
                  }}
                >
                  {t('edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={open !== null}
        title={t('emDiProducerNew')}
        onCancel={() => setOpen(null)}
        onOk={submit}
        okText={t('submit')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
        <Form form={form} layout="vertical" initialValues={{ active: true }} preserve={false}>
          <Form.Item name="enterpriseId" label={t('emDiEnterprise')} rules={[{ required: true, message: t('emDiEnterprise') }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={picker.onSearch}
              options={
                open && open !== 'new' ? [{ value: open.enterpriseId, label: open.enterpriseName }, ...picker.options] : picker.options
              }
            />
          </Form.Item>
          <Form.Item name="itemId" label={t('emDiItem')} rules={[{ required: true, message: t('emDiItem') }]}>
            <Select showSearch optionFilterProp="label" options={items} />
          </Form.Item>
          <Form.Item name="capacityPerDay" label={t('emDiCapacityPerDay')} rules={[{ required: true, message: t('emDiCapacityPerDay') }]}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="agreementRef" label={t('emDiAgreement')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="validUntil" label={t('emDiValidUntil')}>
            <Input placeholder="YYYY-MM-DD" maxLength={10} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="contactName" label={t('emDiContact')} rules={[{ required: true, message: t('emDiContact') }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('emDiContactPhone')} rules={[{ required: true, message: t('emDiContactPhone') }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
