// /open/accidents (no login): the accident grade calculator (493 Art. 3, 10, 19; 安全生产法 Art. 114)
// and the published investigation reports (安全生产法 Art. 86). Light entry: only api, antd and
// the provider's useI18n; domain is imported for types only, the labels are ./messages.ts's copies.
import type { AccidentGradeAnswer } from '@taishan/domain';
import { Alert, Button, Descriptions, Form, InputNumber, Segmented, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { ApiError, api, formErrors } from '../../../api.ts';
import { useI18n } from '../../../i18n-provider.tsx';
import { GRADE_COLOUR, label, OPEN_DIMENSION_LABELS, OPEN_GRADE_LABELS, OPEN_LEVEL_LABELS } from './labels.ts';

const ReportsPublic = lazy(() => import('./ReportsPublic.tsx').then((m) => ({ default: m.ReportsPublic })));

function Calculator() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [answer, setAnswer] = useState<AccidentGradeAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const compute = async () => {
    const v = form.getFieldsValue();
    setError(null);
    try {
      const a = await api<AccidentGradeAnswer>('/api/v1/calculators/accident-grade', {
        method: 'POST',
        credentials: 'omit',
        json: { deaths: v.deaths ?? 0, seriousInjuries: v.seriousInjuries ?? 0, directLossWanYuan: v.directLossWanYuan ?? 0 },
      });
      form.setFields(['deaths', 'seriousInjuries', 'directLossWanYuan'].map((name) => ({ name, errors: [] })));
      setAnswer(a);
    } catch (e) {
      setAnswer(null);
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        setError(e.message || t('openAccCalcError'));
      } else setError(t('openAccLoadError'));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('openAccCalcIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 420 }} initialValues={{ deaths: 0, seriousInjuries: 0, directLossWanYuan: 0 }}>
        <Form.Item name="deaths" label={t('openAccDeaths')}>
          <InputNumber style={{ width: '100%' }} data-testid="calc-deaths" />
        </Form.Item>
        <Form.Item name="seriousInjuries" label={t('openAccSerious')}>
          <InputNumber style={{ width: '100%' }} data-testid="calc-serious" />
        </Form.Item>
        <Form.Item name="directLossWanYuan" label={t('openAccLoss')}>
          <InputNumber style={{ width: '100%' }} data-testid="calc-loss" />
        </Form.Item>
        <Button type="primary" onClick={compute} data-testid="calc-compute">
          {t('openAccCompute')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
      {answer && (
        <Descriptions bordered size="small" column={1} data-testid="calc-answer" style={{ maxWidth: 640 }}>
          <Descriptions.Item label={t('openAccGrade')}>
            <Tag color={GRADE_COLOUR[answer.grade]} data-testid="calc-grade">
              {label(OPEN_GRADE_LABELS, answer.grade, lang)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('openAccGradeBy')}>
            {answer.grade === 'ordinary'
              ? t('openAccGradeByAll')
              : answer.gradeBy.map((d) => label(OPEN_DIMENSION_LABELS, d, lang)).join(lang === 'zh' ? '、' : ', ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('openAccReportUpTo')}>{label(OPEN_LEVEL_LABELS, answer.reportUpTo, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('openAccInvestigatedBy')}>
            {answer.investigatedBy === 'national'
              ? label(OPEN_LEVEL_LABELS, 'national', lang)
              : t('openAccInvestigatedByGov', { level: label(OPEN_LEVEL_LABELS, answer.investigatedBy, lang) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('openAccFine')}>
            <span data-testid="calc-fine">
              {t('openAccFineRange', { min: answer.fineRangeWanYuan[0], max: answer.fineRangeWanYuan[1] })}
            </span>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Space>
  );
}

export function OpenAccidentsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<'calculator' | 'reports'>(() => (window.location.hash === '#reports' ? 'reports' : 'calculator'));
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={3}>{t('openAccTitle')}</Typography.Title>
      <Segmented<'calculator' | 'reports'>
        value={tab}
        onChange={(v) => {
          setTab(v);
          window.history.replaceState(null, '', v === 'reports' ? '#reports' : window.location.pathname);
        }}
        options={[
          { value: 'calculator', label: t('openAccCalculator') },
          { value: 'reports', label: t('openAccReports') },
        ]}
        style={{ marginBottom: 16 }}
        data-testid="open-accidents-tabs"
      />
      {tab === 'calculator' ? (
        <Calculator />
      ) : (
        <Suspense fallback={null}>
          <ReportsPublic />
        </Suspense>
      )}
    </div>
  );
}
