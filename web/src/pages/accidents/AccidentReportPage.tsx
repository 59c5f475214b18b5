// 事故快报 (493 Art. 12), usable on a phone: the unit (an enterprise account's own, fixed; officials
// pick one or type a name), when it happened and when the principal learned of it, where, what
// happened, the figures each with 不详 (sent as null, never invented), measures, GB 6441 type and the
// statistical industry (suggested from the enterprise's industry). The grade the figures imply and
// the unit's 1-hour deadline show as the form is filled; the server's field messages land on the fields.
import {
  ACCIDENT_TYPE_LABELS,
  ACCIDENT_TYPES,
  CHAIN_LEVEL_LABELS,
  GRADING_DIMENSION_LABELS,
  gradeOfFigures,
  REPORT_UP_TO,
  STAT_INDUSTRIES,
  STAT_INDUSTRY_LABELS,
  suggestStatIndustry,
  unitDeadline,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, type Enterprise, formErrors } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { type MessageKey, pick, useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { type AccidentReportInput, reportAccident } from './accidents-api.ts';
import { Countdown, GradeTag } from './parts.tsx';

const FIGURES: { name: 'deaths' | 'seriousInjuries' | 'minorInjuries' | 'missing' | 'directLossWanYuan'; label: MessageKey }[] = [
  { name: 'deaths', label: 'accDeaths' },
  { name: 'seriousInjuries', label: 'accSerious' },
  { name: 'minorInjuries', label: 'accMinor' },
  { name: 'missing', label: 'accMissing' },
  { name: 'directLossWanYuan', label: 'accLoss' },
];

/** A figure and its 不详 box: ticked, the number is not asked and null is sent. */
function FigureField({ name, label }: { name: string; label: MessageKey }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const unknown = Form.useWatch(`${name}Unknown`, form) === true;
  return (
    <Form.Item label={t(label)} required={!unknown} style={{ marginBottom: 12 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name={name} noStyle>
          <InputNumber
            min={0}
            precision={name === 'directLossWanYuan' ? 2 : 0}
            disabled={unknown}
            style={{ width: '100%' }}
            inputMode={name === 'directLossWanYuan' ? 'decimal' : 'numeric'}
            data-testid={`accident-${name}`}
            aria-label={t(label)}
          />
        </Form.Item>
      </Space.Compact>
      <Form.Item name={`${name}Unknown`} valuePropName="checked" noStyle>
        <Checkbox data-testid={`accident-${name}-unknown`} style={{ marginTop: 4 }}>
          {t('accUnknown')}
        </Checkbox>
      </Form.Item>
    </Form.Item>
  );
}

export function AccidentReportPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const ownId = me?.scope.enterpriseId ?? null;
  const picker = useEnterprisePicker(!ownId);
  const picked = Form.useWatch('enterpriseId', form) as string | undefined;
  const enterpriseId = ownId ?? picked ?? null;
  const ent = useQuery({
    queryKey: ['enterprise', enterpriseId],
    queryFn: () => api<Enterprise>(`/api/v1/enterprises/${enterpriseId}`),
    enabled: !!enterpriseId,
  });
  // The enterprise's region and industry are the defaults; the reporter may change them.
  useEffect(() => {
    const e = ent.data;
    if (!e) return;
    form.setFieldsValue({
      regionCode: form.isFieldTouched('regionCode') ? form.getFieldValue('regionCode') : e.regionCode,
      industryCode: e.industryCode,
      statIndustry: form.isFieldTouched('statIndustry') ? form.getFieldValue('statIndustry') : suggestStatIndustry(e.industryCode),
      unitName: e.name,
    });
  }, [ent.data, form]);

  const values = Form.useWatch([], form) as Record<string, unknown> | undefined;
  const known = (k: string) => (values?.[`${k}Unknown`] ? null : ((values?.[k] as number | null | undefined) ?? 0));
  const { grade, gradeBy } = gradeOfFigures({
    deaths: known('deaths'),
    seriousInjuries: known('seriousInjuries'),
    minorInjuries: null,
    missing: null,
    directLossWanYuan: known('directLossWanYuan'),
  });
  const since = (values?.learnedAt as Dayjs | undefined) ?? (values?.occurredAt as Dayjs | undefined);
  // Learning of it an hour or more after it happened moves the unit's deadline: the report says why.
  const learnedLate =
    !!values?.learnedAt && !!values?.occurredAt && (values.learnedAt as Dayjs).diff(values.occurredAt as Dayjs, 'minute') >= 60;
  const deadline = since ? unitDeadline(since.toDate()) : null;

  const submit = async () => {
    const v = await form.validateFields();
    const fig = (k: (typeof FIGURES)[number]['name']) => (v[`${k}Unknown`] ? null : (v[k] ?? 0));
    const body: AccidentReportInput = {
      enterpriseId: enterpriseId ?? undefined,
      unitName: enterpriseId ? (ent.data?.name ?? null) : v.unitName,
      occurredAt: (v.occurredAt as Dayjs).second(0).millisecond(0).toISOString(),
      learnedAt: v.learnedAt ? (v.learnedAt as Dayjs).second(0).millisecond(0).toISOString() : null,
      learnedReason: learnedLate ? v.learnedReason : null,
      regionCode: v.regionCode || undefined,
      place: v.place ?? '',
      latitude: v.latitude ?? null,
      longitude: v.longitude ?? null,
      description: v.description ?? '',
      deaths: fig('deaths'),
      seriousInjuries: fig('seriousInjuries'),
      minorInjuries: fig('minorInjuries'),
      missing: fig('missing'),
      directLossWanYuan: fig('directLossWanYuan'),
      measures: v.measures || null,
      other: v.other || null,
      type: v.type ?? null,
      industryCode: v.industryCode || null,
      statIndustry: v.statIndustry ?? null,
      nearMiss: v.nearMiss === true,
    };
    setBusy(true);
    try {
      const a = await reportAccident(body);
      await qc.invalidateQueries({ queryKey: ['accidents'] });
      message.success(t('accReported', { number: a.number }));
      navigate(`/accidents/${a.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        message.error(e.message);
      } else throw e;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('accMenuReport')} style={{ maxWidth: 760 }} data-testid="accident-report-form">
      <Typography.Paragraph type="secondary">{t('accReportIntro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          occurredAt: dayjs().second(0),
          nearMiss: false,
          deaths: 0,
          seriousInjuries: 0,
          minorInjuries: 0,
          missing: 0,
          directLossWanYuan: 0,
        }}
        scrollToFirstError
      >
        {ownId ? (
          <Form.Item label={t('accUnit')}>
            <Typography.Text strong data-testid="accident-unit">
              {ent.data?.name ?? '…'}
            </Typography.Text>
          </Form.Item>
        ) : (
          <>
            <Form.Item name="enterpriseId" label={t('accUnitPick')} extra={t('accUnitPickHint')}>
              <Select
                allowClear
                showSearch
                filterOption={false}
                onSearch={picker.onSearch}
                options={picker.options}
                data-testid="accident-enterprise"
              />
            </Form.Item>
            {!picked && (
              <Form.Item name="unitName" label={t('accUnitName')} rules={[{ required: true, message: t('accUnitRequired') }, { max: 200 }]}>
                <Input data-testid="accident-unit-name" />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="industryCode" hidden>
          <Input />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('accOccurredAt')} rules={[{ required: true }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            inputReadOnly
            data-testid="accident-occurred-at"
          />
        </Form.Item>
        <Form.Item name="learnedAt" label={t('accLearnedAt')} extra={t('accLearnedAtHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        {learnedLate && (
          <Form.Item
            name="learnedReason"
            label={t('accLearnedReason')}
            rules={[{ required: true, whitespace: true, message: t('accLearnedReasonRequired') }, { max: 1000 }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
        <Form.Item name="regionCode" label={t('region')} rules={[{ required: !ownId, message: t('accRegionRequired') }]}>
          <RegionCascader disabled={!!ownId} />
        </Form.Item>
        <Form.Item name="place" label={t('accPlace')} rules={[{ required: true, message: t('accPlaceRequired') }, { max: 300 }]}>
          <Input data-testid="accident-place" />
        </Form.Item>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="latitude" label={t('accLatitude')} style={{ width: '50%' }}>
            <InputNumber min={-90} max={90} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
          <Form.Item name="longitude" label={t('accLongitude')} style={{ width: '50%' }}>
            <InputNumber min={-180} max={180} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="description"
          label={t('accDescription')}
          rules={[{ required: true, message: t('accDescriptionRequired') }, { max: 4000 }]}
        >
          <Input.TextArea rows={4} data-testid="accident-description" />
        </Form.Item>
        {FIGURES.map((f) => (
          <FigureField key={f.name} name={f.name} label={f.label} />
        ))}
        <Alert
          type={grade === 'ordinary' ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="accident-implied-grade"
          message={
            <Space wrap size={4}>
              <span>{t('accImpliedGrade')}</span>
              <GradeTag grade={grade} />
              {grade !== 'ordinary' && (
                <span>{t('accGradeBy', { by: gradeBy.map((d) => pick(lang, GRADING_DIMENSION_LABELS[d])).join('、') })}</span>
              )}
              <span>{t('accReportUpTo', { level: pick(lang, CHAIN_LEVEL_LABELS[REPORT_UP_TO[grade]]) })}</span>
            </Space>
          }
          description={
            deadline && (
              <Space wrap size={4}>
                <span>{t('accUnitDeadlineIs')}</span>
                <Countdown deadline={deadline} testId="accident-unit-deadline" />
              </Space>
            )
          }
        />
        <Form.Item name="measures" label={t('accMeasures')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="other" label={t('accOther')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="type" label={t('accType')} extra={t('accTypeHint')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            data-testid="accident-type"
            options={ACCIDENT_TYPES.map((a) => ({ value: a.code, label: pick(lang, ACCIDENT_TYPE_LABELS[a.code]) }))}
          />
        </Form.Item>
        <Form.Item name="statIndustry" label={t('accStatIndustry')}>
          <Select allowClear options={STAT_INDUSTRIES.map((s) => ({ value: s, label: pick(lang, STAT_INDUSTRY_LABELS[s]) }))} />
        </Form.Item>
        <Form.Item name="nearMiss" label={t('accNearMiss')} valuePropName="checked" extra={t('accNearMissHint')}>
          <Switch data-testid="accident-near-miss" />
        </Form.Item>
        <Button type="primary" block size="large" loading={busy} onClick={submit} data-testid="accident-submit">
          {t('accSubmitReport')}
        </Button>
      </Form>
    </Card>
  );
}
