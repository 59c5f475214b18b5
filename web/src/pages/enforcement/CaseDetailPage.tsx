// The case workbench (案件办理): the case, its deadlines with countdowns, the next-step buttons the
// server allows (allowedActions) each with its form — the article picker shows the statutory range —,
// the timeline, payments and daily penalties, the interference records (for those who may see
// them), the documents (DocumentsPanel) and the 案卷 PDF.
import {
  ACCIDENT_GRADE_LABELS,
  ACCIDENT_GRADES,
  CASE_ACTION_LABELS,
  CASE_DEADLINE_LABELS,
  CASE_STATUS_LABELS,
  type CaseAction,
  type CaseStep,
  caseEventLabel,
  DROP_KIND_LABELS,
  DROP_KINDS,
  PAYMENT_KIND_LABELS,
  PAYMENT_KINDS,
  PENALTY_ARTICLES,
  PENALTY_TIER_LABELS,
  PENALTY_TIERS,
  type PenaltyTier,
  penaltyArticle,
  penaltyRange,
  rangeText,
  SERVICE_METHOD_LABELS,
  SERVICE_METHODS,
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
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { DeadlineTag } from './CasesPage.tsx';
import { type CaseDetail, caseDossierUrl, fetchCase, takeStep } from './cases-api.ts';
import { DocumentsPanel } from './DocumentsPanel.tsx';

const day = (v: Dayjs | undefined) => (v ? v.format('YYYY-MM-DD') : undefined);
const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** The request body of a step from its form's values (each action's fields, as caseStepSchema takes them). */
function stepBody(action: CaseAction, v: Record<string, unknown>, version: number): CaseStep {
  const s = (k: string) => v[k] as string | undefined;
  const base = { version };
  switch (action) {
    case 'editFacts':
      return { action, facts: opt(s('facts')), evidence: opt(s('evidence')), ...base };
    case 'notify':
      return {
        action,
        article: s('article') as string,
        tier: s('tier') as PenaltyTier,
        amount: (v.amount as number | null) ?? undefined,
        reasons: s('reasons') ?? '',
        personName: opt(s('personName')),
        illegalGains: (v.illegalGains as number | null) ?? undefined,
        annualIncome: (v.annualIncome as number | null) ?? undefined,
        accidentGrade: v.accidentGrade as (typeof ACCIDENT_GRADES)[number] | undefined,
        suspension: v.suspension === true,
        revocation: v.revocation === true,
        ...base,
      };
    case 'requestHearing':
      return { action, note: opt(s('note')), ...base };
    case 'recordHearing':
      return { action, heldOn: day(v.heldOn as Dayjs) ?? '', summary: s('summary') ?? '', ...base };
    case 'submitReview':
      return { action, waived: v.waived === true, statement: opt(s('statement')), ...base };
    case 'approve':
    case 'acceptResumption':
      return { action, opinion: s('opinion') ?? '', ...base };
    case 'sendBack':
      return { action, reason: s('reason') ?? '', ...base };
    case 'serve':
      return {
        action,
        servedAt: (v.servedAt as Dayjs).toISOString(),
        method: v.method as (typeof SERVICE_METHODS)[number],
        recipient: s('recipient') ?? '',
        ...base,
      };
    case 'recordPayment':
      return {
        action,
        kind: v.kind as 'fine' | 'lateFee' | 'dailyPenalty',
        amount: v.amount as number,
        paidOn: day(v.paidOn as Dayjs) ?? '',
        receiptNo: opt(s('receiptNo')),
        ...base,
      };
    case 'decideLateFee':
      return { action, until: day(v.until as Dayjs | undefined), ...base };
    case 'recordDailyPenalty':
      return { action, day: day(v.day as Dayjs) ?? '', note: opt(s('note')), ...base };
    case 'close':
      return { action, summary: opt(s('summary')), ...base };
    case 'transfer':
      return { action, to: s('to') ?? '', reason: s('reason') ?? '', ...base };
    case 'drop':
      return { action, kind: v.kind as 'noPenalty' | 'revoke', reason: s('reason') ?? '', ...base };
    case 'recordInterference':
      return {
        action,
        whoName: s('whoName') ?? '',
        org: opt(s('org')),
        occurredAt: (v.occurredAt as Dayjs).toISOString(),
        what: s('what') ?? '',
        ...base,
      };
    default:
      return { action, ...base } as CaseStep;
  }
}

/** The penalty fields of 拟处罚并告知: article, tier, the range the amount must fall in, the amount and its reasons. */
function PenaltyFields() {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const article = Form.useWatch('article', form) as string | undefined;
  const tier = Form.useWatch('tier', form) as PenaltyTier | undefined;
  const illegalGains = Form.useWatch('illegalGains', form) as number | undefined;
  const annualIncome = Form.useWatch('annualIncome', form) as number | undefined;
  const accidentGrade = Form.useWatch('accidentGrade', form) as (typeof ACCIDENT_GRADES)[number] | undefined;
  const p = article ? penaltyArticle(article) : undefined;
  const range = article && tier ? penaltyRange(article, tier, { illegalGains, annualIncome, accidentGrade }) : null;
  const tiers = p
    ? PENALTY_TIERS.filter(
        (x) => x in p.ranges || p.incomeShare?.tier === x || (p.byAccidentGrade && (x === 'first' || x === 'aggravated')),
      )
    : [];
  return (
    <>
      <Form.Item name="article" label={t('caseArticle')} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          data-testid="case-article"
          options={PENALTY_ARTICLES.map((a) => ({ value: a.key, label: `${pick(lang, a.article)} ${pick(lang, a.violation)}` }))}
          onChange={() => form.setFieldValue('tier', undefined)}
        />
      </Form.Item>
      {p?.measures && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={pick(lang, p.measures)} />}
      <Form.Item name="tier" label={t('caseTier')} rules={[{ required: true }]}>
        <Select data-testid="case-tier" options={tiers.map((x) => ({ value: x, label: pick(lang, PENALTY_TIER_LABELS[x]) }))} />
      </Form.Item>
      {p?.gainsMultiple && tier === 'aggravated' && (
        <Form.Item name="illegalGains" label={t('caseIllegalGains')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
      )}
      {(p?.byAccidentGrade || (p?.incomeShare && p.incomeShare.tier === tier && 'byGrade' in p.incomeShare.share)) && (
        <Form.Item name="accidentGrade" label={t('caseAccidentGrade')} rules={[{ required: true }]}>
          <Select options={ACCIDENT_GRADES.map((g) => ({ value: g, label: pick(lang, ACCIDENT_GRADE_LABELS[g]) }))} />
        </Form.Item>
      )}
      {p?.incomeShare && p.incomeShare.tier === tier && (
        <Form.Item name="annualIncome" label={t('caseAnnualIncome')} rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
      )}
      {tier && (
        <Typography.Paragraph type={range ? 'warning' : 'secondary'} data-testid="case-range">
          {range ? t('caseRange', { range: pick(lang, rangeText(range)) }) : t('caseNoFixedRange')}
        </Typography.Paragraph>
      )}
      {range && (
        <Form.Item name="amount" label={t('caseAmount')} rules={[{ required: true }]}>
          <InputNumber min={0} max={range[1]} style={{ width: '100%' }} data-testid="case-amount" />
        </Form.Item>
      )}
      {(tier === 'person' || tier === 'personAggravated') && (
        <Form.Item name="personName" label={t('casePersonName')} rules={[{ required: true, max: 50 }]}>
          <Input />
        </Form.Item>
      )}
      <Form.Item name="reasons" label={t('caseReasons')} rules={[{ required: true, max: 2000 }]}>
        <Input.TextArea rows={3} data-testid="case-reasons" />
      </Form.Item>
      <Space>
        {p?.suspension && (
          <Form.Item name="suspension" valuePropName="checked" noStyle>
            <Checkbox>{t('caseSuspension')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="revocation" valuePropName="checked" noStyle>
          <Checkbox>{t('caseRevocation')}</Checkbox>
        </Form.Item>
      </Space>
    </>
  );
}

/** The fields each step asks for; a step without fields is confirmed as is. */
function StepFields({ action }: { action: CaseAction }) {
  const { t, lang } = useI18n();
  const text = (name: string, label: Parameters<typeof t>[0], required = true, rows = 3) => (
    <Form.Item name={name} label={t(label)} rules={[{ required, max: 5000 }]}>
      <Input.TextArea rows={rows} />
    </Form.Item>
  );
  switch (action) {
    case 'editFacts':
      return (
        <>
          {text('facts', 'caseFacts', false, 4)}
          {text('evidence', 'caseEvidence', false, 4)}
        </>
      );
    case 'notify':
      return <PenaltyFields />;
    case 'requestHearing':
      return text('note', 'caseNote', false);
    case 'recordHearing':
      return (
        <>
          <Form.Item name="heldOn" label={t('caseHeldOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          {text('summary', 'caseHearingSummary')}
        </>
      );
    case 'submitReview':
      return (
        <>
          <Form.Item name="waived" valuePropName="checked">
            <Checkbox>{t('caseWaived')}</Checkbox>
          </Form.Item>
          {text('statement', 'caseStatement', false)}
        </>
      );
    case 'approve':
    case 'acceptResumption':
      return text('opinion', 'caseOpinion');
    case 'sendBack':
      return text('reason', 'caseReason');
    case 'serve':
      return (
        <>
          <Form.Item name="servedAt" label={t('caseServedAt')} rules={[{ required: true }]}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="method" label={t('caseServiceMethod')} rules={[{ required: true }]}>
            <Select options={SERVICE_METHODS.map((m) => ({ value: m, label: pick(lang, SERVICE_METHOD_LABELS[m]) }))} />
          </Form.Item>
          <Form.Item name="recipient" label={t('caseRecipient')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
        </>
      );
    case 'recordPayment':
      return (
        <>
          <Form.Item name="kind" label={t('casePaymentKind')} rules={[{ required: true }]}>
            <Select options={PAYMENT_KINDS.map((k) => ({ value: k, label: pick(lang, PAYMENT_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="amount" label={t('caseAmount')} rules={[{ required: true }]}>
            <InputNumber min={0.01} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="paidOn" label={t('casePaidOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="receiptNo" label={t('caseReceiptNo')}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      );
    case 'decideLateFee':
      return (
        <Form.Item name="until" label={t('caseUntil')}>
          <DatePicker />
        </Form.Item>
      );
    case 'recordDailyPenalty':
      return (
        <>
          <Form.Item name="day" label={t('caseDay')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          {text('note', 'caseNote', false)}
        </>
      );
    case 'close':
      return text('summary', 'caseOpinion', false);
    case 'transfer':
      return (
        <>
          <Form.Item name="to" label={t('caseTransferTo')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          {text('reason', 'caseReason')}
        </>
      );
    case 'drop':
      return (
        <>
          <Form.Item name="kind" label={t('caseDropKind')} rules={[{ required: true }]}>
            <Select options={DROP_KINDS.map((k) => ({ value: k, label: pick(lang, DROP_KIND_LABELS[k]) }))} />
          </Form.Item>
          {text('reason', 'caseReason')}
        </>
      );
    case 'recordInterference':
      return (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('caseInterferenceHint')} />
          <Form.Item name="whoName" label={t('caseWho')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="org" label={t('caseOrg')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="occurredAt" label={t('caseWhen')} rules={[{ required: true }]}>
            <DatePicker showTime />
          </Form.Item>
          {text('what', 'caseWhat')}
        </>
      );
    default:
      return null;
  }
}

/** Today in Beijing, as the law counts the case's days (the browser may be elsewhere). */
const beijingToday = () => dayjs(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));

const DEFAULTS: Partial<Record<CaseAction, () => Record<string, unknown>>> = {
  serve: () => ({ servedAt: dayjs(), method: 'direct' }),
  recordPayment: () => ({ paidOn: beijingToday(), kind: 'fine' }),
  recordHearing: () => ({ heldOn: beijingToday() }),
  recordDailyPenalty: () => ({ day: beijingToday() }),
  recordInterference: () => ({ occurredAt: dayjs() }),
};

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [action, setAction] = useState<CaseAction | null>(null);
  const [busy, setBusy] = useState(false);
  // A refusal the form cannot pin on a field (the step is not allowed now, a stale version) stays
  // in the dialog: a toast alone is gone before a user has read why the dialog did not close.
  const [refusal, setRefusal] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['enforcement-case', id], queryFn: () => fetchCase(id) });
  const c = q.data;

  if (q.error) return <Card>{q.error instanceof ApiError && q.error.status === 404 ? t('notFound') : String(q.error)}</Card>;
  if (!c) return <Card loading />;

  const start = (a: CaseAction) => {
    form.resetFields();
    form.setFieldsValue({
      ...DEFAULTS[a]?.(),
      ...(a === 'editFacts' ? { facts: c.facts, evidence: c.evidence } : {}),
      ...(a === 'recordPayment' ? { amount: c.owed } : {}),
      // The article named on site (the finding's) is where the notice starts.
      ...(a === 'notify' && c.article ? { article: c.article } : {}),
      // A case from an accident's investigation: Art. 114 / 95 follow the accident's grade.
      ...(a === 'notify' && c.accidentGrade ? { accidentGrade: c.accidentGrade } : {}),
    });
    setRefusal(null);
    setAction(a);
  };
  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setBusy(true);
    setRefusal(null);
    try {
      const next = await takeStep(c.id, stepBody(action, v, c.version));
      qc.setQueryData(['enforcement-case', id], next);
      await qc.invalidateQueries({ queryKey: ['enforcement-documents'] });
      await qc.invalidateQueries({ queryKey: ['enforcement-cases'] });
      setAction(null);
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        if (Object.keys(e.fields).length === 0) setRefusal(e.message);
        message.error(e.message);
        if (e.status === 409 || e.status === 403) await q.refetch();
      } else throw e;
    } finally {
      setBusy(false);
    }
  };

  const steps = c.allowedActions.filter((a) => a !== 'recordInterference');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space wrap>
            <span>{c.title}</span>
            <Tag color="blue">{pick(lang, CASE_STATUS_LABELS[c.status])}</Tag>
            {c.transferred && c.status !== 'transferred' && <Tag color="purple">{t('caseTransferredTag')}</Tag>}
            {c.publishedAt ? <Tag color="green">{t('casePublished')}</Tag> : c.decidedAt && <Tag>{t('caseNotPublished')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            <Link to="/enforcement/cases">{t('back')}</Link>
            <Button href={caseDossierUrl(c.id)} data-testid="case-dossier">
              {t('caseDossier')}
            </Button>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('caseNumber')}>{c.number ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('caseEnterprise')}>{c.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('caseHandler')}>{c.handlerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('caseFiledAt')}>{formatTime(c.filedAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('caseArticle')}>
            {c.article ? `${pick(lang, penaltyArticle(c.article)?.article ?? { zh: c.article, en: c.article })}` : '—'}
            {c.tier ? `（${pick(lang, PENALTY_TIER_LABELS[c.tier])}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('caseFine')}>{c.fine ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('caseLateFee')}>{c.lateFee}</Descriptions.Item>
          <Descriptions.Item label={t('caseDailyTotal')}>{c.dailyPenaltyTotal}</Descriptions.Item>
          <Descriptions.Item label={t('casePaid')}>{c.paid}</Descriptions.Item>
          <Descriptions.Item label={t('caseOwed')}>{c.owed}</Descriptions.Item>
          {c.hearingRight && (
            <Descriptions.Item label={t('caseHearingRight')}>
              {c.hearingRequested ? t('caseHearingRequested') : t('caseHearingNotRequested')}
            </Descriptions.Item>
          )}
          {c.hazardId && (
            <Descriptions.Item label={t('caseHazard')}>
              <Link to={`/hazards/${c.hazardId}`}>{c.hazardId.slice(0, 8)}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        {c.facts && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.facts}</Typography.Paragraph>}
        {c.reasons && (
          <Typography.Paragraph type="secondary">
            {t('caseReasons')}：{c.reasons}
          </Typography.Paragraph>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('caseNextStep')} size="small">
            {steps.length ? (
              <Space wrap>
                {steps.map((a) => (
                  <Button key={a} type={a === steps[0] ? 'primary' : 'default'} onClick={() => start(a)} data-testid={`case-step-${a}`}>
                    {pick(lang, CASE_ACTION_LABELS[a])}
                  </Button>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('caseNoActions')}</Typography.Text>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
              {t('caseFourEyes')} {t('caseProvisional')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('caseDeadlines')} size="small">
            <Space direction="vertical">
              {c.deadlines.map((d) => (
                <Space key={d.kind}>
                  <DeadlineTag d={d} />
                  <Typography.Text type="secondary">
                    {pick(lang, CASE_DEADLINE_LABELS[d.kind])}：{d.due}
                  </Typography.Text>
                </Space>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>

      <Card title={t('caseTimeline')} size="small">
        <Timeline
          items={c.events.map((e) => ({
            children: (
              <div>
                <Typography.Text strong>{caseEventLabel(e.kind, lang)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {formatTime(e.at, lang)} · {e.actorName ?? ''} ·{' '}
                  {pick(lang, CASE_STATUS_LABELS[e.toStatus as CaseDetail['status']] ?? { zh: e.toStatus, en: e.toStatus })}
                </Typography.Text>
                {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
              </div>
            ),
          }))}
        />
      </Card>

      {(c.payments.length > 0 || c.dailyPenalties.length > 0 || (c.decidedAt !== null && (c.fine ?? 0) > 0)) && (
        <Card title={t('casePayments')} size="small">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.payments}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            columns={[
              { title: t('casePaidOn'), dataIndex: 'paidOn' },
              {
                title: t('casePaymentKind'),
                dataIndex: 'kind',
                render: (k: (typeof PAYMENT_KINDS)[number]) => pick(lang, PAYMENT_KIND_LABELS[k]),
              },
              { title: t('caseAmount'), dataIndex: 'amount', align: 'right' },
              { title: t('caseReceiptNo'), dataIndex: 'receiptNo' },
            ]}
          />
          {c.dailyPenalties.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('caseDailyPenalties')}
              </Typography.Title>
              <Table
                rowKey="day"
                size="small"
                pagination={false}
                dataSource={c.dailyPenalties}
                columns={[
                  { title: t('caseDay'), dataIndex: 'day' },
                  { title: t('caseAmount'), dataIndex: 'amount', align: 'right' },
                  { title: t('caseNote'), dataIndex: 'note' },
                ]}
              />
            </>
          )}
        </Card>
      )}

      {c.interference !== null && (
        <Card
          title={t('caseInterference')}
          size="small"
          extra={
            c.allowedActions.includes('recordInterference') && (
              <Button onClick={() => start('recordInterference')} data-testid="case-step-recordInterference">
                {pick(lang, CASE_ACTION_LABELS.recordInterference)}
              </Button>
            )
          }
        >
          <Typography.Paragraph type="secondary">{t('caseInterferenceHint')}</Typography.Paragraph>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.interference}
            columns={[
              { title: t('caseWhen'), dataIndex: 'occurredAt', render: (v: string) => formatTime(v, lang) },
              { title: t('caseWho'), dataIndex: 'whoName' },
              { title: t('caseOrg'), dataIndex: 'org' },
              { title: t('caseWhat'), dataIndex: 'what' },
              { title: t('caseRecordedBy'), dataIndex: 'recordedByName' },
            ]}
          />
        </Card>
      )}

      <DocumentsPanel caseId={c.id} title={t('caseDocuments')} />

      <Modal
        open={action !== null}
        title={action ? pick(lang, CASE_ACTION_LABELS[action]) : ''}
        onCancel={() => {
          setAction(null);
          setRefusal(null);
        }}
        onOk={submit}
        okText={t('caseSubmit')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        {refusal && <Alert type="error" showIcon message={refusal} style={{ marginBottom: 12 }} data-testid="step-refusal" />}
        <Form form={form} layout="vertical">
          {action && <StepFields action={action} />}
        </Form>
      </Modal>
    </Space>
  );
}
