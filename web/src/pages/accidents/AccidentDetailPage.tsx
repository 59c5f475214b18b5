// One accident: its header (number, unit, grade and the dimension that decided it, status), the
// chain up the levels with each level's deadline and countdown, 越级 and the bodies notified, the
// reports (快报, 续报 with regrades, those past the window that no longer regrade, missed daily
// follow-ups), reporting faults, the investigation with its clock, and the lessons pushed. The
// buttons are the server's allowedActions, each opening the step's form; a refused step shows the
// server's message.
import {
  ACCIDENT_ACTION_LABELS,
  ACCIDENT_GRADE_LABELS,
  ACCIDENT_STATUS_LABELS,
  ACCIDENT_TYPE_LABELS,
  type AccidentAction,
  type AccidentGrade,
  CASE_STATUS_LABELS,
  CHAIN_LEVEL_LABELS,
  CHAIN_LEVELS,
  type ChainLevel,
  compareGrades,
  GRADING_DIMENSION_LABELS,
  INVESTIGATED_BY,
  MAX_EXTENSION_DAYS,
  PARALLEL_BODIES,
  PARALLEL_BODY_LABELS,
  REPORT_FAULT_LABELS,
  REPORT_FAULTS,
  REPORT_SECTION_LABELS,
  REPORT_SECTIONS,
  REPORT_UP_TO,
  STAT_INDUSTRY_LABELS,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api, formErrors } from '../../api.ts';
import { formatTime, type MessageKey, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { DutyNowPanel } from '../emergency/DutyNowPanel.tsx';
import { createCase } from '../enforcement/cases-api.ts';
import type { NewInspectionRequest } from '../enforcement/InspectionsPage.tsx';
import {
  type AccidentChainRow,
  type AccidentDetail,
  type AccidentReportRow,
  accidentStep,
  fetchAccident,
  followUp,
} from './accidents-api.ts';
import { Countdown, Figure, GradeTag } from './parts.tsx';

const REPORT_KIND: Record<AccidentReportRow['kind'], MessageKey> = {
  first: 'accKindFirst',
  followUp: 'accKindFollowUp',
  final: 'accKindFinal',
};
const FIGURE_KEYS = ['deaths', 'seriousInjuries', 'minorInjuries', 'missing', 'directLossWanYuan'] as const;
const FIGURE_LABELS: Record<(typeof FIGURE_KEYS)[number], MessageKey> = {
  deaths: 'accDeaths',
  seriousInjuries: 'accSerious',
  minorInjuries: 'accMinor',
  missing: 'accMissing',
  directLossWanYuan: 'accLoss',
};
const opt = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim() : undefined);

/** The request body of a step from its form's values. */
function stepBody(action: AccidentAction, v: Record<string, unknown>, version: number): Record<string, unknown> {
  switch (action) {
    case 'followUp': {
      const figures = Object.fromEntries(FIGURE_KEYS.filter((k) => typeof v[k] === 'number').map((k) => [k, v[k]]));
      return { at: (v.at as Dayjs).toISOString(), ...figures, text: v.text ?? '', reason: opt(v.reason) ?? null, version };
    }
    case 'forward':
      return { to: v.to, note: opt(v.note) ?? null, version };
    case 'notifyParallel':
      return { bodies: v.bodies ?? [], version };
    case 'markFault':
      return { fault: v.fault, evidence: v.evidence ?? '', version };
    case 'pushLesson':
      return { text: v.text ?? '', ...(opt(v.industryPrefix) ? { industryPrefix: opt(v.industryPrefix) } : {}), version };
    case 'addMember':
      return {
        members: ((v.members as { name?: string; org?: string; role?: string }[]) ?? []).map((m) => ({ ...m, role: opt(m.role) ?? null })),
        version,
      };
    case 'extend':
      return { days: v.days, note: opt(v.note) ?? null, version };
    case 'submitReport':
      return { report: Object.fromEntries(REPORT_SECTIONS.map((s) => [s, (v[`report_${s}`] as string | undefined) ?? ''])), version };
    case 'evaluate':
      return { evaluation: opt(v.evaluation) ?? null, version };
    case 'endReporting':
    case 'acknowledge':
    case 'publish':
      return { version };
    default:
      return { note: opt(v.note) ?? null, version };
  }
}

/** The fields each step asks for. */
function StepFields({ action, a }: { action: AccidentAction; a: AccidentDetail }) {
  const { t, lang } = useI18n();
  const text = (name: string, label: MessageKey, required = true, rows = 3, max = 4000) => (
    <Form.Item name={name} label={t(label)} rules={[{ required, max }]}>
      <Input.TextArea rows={rows} data-testid={`step-${name}`} />
    </Form.Item>
  );
  switch (action) {
    case 'followUp':
      return (
        <>
          <Form.Item name="at" label={t('accFollowUpAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('accFollowUpFiguresHint')}</Typography.Paragraph>
          <Row gutter={8}>
            {FIGURE_KEYS.map((k) => (
              <Col span={12} key={k}>
                <Form.Item name={k} label={t(FIGURE_LABELS[k])}>
                  <InputNumber
                    min={0}
                    precision={k === 'directLossWanYuan' ? 2 : 0}
                    style={{ width: '100%' }}
                    placeholder={a[k] === null ? t('accUnknown') : String(a[k])}
                    data-testid={`step-${k}`}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
          {!a.regradeWindow.open && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('accWindowClosedHint', { n: a.regradeWindow.days })} />
          )}
          {text('text', 'accFollowUpText')}
          {text('reason', 'accFollowUpReason', false, 2, 1000)}
        </>
      );
    case 'forward': {
      const from = a.waitingAt ?? a.chain.filter((r) => r.receivedAt).at(-1)?.level ?? 'county';
      const above = CHAIN_LEVELS.slice(CHAIN_LEVELS.indexOf(from) + 1);
      return (
        <>
          <Form.Item name="to" label={t('accForwardTo')} rules={[{ required: true }]} extra={t('accForwardSkipHint')}>
            <Select data-testid="step-to" options={above.map((l) => ({ value: l, label: pick(lang, CHAIN_LEVEL_LABELS[l]) }))} />
          </Form.Item>
          {text('note', 'note', false, 2, 1000)}
        </>
      );
    }
    case 'notifyParallel':
      return (
        <Form.Item name="bodies" label={t('accParallelBodies')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={PARALLEL_BODIES.map((b) => ({ value: b, label: pick(lang, PARALLEL_BODY_LABELS[b]) }))} />
        </Form.Item>
      );
    case 'markFault':
      return (
        <>
          <Form.Item name="fault" label={t('accFault')} rules={[{ required: true }]} extra={t('accFaultLateHint')}>
            <Select
              options={REPORT_FAULTS.filter((f) => f !== 'late').map((f) => ({ value: f, label: pick(lang, REPORT_FAULT_LABELS[f]) }))}
            />
          </Form.Item>
          {text('evidence', 'accEvidence')}
        </>
      );
    case 'pushLesson':
      return (
        <>
          {text('text', 'accLessonText', true, 5)}
          <Form.Item
            name="industryPrefix"
            label={t('accLessonIndustry')}
            extra={t('accLessonIndustryHint')}
            rules={[{ pattern: /^\d{1,4}$/ }]}
          >
            <Input placeholder={a.industryCode?.slice(0, 2) ?? ''} />
          </Form.Item>
        </>
      );
    case 'addMember':
      return (
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 50 }]}>
                    <Input placeholder={t('accMemberName')} data-testid="step-member-name" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'org']} rules={[{ required: true, max: 100 }]}>
                    <Input placeholder={t('accMemberOrg')} data-testid="step-member-org" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} rules={[{ max: 50 }]}>
                    <Input placeholder={t('accMemberRole')} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    {t('remove')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({})}>{t('addItem')}</Button>
            </>
          )}
        </Form.List>
      );
    case 'extend':
      return (
        <>
          <Form.Item name="days" label={t('accExtendDays')} rules={[{ required: true }]} extra={t('accExtendHint')}>
            <InputNumber min={1} max={MAX_EXTENSION_DAYS} style={{ width: '100%' }} />
          </Form.Item>
          {text('note', 'accExtendReason', true, 2, 2000)}
        </>
      );
    case 'submitReport':
      return (
        <>
          {REPORT_SECTIONS.map((s) => (
            <Form.Item key={s} name={`report_${s}`} label={pick(lang, REPORT_SECTION_LABELS[s])} rules={[{ required: true, max: 20_000 }]}>
              <Input.TextArea rows={3} data-testid={`step-report-${s}`} />
            </Form.Item>
          ))}
        </>
      );
    case 'returnReport':
      return text('note', 'accReturnReason', true, 3, 2000);
    case 'evaluate':
      return text('evaluation', 'accEvaluation', true, 4);
    case 'endReporting':
    case 'acknowledge':
    case 'publish':
      return <Typography.Paragraph>{t('accConfirmStep', { step: pick(lang, ACCIDENT_ACTION_LABELS[action]) })}</Typography.Paragraph>;
    default:
      return text('note', 'note', false, 2, 2000);
  }
}

function gradeArrow(before: AccidentGrade | null, after: AccidentGrade | null) {
  if (!before || !after) return null;
  const c = compareGrades(after, before);
  return c > 0 ? '↑' : c < 0 ? '↓' : null;
}

/** One level of the chain: received, its countdown or when it forwarded, 越级, acknowledged, the bodies notified. */
function ChainLevelRow({ r }: { r: AccidentChainRow }) {
  const { t, lang } = useI18n();
  const next = CHAIN_LEVELS[CHAIN_LEVELS.indexOf(r.level) + 1];
  const bodies = Object.entries(r.parallel) as [keyof typeof PARALLEL_BODY_LABELS, string][];
  return (
    <div data-testid={`chain-${r.level}`}>
      <Space wrap size={4}>
        <Typography.Text strong>
          {pick(lang, CHAIN_LEVEL_LABELS[r.level])}
          {r.regionName ? ` · ${r.regionName}` : ''}
        </Typography.Text>
        {!r.required && <Tag>{t('accChainNotRequired')}</Tag>}
        {r.skipped && <Tag color="default">{t('accChainSkipped')}</Tag>}
        {!r.receivedAt && !r.skipped && <Tag>{t('accChainNotReceived')}</Tag>}
      </Space>
      {r.receivedAt && (
        <div>
          <Typography.Text type="secondary">{t('accChainReceivedAt', { at: formatTime(r.receivedAt, lang) })}</Typography.Text>
        </div>
      )}
      {r.forwardBy && !r.forwardedAt && (
        <Space size={4} wrap>
          <span>{t('accChainForwardBy', { at: formatTime(r.forwardBy, lang) })}</span>
          <Countdown deadline={r.forwardBy} testId={`chain-${r.level}-countdown`} />
        </Space>
      )}
      {r.forwardedAt && (
        <Space size={4} wrap>
          <span>
            {t('accChainForwardedAt', {
              at: formatTime(r.forwardedAt, lang),
              to: r.forwardedTo ? pick(lang, CHAIN_LEVEL_LABELS[r.forwardedTo]) : '',
            })}
            {r.forwardedByName ? `（${r.forwardedByName}）` : ''}
          </span>
          {r.forwardedTo && next && r.forwardedTo !== next && <Tag color="purple">{t('accChainSkip')}</Tag>}
          {r.forwardBy && <Countdown deadline={r.forwardBy} done={r.forwardedAt} />}
        </Space>
      )}
      {r.receivedAt && (
        <div>
          {r.acknowledgedAt ? (
            <Tag color="green" data-testid={`chain-${r.level}-acknowledged`}>
              {t('accChainAcknowledged', { at: formatTime(r.acknowledgedAt, lang), by: r.acknowledgedByName ?? '' })}
            </Tag>
          ) : (
            <Tag color="orange">{t('accChainNotAcknowledged')}</Tag>
          )}
        </div>
      )}
      {bodies.length > 0 && (
        <Space size={4} wrap>
          <span>{t('accParallelBodies')}：</span>
          {bodies.map(([b, at]) => (
            <Tag key={b}>
              {pick(lang, PARALLEL_BODY_LABELS[b])} {formatTime(at, lang)}
            </Tag>
          ))}
        </Space>
      )}
    </div>
  );
}

export function AccidentDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [action, setAction] = useState<AccidentAction | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { me } = useSession();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['accident', id], queryFn: () => fetchAccident(id), refetchInterval: 60_000 });
  const a = q.data;

  if (q.error) return <Card>{q.error instanceof ApiError && q.error.status === 404 ? t('notFound') : String(q.error)}</Card>;
  if (!a) return <Card loading />;

  const start = (x: AccidentAction) => {
    form.resetFields();
    setRefused(null);
    if (x === 'followUp') form.setFieldsValue({ at: dayjs().second(0) });
    if (x === 'forward') {
      const from = a.waitingAt ?? 'county';
      form.setFieldsValue({ to: CHAIN_LEVELS[CHAIN_LEVELS.indexOf(from) + 1] });
    }
    if (x === 'addMember') form.setFieldsValue({ members: a.investigation?.members.length ? a.investigation.members : [{}] });
    if (x === 'submitReport' && a.investigation?.report)
      form.setFieldsValue(Object.fromEntries(Object.entries(a.investigation.report).map(([s, v]) => [`report_${s}`, v])));
    setAction(x);
  };
  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = stepBody(action, v, a.version);
      const next = action === 'followUp' ? await followUp(a.id, body) : await accidentStep(a.id, action, body);
      qc.setQueryData(['accident', id], next);
      await qc.invalidateQueries({ queryKey: ['accidents'] });
      setAction(null);
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        setRefused(e.message);
        message.error(e.message);
        if (e.status === 409 || e.status === 403) await q.refetch();
      } else throw e;
    } finally {
      setBusy(false);
    }
  };

  // The investigation's record exists from the report on (its level by grade); it runs once started.
  const inv = a.investigation?.startedAt ? a.investigation : null;
  const missed = a.followUpDays.filter((d) => d.missed > 0);
  const chainRows = a.chain.filter((r) => r.required || r.receivedAt);
  const fig = (k: (typeof FIGURE_KEYS)[number]) => <Figure value={a[k]} />;
  // 事故后检查: an officer opens the new-inspection form filled in for the unit (once; the server links both ways).
  const enterpriseId = a.enterpriseId;
  const followUpInspection =
    enterpriseId && !a.inspectionId && may(me, 'enforcement.act')
      ? () => {
          const newInspection: NewInspectionRequest = {
            enterpriseId,
            enterpriseName: a.unitName,
            source: 'adhoc',
            accidentId: a.id,
            note: t('accInspectionNote', { number: a.number }),
          };
          navigate('/enforcement/inspections', { state: { newInspection } });
        }
      : null;
  // 责任追究: once the report is approved, an officer opens the unit's penalty case (Art. 114 by the
  // grade; a person's under Art. 95 is another case opened the same way).
  const penaltyCase =
    enterpriseId && ['approved', 'published', 'closed'].includes(a.status) && may(me, 'enforcement.act')
      ? async () => {
          try {
            const c = await createCase({
              enterpriseId,
              title: t('accCaseTitle', { unit: a.unitName, number: a.number }),
              facts: a.investigation?.report?.responsibility ?? a.description,
              accidentId: a.id,
            });
            navigate(`/enforcement/cases/${c.id}`);
          } catch (e) {
            if (e instanceof ApiError) message.error(e.message);
            else throw e;
          }
        }
      : null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="accident-detail">
      <Card
        title={
          <Space wrap>
            <span data-testid="accident-number">{a.number}</span>
            <GradeTag grade={a.grade} nearMiss={a.nearMiss} />
            <Tag color="blue" data-testid="accident-status">
              {pick(lang, ACCIDENT_STATUS_LABELS[a.status])}
            </Tag>
            {a.faults.map((f) => (
              <Tag key={f.fault} color="red">
                {pick(lang, REPORT_FAULT_LABELS[f.fault])}
              </Tag>
            ))}
          </Space>
        }
        extra={<Link to="/accidents">{t('back')}</Link>}
      >
        <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="accident-unit-name">
          {a.enterpriseId ? <Link to={`/enterprises/${a.enterpriseId}`}>{a.unitName}</Link> : a.unitName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" data-testid="accident-grade-by">
          {a.grade === 'ordinary'
            ? t('accGradeByNone')
            : t('accGradeBy', { by: a.gradeBy.map((d) => pick(lang, GRADING_DIMENSION_LABELS[d])).join('、') })}
          {' · '}
          {t('accReportUpTo', { level: pick(lang, CHAIN_LEVEL_LABELS[REPORT_UP_TO[a.grade]]) })}
          {a.grades.length > 1 && ` · ${t('accGradeHistory')}：${a.grades.map((g) => gradeName(g.grade, lang)).join(' → ')}`}
        </Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('accOccurredAt')}>{formatTime(a.occurredAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('accLearnedAt')}>{formatTime(a.learnedAt, lang)}</Descriptions.Item>
          {a.learnedReason && <Descriptions.Item label={t('accLearnedReason')}>{a.learnedReason}</Descriptions.Item>}
          <Descriptions.Item label={t('accReportedAt')}>{a.reportedAt ? formatTime(a.reportedAt, lang) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('region')}>{a.regionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('accPlace')}>{a.place}</Descriptions.Item>
          {a.latitude !== null && a.longitude !== null && (
            <Descriptions.Item label={t('accCoordinates')}>{`${a.latitude}, ${a.longitude}`}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('accType')}>{a.type ? pick(lang, ACCIDENT_TYPE_LABELS[a.type]) : t('accUnknown')}</Descriptions.Item>
          <Descriptions.Item label={t('accStatIndustry')}>
            {a.statIndustry ? pick(lang, STAT_INDUSTRY_LABELS[a.statIndustry]) : t('accUnknown')}
          </Descriptions.Item>
          <Descriptions.Item label={t('accDeaths')}>
            <span data-testid="accident-deaths">{fig('deaths')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('accSerious')}>{fig('seriousInjuries')}</Descriptions.Item>
          <Descriptions.Item label={t('accMinor')}>{fig('minorInjuries')}</Descriptions.Item>
          <Descriptions.Item label={t('accMissing')}>{fig('missing')}</Descriptions.Item>
          <Descriptions.Item label={t('accLoss')}>{fig('directLossWanYuan')}</Descriptions.Item>
          {a.inspectionId && (
            <Descriptions.Item label={t('accInspection')}>
              <Link to={`/enforcement/inspections/${a.inspectionId}`}>{t('accInspectionOpen')}</Link>
            </Descriptions.Item>
          )}
          {a.cases.length > 0 && (
            <Descriptions.Item label={t('accCases')}>
              <Space direction="vertical" size={0} data-testid="accident-cases">
                {a.cases.map((c) => (
                  <Link key={c.id} to={`/enforcement/cases/${c.id}`}>
                    {`${c.number ?? c.title} · ${pick(lang, CASE_STATUS_LABELS[c.status])}`}
                  </Link>
                ))}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{a.description}</Typography.Paragraph>
        {a.measures && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {t('accMeasures')}：{a.measures}
          </Typography.Paragraph>
        )}
        {a.other && (
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
            {t('accOther')}：{a.other}
          </Typography.Paragraph>
        )}
        {/* Scene photos: added after the report (the report itself never waits for an upload). */}
        {(a.attachments.length > 0 || a.allowedActions.includes('followUp')) && (
          <Space wrap data-testid="accident-photos">
            {a.attachments.map((k) => (
              <Image key={k} src={`/api/v1/accidents/${a.id}/photos/${k}`} width={120} alt={t('accPhoto')} />
            ))}
            {a.allowedActions.includes('followUp') && (
              <Upload
                accept="image/png,image/jpeg"
                showUploadList={false}
                customRequest={async ({ file }) => {
                  const body = new FormData();
                  body.append('file', file as File);
                  try {
                    await api(`/api/v1/accidents/${a.id}/photos`, { method: 'POST', body });
                    await q.refetch();
                  } catch (e) {
                    message.error((e as Error).message);
                  }
                }}
              >
                <Button data-testid="accident-upload-photo">{t('accUploadPhoto')}</Button>
              </Upload>
            )}
          </Space>
        )}
      </Card>
      {/* Who is on duty in the accident's county now (issue 27, teams part). */}
      <DutyNowPanel accidentId={a.id} />

      <Card title={t('accSteps')} size="small">
        {a.allowedActions.length || followUpInspection || penaltyCase ? (
          <Space wrap>
            {a.allowedActions.map((x, i) => (
              <Button key={x} type={i === 0 ? 'primary' : 'default'} onClick={() => start(x)} data-testid={`accident-step-${x}`}>
                {pick(lang, ACCIDENT_ACTION_LABELS[x])}
              </Button>
            ))}
            {followUpInspection && (
              <Button onClick={followUpInspection} data-testid="accident-new-inspection">
                {t('accNewInspection')}
              </Button>
            )}
            {penaltyCase && (
              <Button onClick={penaltyCase} data-testid="accident-new-case">
                {t('accNewCase')}
              </Button>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('accNoSteps')}</Typography.Text>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('accChain')} size="small" data-testid="accident-chain">
            <Timeline
              items={[
                {
                  color: a.unit.lateMinutes > 0 || a.unit.overdue ? 'red' : 'green',
                  children: (
                    <div data-testid="chain-unit">
                      <Typography.Text strong>{pick(lang, CHAIN_LEVEL_LABELS.enterprise)}</Typography.Text>
                      <div>
                        <Space size={4} wrap>
                          <span>{t('accUnitDeadline', { at: formatTime(a.unit.deadline, lang) })}</span>
                          <Countdown deadline={a.unit.deadline} done={a.unit.reportedAt} />
                        </Space>
                      </div>
                      {a.unit.reportedAt && (
                        <Typography.Text type="secondary">
                          {t('accUnitReportedAt', { at: formatTime(a.unit.reportedAt, lang) })}
                        </Typography.Text>
                      )}
                    </div>
                  ),
                },
                ...chainRows.map((r) => ({
                  color: r.overdue || r.lateMinutes > 0 ? 'red' : r.receivedAt ? 'green' : 'gray',
                  children: <ChainLevelRow r={r} />,
                })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('accReports')} size="small" data-testid="accident-reports">
            <Typography.Paragraph type="secondary">
              {a.regradeWindow.open
                ? t('accWindowOpen', { n: a.regradeWindow.days, day: a.regradeWindow.endsOn })
                : t('accWindowClosed', { n: a.regradeWindow.days, day: a.regradeWindow.endsOn })}
              {a.reportingEndedAt && ` · ${t('accReportingEnded', { at: formatTime(a.reportingEndedAt, lang) })}`}
            </Typography.Paragraph>
            {missed.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="accident-missed-follow-ups"
                message={t('accMissedFollowUps')}
                description={
                  <Space size={4} wrap>
                    {missed.map((d) => (
                      <Tag key={d.day} color="orange">
                        {t('accMissedDay', { day: d.day, required: d.required, made: d.made })}
                      </Tag>
                    ))}
                  </Space>
                }
              />
            )}
            <Timeline
              items={a.reports.map((r) => {
                const arrow = gradeArrow(r.gradeBefore, r.gradeAfter);
                return {
                  color: r.withinWindow ? 'blue' : 'gray',
                  children: (
                    <div data-testid="accident-report-row">
                      <Space size={4} wrap>
                        <Typography.Text strong>{t(REPORT_KIND[r.kind])}</Typography.Text>
                        <Typography.Text type="secondary">
                          {formatTime(r.at, lang)}
                          {r.authorName ? ` · ${r.authorName}` : ''}
                        </Typography.Text>
                        {arrow && r.gradeBefore && r.gradeAfter && (
                          <Tag color={arrow === '↑' ? 'red' : 'green'} data-testid="accident-regrade">
                            {gradeName(r.gradeBefore, lang)} {arrow} {gradeName(r.gradeAfter, lang)}
                          </Tag>
                        )}
                        {!r.withinWindow && (
                          <Tag color="default" data-testid="accident-outside-window">
                            {t('accOutsideWindow', { n: a.regradeWindow.days })}
                          </Tag>
                        )}
                      </Space>
                      <div>
                        {/* A follow-up's empty figure kept the one on record; the first report's was not known. */}
                        {FIGURE_KEYS.filter((k) => r[k] !== null || r.kind === 'first').map((k) => (
                          <Typography.Text key={k} type="secondary" style={{ marginRight: 8 }}>
                            {t(FIGURE_LABELS[k])} <Figure value={r[k]} />
                          </Typography.Text>
                        ))}
                      </div>
                      {r.text && <div style={{ whiteSpace: 'pre-wrap' }}>{r.text}</div>}
                      {r.reason && (
                        <Typography.Text type="secondary">
                          {t('accFollowUpReason')}：{r.reason}
                        </Typography.Text>
                      )}
                      {!r.withinWindow && (
                        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
                          {t('accOutsideWindowWhy', { n: a.regradeWindow.days })}
                        </Typography.Paragraph>
                      )}
                    </div>
                  ),
                };
              })}
            />
          </Card>
        </Col>
      </Row>

      {a.faults.length > 0 && (
        <Card title={t('accFaults')} size="small">
          <Table
            rowKey={(f) => `${f.fault}-${f.recordedAt}`}
            size="small"
            pagination={false}
            dataSource={a.faults}
            columns={[
              {
                title: t('accFault'),
                dataIndex: 'fault',
                render: (f: keyof typeof REPORT_FAULT_LABELS) => pick(lang, REPORT_FAULT_LABELS[f]),
              },
              { title: t('accLateMinutes'), dataIndex: 'minutes', render: (v: number | null) => v ?? '—' },
              { title: t('accEvidence'), dataIndex: 'evidence', render: (v: string | null) => v ?? '—' },
              { title: t('accRecordedBy'), dataIndex: 'recordedByName', render: (v: string | null) => v ?? t('accBySystem') },
              { title: t('time'), dataIndex: 'recordedAt', render: (v: string) => formatTime(v, lang) },
            ]}
          />
        </Card>
      )}

      {!a.nearMiss && (
        <Card title={t('accInvestigation')} size="small" data-testid="accident-investigation">
          {!inv ? (
            <Typography.Text type="secondary">
              {t('accInvestigationNotStarted', {
                level: pick(lang, CHAIN_LEVEL_LABELS[a.investigation?.level ?? INVESTIGATED_BY[a.grade]]),
              })}
            </Typography.Text>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
                <Descriptions.Item label={t('accInvestigatingLevel')}>
                  {pick(lang, CHAIN_LEVEL_LABELS[inv.level as ChainLevel])}
                </Descriptions.Item>
                <Descriptions.Item label={t('accInvestigationStarted')}>
                  {inv.startedAt ? formatTime(inv.startedAt, lang) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('accInvestigationDue')}>
                  <Space size={4} wrap>
                    <span>{formatTime(inv.clock.dueAt, lang, true)}</span>
                    {inv.submittedAt ? null : inv.clock.paused ? (
                      <Tag color="blue">{t('accClockPaused')}</Tag>
                    ) : inv.clock.overdue ? (
                      <Tag color="red">{t('accDaysOverdue', { n: -inv.clock.remainingDays })}</Tag>
                    ) : (
                      <Tag color={inv.clock.remainingDays < 10 ? 'orange' : 'green'} data-testid="accident-clock">
                        {t('accDaysLeft', { n: inv.clock.remainingDays })}
                      </Tag>
                    )}
                  </Space>
                </Descriptions.Item>
                {inv.clock.pausedDays > 0 && <Descriptions.Item label={t('accPausedDays')}>{inv.clock.pausedDays}</Descriptions.Item>}
                {inv.extensionDays > 0 && (
                  <Descriptions.Item label={t('accExtended')}>
                    {t('accExtendedBy', { n: inv.extensionDays })}
                    {inv.extensionReason ? `（${inv.extensionReason}）` : ''}
                  </Descriptions.Item>
                )}
                {inv.submittedAt && <Descriptions.Item label={t('accSubmittedAt')}>{formatTime(inv.submittedAt, lang)}</Descriptions.Item>}
                {inv.approvalDue && !inv.approvedAt && (
                  <Descriptions.Item label={t('accApprovalDue')}>
                    <Countdown deadline={inv.approvalDue} />
                  </Descriptions.Item>
                )}
                {inv.approvedAt && <Descriptions.Item label={t('accApprovedAt')}>{formatTime(inv.approvedAt, lang)}</Descriptions.Item>}
                {inv.publishedAt && <Descriptions.Item label={t('accPublishedAt')}>{formatTime(inv.publishedAt, lang)}</Descriptions.Item>}
                {inv.evaluationDue && !inv.evaluatedAt && (
                  <Descriptions.Item label={t('accEvaluationDue')}>{formatTime(inv.evaluationDue, lang, true)}</Descriptions.Item>
                )}
                {inv.evaluatedAt && <Descriptions.Item label={t('accEvaluatedAt')}>{formatTime(inv.evaluatedAt, lang)}</Descriptions.Item>}
              </Descriptions>
              {inv.pauses.length > 0 && (
                <Space size={4} wrap>
                  <span>{t('accPauses')}：</span>
                  {inv.pauses.map((p) => (
                    <Tag key={p.from}>
                      {formatTime(p.from, lang, true)} ~ {p.to ? formatTime(p.to, lang, true) : t('accPauseOpen')}
                    </Tag>
                  ))}
                </Space>
              )}
              <Table
                rowKey={(m) => `${m.name}-${m.org}`}
                size="small"
                pagination={false}
                dataSource={inv.members}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accNoMembers')} /> }}
                columns={[
                  { title: t('accMemberName'), dataIndex: 'name' },
                  { title: t('accMemberOrg'), dataIndex: 'org' },
                  { title: t('accMemberRole'), dataIndex: 'role', render: (v: string | null) => v ?? '—' },
                ]}
              />
              {inv.report && (
                <Descriptions
                  bordered
                  size="small"
                  column={1}
                  title={t('accInvestigationReport')}
                  data-testid="accident-investigation-report"
                >
                  {REPORT_SECTIONS.filter((s) => inv.report?.[s]).map((s) => (
                    <Descriptions.Item key={s} label={pick(lang, REPORT_SECTION_LABELS[s])}>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{inv.report?.[s]}</div>
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              )}
              {inv.evaluation && (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  {t('accEvaluation')}：{inv.evaluation}
                </Typography.Paragraph>
              )}
            </Space>
          )}
        </Card>
      )}

      {a.lessons.length > 0 && (
        <Card title={t('accLessons')} size="small">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={a.lessons}
            columns={[
              { title: t('accSentAt'), dataIndex: 'sentAt', width: 150, render: (v: string) => formatTime(v, lang) },
              { title: t('accSentBy'), dataIndex: 'sentByName', width: 140, render: (v: string | null) => v ?? '—' },
              { title: t('accLessonText'), dataIndex: 'text' },
              { title: t('accAcknowledged'), key: 'ack', width: 120, render: (_, l) => `${l.acknowledged} / ${l.targets}` },
            ]}
          />
        </Card>
      )}

      <Modal
        open={action !== null}
        title={action ? pick(lang, ACCIDENT_ACTION_LABELS[action]) : ''}
        onCancel={() => setAction(null)}
        onOk={submit}
        okText={t('submit')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        destroyOnHidden
        width={action === 'submitReport' ? 760 : undefined}
      >
        {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} data-testid="accident-step-refused" />}
        <Form form={form} layout="vertical">
          {action && <StepFields action={action} a={a} />}
        </Form>
      </Modal>
    </Space>
  );
}

const gradeName = (g: AccidentGrade, lang: 'zh' | 'en') => pick(lang, ACCIDENT_GRADE_LABELS[g]);
