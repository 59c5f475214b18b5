// 调拨申请: a township, county or city asks the level above for supplies — the items and quantities,
// where to deliver and to whom, when needed, priority and purpose. An emergency phone order (电话紧急调拨)
// is recorded as such and submitted at once; its written request is due within the setting's hours
// (暂定, 邹城's local rule). Owner: dispatch.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DISPATCH_PRIORITIES, DISPATCH_PRIORITY_LABELS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { createRequest, fetchDispatchOptions } from './dispatch-api.ts';

export function RequestFormPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const opts = useQuery({ queryKey: ['dispatch-options'], queryFn: fetchDispatchOptions });
  const viaPhone = Form.useWatch('viaPhone', form) as boolean | undefined;

  const save = async (submit: boolean) => {
    const v = await form.validateFields();
    setBusy(true);
    setRefused(null);
    try {
      const r = await createRequest({
        ...v,
        neededBy: (v.neededBy as dayjs.Dayjs).toISOString(),
        deliverLat: v.deliverLat ?? undefined,
        deliverLng: v.deliverLng ?? undefined,
        eventRef: v.eventRef || undefined,
        submit,
      });
      await qc.invalidateQueries({ queryKey: ['dispatch'] });
      message.success(t('saved'));
      navigate(`/emergency/dispatch/${r.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err));
        setRefused(err.message);
      } else throw err;
    } finally {
      setBusy(false);
    }
  };

  const items = opts.data?.items ?? [];
  return (
    <Card title={t('emDiNew')} extra={<Link to="/emergency/dispatch">{t('emDiBack')}</Link>} style={{ maxWidth: 880 }}>
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} data-testid="dispatch-form-refused" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ priority: 'urgent', viaPhone: false, lines: [{}], neededBy: dayjs().add(6, 'hour').startOf('hour') }}
        data-testid="dispatch-form"
      >
        <Form.Item name="supplierRegionCode" label={t('emDiSupplier')} extra={t('emDiSupplierNote')}>
          <Select
            placeholder={opts.data?.suppliers[0]?.name}
            options={(opts.data?.suppliers ?? []).map((s) => ({ value: s.code, label: s.name }))}
            data-testid="dispatch-field-supplier"
          />
        </Form.Item>
        <Form.Item name="purpose" label={t('emDiPurpose')} rules={[{ required: true, message: t('emDiPurpose') }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="dispatch-field-purpose" />
        </Form.Item>
        <Form.Item name="eventRef" label={t('emDiEventRef')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="priority" label={t('emDiPriority')} rules={[{ required: true }]}>
            <Radio.Group options={DISPATCH_PRIORITIES.map((p) => ({ value: p, label: pick(lang, DISPATCH_PRIORITY_LABELS[p]) }))} />
          </Form.Item>
          <Form.Item name="neededBy" label={t('emDiNeededBy')} rules={[{ required: true, message: t('emDiNeededBy') }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" data-testid="dispatch-field-neededBy" />
          </Form.Item>
        </Space>
        <Form.Item name="viaPhone" valuePropName="checked" extra={viaPhone ? t('emDiPhoneNote') : undefined}>
          <Checkbox data-testid="dispatch-field-viaPhone">
            {t('emDiViaPhone')} <Tag color="warning">{t('emDiProvisional')}</Tag>
          </Checkbox>
        </Form.Item>
        <Card size="small" title={t('emDiLines')} style={{ marginBottom: 16 }}>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'itemId']} rules={[{ required: true, message: t('emDiItem') }]} style={{ minWidth: 280 }}>
                      <Select
                        showSearch
                        optionFilterProp="label"
                        placeholder={t('emDiItem')}
                        options={items.map((x) => ({ value: x.id, label: `${x.name}${x.spec ? `（${x.spec}）` : ''} · ${x.unit}` }))}
                        data-testid={`dispatch-field-item-${i}`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: t('emDiQuantity') }]}>
                      <InputNumber min={0} placeholder={t('emDiQuantity')} data-testid={`dispatch-field-quantity-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'note']}>
                      <Input placeholder={t('emDiNote')} maxLength={200} />
                    </Form.Item>
                    {fields.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="dispatch-add-line">
                  {t('emDiAddLine')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Form.Item name="deliverTo" label={t('emDiDeliverTo')} rules={[{ required: true, message: t('emDiDeliverTo') }]}>
          <Input maxLength={200} data-testid="dispatch-field-deliverTo" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="deliverLat" label={t('emDiLat')}>
            <InputNumber min={-90} max={90} step={0.001} />
          </Form.Item>
          <Form.Item name="deliverLng" label={t('emDiLng')} extra={t('emDiLatLngNote')}>
            <InputNumber min={-180} max={180} step={0.001} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="receiverUnit" label={t('emDiReceiverUnit')} rules={[{ required: true, message: t('emDiReceiverUnit') }]}>
            <Input maxLength={100} data-testid="dispatch-field-receiverUnit" />
          </Form.Item>
          <Form.Item name="receiverName" label={t('emDiReceiverName')} rules={[{ required: true, message: t('emDiReceiverName') }]}>
            <Input maxLength={50} data-testid="dispatch-field-receiverName" />
          </Form.Item>
          <Form.Item name="receiverPhone" label={t('emDiReceiverPhone')} rules={[{ required: true, message: t('emDiReceiverPhone') }]}>
            <Input maxLength={20} data-testid="dispatch-field-receiverPhone" />
          </Form.Item>
        </Space>
        <Space>
          <Button type="primary" loading={busy} onClick={() => save(true)} data-testid="dispatch-submit">
            {viaPhone ? t('emDiRecordPhone') : t('emDiSubmit')}
          </Button>
          {!viaPhone && (
            <Button loading={busy} onClick={() => save(false)} data-testid="dispatch-save-draft">
              {t('emDiSaveDraft')}
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}
