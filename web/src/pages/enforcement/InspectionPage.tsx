// One enforcement inspection, usable at phone width on site: who goes and why, then the steps its
// allowedActions offer — start, checklist results, findings (hazard or violation, deadline,
// on-site measure), the record that issues the documents, the 复查, cancel — and the documents.
import { CHECK_RESULT_LABELS, CHECK_RESULTS, FINDING_KIND_LABELS, FINDING_KINDS, INSPECTION_SOURCE_LABELS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { InspectionStatusTags } from './InspectionsPage.tsx';
import { type EnfInspectionDetail, fetchInspection, inspectionStep, removeFinding } from './inspections-api.ts';

type Step = 'start' | 'findings' | 'record' | 'review' | 'cancel';

export function EnforcementInspectionPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [step, setStep] = useState<Step | null>(null);
  const [checks, setChecks] = useState<Record<string, string>>({});
  const q = useQuery({ queryKey: ['enf-inspection', id], queryFn: () => fetchInspection(id) });
  const i = q.data;
  if (!i) return <Card loading={q.isLoading} />;
  const can = (a: EnfInspectionDetail['allowedActions'][number]) => i.allowedActions.includes(a);

  const refresh = async (next: EnfInspectionDetail) => {
    qc.setQueryData(['enf-inspection', id], next);
    await qc.invalidateQueries({ queryKey: ['enforcement-documents'] });
    await qc.invalidateQueries({ queryKey: ['enf-inspections'] });
  };
  const run = async (s: Step | 'checks', body: unknown) => {
    try {
      await refresh(await inspectionStep(id, s, body));
      message.success(t('saved'));
      setStep(null);
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        message.error(e.message);
      } else throw e;
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    if (step === 'findings') await run('findings', { ...v, deadline: v.deadline ? (v.deadline as Dayjs).format('YYYY-MM-DD') : undefined });
    else if (step === 'record') await run('record', { ...v, version: i.version });
    else if (step === 'review') await run('review', { opinion: v.opinion, fixed: v.fixed ?? [] });
    else if (step) await run(step, v);
  };
  const open = (s: Step) => {
    form.resetFields();
    setStep(s);
  };
  const waiting = i.findings.filter((f) => f.deadline && !f.fixedAt);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space wrap>
            {i.enterpriseName}
            <InspectionStatusTags r={i} />
          </Space>
        }
        extra={
          <Space wrap>
            {can('start') && (
              <Button type="primary" onClick={() => open('start')} data-testid="enf-start">
                {t('inspStart')}
              </Button>
            )}
            {can('addFinding') && (
              <Button onClick={() => open('findings')} data-testid="enf-add-finding">
                {t('inspAddFinding')}
              </Button>
            )}
            {can('record') && (
              <Button type="primary" onClick={() => open('record')} data-testid="enf-record">
                {t('inspRecord')}
              </Button>
            )}
            {can('review') && (
              <Button type="primary" onClick={() => open('review')} data-testid="enf-review">
                {t('inspReview')}
              </Button>
            )}
            {can('cancel') && (
              <Button danger onClick={() => open('cancel')}>
                {t('inspCancel')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('inspSource')}>{pick(lang, INSPECTION_SOURCE_LABELS[i.source])}</Descriptions.Item>
          <Descriptions.Item label={t('inspPlannedOn')}>{i.plannedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspOfficers')}>
            {i.officers.map((o) => `${o.name}（${o.certificateNo ?? '—'}）`).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspPlace')}>{i.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspStartedAt')}>{i.startedAt ? formatTime(i.startedAt, lang) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspEndedAt')}>{i.endedAt ? formatTime(i.endedAt, lang) : '—'}</Descriptions.Item>
          {i.leaderName && <Descriptions.Item label={t('inspLeader')}>{i.leaderName}</Descriptions.Item>}
          {i.situation && <Descriptions.Item label={t('inspSituation')}>{i.situation}</Descriptions.Item>}
          {i.reviewOpinion && <Descriptions.Item label={t('inspReviewOpinion')}>{i.reviewOpinion}</Descriptions.Item>}
          {i.cancelReason && <Descriptions.Item label={t('inspCancelled')}>{i.cancelReason}</Descriptions.Item>}
        </Descriptions>
      </Card>

      {i.checklist && (
        <Card
          title={`${t('inspChecks')} · ${i.checklist.name}`}
          extra={
            can('saveChecks') && (
              <Button
                onClick={() => run('checks', { checks: Object.entries(checks).map(([code, result]) => ({ code, result })) })}
                data-testid="enf-save-checks"
              >
                {t('inspSaveChecks')}
              </Button>
            )
          }
        >
          <List
            size="small"
            dataSource={i.checklist.items}
            renderItem={(item) => {
              const saved = i.checks.find((c) => c.code === item.code)?.result;
              return (
                <List.Item>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Typography.Text>
                      {item.code} {item.text}
                    </Typography.Text>
                    <Radio.Group
                      disabled={!can('saveChecks')}
                      value={checks[item.code] ?? saved}
                      onChange={(e) => setChecks({ ...checks, [item.code]: e.target.value })}
                      options={CHECK_RESULTS.map((r) => ({ value: r, label: pick(lang, CHECK_RESULT_LABELS[r]) }))}
                    />
                  </Space>
                </List.Item>
              );
            }}
          />
        </Card>
      )}

      <Card title={t('inspFindings')}>
        {i.findings.length === 0 ? (
          <Empty description={t('inspNoFindings')} />
        ) : (
          <List
            dataSource={i.findings}
            data-testid="enf-findings"
            renderItem={(f) => (
              <List.Item
                actions={[
                  can('removeFinding') && (
                    <Button key="rm" size="small" danger onClick={async () => refresh(await removeFinding(id, f.id))}>
                      {t('delete')}
                    </Button>
                  ),
                ].filter(Boolean)}
              >
                <Space direction="vertical" size={2}>
                  <Space wrap>
                    <Tag color={f.kind === 'violation' ? 'red' : f.level === 'major' ? 'volcano' : 'orange'}>
                      {pick(lang, FINDING_KIND_LABELS[f.kind])}
                      {f.kind === 'hazard' && f.level === 'major' ? ` · ${t('inspLevelMajor')}` : ''}
                    </Tag>
                    <Typography.Text>{f.description}</Typography.Text>
                    {f.location && <Typography.Text type="secondary">（{f.location}）</Typography.Text>}
                  </Space>
                  <Space wrap size="small">
                    {f.deadline && <Tag>{`${t('inspDeadline')} ${f.deadline}`}</Tag>}
                    {f.onSiteMeasure && <Tag color="purple">{f.onSiteMeasure}</Tag>}
                    {f.seizure && <Tag color="magenta">{`${t('inspSeizure')}：${f.seizure}（${f.seizureDays}${t('inspDays')}）`}</Tag>}
                    {f.article && <Tag>{`${t('inspArticle')} ${f.article}`}</Tag>}
                    {f.hazardId && <Link to={`/hazards/${f.hazardId}`}>{`${t('inspHazard')} ${f.hazardNumber ?? ''}`}</Link>}
                    {f.caseId && <Link to={`/enforcement/cases/${f.caseId}`}>{t('inspOpenCase')}</Link>}
                    {f.fixedAt && <Tag color="green">{t('inspFixed')}</Tag>}
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>

      <DocumentsPanel inspectionId={id} />

      <Modal
        open={step !== null}
        title={
          step === 'start'
            ? t('inspStart')
            : step === 'findings'
              ? t('inspAddFinding')
              : step === 'record'
                ? t('inspRecord')
                : step === 'review'
                  ? t('inspReview')
                  : t('inspCancel')
        }
        onCancel={() => setStep(null)}
        onOk={submit}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'hazard', level: 'general', unannounced: i.unannounced }}>
          {step === 'start' && (
            <>
              <Form.Item name="place" label={t('inspPlace')} rules={[{ required: true }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="unannounced" valuePropName="checked">
                <Checkbox>{t('inspUnannounced')}</Checkbox>
              </Form.Item>
            </>
          )}
          {step === 'findings' && (
            <>
              <Form.Item name="kind" label={t('inspKind')} rules={[{ required: true }]}>
                <Radio.Group options={FINDING_KINDS.map((k) => ({ value: k, label: pick(lang, FINDING_KIND_LABELS[k]) }))} />
              </Form.Item>
              <Form.Item name="description" label={t('inspDescription')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
              <Form.Item name="location" label={t('inspLocation')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="level" label={t('inspLevel')}>
                <Select
                  options={[
                    { value: 'general', label: t('inspLevelGeneral') },
                    { value: 'major', label: t('inspLevelMajor') },
                  ]}
                />
              </Form.Item>
              {i.checklist && (
                <Form.Item name="checkCode" label={t('inspChecklist')}>
                  <Select allowClear options={i.checklist.items.map((x) => ({ value: x.code, label: `${x.code} ${x.text}` }))} />
                </Form.Item>
              )}
              <Form.Item name="deadline" label={t('inspDeadline')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="onSiteMeasure" label={t('inspOnSite')}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name="seizure" label={t('inspSeizure')}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name="seizureDays" label={t('inspSeizureDays')}>
                <InputNumber min={1} max={30} />
              </Form.Item>
              <Form.Item name="article" label={t('inspArticle')}>
                <Input maxLength={10} placeholder="97" />
              </Form.Item>
            </>
          )}
          {step === 'record' && (
            <>
              <Typography.Paragraph type="secondary">{t('inspRecordHelp')}</Typography.Paragraph>
              <Form.Item name="situation" label={t('inspSituation')} rules={[{ required: true }]}>
                <Input.TextArea rows={4} maxLength={4000} />
              </Form.Item>
              <Form.Item name="leaderName" label={t('inspLeader')} rules={[{ required: true }]}>
                <Input maxLength={50} />
              </Form.Item>
            </>
          )}
          {step === 'review' && (
            <>
              <Form.Item name="fixed" label={t('inspReviewFixed')}>
                <Checkbox.Group options={waiting.map((f) => ({ value: f.id, label: f.description }))} />
              </Form.Item>
              <Form.Item name="opinion" label={t('inspOpinion')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {step === 'cancel' && (
            <Form.Item name="reason" label={t('inspCancelReason')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
