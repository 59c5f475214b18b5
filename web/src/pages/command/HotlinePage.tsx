// 登记 12345 来电 (issue 28): the duty staff enter a call on the caller's behalf; the caller's name and
// phone are sealed on the server; the call becomes a signal on the board. Owner: board.
import { Alert, Button, Card, DatePicker, Form, Input, message, Select } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useI18n } from '../../i18n.tsx';
import { createHotline } from './board-api.ts';

export function HotlinePage() {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const submit = async (v: Record<string, unknown>) => {
    try {
      const at = v.receivedAt as { toISOString(): string } | undefined;
      await createHotline({ ...v, receivedAt: at?.toISOString() });
      message.success(t('cmBoHotlineSaved'));
      navigate('/command?type=hotline');
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) form.setFields(formErrors(e, 'top'));
      else message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card title={t('cmBoHotlineTitle')} data-testid="cm-hotline" style={{ maxWidth: 720 }}>
      <Alert type="info" showIcon message={t('cmBoHotlineHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ category: 'safety' }}>
        <Form.Item name="callerName" label={t('cmBoCaller')} rules={[{ required: true, message: t('cmBoCaller') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="callerPhone" label={t('cmBoCallerPhone')} rules={[{ required: true, message: t('cmBoCallerPhone') }]}>
          <Input autoComplete="off" inputMode="tel" />
        </Form.Item>
        <Form.Item name="category" label={t('cmBoCategory')}>
          <Select
            options={[
              { value: 'safety', label: t('cmBoCatSafety') },
              { value: 'health', label: t('cmBoCatHealth') },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('cmBoCallTitle')} rules={[{ required: true, message: t('cmBoCallTitle') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="content" label={t('cmBoContent')} rules={[{ required: true, message: t('cmBoContent') }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="place" label={t('cmBoPlace')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('cmBoRegion')} rules={[{ required: true, message: t('cmBoRegion') }]}>
          <RegionCascader changeOnSelect />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('cmBoReceivedAt')}>
          <DatePicker showTime />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('cmBoSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
