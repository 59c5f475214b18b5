// The SQL of whistleblower reports (举报): the report row and its parts (messages, transitions),
// the inbox's WHERE, the reveal requests, the provinces' reward rules, the statistics' grouped
// count and the public enterprise directory. No rule of who may and no presentation here: the
// service (service.ts, public-service.ts, reveal.ts, rewards.ts, stats.ts) decides and shapes.
import { PUBLIC_REPORT_OPEN_STATUSES, type PublicReportStatus, type RewardRule, type WhistleblowerReportQuery } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { homeRegionHolds, regionRange, type Scoped } from '../../db/scope.ts';
import { Where } from '../../db/where.ts';

export type ReportRow = {
  id: string;
  category: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  region_code: string;
  region_name: string | null;
  sealed_content: string;
  sealed_identity: string | null;
  anonymous: boolean;
  receipt_hash: string;
  status: PublicReportStatus;
  status_reason: string | null;
  hazard_id: string | null;
  reward_amount: string | null;
  reward_basis: string | null;
  reward_computation: { steps: string[] } | null;
  reward_paid_on: string | Date | null;
  reward_reference: string | null;
  received_on: string | Date;
  accept_due: string | Date;
  conclude_due: string | Date;
  concluded_on: string | Date | null;
  assignee: string | null;
  outcome: string | null;
  merged_into: string | null;
  escalated_tier: string | null;
  overdue: 'accept' | 'conclude' | null;
  version: number;
};

const REPORT_SELECT = `SELECT r.*, (SELECT e.name FROM enterprises e WHERE e.id = r.enterprise_id) AS enterprise_name,
  (SELECT g.name FROM regions g WHERE g.code = r.region_code) AS region_name FROM reports r`;

export async function findReport(q: Queryable, id: string, forUpdate = false): Promise<ReportRow | undefined> {
  return (await q.query<ReportRow>(`${REPORT_SELECT} WHERE r.id = $1 ${forUpdate ? 'FOR UPDATE OF r' : ''}`, [id]))[0];
}

/** The reports whose receipt carries this keyed tag (the receipt itself is checked against their hashes). */
export const reportsByReceiptTag = (q: Queryable, tag: string) => q.query<ReportRow>(`${REPORT_SELECT} WHERE r.receipt_tag = $1`, [tag]);

/** The inbox shows at most this many reports. */
export const REPORT_LIST_LIMIT = 500;

/** WHERE of the report inbox (`reports r` in the caller's area), shared with the workbench's counts. */
export function reportWhere(tx: Scoped, query: WhistleblowerReportQuery): Where {
  const w = new Where();
  w.add(regionRange('r.region_code', tx.scope.regionPrefix, w.params)).eq('r.enterprise_id', query.enterpriseId);
  if (query.status === 'open') w.add(`r.status = ANY($${w.params.push(PUBLIC_REPORT_OPEN_STATUSES)})`);
  else w.eq('r.status', query.status);
  if (query.overdue) w.add(`r.overdue IS NOT NULL AND r.status = ANY($${w.params.push(PUBLIC_REPORT_OPEN_STATUSES)})`);
  if (query.concludeBy) w.add(`r.conclude_due <= ${w.param(query.concludeBy)}::date`);
  return w;
}

/** The inbox: the nearest deadline first (acceptance while received, conclusion after). */
export function listReports(tx: Scoped, query: WhistleblowerReportQuery) {
  const w = reportWhere(tx, query);
  return tx.query<ReportRow>(
    `${REPORT_SELECT} WHERE ${w.sql}
     ORDER BY CASE WHEN r.status = ANY($${w.params.push(PUBLIC_REPORT_OPEN_STATUSES)}) THEN 0 ELSE 1 END,
              CASE WHEN r.status = 'received' THEN r.accept_due ELSE r.conclude_due END, r.id LIMIT ${REPORT_LIST_LIMIT}`,
    w.params,
  );
}

/** How many reports match the inbox's filters (the 工作台's count). */
export async function countReports(tx: Scoped, query: WhistleblowerReportQuery): Promise<number> {
  const w = reportWhere(tx, query);
  const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM reports r WHERE ${w.sql}`, w.params);
  return c?.n ?? 0;
}

/** Reports of the caller's area by status, whatever the inbox's filter. */
export async function countByStatus(tx: Scoped): Promise<Record<string, number>> {
  const p: unknown[] = [];
  const rows = await tx.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM reports r WHERE ${regionRange('r.region_code', tx.scope.regionPrefix, p)} GROUP BY status`,
    p,
  );
  return Object.fromEntries(rows.map((c) => [c.status, c.n]));
}

export type TransitionRow = {
  action: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  reason: string | null;
  at: Date;
  day_only: boolean;
};

export const transitionsOf = (q: Queryable, reportId: string) =>
  q.query<TransitionRow>(
    'SELECT action, from_status, to_status, actor, reason, at, day_only FROM report_transitions WHERE report_id = $1 ORDER BY id',
    [reportId],
  );

/** The reports merged into this one, oldest first. */
export async function mergedInto(q: Queryable, reportId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>('SELECT id FROM reports WHERE merged_into = $1 ORDER BY received_on, id', [reportId]);
  return rows.map((m) => m.id);
}

export type MessageRow = { author: 'reporter' | 'handler'; handler: string | null; sealed_text: string; sent_on: string | Date };

export const messageRowsOf = (q: Queryable, reportId: string) =>
  q.query<MessageRow>('SELECT author, handler, sealed_text, sent_on FROM report_messages WHERE report_id = $1 ORDER BY id', [reportId]);

export async function insertMessage(
  q: Queryable,
  m: { reportId: string; author: 'reporter' | 'handler'; handler: string | null; sealedText: string; sentOn: string },
) {
  await q.query('INSERT INTO report_messages (report_id, author, handler, sealed_text, sent_on) VALUES ($1, $2, $3, $4, $5)', [
    m.reportId,
    m.author,
    m.handler,
    m.sealedText,
    m.sentOn,
  ]);
}

export const newReportId = async (q: Queryable) => (await q.query<{ id: string }>('SELECT gen_random_uuid() AS id'))[0]?.id as string;

export async function enterpriseRegion(q: Queryable, enterpriseId: string): Promise<string | undefined> {
  return (await q.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [enterpriseId]))[0]?.region_code;
}

export async function regionExists(q: Queryable, code: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM regions WHERE code = $1', [code])).length > 0;
}

export type NewReport = {
  id: string;
  category: string;
  enterpriseId: string | null;
  regionCode: string;
  sealedContent: string;
  sealedIdentity: string | null;
  anonymous: boolean;
  receiptTag: string;
  receiptHash: string;
  receivedOn: string;
  acceptDue: string;
  concludeDue: string;
};

/** A received report and its first transition, dated to the day alone (at midnight Beijing time). */
export async function insertReport(q: Queryable, r: NewReport, midnight: Date | string) {
  await q.query(
    `INSERT INTO reports (id, category, enterprise_id, region_code, sealed_content, sealed_identity, anonymous, receipt_tag, receipt_hash,
       received_on, accept_due, conclude_due)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      r.id,
      r.category,
      r.enterpriseId,
      r.regionCode,
      r.sealedContent,
      r.sealedIdentity,
      r.anonymous,
      r.receiptTag,
      r.receiptHash,
      r.receivedOn,
      r.acceptDue,
      r.concludeDue,
    ],
  );
  await q.query(
    `INSERT INTO report_transitions (report_id, action, from_status, to_status, actor, at, day_only) VALUES ($1, 'receive', NULL, 'received', 'public', $2, true)`,
    [r.id, midnight],
  );
}

/**
 * The columns a step changes (names from the service's own table, never from the request), a new
 * version, and the transition recorded.
 */
export async function applyStep(
  q: Queryable,
  r: ReportRow,
  step: { action: string; to: PublicReportStatus; actor: string; reason: string | null; set: Record<string, unknown> },
) {
  const cols = Object.keys(step.set);
  await q.query(`UPDATE reports SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, version = version + 1 WHERE id = $1`, [
    r.id,
    ...cols.map((c) => step.set[c]),
  ]);
  await q.query(
    'INSERT INTO report_transitions (report_id, action, from_status, to_status, actor, reason) VALUES ($1, $2, $3, $4, $5, $6)',
    [r.id, step.action, r.status, step.to, step.actor, step.reason],
  );
}

export async function activeUser(q: Queryable, username: string) {
  const [u] = await q.query<{ id: string; role: string; region_code: string | null }>(
    'SELECT id, role, region_code FROM users WHERE username = $1 AND NOT disabled',
    [username],
  );
  return u;
}

export async function notify(q: Queryable, userId: string, kind: string, title: string, link: string) {
  await q.query('INSERT INTO notifications (user_id, kind, title, link) VALUES ($1, $2, $3, $4)', [userId, kind, title, link]);
}

/** The public directory: name and region of at most ten enterprises whose name holds `text`. */
export function enterprisesNamed(q: Queryable, text: string) {
  return q.query<{ id: string; name: string; region_name: string | null }>(
    `SELECT e.id, e.name, (SELECT g.name FROM regions g WHERE g.code = e.region_code) AS region_name
     FROM enterprises e WHERE e.name LIKE '%' || $1 || '%' ESCAPE '\\' ORDER BY length(e.name), e.name LIMIT 10`,
    [text.replace(/[\\%_]/g, (c) => `\\${c}`)],
  );
}

// ---- Reveal requests ------------------------------------------------------------------------

export type RevealRow = {
  id: string;
  report_id: string;
  requested_by: string;
  requester: string;
  requester_region: string | null;
  reason: string;
  status: 'requested' | 'approved' | 'refused';
  decided_by: string | null;
  decision_note: string | null;
  requested_at: Date;
  decided_at: Date | null;
  revealed_at: Date | null;
};

const REVEAL_SELECT = `SELECT v.*, (SELECT u.region_code FROM users u WHERE u.id = v.requested_by) AS requester_region FROM report_reveals v`;

export const revealRowsOf = (q: Queryable, reportId: string) =>
  q.query<RevealRow>(`${REVEAL_SELECT} WHERE v.report_id = $1 ORDER BY v.requested_at`, [reportId]);

export async function findReveal(q: Queryable, id: string, forUpdate = false): Promise<RevealRow | undefined> {
  return (await q.query<RevealRow>(`${REVEAL_SELECT} WHERE v.id = $1 ${forUpdate ? 'FOR UPDATE OF v' : ''}`, [id]))[0];
}

/** Requests still waiting, on reports of the caller's area (at most 200, oldest first). */
export function waitingReveals(tx: Scoped) {
  const p: unknown[] = [];
  return tx.query<RevealRow>(
    `${REVEAL_SELECT} JOIN reports r ON r.id = v.report_id WHERE v.status = 'requested' AND ${regionRange('r.region_code', tx.scope.regionPrefix, p)}
     ORDER BY v.requested_at LIMIT 200`,
    p,
  );
}

export async function hasWaitingReveal(q: Queryable, reportId: string, userId: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM report_reveals WHERE report_id = $1 AND requested_by = $2 AND status = $3', [
    reportId,
    userId,
    'requested',
  ]);
  return rows.length > 0;
}

/** Of these reports, those on which the user has a request still waiting. */
export async function reportsWithWaitingReveal(q: Queryable, reportIds: string[], userId: string): Promise<Set<string>> {
  if (!reportIds.length) return new Set();
  const rows = await q.query<{ report_id: string }>(
    "SELECT report_id FROM report_reveals WHERE report_id = ANY($1::uuid[]) AND requested_by = $2 AND status = 'requested'",
    [reportIds, userId],
  );
  return new Set(rows.map((r) => r.report_id));
}

export async function insertReveal(q: Queryable, v: { reportId: string; userId: string; username: string; reason: string }) {
  const [row] = await q.query<{ id: string }>(
    'INSERT INTO report_reveals (report_id, requested_by, requester, reason) VALUES ($1, $2, $3, $4) RETURNING id',
    [v.reportId, v.userId, v.username, v.reason],
  );
  return row?.id as string;
}

export async function decideRevealRow(q: Queryable, id: string, d: { status: 'approved' | 'refused'; by: string; note: string | null }) {
  await q.query('UPDATE report_reveals SET status = $2, decided_by = $3, decision_note = $4, decided_at = now() WHERE id = $1', [
    id,
    d.status,
    d.by,
    d.note,
  ]);
}

export async function markRevealed(q: Queryable, id: string) {
  await q.query('UPDATE report_reveals SET revealed_at = coalesce(revealed_at, now()) WHERE id = $1', [id]);
}

/** Custodians of a report's region (their scope may lie above the asker's) learn of a reveal request. */
export async function notifyCustodians(q: Queryable, n: { regionCode: string; title: string; link: string; except: string }) {
  await q.query(
    `INSERT INTO notifications (user_id, kind, title, link)
     SELECT u.id, 'revealRequest', $2, $3 FROM users u
     WHERE NOT u.disabled AND u.id <> $4 AND (u.role = 'platformAdmin'
       OR (u.role IN ('provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor') AND u.region_code IS NOT NULL
           AND u.department_id IS NULL AND ${homeRegionHolds('u', '$1')}))`,
    [n.regionCode, n.title, n.link, n.except],
  );
}

// ---- Reward rules ---------------------------------------------------------------------------

/** The province's own rule, else the national default row ('00'); undefined when neither is set. */
export async function storedRewardRule(q: Queryable, province: string) {
  const rows = await q.query<{ province: string; rule: RewardRule }>(
    `SELECT province, rule FROM report_reward_rules WHERE province IN ($1, '00') ORDER BY province = '00'`,
    [province],
  );
  return rows[0];
}

export const rewardRuleRows = (q: Queryable) =>
  q.query<{ province: string; rule: RewardRule; updated_by: string; updated_at: Date }>(
    'SELECT k.province, k.rule, k.updated_by, k.updated_at FROM report_reward_rules k ORDER BY k.province',
  );

export async function lockRewardRule(q: Queryable, province: string): Promise<RewardRule | undefined> {
  const [row] = await q.query<{ rule: RewardRule }>('SELECT rule FROM report_reward_rules WHERE province = $1 FOR UPDATE', [province]);
  return row?.rule;
}

export async function upsertRewardRule(q: Queryable, province: string, rule: RewardRule, by: string) {
  await q.query(
    `INSERT INTO report_reward_rules (province, rule, updated_by) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (province) DO UPDATE SET rule = EXCLUDED.rule, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [province, JSON.stringify(rule), by],
  );
}

// ---- Statistics -----------------------------------------------------------------------------

export type StatsCounts = {
  received: number;
  rejected: number;
  substantiated: number;
  unsubstantiated: number;
  merged: number;
  open: number;
  overdue: number;
  handling_days: number;
  concluded: number;
  rewards_decided: number;
  rewards_paid: number;
};

/** The counts of reports under `base`, received between the days given, grouped by the first `prefixLength` digits of the region. */
export function statsByPrefix(tx: Scoped, base: string, prefixLength: number, from?: string, to?: string) {
  const p: unknown[] = [prefixLength];
  const where = [regionRange('r.region_code', base, p)];
  if (from) where.push(`r.received_on >= $${p.push(from)}`);
  if (to) where.push(`r.received_on <= $${p.push(to)}`);
  return tx.query<StatsCounts & { prefix: string }>(
    `SELECT substr(r.region_code, 1, $1) AS prefix,
       count(*) AS received,
       count(*) FILTER (WHERE r.outcome = 'rejected') AS rejected,
       count(*) FILTER (WHERE r.outcome = 'substantiated') AS substantiated,
       count(*) FILTER (WHERE r.outcome = 'unsubstantiated') AS unsubstantiated,
       count(*) FILTER (WHERE r.outcome = 'merged') AS merged,
       count(*) FILTER (WHERE r.outcome IS NULL) AS open,
       count(*) FILTER (WHERE r.outcome IS NULL AND r.overdue IS NOT NULL) AS overdue,
       coalesce(sum(r.concluded_on - r.received_on), 0) AS handling_days,
       count(r.concluded_on) AS concluded,
       coalesce(sum(r.reward_amount), 0) AS rewards_decided,
       coalesce(sum(r.reward_amount) FILTER (WHERE r.reward_paid_on IS NOT NULL), 0) AS rewards_paid
     FROM reports r WHERE ${where.join(' AND ')} GROUP BY 1`,
    p,
  );
}
