// 传染病报告卡 on a phone: the reporter of a facility fills the card; the server checks the ID, the
// time order and the disease in force on the diagnosis date (bilingual field messages). Owner: cases.
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { RequiredLabel, requiredRule } from '../../components/RequiredLabel.tsx';
import { pick, useI18n } from '../../i18n.tsx';
import { correctCase, createCase, fetchCase, fetchDiseases } from './cases-api.ts';
import { useCaseLabel } from './cases-ui.tsx';

export function ReportCasePage() {
  const { t, lang } = useI18n();
  const label = useCaseLabel();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const diseases = useQuery({ queryKey: ['ph-diseases'], queryFn: fetchDiseases });
  // /public-health/cases/:id/correct: a returned card, filled in as it stands, sent back corrected.
  const { id } = useParams();
  const returned = useQuery({ queryKey: ['ph-case', id], queryFn: () => fetchCase(id as string), enabled: !!id });
  const card = returned.data;
  useEffect(() => {
    if (!card) return;
    form.setFieldsValue({
      diseaseCode: card.diseaseCode,
      classification: card.classification,
      person: { name: card.person.name, idType: card.person.idType, idNumber: card.person.idNumber, phone: card.person.phone },
      sex: card.sex ?? undefined,
      ageYears: card.ageYears ?? undefined,
      regionCode: card.regionCode,
      onsetAt: card.onsetAt ? dayjs(card.onsetAt) : undefined,
      diagnosedAt: dayjs(card.diagnosedAt),
    });
  }, [card, form]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setRefused(null);
    try {
      const payload = {
        ...v,
        onsetAt: v.onsetAt ? (v.onsetAt as dayjs.Dayjs).toISOString() : null,
        diagnosedAt: (v.diagnosedAt as dayjs.Dayjs).toISOString(),
      };
      const r = card ? await correctCase(card.id, { ...payload, version: card.version }) : await createCase(payload);
      message.success(t('saved'));
      navigate(`/public-health/cases/${r.id}`);
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
      title={card ? `${t('phCaCorrect')} · ${card.number}` : t('phCaMenuReport')}
      extra={<Link to="/public-health/cases">{t('phCaMenu')}</Link>}
      style={{ maxWidth: 640 }}
    >
      {card?.returnReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`${t('phCaReason')}：${card.returnReason}`} />
      )}
      {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
      <Form form={form} layout="vertical" initialValues={{ classification: 'confirmed', person: { idType: 'resident' } }}>
        <Form.Item name="diseaseCode" label={<RequiredLabel>{t('phCaDisease')}</RequiredLabel>} rules={[requiredRule(t('required'))]}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="ph-report-disease"
            options={(diseases.data ?? []).filter((d) => d.current).map((d) => ({ value: d.code, label: pick(lang, d.name) }))}
          />
        </Form.Item>
        <Form.Item
          name="classification"
          label={<RequiredLabel>{t('phCaClassification')}</RequiredLabel>}
          rules={[requiredRule(t('required'))]}
        >
          <Radio.Group
            optionType="button"
            options={['suspected', 'clinical', 'confirmed', 'carrier'].map((v) => ({ value: v, label: label('Cl', v) }))}
          />
        </Form.Item>
        <Form.Item name={['person', 'name']} label={t('phCaName')} rules={[{ required: true }]}>
          <Input autoComplete="off" data-testid="ph-report-name" />
        </Form.Item>
        <Form.Item name={['person', 'idType']} label={t('phCaIdType')}>
          <Select options={['resident', 'passport', 'hkMacauPermit', 'taiwanPermit'].map((v) => ({ value: v, label: label('Id', v) }))} />
        </Form.Item>
        <Form.Item name={['person', 'idNumber']} label={t('phCaIdNumber')} rules={[{ required: true }]}>
          <Input autoComplete="off" inputMode="text" data-testid="ph-report-id" />
        </Form.Item>
        <Form.Item name={['person', 'phone']} label={t('phCaPhone')}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="sex" label={t('phCaSex')}>
          <Radio.Group options={['male', 'female'].map((v) => ({ value: v, label: label('Sex', v) }))} />
        </Form.Item>
        <Form.Item name="ageYears" label={t('phCaAge')}>
          <InputNumber min={0} max={150} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('phCaResidence')} rules={[{ required: true }]}>
          <RegionCascader />
        </Form.Item>
        {/* Minutes, not seconds: the narrower panel fits a phone, and the keyboard stays closed (inputReadOnly). */}
        <Form.Item name="onsetAt" label={t('phCaOnset')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="diagnosedAt" label={t('phCaDiagnosed')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Button type="primary" block size="large" loading={busy} onClick={submit} data-testid="ph-report-submit">
          {card ? t('phCaCorrectSubmit') : t('phCaSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
