// Create or edit an enterprise. Server field messages are shown on their fields.
import { STANDARDIZATION_GRADE_LABELS, STANDARDIZATION_GRADES } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, type Enterprise, formErrors } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { pick, useI18n } from '../../i18n.tsx';
import { useReference } from '../../reference.ts';
import { ChangeRequestButton } from './EnterpriseChanges.tsx';

type Values = Omit<
  Enterprise,
  | 'id'
  | 'creditCodeWarning'
  | 'lacksSafetyDirector'
  | 'createdAt'
  | 'updatedAt'
  | 'allowedActions'
  | 'regionName'
  | 'standardizationValidUntil'
> & { standardizationValidUntil: Dayjs | null };

export function EnterpriseFormPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const ref = useReference();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const existing = useQuery({ queryKey: ['enterprise', id], queryFn: () => api<Enterprise>(`/api/v1/enterprises/${id}`), enabled: !!id });
  useEffect(() => {
    if (existing.data)
      form.setFieldsValue({
        ...existing.data,
        standardizationValidUntil: existing.data.standardizationValidUntil ? dayjs(existing.data.standardizationValidUntil) : null,
      });
  }, [existing.data, form]);
  const actions = existing.data?.allowedActions ?? ['changeRegion', 'changeCreditCode', 'changeSupervision'];
  // The fields that decide supervision are the regulators' (issue 22, item 6): an enterprise asks.
  const supervision = actions.includes('changeSupervision');

  const submit = async (v: Values) => {
    setError(null);
    try {
      const body = {
        ...v,
        highRisk: v.highRisk ?? [],
        standardizationGrade: v.standardizationGrade ?? null,
        standardizationValidUntil: v.standardizationValidUntil ? v.standardizationValidUntil.format('YYYY-MM-DD') : null,
      };
      const saved = id
        ? await api<Enterprise>(`/api/v1/enterprises/${id}`, { method: 'PATCH', json: { ...body, version: existing.data?.version } })
        : await api<Enterprise>('/api/v1/enterprises', { method: 'POST', json: body });
      message.success(t('saved'));
      qc.invalidateQueries({ queryKey: ['enterprises'] });
      qc.invalidateQueries({ queryKey: ['enterprise', saved.id] });
      nav(`/enterprises/${saved.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        form.setFields(formErrors(e, 'top') as Parameters<typeof form.setFields>[0]);
      } else setError(String(e));
    }
  };

  return (
    <Card title={id ? `${t('edit')} · ${existing.data?.name ?? ''}` : t('create')} loading={!!id && existing.isLoading}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      {existing.data && !supervision && (
        <Alert
          type="info"
          showIcon
          message={t('ecReadOnlyHint')}
          action={actions.includes('requestChange') ? <ChangeRequestButton enterprise={existing.data} /> : undefined}
          style={{ marginBottom: 16 }}
          data-testid="supervision-read-only"
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }} initialValues={{ highRisk: [] }}>
        <Form.Item name="creditCode" label={t('creditCode')} rules={[{ required: true, message: t('required') }]}>
          <Input maxLength={18} disabled={!actions.includes('changeCreditCode')} style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Form.Item name="name" label={t('name')} rules={[{ required: true, message: t('required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('region')} rules={[{ required: true, message: t('required') }]}>
          <RegionCascader disabled={!supervision || !actions.includes('changeRegion')} />
        </Form.Item>
        <Form.Item name="address" label={t('address')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="industryCode" label={t('industryCode')} rules={[{ required: true, message: t('required') }]}>
          <Select
            disabled={!supervision}
            showSearch
            optionFilterProp="label"
            options={(ref.data?.industryDivisions ?? []).map((d) => ({ value: d.code, label: `${d.code} ${pick(lang, d)}` }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="employees" label={t('employees')}>
            <InputNumber min={0} precision={0} style={{ width: 180 }} disabled={!supervision} />
          </Form.Item>
          <Form.Item name="revenueWan" label={t('revenueWan')}>
            <InputNumber min={0} style={{ width: 180 }} disabled={!supervision} />
          </Form.Item>
        </Space>
        <Form.Item name="highRisk" label={t('highRisk')}>
          <Select
            mode="multiple"
            disabled={!supervision}
            options={(ref.data?.highRiskFlags ?? []).map((f) => ({ value: f.code, label: pick(lang, f) }))}
          />
        </Form.Item>
        {/* 安全生产标准化: the regulator's to enter (it moves the supervision class); a grade needs its validity. */}
        <Space wrap>
          <Form.Item name="standardizationGrade" label={t('clsStdGrade')}>
            <Select
              allowClear
              disabled={!supervision}
              style={{ width: 180 }}
              placeholder={t('clsStdNone')}
              options={STANDARDIZATION_GRADES.map((g) => ({ value: g, label: pick(lang, STANDARDIZATION_GRADE_LABELS[g]) }))}
              data-testid="standardization-grade"
            />
          </Form.Item>
          <Form.Item
            name="standardizationValidUntil"
            label={t('clsStdValidUntil')}
            dependencies={['standardizationGrade']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  getFieldValue('standardizationGrade') && !v ? Promise.reject(new Error(t('clsStdValidRequired'))) : Promise.resolve(),
              }),
            ]}
          >
            <DatePicker disabled={!supervision} data-testid="standardization-valid-until" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="legalRepresentative" label={t('legalRepresentative')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="safetyDirector" label={t('safetyDirector')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('contactPhone')}>
            <Input maxLength={40} />
          </Form.Item>
        </Space>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="save">
            {t('save')}
          </Button>
          <Button onClick={() => nav(-1)}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
