// One drill: what it was (type, plan exercised, date, place, participants), its photos (taken on a
// phone on site), the evaluation report with the problems found — each turned into a hazard or a
// plan revision — the report to the regulator, the spot-check and the correction, and the timeline.
// The buttons are exactly the server's allowedActions, each opening its step's form.
import { CameraOutlined } from '@ant-design/icons';
import {
  DRILL_ACTION_LABELS,
  DRILL_CONTENT_TYPE_LABELS,
  DRILL_CONTENT_TYPES,
  DRILL_FORM_LABELS,
  DRILL_FORMS,
  DRILL_PLAN_TYPE_LABELS,
  DRILL_RESULT_LABELS,
  DRILL_RESULTS,
  DRILL_STATUS_LABELS,
  type DrillAction,
  type DrillProblem,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Image,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { DrillStatusTag } from './DrillCalendarPage.tsx';
import { type DrillDetail, drillPhotoUrl, drillStep, fetchDrill, uploadDrillPhoto } from './drills-api.ts';

type Step = { action: DrillAction; problem?: DrillProblem };
const STEP_BUTTONS: DrillAction[] = ['complete', 'evaluate', 'report', 'spotCheck', 'correct', 'edit', 'cancel'];

const day = (v: unknown) => (v && dayjs.isDayjs(v) ? (v as Dayjs).format('YYYY-MM-DD') : v);

/** The step's body from the form's values (the version is added by the caller). */
function stepBody(step: Step, v: Record<string, unknown>): Record<string, unknown> {
  const lines = (s: unknown) =>
    String(s ?? '')
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
  switch (step.action) {
    case 'complete':
      return {
        ...v,
        heldOn: day(v.heldOn),
        participants: lines(v.participants).map((l) => {
          const [name = '', ...unit] = l.split(/\s+/);
          return { name, unit: unit.join(' ') || null };
        }),
      };
    case 'evaluate':
      return { ...v, problems: lines(v.problems) };
    case 'spotCheck':
      return { ...v, correctBy: v.qualified ? null : day(v.correctBy) };
    case 'edit':
      return { ...v, plannedOn: day(v.plannedOn) };
    case 'problemToHazard':
      return { ...v, problemNo: step.problem?.no, deadline: day(v.deadline) ?? null };
    case 'problemToRevision':
      return { ...v, problemNo: step.problem?.no };
    default:
      return v;
  }
}

function StepFields({ step, d }: { step: Step; d: DrillDetail }) {
  const { t, lang } = useI18n();
  const text = (name: string, label: string, required = true, rows = 3) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: label }] : []}>
      <Input.TextArea rows={rows} maxLength={4000} data-testid={`drill-field-${name}`} />
    </Form.Item>
  );
  switch (step.action) {
    case 'edit':
      return (
        <>
          <Form.Item name="title" label={t('emDrTitle')} rules={[{ required: true, message: t('emDrTitle') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="contentType" label={t('emDrContentType')}>
            <Select options={DRILL_CONTENT_TYPES.map((k) => ({ value: k, label: pick(lang, DRILL_CONTENT_TYPE_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="form" label={t('emDrForm')}>
            <Select options={DRILL_FORMS.map((k) => ({ value: k, label: pick(lang, DRILL_FORM_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="plannedOn" label={t('emDrPlannedOn')} rules={[{ required: true, message: t('emDrPlannedOn') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="place" label={t('emDrPlace')}>
            <Input maxLength={200} />
          </Form.Item>
          {text('scenario', t('emDrScenario'), false)}
        </>
      );
    case 'complete':
      return (
        <>
          <Form.Item name="heldOn" label={t('emDrHeldOn')} rules={[{ required: true, message: t('emDrHeldOn') }]}>
            <DatePicker data-testid="drill-field-heldOn" />
          </Form.Item>
          <Form.Item name="place" label={t('emDrPlace')} rules={[{ required: true, message: t('emDrPlace') }]}>
            <Input maxLength={200} data-testid="drill-field-place" />
          </Form.Item>
          <Form.Item
            name="participantCount"
            label={t('emDrParticipantCount')}
            rules={[{ required: true, message: t('emDrParticipantCount') }]}
          >
            <InputNumber min={1} precision={0} inputMode="numeric" data-testid="drill-field-participantCount" />
          </Form.Item>
          <Form.Item name="participants" label={t('emDrParticipants')} extra={t('emDrParticipantsHint')}>
            <Input.TextArea rows={4} />
          </Form.Item>
          {text('scenario', t('emDrScenario'), false)}
        </>
      );
    case 'cancel':
      return text('reason', t('emDrReason'));
    case 'evaluate':
      return (
        <>
          {text('summary', t('emDrSummary'), true, 5)}
          <Form.Item name="result" label={t('emDrResult')} rules={[{ required: true, message: t('emDrResult') }]}>
            <Radio.Group options={DRILL_RESULTS.map((k) => ({ value: k, label: pick(lang, DRILL_RESULT_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="problems" label={t('emDrProblems')} extra={t('emDrProblemsHint')}>
            <Input.TextArea rows={4} data-testid="drill-field-problems" />
          </Form.Item>
        </>
      );
    case 'report':
      return text('note', t('emDrNote'), false);
    case 'spotCheck':
      return (
        <>
          <Form.Item name="qualified" label={t('emDrCheck')} rules={[{ required: true, message: t('emDrCheck') }]}>
            <Radio.Group
              options={[
                { value: true, label: t('emDrQualified') },
                { value: false, label: t('emDrUnqualified') },
              ]}
            />
          </Form.Item>
          {text('note', t('emDrNote'))}
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              getFieldValue('qualified') === false && (
                <Form.Item name="correctBy" label={t('emDrCorrectBy')} rules={[{ required: true, message: t('emDrCorrectBy') }]}>
                  <DatePicker />
                </Form.Item>
              )
            }
          </Form.Item>
        </>
      );
    case 'correct':
      return text('note', t('emDrNote'));
    case 'problemToHazard':
      return (
        <>
          <Typography.Paragraph>{step.problem?.text}</Typography.Paragraph>
          <Form.Item name="level" label={t('emDrLevel')}>
            <Radio.Group
              options={[
                { value: 'general', label: t('emDrLevelGeneral') },
                { value: 'major', label: t('emDrLevelMajor') },
              ]}
            />
          </Form.Item>
          <Form.Item name="location" label={t('emDrPlace')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="deadline" label={t('emDrDeadline')}>
            <DatePicker />
          </Form.Item>
        </>
      );
    case 'problemToRevision':
      return (
        <>
          <Typography.Paragraph>
            {step.problem?.text} → {d.planTitle}
          </Typography.Paragraph>
          {text('note', t('emDrNote'), false)}
        </>
      );
    default:
      return null;
  }
}

export function DrillDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [step, setStep] = useState<Step | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const q = useQuery({ queryKey: ['drill', id], queryFn: () => fetchDrill(id) });
  const d = q.data;

  if (q.error) return <Card>{q.error instanceof ApiError && q.error.status === 404 ? t('notFound') : String(q.error)}</Card>;
  if (!d) return <Card loading />;

  const start = (s: Step) => {
    form.resetFields();
    setRefused(null);
    if (s.action === 'complete')
      form.setFieldsValue({ heldOn: dayjs(d.plannedOn) > dayjs() ? dayjs() : dayjs(d.plannedOn), place: d.place ?? undefined });
    if (s.action === 'edit')
      form.setFieldsValue({ ...d, plannedOn: dayjs(d.plannedOn), place: d.place ?? undefined, scenario: d.scenario ?? undefined });
    if (s.action === 'evaluate' && d.evaluation)
      form.setFieldsValue({ ...d.evaluation, problems: d.problems.map((p) => p.text).join('\n') });
    if (s.action === 'problemToHazard') form.setFieldsValue({ level: 'general' });
    setStep(s);
  };
  const submit = async () => {
    if (!step) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const extra = step.action === 'edit' ? { planId: d.planId, externalPlanName: d.externalPlanName, planType: d.planType } : {};
      const next = await drillStep(d.id, step.action, { ...extra, ...stepBody(step, v), version: d.version });
      qc.setQueryData(['drill', id], next);
      await qc.invalidateQueries({ queryKey: ['drills'] });
      setStep(null);
      message.success(t('saved'));
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err, 'top'));
        setRefused(err.message);
        if (err.status === 409 || err.status === 403) await q.refetch();
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      await uploadDrillPhoto(d.id, file);
      await q.refetch();
      message.success(t('saved'));
    } catch (err) {
      message.error(err instanceof ApiError ? (Object.values(err.fields)[0] ?? err.message) : String(err));
    }
  };
  const may = (a: DrillAction) => d.allowedActions.includes(a);
  const buttons = STEP_BUTTONS.filter(may);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="drill-detail">
      <Card
        title={
          <Space wrap>
            <span data-testid="drill-title">{d.title}</span>
            <DrillStatusTag status={d.status} />
          </Space>
        }
        extra={<Link to="/emergency/drills">{t('emDrBack')}</Link>}
      >
        <Space wrap style={{ marginBottom: 16 }} data-testid="drill-actions">
          {buttons.length === 0 && !may('addPhoto') && <Typography.Text type="secondary">{t('emDrNoActions')}</Typography.Text>}
          {buttons.map((x, i) => (
            <Button
              key={x}
              type={i === 0 ? 'primary' : 'default'}
              danger={x === 'cancel'}
              onClick={() => start({ action: x })}
              data-testid={`drill-step-${x}`}
            >
              {pick(lang, DRILL_ACTION_LABELS[x])}
            </Button>
          ))}
          {may('addPhoto') && (
            <>
              <Button icon={<CameraOutlined />} onClick={() => fileInput.current?.click()} data-testid="drill-step-addPhoto">
                {t('emDrUpload')}
              </Button>
              <input
                ref={fileInput}
                type="file"
                accept="image/png,image/jpeg"
                capture="environment"
                style={{ display: 'none' }}
                onChange={(e) => {
                  void upload(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
            </>
          )}
        </Space>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('emDrUnit')}>{d.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('emDrContentType')}>
            {pick(lang, DRILL_CONTENT_TYPE_LABELS[d.contentType])} · {pick(lang, DRILL_FORM_LABELS[d.form])}
          </Descriptions.Item>
          <Descriptions.Item label={t('emDrPlan')} span={2}>
            {d.planTitle ?? d.externalPlanName ?? t('emDrPlanNone')}
            {d.planType && <Tag style={{ marginLeft: 8 }}>{pick(lang, DRILL_PLAN_TYPE_LABELS[d.planType])}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('emDrPlannedOn')}>{d.plannedOn}</Descriptions.Item>
          <Descriptions.Item label={t('emDrHeldOn')}>{d.heldOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('emDrPlace')}>{d.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('emDrParticipantCount')}>{d.participantCount ?? '—'}</Descriptions.Item>
          {d.participants.length > 0 && (
            <Descriptions.Item label={t('emDrParticipants')} span={2}>
              {d.participants.map((p) => `${p.name}${p.unit ? `（${p.unit}）` : ''}`).join('、')}
            </Descriptions.Item>
          )}
          {d.scenario && (
            <Descriptions.Item label={t('emDrScenario')} span={2}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{d.scenario}</div>
            </Descriptions.Item>
          )}
          {d.cancelReason && (
            <Descriptions.Item label={t('emDrReason')} span={2}>
              {d.cancelReason}
            </Descriptions.Item>
          )}
          {d.reportedAt && (
            <Descriptions.Item label={t('emDrReportedAt')}>
              {formatTime(d.reportedAt, lang)} · {d.reportedByName}
            </Descriptions.Item>
          )}
          {d.checkedAt && (
            <Descriptions.Item label={t('emDrCheck')} span={2}>
              <Space direction="vertical" size={2}>
                <span>
                  {pick(lang, DRILL_STATUS_LABELS[d.status === 'corrected' ? 'checkedUnqualified' : d.status])} · {d.checkedByName} ·{' '}
                  {formatTime(d.checkedAt, lang)}
                </span>
                <span>{d.checkNote}</span>
                {d.correctBy && (
                  <span>
                    {t('emDrCorrectBy')}: {d.correctBy}
                  </span>
                )}
                {d.correctionNote && <span>✓ {d.correctionNote}</span>}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card title={t('emDrEvaluation')} data-testid="drill-evaluation">
        {d.evaluation ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Tag color={d.evaluation.result === 'achieved' ? 'green' : d.evaluation.result === 'partlyAchieved' ? 'gold' : 'red'}>
              {pick(lang, DRILL_RESULT_LABELS[d.evaluation.result])}
            </Tag>
            <div style={{ whiteSpace: 'pre-wrap' }}>{d.evaluation.summary}</div>
            <Typography.Text type="secondary">
              {d.evaluation.evaluatedByName} · {formatTime(d.evaluation.evaluatedAt, lang)}
            </Typography.Text>
            <List
              header={t('emDrProblems')}
              bordered
              dataSource={d.problems}
              data-testid="drill-problems"
              renderItem={(p) => (
                <List.Item
                  actions={[
                    p.hazardId ? (
                      <Link key="h" to={`/hazards/${p.hazardId}`}>
                        <Tag color="orange">{t('emDrHazard')}</Tag>
                      </Link>
                    ) : (
                      may('problemToHazard') && (
                        <Button
                          key="h"
                          size="small"
                          onClick={() => start({ action: 'problemToHazard', problem: p })}
                          data-testid="drill-problem-hazard"
                        >
                          {pick(lang, DRILL_ACTION_LABELS.problemToHazard)}
                        </Button>
                      )
                    ),
                    p.revisionTriggerId ? (
                      <Tag key="r" color="purple">
                        {t('emDrRevision')}
                      </Tag>
                    ) : (
                      may('problemToRevision') && (
                        <Button
                          key="r"
                          size="small"
                          onClick={() => start({ action: 'problemToRevision', problem: p })}
                          data-testid="drill-problem-revision"
                        >
                          {pick(lang, DRILL_ACTION_LABELS.problemToRevision)}
                        </Button>
                      )
                    ),
                  ].filter(Boolean)}
                >
                  {p.no}. {p.text}
                </List.Item>
              )}
            />
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('emDrNoEvaluation')}</Typography.Text>
        )}
      </Card>

      {d.photos.length > 0 && (
        <Card title={t('emDrPhotos')}>
          <Image.PreviewGroup>
            <Space wrap>
              {d.photos.map((k) => (
                <Image key={k} width={120} height={90} style={{ objectFit: 'cover' }} src={drillPhotoUrl(d.id, k)} />
              ))}
            </Space>
          </Image.PreviewGroup>
        </Card>
      )}

      <Card title={t('emDrTimeline')}>
        <Timeline
          items={d.events.map((e) => ({
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  {e.action === 'create'
                    ? t('emDrNew')
                    : pick(lang, DRILL_ACTION_LABELS[e.action as DrillAction] ?? { zh: e.action, en: e.action })}{' '}
                  · {e.actorName} · {formatTime(e.at, lang)}
                </span>
                {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </Card>

      <Modal
        open={!!step}
        title={step ? pick(lang, DRILL_ACTION_LABELS[step.action]) : ''}
        onCancel={() => setStep(null)}
        onOk={submit}
        confirmLoading={busy}
        destroyOnHidden
      >
        {refused && <Alert type="error" showIcon message={refused} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" data-testid="drill-step-form">
          {step && <StepFields step={step} d={d} />}
        </Form>
      </Modal>
    </Space>
  );
}
