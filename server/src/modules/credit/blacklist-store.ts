// The serious-discredit list's SQL (migration 039): the entry row, the list's WHERE (shared with the
// 工作台 counts, so a count is the list's total), the writes the commands make, the events the
// candidates are proposed from, the public list, and isListed for the credit file. Every request
// query runs on a Scoped handle: row-level security is the second wall, scopeFilter the first.
import type { BlacklistReason, BlacklistStatus, BlacklistSubjectType, EarlyRemovalCondition } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { type Scoped, scopeFilter } from '../../db/scope.ts';

export type EntryRow = {
  id: string;
  subject_type: BlacklistSubjectType;
  enterprise_id: string | null;
  intermediary_id: string | null;
  person_unit_id: string | null;
  subject_name: string;
  subject_uscc: string | null;
  person_name: string | null;
  person_id_number: string | null;
  person_role: 'principal' | 'responsible' | null;
  reason: BlacklistReason;
  source_type: 'accident' | 'case' | 'report' | 'manual';
  source_id: string | null;
  source_ref: string;
  penalty_decision_ref: string | null;
  facts: string;
  region_code: string;
  region_name: string | null;
  industry_code: string | null;
  department_id: string | null;
  department_name: string | null;
  status: BlacklistStatus;
  proposed_by: string | null;
  proposed_by_name: string | null;
  proposed_at: Date | string;
  noticed_at: Date | string | null;
  objection_due_on: Date | string | null;
  objection: string | null;
  objection_at: Date | string | null;
  objection_reply: string | null;
  objection_upheld: boolean | null;
  objection_handled_at: Date | string | null;
  noticed_by: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  listed_at: Date | string | null;
  expires_at: Date | string | null;
  removal_applied_at: Date | string | null;
  removal_applied_by: string | null;
  removal_statement: string | null;
  removal_checklist: Partial<Record<EarlyRemovalCondition, boolean>>;
  removed_at: Date | string | null;
  removal_reason: string | null;
  revoked_at: Date | string | null;
  revoke_reason: string | null;
  dropped_at: Date | string | null;
  drop_reason: string | null;
  partner_notices: { department: string; at: string }[];
  decision_number: string | null;
  version: number;
};

const SELECT = `SELECT b.*, r.name AS region_name, d.name AS department_name,
  (SELECT number FROM credit_blacklist_documents x WHERE x.entry_id = b.id AND x.kind = 'creditDecision' ORDER BY issued_at DESC LIMIT 1) AS decision_number
  FROM credit_blacklist_entries b
  LEFT JOIN regions r ON r.code = b.region_code
  LEFT JOIN departments d ON d.id = b.department_id`;

const SCOPE_COLUMNS = { region: 'b.region_code', industry: 'b.industry_code', enterpriseId: 'b.enterprise_id' };

export async function findEntry(tx: Scoped, id: string, forUpdate = false): Promise<EntryRow | undefined> {
  const params: unknown[] = [id];
  const where = scopeFilter(tx.scope, params, SCOPE_COLUMNS);
  const [r] = await tx.query<EntryRow>(`${SELECT} WHERE b.id = $1 AND ${where}${forUpdate ? ' FOR UPDATE OF b' : ''}`, params);
  return r;
}

/** The list's filters; the 工作台 items are some of them. */
export type EntryFilter = {
  view?: 'candidates' | 'inProgress' | 'listed' | 'removed';
  status?: BlacklistStatus;
  reason?: BlacklistReason;
  subjectType?: BlacklistSubjectType;
  regionCode?: string;
  enterpriseId?: string;
  q?: string;
  toDecide?: 'true';
  windowEnded?: 'true';
  removalApplied?: 'true';
  expiringDays?: number;
};

const VIEW_STATUSES: Record<NonNullable<EntryFilter['view']>, BlacklistStatus[]> = {
  candidates: ['candidate'],
  inProgress: ['noticed', 'objecting'],
  listed: ['listed'],
  removed: ['earlyRemoved', 'expired', 'dropped'],
};

/** The WHERE of the list and of its counts, with the caller's scope; `today` is Beijing's date, `now` the instant. */
export function entryWhere(tx: Scoped, f: EntryFilter, today: string, now: Date): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts = [scopeFilter(tx.scope, params, SCOPE_COLUMNS)];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.view) parts.push(`b.status = ANY(${p(VIEW_STATUSES[f.view])}::text[])`);
  if (f.status) parts.push(`b.status = ${p(f.status)}`);
  if (f.reason) parts.push(`b.reason = ${p(f.reason)}`);
  if (f.subjectType) parts.push(`b.subject_type = ${p(f.subjectType)}`);
  // A region picked at any level (12 digits, trailing zeros) filters by its prefix.
  const region = f.regionCode?.replace(/(00)+$/, '');
  if (region) parts.push(`b.region_code >= ${p(region)} AND b.region_code < ${p(`${region}~`)}`);
  if (f.enterpriseId) parts.push(`(b.enterprise_id = ${p(f.enterpriseId)} OR b.person_unit_id = $${params.length})`);
  if (f.q)
    parts.push(
      `(b.subject_name ILIKE ${p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} OR b.person_name ILIKE $${params.length} OR b.subject_uscc = ${p(f.q)})`,
    );
  if (f.toDecide) parts.push(`b.status = 'candidate'`);
  if (f.windowEnded) parts.push(`b.status = 'noticed' AND (b.objection_upheld = false OR b.objection_due_on < ${p(today)}::date)`);
  if (f.removalApplied) parts.push(`b.status = 'listed' AND b.removal_applied_at IS NOT NULL`);
  if (f.expiringDays !== undefined)
    parts.push(
      `b.status = 'listed' AND b.expires_at > ${p(now.toISOString())}::timestamptz AND b.expires_at <= ${p(new Date(now.getTime() + f.expiringDays * 86_400_000).toISOString())}::timestamptz`,
    );
  return { sql: parts.join(' AND '), params };
}

export async function listEntryRows(tx: Scoped, w: { sql: string; params: unknown[] }, limit: number, offset: number) {
  const rows = await tx.query<EntryRow>(
    `${SELECT} WHERE ${w.sql} ORDER BY b.updated_at DESC, b.id LIMIT ${limit} OFFSET ${offset}`,
    w.params,
  );
  return { rows, total: await countEntries(tx, w) };
}

export async function countEntries(tx: Queryable, w: { sql: string; params: unknown[] }): Promise<number> {
  const [r] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM credit_blacklist_entries b WHERE ${w.sql}`, w.params);
  return r?.n ?? 0;
}

export type NewEntry = {
  subjectType: BlacklistSubjectType;
  enterpriseId: string | null;
  intermediaryId: string | null;
  personUnitId: string | null;
  subjectName: string;
  subjectUscc: string | null;
  personName: string | null;
  personIdNumber: string | null;
  personRole: string | null;
  reason: BlacklistReason;
  sourceType: 'accident' | 'case' | 'report' | 'manual';
  sourceId: string | null;
  sourceRef: string;
  penaltyDecisionRef: string | null;
  facts: string;
  regionCode: string;
  industryCode: string | null;
  departmentId: string | null;
  proposedBy: string | null;
  proposedByName: string | null;
};

/** Inserts the entry unless the same subject + reason + source is there already; its id, or null. */
export async function insertEntry(tx: Queryable, e: NewEntry, now: Date): Promise<string | null> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO credit_blacklist_entries (subject_type, enterprise_id, intermediary_id, person_unit_id, subject_name, subject_uscc,
       person_name, person_id_number, person_role, reason, source_type, source_id, source_ref, penalty_decision_ref, facts,
       region_code, industry_code, department_id, proposed_by, proposed_by_name, proposed_at, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$21,$21)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      e.subjectType,
      e.enterpriseId,
      e.intermediaryId,
      e.personUnitId,
      e.subjectName,
      e.subjectUscc,
      e.personName,
      e.personIdNumber,
      e.personRole,
      e.reason,
      e.sourceType,
      e.sourceId,
      e.sourceRef,
      e.penaltyDecisionRef,
      e.facts,
      e.regionCode,
      e.industryCode,
      e.departmentId,
      e.proposedBy,
      e.proposedByName,
      now.toISOString(),
    ],
  );
  return r?.id ?? null;
}

const COLUMNS = new Set([
  'status',
  'noticed_at',
  'noticed_by',
  'objection_due_on',
  'objection',
  'objection_at',
  'objection_reply',
  'objection_upheld',
  'objection_handled_at',
  'decided_by',
  'decided_by_name',
  'listed_at',
  'expires_at',
  'removal_applied_at',
  'removal_applied_by',
  'removal_statement',
  'removal_checklist',
  'removed_at',
  'removal_reason',
  'revoked_at',
  'revoke_reason',
  'dropped_at',
  'drop_reason',
  'partner_notices',
]);

/** Writes the changed columns, bumps the version. Column names are checked against the table's. */
export async function updateEntry(tx: Queryable, id: string, set: Record<string, unknown>, now: Date): Promise<void> {
  const keys = Object.keys(set);
  for (const k of keys) if (!COLUMNS.has(k)) throw new Error(`blacklist: unknown column ${k}`);
  const values = keys.map((k) => {
    const v = set[k];
    return k === 'removal_checklist' || k === 'partner_notices' ? JSON.stringify(v) : v;
  });
  const assigns = keys.map((k, i) => `${k} = $${i + 2}${k === 'removal_checklist' || k === 'partner_notices' ? '::jsonb' : ''}`);
  await tx.query(
    `UPDATE credit_blacklist_entries SET ${[...assigns, `updated_at = $${keys.length + 2}`, 'version = version + 1'].join(', ')} WHERE id = $1`,
    [id, ...values, now.toISOString()],
  );
}

export async function insertEvent(
  tx: Queryable,
  e: {
    entryId: string;
    action: string;
    from: string | null;
    to: string;
    actorId: string | null;
    actorName: string;
    note?: string | null;
    at: Date;
  },
) {
  await tx.query(
    `INSERT INTO credit_blacklist_events (entry_id, action, from_status, to_status, actor_id, actor_name, note, at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [e.entryId, e.action, e.from, e.to, e.actorId, e.actorName, e.note ?? null, e.at.toISOString()],
  );
}

export type EventRow = {
  action: string;
  from_status: string | null;
  to_status: string;
  actor_name: string | null;
  note: string | null;
  at: Date | string;
};
export const eventsOf = (tx: Queryable, entryId: string) =>
  tx.query<EventRow>(
    'SELECT action, from_status, to_status, actor_name, note, at FROM credit_blacklist_events WHERE entry_id = $1 ORDER BY at, id',
    [entryId],
  );

export type DocumentRow = {
  id: string;
  entry_id: string;
  kind: 'creditNotice' | 'creditDecision' | 'creditRemoval';
  number: string;
  issuer: string;
  title: string;
  body: string[];
  issued_at: Date | string;
};
export const documentsOf = (tx: Queryable, entryId: string) =>
  tx.query<DocumentRow>(
    'SELECT id, entry_id, kind, number, issuer, title, body, issued_at FROM credit_blacklist_documents WHERE entry_id = $1 ORDER BY issued_at, number',
    [entryId],
  );
export async function findDocument(tx: Queryable, id: string): Promise<DocumentRow | undefined> {
  const [r] = await tx.query<DocumentRow>(
    'SELECT id, entry_id, kind, number, issuer, title, body, issued_at FROM credit_blacklist_documents WHERE id = $1',
    [id],
  );
  return r;
}
export async function insertDocument(
  tx: Queryable,
  d: {
    entryId: string;
    kind: DocumentRow['kind'];
    number: string;
    issuer: string;
    title: string;
    body: string[];
    issuedBy: string | null;
    at: Date;
  },
): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO credit_blacklist_documents (entry_id, kind, number, issuer, title, body, issued_by, issued_at) VALUES ($1,$2,$3,$4,$5,$6::jsonb,$7,$8) RETURNING id`,
    [d.entryId, d.kind, d.number, d.issuer, d.title, JSON.stringify(d.body), d.issuedBy, d.at.toISOString()],
  );
  return (r as { id: string }).id;
}

/**
 * Whether the enterprise is on the list now (a unit's or agency's entry, listed and before its
 * expiry) — the contract the credit file reads (joint sanctions, its level, the directory flag).
 * A person's entry does not list the unit.
 */
export async function isListed(tx: Queryable, enterpriseId: string): Promise<boolean> {
  const [r] = await tx.query<{ listed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM credit_blacklist_entries WHERE enterprise_id = $1 AND status = 'listed' AND expires_at > now()) AS listed`,
    [enterpriseId],
  );
  return r?.listed === true;
}

// ---- the events candidates come from ----------------------------------------------------------------

export type AccidentSource = {
  id: string;
  number: string;
  enterprise_id: string | null;
  region_code: string;
  grade: string;
  occurred_at: Date | string;
  near_miss: boolean;
  faults: string[];
};
/** Accidents of the three years up to `now` (older ones could not be listed any more) that may make a candidate. */
export function accidentSources(tx: Scoped, now: Date) {
  const params: unknown[] = [new Date(now.getTime() - 3 * 366 * 86_400_000).toISOString(), now.toISOString()];
  const where = scopeFilter(tx.scope, params, { region: 'a.region_code', industry: 'a.industry_code', enterpriseId: 'a.enterprise_id' });
  return tx.query<AccidentSource>(
    `SELECT a.id, a.number, a.enterprise_id, a.region_code, a.grade, a.occurred_at, a.near_miss,
       coalesce((SELECT array_agg(f.fault) FROM accident_faults f WHERE f.accident_id = a.id), '{}') AS faults
     FROM accidents a
     WHERE a.enterprise_id IS NOT NULL AND NOT a.near_miss AND a.occurred_at >= $1 AND a.occurred_at <= $2 AND ${where}
       AND (a.grade IN ('major', 'serious', 'especiallySerious')
            OR EXISTS (SELECT 1 FROM accident_faults f WHERE f.accident_id = a.id AND f.fault IN ('false', 'concealed')))`,
    params,
  );
}

export type CaseSource = {
  id: string;
  enterprise_id: string;
  region_code: string;
  department_id: string | null;
  title: string;
  facts: string;
  article: string | null;
  tier: string | null;
  status: string;
  fine_yuan: string | null;
  paid_yuan: string;
  payment_due_on: Date | string | null;
  decision_number: string | null;
  agency: boolean;
};
/** Decided penalty cases that may make a candidate (the domain's rule decides which do). */
export function caseSources(tx: Scoped, now: Date) {
  const params: unknown[] = [new Date(now.getTime() - 3 * 366 * 86_400_000).toISOString(), now.toISOString()];
  const where = scopeFilter(tx.scope, params, { region: 'c.region_code', industry: 'c.industry_code', enterpriseId: 'c.enterprise_id' });
  return tx.query<CaseSource>(
    `SELECT c.id, c.enterprise_id, c.region_code, c.department_id, c.title, c.facts, c.article, c.tier, c.status, c.fine_yuan, c.paid_yuan,
       c.payment_due_on, dd.number AS decision_number,
       EXISTS (SELECT 1 FROM intermediaries i JOIN enterprises e ON e.credit_code = i.uscc WHERE e.id = c.enterprise_id) AS agency
     FROM enforcement_cases c
     LEFT JOIN enforcement_documents dd ON dd.id = c.decision_document_id
     WHERE c.status IN ('decided', 'served', 'executing', 'closed') AND coalesce(c.decided_at, c.filed_at) >= $1 AND coalesce(c.decided_at, c.filed_at) <= $2 AND ${where}
       AND (c.article IN ('114', '92') OR (c.status IN ('served', 'executing') AND c.fine_yuan > c.paid_yuan)
            OR c.title ~ '许可|无证|暂扣|吊销' OR c.facts ~ '许可|无证|暂扣|吊销')`,
    params,
  );
}

export type ReportSource = { id: string; intermediary_id: string; region_code: string; title: string };
/** Intermediaries' reports the credit file found false (出具虚假报告). */
export function reportSources(tx: Scoped, now: Date) {
  const params: unknown[] = [new Date(now.getTime() - 3 * 366 * 86_400_000).toISOString(), now.toISOString()];
  const where = scopeFilter(tx.scope, params, { region: 'r.region_code' });
  return tx.query<ReportSource>(
    `SELECT r.id, r.intermediary_id, r.region_code, r.title FROM intermediary_reports r
     WHERE r.false_found_at IS NOT NULL AND r.false_found_at >= $1 AND r.false_found_at <= $2 AND ${where}`,
    params,
  );
}

export type SubjectRow = { name: string; uscc: string | null; industry_code: string | null; region_code: string };
export async function enterpriseSubject(tx: Queryable, id: string): Promise<SubjectRow | undefined> {
  const [r] = await tx.query<SubjectRow>('SELECT name, credit_code AS uscc, industry_code, region_code FROM enterprises WHERE id = $1', [
    id,
  ]);
  return r;
}
export async function intermediarySubject(tx: Queryable, id: string): Promise<SubjectRow | undefined> {
  const [r] = await tx.query<SubjectRow>('SELECT name, uscc, NULL AS industry_code, region_code FROM intermediaries WHERE id = $1', [id]);
  return r;
}
/** The intermediary whose USCC the enterprise has (an agency kept in both directories). */
export async function intermediaryOfEnterprise(tx: Queryable, enterpriseId: string): Promise<string | null> {
  const [r] = await tx.query<{ id: string }>(
    'SELECT i.id FROM intermediaries i JOIN enterprises e ON e.credit_code = i.uscc WHERE e.id = $1',
    [enterpriseId],
  );
  return r?.id ?? null;
}

// ---- public ------------------------------------------------------------------------------------------

export type PublicRow = {
  id: string;
  subject_type: BlacklistSubjectType;
  subject_name: string;
  subject_uscc: string | null;
  person_name: string | null;
  person_id_number: string | null;
  reason: BlacklistReason;
  region_code: string;
  region_name: string | null;
  listed_at: Date | string;
  expires_at: Date | string;
  decision_number: string | null;
};
/** Entries on the list now (never an expired, removed or pending one), optionally under a region. */
export async function publicRows(tx: Queryable, regionPrefix: string | undefined, limit: number, offset: number, now: Date) {
  const params: unknown[] = [now.toISOString()];
  let where = `b.status = 'listed' AND b.expires_at > $1::timestamptz`;
  if (regionPrefix) {
    params.push(regionPrefix, `${regionPrefix}~`);
    where += ' AND b.region_code >= $2 AND b.region_code < $3';
  }
  const rows = await tx.query<PublicRow>(
    `SELECT b.id, b.subject_type, b.subject_name, b.subject_uscc, b.person_name, b.person_id_number, b.reason, b.region_code,
       r.name AS region_name, b.listed_at, b.expires_at,
       (SELECT number FROM credit_blacklist_documents x WHERE x.entry_id = b.id AND x.kind = 'creditDecision' ORDER BY issued_at DESC LIMIT 1) AS decision_number
     FROM credit_blacklist_entries b LEFT JOIN regions r ON r.code = b.region_code
     WHERE ${where} ORDER BY b.listed_at DESC, b.id LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM credit_blacklist_entries b WHERE ${where}`, params);
  // The places with entries now, for the page's region filter (counties, with their city's name).
  const regions = await tx.query<{ code: string; name: string }>(
    `SELECT DISTINCT rr.code, rr.name FROM credit_blacklist_entries b
     JOIN regions rr ON rr.code = rpad(left(b.region_code, 6), 12, '0')
     WHERE b.status = 'listed' AND b.expires_at > $1::timestamptz ORDER BY rr.code`,
    [now.toISOString()],
  );
  return { rows, total: c?.n ?? 0, regions };
}
