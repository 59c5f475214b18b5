// Create or edit a risk point: identification, measures with tiers and responsible people, and
// (on create) its first assessment.

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ACCIDENT_TYPES, CONTROL_MEASURE_LABELS, CONTROL_MEASURE_TYPES, CONTROL_TIER_LABELS, CONTROL_TIERS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Divider, Form, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, formErrors } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { AssessmentFields } from './AssessmentFields.tsx';
import type { RiskMap, RiskPoint } from './api.ts';

export function RiskPointFormPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { me } = useSession();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const existing = useQuery({ queryKey: ['risk-point', id], queryFn: () => api<RiskPoint>(`/api/v1/risk-points/${id}`), enabled: !!id });
  const enterpriseId = existing.data?.enterpriseId ?? me?.scope.enterpriseId ?? undefined;
  const map = useQuery({
    queryKey: ['risk-map', enterpriseId],
    queryFn: () => api<RiskMap>(`/api/v1/enterprises/${enterpriseId}/risk-map`),
    enabled: !!enterpriseId,
  });
  useEffect(() => {
    if (existing.data)
      form.setFieldsValue({ ...existing.data, reviewDate: existing.data.reviewDate ? dayjs(existing.data.reviewDate) : undefined });
  }, [existing.data, form]);

  const submit = async (v: Record<string, unknown>) => {
    setError(null);
    const body = {
      ...v,
      reviewDate: v.reviewDate ? (v.reviewDate as dayjs.Dayjs).format('YYYY-MM-DD') : null,
      hazardFactors: ((v.hazardFactors as string[] | undefined) ?? []).filter(Boolean),
      controlMeasures: v.controlMeasures ?? [],
    };
    try {
      const saved = id
        ? await api<RiskPoint>(`/api/v1/risk-points/${id}`, {
            method: 'PATCH',
            json: { ...body, assessment: undefined, version: existing.data?.version },
          })
        : await api<RiskPoint>('/api/v1/risk-points', { method: 'POST', json: { ...body, enterpriseId } });
      message.success(t('saved'));
      qc.invalidateQueries({ queryKey: ['risk-points'] });
      qc.invalidateQueries({ queryKey: ['risk-point', saved.id] });
      qc.invalidateQueries({ queryKey: ['risk-map'] });
      nav(`/risks/${saved.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        form.setFields(formErrors(e));
      } else setError(String(e));
    }
  };

  return (
    <Card title={id ? `${t('edit')} · ${existing.data?.name ?? ''}` : t('newRiskPoint')} loading={!!id && existing.isLoading}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 900 }}>
        <Form.Item name="name" label={t('riskPoint')} rules={[{ required: true, message: t('required') }]}>
          <Input maxLength={200} id="rp-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="location" label={t('location')}>
            <Input maxLength={200} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="areaId" label={t('area')}>
            <Select
              allowClear
              style={{ width: 200 }}
              options={(map.data?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))}
              id="rp-area"
            />
          </Form.Item>
          <Form.Item name="reviewDate" label={t('reviewDate')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="activity" label={t('activity')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="hazardFactors" label={t('hazardFactors')}>
          <Select mode="tags" tokenSeparators={['，', ',', '；', ';']} />
        </Form.Item>
        <Form.Item name="accidentTypes" label={t('accidentTypes')} rules={[{ required: true, message: t('required') }]}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={ACCIDENT_TYPES.map((a) => ({ value: a.code, label: pick(lang, a) }))}
            id="rp-accidents"
          />
        </Form.Item>
        <Divider>{t('controlMeasures')}</Divider>
        <Form.List name="controlMeasures">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'type']} rules={[{ required: true, message: t('required') }]}>
                    <Select
                      placeholder={t('measureType')}
                      style={{ width: 130 }}
                      options={CONTROL_MEASURE_TYPES.map((m) => ({ value: m, label: pick(lang, CONTROL_MEASURE_LABELS[m]) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']} rules={[{ required: true, message: t('required') }]}>
                    <Input placeholder={t('measureDescription')} style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'tier']} rules={[{ required: true, message: t('required') }]}>
                    <Select
                      placeholder={t('controlTier')}
                      style={{ width: 110 }}
                      options={CONTROL_TIERS.map((m) => ({ value: m, label: pick(lang, CONTROL_TIER_LABELS[m]) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'responsible']} rules={[{ required: true, message: t('required') }]}>
                    <Input placeholder={t('responsible')} style={{ width: 120 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                onClick={() => add({ type: 'engineering', tier: 'company' })}
                icon={<PlusOutlined />}
                data-testid="add-measure"
              >
                {t('controlMeasures')}
              </Button>
            </>
          )}
        </Form.List>
        {!id && (
          <>
            <Divider>{t('assessment')}</Divider>
            <AssessmentFields prefix={['assessment']} />
          </>
        )}
        <Divider />
        <Space>
          <Button type="primary" htmlType="submit" data-testid="save-risk-point">
            {t('save')}
          </Button>
          <Button onClick={() => nav(-1)}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
