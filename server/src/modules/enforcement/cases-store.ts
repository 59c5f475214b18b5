// Penalty cases' SQL: enforcement_cases (migrations 030 and 034), the timeline, payments, daily
// penalties and interference records, and their mapping to domain's shapes. Every read carries
// the caller's scope in its WHERE (row-level security is the second wall).
import { type AccidentGrade, type CaseFacts, type CaseStatus, type PenaltyTier, regionPrefix } from '@taishan/domain';
import { type Scoped, scopeFilter } from '../../db/scope.ts';

export type CaseRow = {
  id: string;
  accident_id: string | null;
  accident_grade: AccidentGrade | null;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  industry_code: string;
  department_id: string | null;
  inspection_id: string | null;
  hazard_id: string | null;
  title: string;
  article: string | null;
  tier: PenaltyTier | null;
  status: CaseStatus;
  filed_at: Date;
  filed_on: string;
  decision_due_on: string;
  decided_at: Date | null;
  decided_on: string | null;
  fine: number | null;
  paid: number;
  late_fee: number;
  late_fee_decided: boolean;
  daily_total: number;
  transferred: boolean;
  suspension: boolean;
  revocation: boolean;
  resumed_at: Date | null;
  closed_at: Date | null;
  published_at: Date | null;
  handler_id: string | null;
  handler_name: string | null;
  facts: string;
  evidence: string;
  reasons: string | null;
  person_name: string | null;
  illegal_gains: number | null;
  annual_income: number | null;
  hearing_right: boolean;
  hearing_requested: boolean;
  hearing_held_on: string | null;
  statement: string | null;
  notified_at: Date | null;
  notified_on: string | null;
  served_at: Date | null;
  payment_due_on: string | null;
  drop_kind: 'noPenalty' | 'revoke' | null;
  drop_reason: string | null;
  transfer_to: string | null;
  filing_number: string | null;
  decision_number: string | null;
  decision_document_id: string | null;
  version: number;
};

// Beijing dates of the instants, so the state machine compares calendar days as the law counts them.
const BJ = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

const SELECT = `SELECT c.id, c.enterprise_id, c.enterprise_name, c.region_code, c.industry_code, c.department_id, c.inspection_id,
  c.hazard_id, c.title, c.article, c.tier, c.status, c.filed_at, ${BJ('c.filed_at')} AS filed_on,
  to_char(c.decision_due_on, 'YYYY-MM-DD') AS decision_due_on, c.decided_at, ${BJ('c.decided_at')} AS decided_on,
  c.fine_yuan::float8 AS fine, c.paid_yuan::float8 AS paid, c.late_fee_yuan::float8 AS late_fee, c.late_fee_decided,
  coalesce((SELECT sum(p.amount_yuan) FROM enforcement_daily_penalties p WHERE p.case_id = c.id), 0)::float8 AS daily_total,
  c.transferred, c.suspension, c.revocation, c.resumed_at, c.closed_at, c.published_at, c.handler_id, u.display_name AS handler_name,
  c.facts, c.evidence, c.reasons, c.person_name, c.illegal_gains::float8 AS illegal_gains, c.annual_income::float8 AS annual_income,
  c.hearing_right, c.hearing_requested, to_char(c.hearing_held_on, 'YYYY-MM-DD') AS hearing_held_on, c.statement, c.notified_at,
  ${BJ('c.notified_at')} AS notified_on, c.served_at, to_char(c.payment_due_on, 'YYYY-MM-DD') AS payment_due_on, c.drop_kind,
  c.drop_reason, c.transfer_to, fd.number AS filing_number, dd.number AS decision_number, c.decision_document_id, c.version,
  c.accident_id, (SELECT a.grade FROM accidents a WHERE a.id = c.accident_id) AS accident_grade
  FROM enforcement_cases c
  LEFT JOIN users u ON u.id = c.handler_id
  LEFT JOIN enforcement_documents fd ON fd.id = c.filing_document_id
  LEFT JOIN enforcement_documents dd ON dd.id = c.decision_document_id`;

export const caseScope = (tx: Scoped, params: unknown[]) =>
  scopeFilter(tx.scope, params, { region: 'c.region_code', industry: 'c.industry_code', enterpriseId: 'c.enterprise_id' });

export async function findCase(tx: Scoped, id: string, forUpdate = false): Promise<CaseRow | undefined> {
  const params: unknown[] = [id];
  const [r] = await tx.query<CaseRow>(
    `${SELECT} WHERE c.id = $1 AND ${caseScope(tx, params)}${forUpdate ? ' FOR UPDATE OF c' : ''}`,
    params,
  );
  return r;
}

/** Money still owed: the fine, the late fee decided and the daily penalties, less what was paid. */
export const owedOf = (r: Pick<CaseRow, 'fine' | 'late_fee' | 'daily_total' | 'paid'>) =>
  Math.round(((r.fine ?? 0) + r.late_fee + r.daily_total - r.paid) * 100) / 100;

export function factsOf(r: CaseRow): CaseFacts {
  return {
    enterpriseId: r.enterprise_id,
    status: r.status,
    handlerId: r.handler_id,
    hearingRight: r.hearing_right,
    notifiedOn: r.notified_on,
    fine: r.fine,
    owed: owedOf(r),
    paymentDueOn: r.payment_due_on,
    lateFeeDecided: r.late_fee_decided,
    suspension: r.suspension,
    resumed: r.resumed_at !== null,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    transferred: r.transferred,
  };
}

export type CaseWhere = { sql: string; params: unknown[] };

export async function listCaseRows(
  tx: Scoped,
  where: CaseWhere,
  limit: number,
  offset: number,
): Promise<{ rows: CaseRow[]; total: number }> {
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM enforcement_cases c WHERE ${where.sql}`, where.params);
  const params = [...where.params, limit, offset];
  const rows = await tx.query<CaseRow>(
    `${SELECT} WHERE ${where.sql} ORDER BY c.filed_at DESC, c.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: n?.n ?? 0 };
}

export async function insertCase(
  tx: Scoped,
  c: {
    enterpriseId: string;
    title: string;
    facts: string;
    inspectionId: string | null;
    hazardId: string | null;
    departmentId: string | null;
    filedAt: Date;
    decisionDueOn: string;
    actorId: string;
  },
): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO enforcement_cases (enterprise_id, title, facts, inspection_id, hazard_id, department_id, filed_at, decision_due_on,
       created_by, handler_id, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 'filed') RETURNING id`,
    [c.enterpriseId, c.title, c.facts, c.inspectionId, c.hazardId, c.departmentId, c.filedAt, c.decisionDueOn, c.actorId],
  );
  return r?.id as string;
}

/** Set columns of a case (names are this module's own, never user input) and bump its version. */
export async function updateCase(tx: Scoped, id: string, set: Record<string, unknown>): Promise<void> {
  const keys = Object.keys(set);
  const params: unknown[] = [id, ...keys.map((k) => set[k])];
  const assignments = keys.map((k, i) => `${k} = $${i + 2}`);
  await tx.query(
    `UPDATE enforcement_cases SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
    params,
  );
}

export async function insertEvent(
  tx: Scoped,
  e: {
    caseId: string;
    kind: string;
    from: string | null;
    to: string;
    actorId: string | null;
    actorName: string | null;
    note?: string | null;
    data?: unknown;
    at?: Date;
  },
) {
  await tx.query(
    `INSERT INTO enforcement_case_events (case_id, kind, from_status, to_status, actor_id, actor_name, note, data, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
    [e.caseId, e.kind, e.from, e.to, e.actorId, e.actorName, e.note ?? null, JSON.stringify(e.data ?? {}), e.at ?? new Date()],
  );
}

export type EventRow = {
  id: string;
  kind: string;
  from_status: string | null;
  to_status: string;
  actor_name: string | null;
  note: string | null;
  data: Record<string, unknown>;
  at: Date;
};
export const eventsOf = (tx: Scoped, caseId: string) =>
  tx.query<EventRow>(
    `SELECT e.id, e.kind, e.from_status, e.to_status, coalesce(e.actor_name, u.display_name) AS actor_name, e.note, e.data, e.at
     FROM enforcement_case_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = $1 ORDER BY e.at, e.id`,
    [caseId],
  );

export type PaymentRow = {
  id: string;
  kind: 'fine' | 'lateFee' | 'dailyPenalty';
  amount: number;
  paid_on: string;
  receipt_no: string | null;
};
export const paymentsOf = (tx: Scoped, caseId: string) =>
  tx.query<PaymentRow>(
    `SELECT id, kind, amount_yuan::float8 AS amount, to_char(paid_on, 'YYYY-MM-DD') AS paid_on, receipt_no
     FROM enforcement_payments WHERE case_id = $1 ORDER BY paid_on, recorded_at`,
    [caseId],
  );

export async function insertPayment(
  tx: Scoped,
  p: { caseId: string; kind: string; amount: number; paidOn: string; receiptNo: string | null; actorId: string },
) {
  await tx.query(
    `INSERT INTO enforcement_payments (case_id, kind, amount_yuan, paid_on, receipt_no, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
    [p.caseId, p.kind, p.amount, p.paidOn, p.receiptNo, p.actorId],
  );
  await tx.query('UPDATE enforcement_cases SET paid_yuan = paid_yuan + $2 WHERE id = $1', [p.caseId, p.amount]);
}

export type DailyRow = { day: string; amount: number; note: string | null };
export const dailyPenaltiesOf = (tx: Scoped, caseId: string) =>
  tx.query<DailyRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, amount_yuan::float8 AS amount, note FROM enforcement_daily_penalties WHERE case_id = $1 ORDER BY day`,
    [caseId],
  );

/** One daily penalty; false when that day is already recorded. */
export async function insertDailyPenalty(
  tx: Scoped,
  d: { caseId: string; day: string; amount: number; note: string | null; actorId: string },
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO enforcement_daily_penalties (case_id, day, amount_yuan, note, recorded_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id, day) DO NOTHING RETURNING id`,
    [d.caseId, d.day, d.amount, d.note, d.actorId],
  );
  return rows.length > 0;
}

export type InterferenceRow = {
  id: string;
  who_name: string;
  org: string | null;
  occurred_at: Date;
  what: string;
  recorded_by: string;
  recorded_by_name: string | null;
  recorded_at: Date;
};
/** Interference records of a case: all of them for a supervisor, only their own for the officer who recorded them. */
export const interferenceOf = (tx: Scoped, caseId: string, onlyRecordedBy: string | null) =>
  tx.query<InterferenceRow>(
    `SELECT i.id, i.who_name, i.org, i.occurred_at, i.what, i.recorded_by, coalesce(i.recorded_by_name, u.display_name) AS recorded_by_name, i.recorded_at
     FROM enforcement_interference i LEFT JOIN users u ON u.id = i.recorded_by
     WHERE i.case_id = $1 AND ($2::uuid IS NULL OR i.recorded_by = $2::uuid) ORDER BY i.recorded_at`,
    [caseId, onlyRecordedBy],
  );

export async function insertInterference(
  tx: Scoped,
  i: { caseId: string; whoName: string; org: string | null; occurredAt: string; what: string; actorId: string; actorName: string | null },
): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO enforcement_interference (case_id, who_name, org, occurred_at, what, recorded_by, recorded_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [i.caseId, i.whoName, i.org, i.occurredAt, i.what, i.actorId, i.actorName],
  );
  return r?.id as string;
}

export type EnterpriseParty = {
  name: string;
  credit_code: string;
  address: string | null;
  legal_representative: string | null;
  contact_phone: string | null;
  region_code: string;
};
export async function partyOf(tx: Scoped, enterpriseId: string): Promise<EnterpriseParty | undefined> {
  const [r] = await tx.query<EnterpriseParty>(
    'SELECT name, credit_code, address, legal_representative, contact_phone, region_code FROM enterprises WHERE id = $1',
    [enterpriseId],
  );
  return r;
}

export type PublishedRow = {
  id: string;
  enterprise_name: string;
  credit_code: string | null;
  article: string | null;
  tier: PenaltyTier | null;
  fine: number | null;
  suspension: boolean;
  revocation: boolean;
  person_name: string | null;
  decision_number: string | null;
  decided_on: string;
  published_on: string;
  region_code: string;
  department_id: string | null;
};

/** Published decisions, newest first (the public list: no scope, only what was published). */
export async function publishedDecisions(tx: Scoped, q: { region?: string; limit: number; offset: number }) {
  const params: unknown[] = [];
  let where = 'c.published_at IS NOT NULL';
  if (q.region) {
    // A picked region comes as its 12-digit code: the county 321302000000 covers its townships.
    const prefix = q.region.length === 12 ? regionPrefix(q.region) : q.region;
    params.push(prefix, `${prefix}~`);
    where += ` AND c.region_code >= $1 AND c.region_code < $2`;
  }
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM enforcement_cases c WHERE ${where}`, params);
  const rows = await tx.query<PublishedRow>(
    `SELECT c.id, c.enterprise_name, e.credit_code, c.article, c.tier, c.fine_yuan::float8 AS fine, c.suspension, c.revocation,
       c.person_name, dd.number AS decision_number, ${BJ('c.decided_at')} AS decided_on, ${BJ('c.published_at')} AS published_on,
       c.region_code, c.department_id
     FROM enforcement_cases c JOIN enterprises e ON e.id = c.enterprise_id
     LEFT JOIN enforcement_documents dd ON dd.id = c.decision_document_id
     WHERE ${where} ORDER BY c.published_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, q.limit, q.offset],
  );
  return { rows, total: n?.n ?? 0 };
}
