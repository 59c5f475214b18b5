// Penalty cases' commands: openCase (what an inspection's violation calls, in its transaction),
// each step of the state machine (domain/src/enforcement/cases.ts) with the document it issues,
// payments, late fees, daily penalties, interference records, and the public list of published
// decisions. Who may and when is asked of domain; SQL is in cases-store.ts; every step is an audit
// event and a timeline event in the same transaction as the change.
import {
  type Actor,
  addWorkingDays,
  type CaseDetail,
  type CaseRules,
  type CaseStep,
  type CaseSummary,
  caseActions,
  caseDeadlines,
  type caseInputSchema,
  type caseListQuerySchema,
  caseTransition,
  checkAmount,
  DOCUMENT_TYPES,
  type DocumentContent,
  type DocumentType,
  decisionDueOn,
  hasHearingRight,
  hearingRequestDue,
  isEnforcer,
  lateFee,
  looksLikePerson,
  maskPersonName,
  mayViewInterference,
  NATIONAL_SCOPE,
  nextCaseStep,
  PENALTY_TIER_LABELS,
  type PublishedDecision,
  paymentDueOn,
  penaltyArticle,
  penaltyRange,
  SERVICE_METHOD_LABELS,
  statementDue,
  type WorkingCalendar,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { iso, todayInShanghai } from '../../time.ts';
import { workingCalendar } from '../calendar/index.ts';
import { visibleEnterprise } from '../enterprises/scope.ts';
import { effectiveSetting } from '../settings/index.ts';
import {
  type CaseRow,
  type CaseWhere,
  caseScope,
  dailyPenaltiesOf,
  eventsOf,
  factsOf,
  findCase,
  insertCase,
  insertDailyPenalty,
  insertEvent,
  insertInterference,
  insertPayment,
  interferenceOf,
  listCaseRows,
  owedOf,
  partyOf,
  paymentsOf,
  publishedDecisions,
  updateCase,
} from './cases-store.ts';
import { documentsOf, issueDocument, issuerName } from './documents.ts';
import { insertService } from './documents-store.ts';

/** The acting person's name as the timeline keeps it (a request's actor carries it; otherwise the login name). */
const nameOf = (a: Actor) => (a as Actor & { displayName?: string }).displayName ?? a.username;

/** The settings a case is held to, at the case's place. */
export async function caseRules(q: Scoped | Db, regionCode: string): Promise<CaseRules> {
  const [statementDays, hearingThresholdYuan, hearingThresholdPersonYuan, decisionWarnDays, publicationWorkingDays] = await Promise.all([
    effectiveSetting(q, 'enforcement.caseStatementDays', regionCode),
    effectiveSetting(q, 'enforcement.hearingThresholdYuan', regionCode),
    effectiveSetting(q, 'enforcement.hearingThresholdPersonYuan', regionCode),
    effectiveSetting(q, 'enforcement.caseDecisionWarnDays', regionCode),
    effectiveSetting(q, 'enforcement.publicationWorkingDays', regionCode),
  ]);
  return { statementDays, hearingThresholdYuan, hearingThresholdPersonYuan, decisionWarnDays, publicationWorkingDays };
}

const yuan = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('en-US', { maximumFractionDigits: 2 })} 元`.replace(/,/g, ''));
const articleText = (key: string | null) => {
  const p = key ? penaltyArticle(key) : undefined;
  return p ? `《中华人民共和国安全生产法》${p.article.zh}` : '—';
};

/** The penalty in words, as the notice, the decision and the public list write it. */
export function penaltyWords(r: Pick<CaseRow, 'tier' | 'fine' | 'suspension' | 'revocation' | 'person_name'>, mask = false): string {
  const parts: string[] = [];
  if (r.fine) {
    const person = r.tier === 'person' || r.tier === 'personAggravated';
    const who = person ? `对直接责任人员${r.person_name ? (mask ? maskPersonName(r.person_name) : r.person_name) : ''}` : '';
    parts.push(`${who}罚款人民币 ${yuan(r.fine)}`);
  }
  if (r.suspension) parts.push('责令停产停业整顿');
  if (r.revocation) parts.push('吊销有关证照');
  return parts.length ? parts.join('；') : '不罚款';
}

async function partyCells(tx: Scoped, enterpriseId: string) {
  const p = await partyOf(tx, enterpriseId);
  if (!p) throw notFound();
  return {
    party: p,
    cells: [
      { label: '当事人', value: p.name },
      { label: '统一社会信用代码', value: p.credit_code },
      { label: '地址', value: p.address ?? '' },
      { label: '法定代表人（负责人）', value: p.legal_representative ?? '' },
      { label: '联系电话', value: p.contact_phone ?? '' },
    ],
  };
}

/** Issue one of the case's documents, content composed from the case row (never typed twice). */
async function issueCaseDocument(
  tx: Scoped,
  actor: Actor,
  row: CaseRow,
  kind: DocumentType,
  cells: { label: string; value: string }[],
  now: Date,
  body?: string[],
) {
  const { cells: party } = await partyCells(tx, row.enterprise_id);
  const content: DocumentContent = {
    title: DOCUMENT_TYPES[kind].zh,
    cells: [{ label: '案件名称', value: row.title }, ...party, ...cells],
    ...(body ? { body } : {}),
  };
  return issueDocument(tx, actor, {
    kind,
    enterpriseId: row.enterprise_id,
    departmentId: row.department_id,
    inspectionId: row.inspection_id,
    caseId: row.id,
    content,
    now,
  });
}

export type OpenCaseInput = {
  enterpriseId: string;
  title: string;
  inspectionId?: string | null;
  hazardId?: string | null;
  departmentId?: string | null;
  facts?: string;
};

/**
 * Open (立案) a case inside the caller's transaction, issuing the 立案审批表. The enterprise must be
 * in the actor's scope (404) and the actor an enforcer (403). A hazard or inspection it comes from
 * is only a link: closing the hazard never closes the case (整改不能代替处罚).
 */
export async function openCase(tx: Scoped, actor: Actor, input: OpenCaseInput, now = new Date()): Promise<{ id: string }> {
  if (!isEnforcer(actor)) throw forbidden();
  await visibleEnterprise(tx, input.enterpriseId);
  const id = await insertCase(tx, {
    enterpriseId: input.enterpriseId,
    title: input.title,
    facts: input.facts ?? '',
    inspectionId: input.inspectionId ?? null,
    hazardId: input.hazardId ?? null,
    departmentId: input.departmentId ?? null,
    filedAt: now,
    decisionDueOn: decisionDueOn(todayInShanghai(now)),
    actorId: actor.id,
  });
  const row = (await findCase(tx, id)) as CaseRow;
  const source = row.inspection_id ? '执法检查发现' : row.hazard_id ? '隐患排查发现' : '其他';
  const doc = await issueCaseDocument(
    tx,
    actor,
    row,
    'caseFiling',
    [
      { label: '案由', value: row.title },
      { label: '案件来源', value: source },
      { label: '基本情况', value: row.facts || '—' },
      { label: '承办人', value: row.handler_name ?? '' },
      { label: '立案日期', value: row.filed_on },
      { label: '作出决定期限', value: `${row.decision_due_on}（立案之日起九十日，行政处罚法第六十条）` },
    ],
    now,
  );
  await updateCase(tx, id, { filing_document_id: doc.id });
  await insertEvent(tx, {
    caseId: id,
    kind: 'open',
    from: null,
    to: 'filed',
    actorId: actor.id,
    actorName: nameOf(actor),
    data: { number: doc.number },
    at: now,
  });
  await appendAudit(tx, actor, {
    action: 'enforcementCase.open',
    entityType: 'enforcementCase',
    entityId: id,
    regionCode: row.region_code,
    after: {
      title: row.title,
      enterpriseId: row.enterprise_id,
      inspectionId: row.inspection_id,
      hazardId: row.hazard_id,
      number: doc.number,
    },
  });
  return { id };
}

export async function createCase(db: Db, actor: Actor, body: z.infer<typeof caseInputSchema>): Promise<CaseDetail> {
  const cal = await workingCalendar(db);
  return withScope(db, actor.scope, async (tx) => {
    if (body.accidentId) {
      // The investigation found the responsibility: its report is approved, the accident this enterprise's.
      const [a] = await tx.query<{ status: string }>('SELECT status FROM accidents WHERE id = $1 AND enterprise_id = $2', [
        body.accidentId,
        body.enterpriseId,
      ]);
      if (!a) throw invalid({ accidentId: { zh: '该企业没有此事故', en: 'No such accident at this enterprise' } });
      if (!['approved', 'published', 'closed'].includes(a.status))
        throw invalid({ accidentId: { zh: '事故调查报告批复后方可据以立案', en: 'A case follows the approved investigation report' } });
    }
    const { id } = await openCase(tx, actor, body);
    // Art. 114 (the unit, by the accident's grade) is where its notice starts; Art. 95 for a person is picked there.
    if (body.accidentId) await updateCase(tx, id, { accident_id: body.accidentId, article: '114' });
    return caseDetail(tx, actor, (await findCase(tx, id)) as CaseRow, cal);
  });
}

function publicationDue(r: CaseRow, rules: CaseRules, cal: WorkingCalendar): string | null {
  return r.decided_on ? addWorkingDays(cal, r.decided_on, rules.publicationWorkingDays) : null;
}

function summaryOf(r: CaseRow, rules: CaseRules, cal: WorkingCalendar, today: string): CaseSummary {
  const facts = factsOf(r);
  return {
    id: r.id,
    number: r.filing_number,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    title: r.title,
    status: r.status,
    article: r.article,
    fine: r.fine,
    paid: r.paid,
    owed: Math.max(0, owedOf(r)),
    filedAt: iso(r.filed_at) as string,
    decisionDueOn: r.decision_due_on,
    handlerName: r.handler_name,
    nextStep: nextCaseStep(facts),
    deadlines: caseDeadlines(
      {
        ...facts,
        filedOn: r.filed_on,
        decisionDueOn: r.decision_due_on,
        decidedOn: r.decided_on,
        publicationDueOn: publicationDue(r, rules, cal),
      },
      today,
      rules,
    ),
    transferred: r.transferred,
    publishedAt: iso(r.published_at),
  };
}

/** The case with its timeline, payments, documents' links, deadlines and the actions this user may take. */
export async function caseDetail(tx: Scoped, actor: Actor, r: CaseRow, cal: WorkingCalendar): Promise<CaseDetail> {
  const rules = await caseRules(tx, r.region_code);
  const today = todayInShanghai();
  const [events, payments, daily] = await Promise.all([eventsOf(tx, r.id), paymentsOf(tx, r.id), dailyPenaltiesOf(tx, r.id)]);
  // Interference: supervisors see every record; an officer who recorded one sees their own; the party nothing.
  const interference = mayViewInterference(actor)
    ? await interferenceOf(tx, r.id, null)
    : isEnforcer(actor)
      ? await interferenceOf(tx, r.id, actor.id)
      : null;
  return {
    ...summaryOf(r, rules, cal, today),
    inspectionId: r.inspection_id,
    accidentId: r.accident_id,
    accidentGrade: r.accident_grade,
    hazardId: r.hazard_id,
    departmentId: r.department_id,
    facts: r.facts,
    evidence: r.evidence,
    tier: r.tier,
    personName: r.person_name,
    reasons: r.reasons,
    hearingRight: r.hearing_right,
    hearingRequested: r.hearing_requested,
    suspension: r.suspension,
    resumedAt: iso(r.resumed_at),
    revocation: r.revocation,
    lateFee: r.late_fee,
    dailyPenaltyTotal: r.daily_total,
    notifiedAt: iso(r.notified_at),
    decidedAt: iso(r.decided_at),
    servedAt: iso(r.served_at),
    paymentDueOn: r.payment_due_on,
    closedAt: iso(r.closed_at),
    publicationDueOn: publicationDue(r, rules, cal),
    handlerId: r.handler_id,
    dropKind: r.drop_kind,
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      note: e.note,
      data: e.data,
      at: iso(e.at) as string,
    })),
    payments: payments.map((p) => ({ id: p.id, kind: p.kind, amount: p.amount, paidOn: p.paid_on, receiptNo: p.receipt_no })),
    dailyPenalties: daily,
    interference:
      interference?.map((i) => ({
        id: i.id,
        whoName: i.who_name,
        org: i.org,
        occurredAt: iso(i.occurred_at) as string,
        what: i.what,
        recordedByName: i.recorded_by_name,
        recordedAt: iso(i.recorded_at) as string,
      })) ?? null,
    allowedActions: caseActions(actor, factsOf(r), today, rules),
    version: r.version,
  };
}

export async function getCase(db: Db, actor: Actor, id: string): Promise<CaseDetail> {
  const cal = await workingCalendar(db);
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findCase(tx, id);
    if (!r) throw notFound();
    return caseDetail(tx, actor, r, cal);
  });
}

/** The last decision day whose publication is overdue today (decided on or before it, unpublished). */
function publicationCutoff(cal: WorkingCalendar, today: string, days: number): string {
  let d = today;
  for (let i = 0; i < 60; i++) {
    const prev = new Date(`${d}T00:00:00Z`);
    prev.setUTCDate(prev.getUTCDate() - 1);
    d = prev.toISOString().slice(0, 10);
    if (addWorkingDays(cal, d, days) < today) return d;
  }
  return d;
}

/** The WHERE of the case list (and of the workbench's counts, so they agree). */
export function caseWhere(
  tx: Scoped,
  actor: Actor,
  q: z.infer<typeof caseListQuerySchema>,
  ctx: { today: string; publicationCutoff: string },
): CaseWhere {
  const params: unknown[] = [];
  const where = [caseScope(tx, params)];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.status) where.push(`c.status = ${p(q.status)}`);
  if (q.q) where.push(`(c.title ILIKE ${p(`%${q.q}%`)} OR c.enterprise_name ILIKE $${params.length})`);
  if (q.year)
    where.push(`c.filed_at >= ${p(`${q.year}-01-01T00:00:00+08:00`)} AND c.filed_at < ${p(`${q.year + 1}-01-01T00:00:00+08:00`)}`);
  const undecided = `c.decided_at IS NULL AND c.status NOT IN ('transferred', 'dropped', 'closed')`;
  if (q.decisionWithin !== undefined) {
    const until = new Date(`${ctx.today}T00:00:00Z`);
    until.setUTCDate(until.getUTCDate() + q.decisionWithin);
    where.push(`${undecided} AND c.decision_due_on <= ${p(until.toISOString().slice(0, 10))}`);
  }
  if (q.overdue === 'true') {
    const today = p(ctx.today);
    const owing = `(coalesce(c.fine_yuan, 0) + c.late_fee_yuan + coalesce((SELECT sum(d.amount_yuan) FROM enforcement_daily_penalties d WHERE d.case_id = c.id), 0) - c.paid_yuan) > 0`;
    where.push(
      `((${undecided} AND c.decision_due_on < ${today}::date)
        OR (c.status IN ('served', 'executing') AND c.payment_due_on < ${today}::date AND ${owing})
        OR (c.decided_at IS NOT NULL AND c.published_at IS NULL AND (c.decided_at AT TIME ZONE 'Asia/Shanghai')::date <= ${p(ctx.publicationCutoff)}::date))`,
    );
  }
  if (q.mine === 'true') {
    const me = p(actor.id);
    where.push(
      `((c.handler_id = ${me} AND c.status IN ('filed', 'investigating', 'notified', 'hearing', 'decided', 'served', 'executing', 'transferred'))
        OR (c.status = 'review' AND c.handler_id IS DISTINCT FROM ${me}))`,
    );
  }
  return { sql: where.join(' AND '), params };
}

export async function listCases(db: Db, actor: Actor, q: z.infer<typeof caseListQuerySchema>) {
  const cal = await workingCalendar(db);
  const today = todayInShanghai();
  return readScoped(db, actor.scope, async (tx) => {
    const rules = await caseRules(tx, tx.scope.regionPrefix || '00');
    const where = caseWhere(tx, actor, q, { today, publicationCutoff: publicationCutoff(cal, today, rules.publicationWorkingDays) });
    const { rows, total } = await listCaseRows(tx, where, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map((r) => summaryOf(r, rules, cal, today)), total, page: q.page, pageSize: q.pageSize };
  });
}

/** Count for the workbench with the list's own WHERE. */
export async function countCases(tx: Scoped, actor: Actor, q: z.infer<typeof caseListQuerySchema>, cal: WorkingCalendar): Promise<number> {
  const today = todayInShanghai();
  const rules = await caseRules(tx, tx.scope.regionPrefix || '00');
  const w = caseWhere(tx, actor, q, { today, publicationCutoff: publicationCutoff(cal, today, rules.publicationWorkingDays) });
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM enforcement_cases c WHERE ${w.sql}`, w.params);
  return n?.n ?? 0;
}

const refusal = (code: 'forbidden' | 'conflict', allowed: string[], m?: { zh: string; en: string }) =>
  new AppError(code, m, undefined, { allowedActions: allowed });

/**
 * One step of a case. The row is locked, so two officers acting at once take turns; a refused step
 * is 403 (not this person) or 409 (not from this state, or not now), both with the allowed actions.
 */
export async function takeCaseStep(db: Db, actor: Actor, id: string, step: CaseStep, now = new Date()): Promise<CaseDetail> {
  const cal = await workingCalendar(db);
  return withScope(db, actor.scope, async (tx) => {
    const before = await findCase(tx, id, true);
    if (!before) throw notFound();
    const rules = await caseRules(tx, before.region_code);
    const today = todayInShanghai(now);
    const facts = factsOf(before);
    const allowed = caseActions(actor, facts, today, rules);
    if (step.version !== undefined && step.version !== before.version)
      throw refusal('conflict', allowed, { zh: '案件已被他人处理，请刷新', en: 'The case changed; reload' });
    const t = caseTransition(actor, facts, step.action, today, rules, step.action === 'submitReview' ? { waived: step.waived } : undefined);
    if (!t.ok) {
      if (t.reason === 'forbidden') {
        const fourEyes = ['approve', 'sendBack', 'drop', 'close'].includes(step.action) && actor.id === before.handler_id;
        throw refusal(
          'forbidden',
          allowed,
          fourEyes
            ? { zh: '承办人不能审核、撤销或结案自己承办的案件', en: 'The handler may not approve, drop or close their own case' }
            : undefined,
        );
      }
      throw refusal('conflict', allowed, {
        zh: t.reason === 'notNow' ? '当前不能执行该操作（期限未到或条件不满足）' : '案件当前状态不能执行该操作',
        en:
          t.reason === 'notNow'
            ? 'Not possible now (a period is running or a condition is unmet)'
            : `Not possible from status ${before.status}`,
      });
    }
    const result = await applyStep(tx, actor, before, step, t.to, rules, now, today);
    await insertEvent(tx, {
      caseId: id,
      kind: step.action,
      from: before.status,
      to: t.to,
      actorId: actor.id,
      actorName: nameOf(actor),
      note: result.note ?? null,
      data: result.data ?? {},
      at: now,
    });
    await appendAudit(tx, actor, {
      action: `enforcementCase.${step.action}`,
      entityType: 'enforcementCase',
      entityId: id,
      regionCode: before.region_code,
      before: { status: before.status },
      after: { status: t.to, ...(result.audit ?? result.data ?? {}) },
    });
    return caseDetail(tx, actor, (await findCase(tx, id)) as CaseRow, cal);
  });
}

type StepResult = { note?: string | null; data?: Record<string, unknown>; audit?: Record<string, unknown> };

async function applyStep(
  tx: Scoped,
  actor: Actor,
  r: CaseRow,
  step: CaseStep,
  to: CaseRow['status'],
  rules: CaseRules,
  now: Date,
  today: string,
): Promise<StepResult> {
  const issue = (kind: DocumentType, cells: { label: string; value: string }[], body?: string[]) =>
    issueCaseDocument(tx, actor, r, kind, cells, now, body);
  const move = (set: Record<string, unknown> = {}) => updateCase(tx, r.id, { ...set, status: to });
  switch (step.action) {
    case 'investigate':
      await move();
      return {};
    case 'editFacts':
      await move({ facts: step.facts ?? r.facts, evidence: step.evidence ?? r.evidence });
      return { data: { facts: step.facts ?? null, evidence: step.evidence ?? null } };
    case 'notify': {
      const basis = { illegalGains: step.illegalGains, annualIncome: step.annualIncome, accidentGrade: step.accidentGrade };
      const article = penaltyArticle(step.article);
      if (article?.incomeShare?.tier === step.tier && step.annualIncome === undefined)
        throw invalid({
          annualIncome: { zh: '该条款按上一年年收入计算罚款，请填写年收入', en: 'This fine is a share of last year’s income: give it' },
        });
      const byGrade = article?.byAccidentGrade || (article?.incomeShare?.tier === step.tier && 'byGrade' in article.incomeShare.share);
      if (byGrade && !step.accidentGrade) throw invalid({ accidentGrade: { zh: '请选择事故等级', en: 'Choose the accident’s grade' } });
      const range = penaltyRange(step.article, step.tier, basis);
      if (range || step.amount !== undefined) {
        const check = checkAmount(step.article, step.tier, step.amount ?? 0, basis);
        if (!check.ok) throw invalid({ amount: check.message }, check.message);
      }
      if ((step.tier === 'person' || step.tier === 'personAggravated') && step.amount && !step.personName)
        throw invalid({ personName: { zh: '请填写被处罚的直接责任人员', en: 'Name the person fined' } });
      const fine = step.amount ?? null;
      const suspension = step.suspension ?? false;
      const revocation = step.revocation ?? false;
      const person = step.tier === 'person' || step.tier === 'personAggravated';
      const hearingRight = hasHearingRight({ fine, suspension, revocation, person }, rules);
      await move({
        article: step.article,
        tier: step.tier,
        fine_yuan: fine,
        reasons: step.reasons,
        person_name: step.personName ?? null,
        illegal_gains: step.illegalGains ?? null,
        annual_income: step.annualIncome ?? null,
        suspension,
        revocation,
        hearing_right: hearingRight,
        notified_at: now,
      });
      const proposed = { ...r, tier: step.tier, fine, suspension, revocation, person_name: step.personName ?? null };
      const notifiedOn = todayInShanghai(now);
      const notice = await issue('penaltyNotice', [
        { label: '违法行为', value: r.facts || r.title },
        { label: '主要证据', value: r.evidence || '—' },
        { label: '违反规定', value: articleText(step.article) },
        { label: '处罚依据', value: `${articleText(step.article)}（${PENALTY_TIER_LABELS[step.tier].zh}）` },
        { label: '拟作出的处罚', value: penaltyWords(proposed) },
        { label: '裁量理由', value: step.reasons },
        {
          label: '陈述申辩',
          value: `你（单位）有权在收到本告知书之日起 ${rules.statementDays} 日内（${statementDue({ notifiedOn }, rules)} 前）进行陈述和申辩，逾期视为放弃。`,
        },
      ]);
      const docs = [notice.number];
      if (hearingRight) {
        const h = await issue('hearingNotice', [
          { label: '拟作出的处罚', value: penaltyWords(proposed) },
          { label: '处罚依据', value: articleText(step.article) },
          {
            label: '听证权利',
            value: `你（单位）有权要求举行听证；要求听证的，应在收到本告知书之日起 5 日内（${hearingRequestDue({ notifiedOn })} 前）提出，逾期视为放弃（行政处罚法第六十四条）。`,
          },
        ]);
        docs.push(h.number);
      }
      return {
        note: step.reasons,
        data: { article: step.article, tier: step.tier, amount: fine, suspension, revocation, hearingRight, documents: docs },
      };
    }
    case 'requestHearing':
      await move({ hearing_requested: true });
      return { note: step.note ?? null };
    case 'recordHearing':
      await move({ hearing_held_on: step.heldOn });
      return { note: step.summary, data: { heldOn: step.heldOn } };
    case 'submitReview':
      await move({ statement: step.statement ?? r.statement });
      return { note: step.statement ?? null, data: { waived: step.waived ?? false } };
    case 'approve': {
      await move({ decided_at: now });
      const decided = { ...r, decided_at: now };
      const decision = await issue('penaltyDecision', [
        { label: '违法事实及证据', value: [r.facts || r.title, r.evidence].filter(Boolean).join('\n') },
        { label: '违反规定', value: articleText(r.article) },
        { label: '处罚依据', value: articleText(r.article) },
        { label: '处罚内容', value: penaltyWords(decided) },
        ...(r.fine
          ? [
              {
                label: '缴纳方式',
                value: '自收到本决定书之日起十五日内缴至指定银行；逾期不缴纳的，每日按罚款数额的百分之三加处罚款（行政处罚法第七十二条）。',
              },
            ]
          : []),
        { label: '审核意见', value: step.opinion },
        { label: '救济途径', value: '如不服本决定，可在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法提起行政诉讼。' },
      ]);
      await updateCase(tx, r.id, { decision_document_id: decision.id });
      const numbers = [decision.number];
      if (r.suspension) {
        const order = await issue('suspensionOrder', [
          { label: '违法行为', value: r.facts || r.title },
          { label: '依据', value: articleText(r.article) },
          { label: '指令', value: '责令你单位停产停业整顿，整顿完毕经验收合格后方可恢复生产经营。' },
        ]);
        numbers.push(order.number);
      }
      return { note: step.opinion, data: { documents: numbers, fine: r.fine } };
    }
    case 'sendBack':
      await move({ notified_at: null, hearing_right: false, hearing_requested: false });
      return { note: step.reason };
    case 'serve': {
      const servedAt = new Date(step.servedAt);
      if (r.decided_at && servedAt < new Date(r.decided_at))
        throw invalid({ servedAt: { zh: '送达时间不能早于决定时间', en: 'Served before the decision' } });
      if (servedAt.getTime() > now.getTime() + 5 * 60_000)
        throw invalid({ servedAt: { zh: '送达时间不能晚于当前时间', en: 'The service time is in the future' } });
      const due = r.fine ? paymentDueOn(todayInShanghai(servedAt)) : null;
      await move({ served_at: servedAt, payment_due_on: due });
      if (r.decision_document_id)
        await insertService(
          tx,
          r.decision_document_id,
          { method: step.method, servedAt: step.servedAt, recipient: step.recipient, servedBy: [actor.id] },
          actor.id,
        );
      return { note: `${SERVICE_METHOD_LABELS[step.method].zh}：${step.recipient}`, data: { servedAt: step.servedAt, paymentDueOn: due } };
    }
    case 'recordPayment': {
      const owed = owedOf(r);
      if (step.amount > owed + 1e-9)
        throw invalid({ amount: { zh: `缴款金额超过应缴金额 ${owed} 元`, en: `More than the ${owed} yuan owed` } });
      if (step.paidOn > today) throw invalid({ paidOn: { zh: '缴款日期不能晚于今天', en: 'The payment date is in the future' } });
      if (r.decided_on && step.paidOn < r.decided_on)
        throw invalid({ paidOn: { zh: '缴款日期不能早于处罚决定', en: 'Paid before the decision' } });
      await insertPayment(tx, {
        caseId: r.id,
        kind: step.kind,
        amount: step.amount,
        paidOn: step.paidOn,
        receiptNo: step.receiptNo ?? null,
        actorId: actor.id,
      });
      await move();
      return { data: { kind: step.kind, amount: step.amount, paidOn: step.paidOn, receiptNo: step.receiptNo ?? null } };
    }
    case 'remind': {
      const owed = owedOf(r);
      const doc = await issue('paymentReminder', [
        { label: '处罚决定书', value: r.decision_number ?? '' },
        { label: '缴款期限', value: r.payment_due_on ?? '' },
        { label: '尚欠金额', value: yuan(owed) },
        {
          label: '催告',
          value: '请于收到本催告书之日起十日内缴纳；逾期仍不履行的，本机关将依法申请人民法院强制执行（行政强制法第五十四条）。',
        },
      ]);
      return { data: { number: doc.number, owed } };
    }
    case 'decideLateFee': {
      const until = step.until ?? today;
      if (until > today) throw invalid({ until: { zh: '计算截止日不能晚于今天', en: 'Cannot count into the future' } });
      const fee = lateFee(r.fine ?? 0, r.payment_due_on as string, until);
      if (fee.amount <= 0) throw invalid({ until: { zh: '尚未逾期，不产生加处罚款', en: 'Not late: no late fee' } });
      await move({ late_fee_yuan: fee.amount, late_fee_decided: true });
      const doc = await issue('lateFeeDecision', [
        { label: '处罚决定书', value: r.decision_number ?? '' },
        { label: '罚款数额', value: yuan(r.fine) },
        { label: '缴款期限', value: r.payment_due_on ?? '' },
        { label: '逾期天数', value: `${fee.days} 日（计至 ${until}）` },
        { label: '加处罚款', value: `${yuan(fee.amount)}（每日按罚款数额的 3% 计算，总额不超过罚款数额，行政处罚法第七十二条）` },
      ]);
      return { data: { number: doc.number, days: fee.days, amount: fee.amount, until } };
    }
    case 'recordDailyPenalty': {
      if (!r.decided_on || step.day <= r.decided_on)
        throw invalid({ day: { zh: '按日连续处罚自责令改正之日的次日起计算', en: 'Daily penalties start the day after the order' } });
      if (step.day > today) throw invalid({ day: { zh: '日期不能晚于今天', en: 'The day is in the future' } });
      const ok = await insertDailyPenalty(tx, {
        caseId: r.id,
        day: step.day,
        amount: r.fine as number,
        note: step.note ?? null,
        actorId: actor.id,
      });
      if (!ok) throw new AppError('conflict', { zh: '该日已记录按日连续处罚', en: 'That day is already recorded' });
      await move();
      return { note: step.note ?? null, data: { day: step.day, amount: r.fine } };
    }
    case 'acceptResumption': {
      await updateCase(tx, r.id, { resumed_at: now });
      const doc = await issue('resumptionAcceptance', [
        { label: '原指令', value: '责令停产停业整顿' },
        { label: '验收意见', value: step.opinion },
        { label: '结论', value: '经验收，同意恢复生产经营。' },
      ]);
      return { note: step.opinion, data: { number: doc.number } };
    }
    case 'close': {
      await move({ closed_at: now });
      const doc = await issue('caseClosing', [
        { label: '处理结果', value: r.transferred ? `已移送${r.transfer_to ?? '司法机关'}` : penaltyWords(r) },
        { label: '处罚决定书', value: r.decision_number ?? '—' },
        {
          label: '执行情况',
          value: `罚款 ${yuan(r.fine)}，加处罚款 ${yuan(r.late_fee)}，按日连续处罚 ${yuan(r.daily_total)}，已缴 ${yuan(r.paid)}`,
        },
        { label: '结案意见', value: step.summary || '执行完毕，同意结案。' },
      ]);
      return { note: step.summary ?? null, data: { number: doc.number, paid: r.paid } };
    }
    case 'transfer': {
      await move({ transferred: true, transfer_to: step.to });
      const doc = await issue('caseTransfer', [
        { label: '移送机关', value: step.to },
        { label: '涉嫌犯罪事实', value: r.facts || r.title },
        { label: '移送理由', value: step.reason },
        { label: '依据', value: '《行政执法机关移送涉嫌犯罪案件的规定》；行政处罚法第二十七条' },
      ]);
      return { note: step.reason, data: { to: step.to, number: doc.number } };
    }
    case 'drop':
      await move({ drop_kind: step.kind, drop_reason: step.reason });
      return { note: step.reason, data: { kind: step.kind } };
    case 'publish':
      await updateCase(tx, r.id, { published_at: now });
      return {};
    case 'recordInterference': {
      const iid = await insertInterference(tx, {
        caseId: r.id,
        whoName: step.whoName,
        org: step.org ?? null,
        occurredAt: step.occurredAt,
        what: step.what,
        actorId: actor.id,
        actorName: nameOf(actor),
      });
      // The timeline and the trail say that a record was made, not what it says (only its readers see that).
      return { data: { interferenceId: iid }, audit: { interferenceId: iid } };
    }
  }
}

/** Published penalty decisions (一公开): no login; a natural person's name masked. */
export async function listPublishedDecisions(db: Db, q: { region?: string; page: number; pageSize: number }) {
  return readScoped(db, NATIONAL_SCOPE, async (tx) => {
    const { rows, total } = await publishedDecisions(tx, { region: q.region, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const items: PublishedDecision[] = [];
    for (const r of rows) {
      const person = looksLikePerson(r.enterprise_name);
      items.push({
        id: r.id,
        enterpriseName: person ? maskPersonName(r.enterprise_name) : r.enterprise_name,
        creditCode: person ? null : r.credit_code,
        article: r.article,
        articleText: r.article ? articleText(r.article) : null,
        penalty: penaltyWords(r, true),
        fine: r.fine,
        decisionNumber: r.decision_number,
        decidedOn: r.decided_on,
        publishedOn: r.published_on,
        issuer: await issuerName(tx, r.region_code, r.department_id),
      });
    }
    return { items, total, page: q.page, pageSize: q.pageSize };
  });
}

/** The documents of a case (for the 案卷). */
export const caseDocuments = (tx: Scoped, actor: Actor, caseId: string) => documentsOf(tx, actor, { caseId });
