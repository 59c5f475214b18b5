// Credit levels: the facts of each subject read from the records of the other capabilities (cases,
// accidents, hazards, commitments, the blacklist, intermediaries' reports), the domain rule
// (domain/src/credit/level.ts) applied with the province's settings, and the result stored with a
// history row whenever the level changes. recomputeCredit is the one entry other modules call in
// their own transaction when an event moves a level; recomputeAllCredit is the full job (the
// benchmark's 100,000 enterprises) and recomputeCreditIn a jurisdiction's button.
import {
  BLACKLIST_REASONS,
  CREDIT_RULE_KEYS,
  type CreditFacts,
  type CreditLevel,
  type CreditReason,
  type CreditRule,
  type CreditSubject,
  creditLevel,
  creditRuleProblem,
  DEFAULT_CREDIT_RULE,
  EMPTY_FACTS,
  provinceOfRegion,
  type SettingKey,
} from '@taishan/domain';
import type { Db, Queryable } from '../../db/db.ts';
import { type Scoped, scopeFilter } from '../../db/scope.ts';
import { todayInShanghai } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';

// ---- the blacklist (migration 039, the blacklist part's) ----------------------------------------

let blacklistSeen = false;
/**
 * Whether the blacklist's table exists. The credit file reads credit_blacklist_entries by the
 * agreed columns; while a database has not got migration 039 (it is built by another part in
 * parallel), nothing is listed rather than every query failing. Once seen, it stays.
 */
export async function hasBlacklist(q: Queryable): Promise<boolean> {
  if (blacklistSeen) return true;
  const [r] = await q.query<{ ok: boolean }>("SELECT to_regclass('credit_blacklist_entries') IS NOT NULL AS ok");
  blacklistSeen = !!r?.ok;
  return blacklistSeen;
}

/**
 * SQL: the subject in `column` is currently listed ("status = 'listed' AND expires_at > now()").
 * A person's entry (an agency's staff member carries the agency's id) never lists the agency.
 */
export const listedSql = (column: string, subject: 'enterprise' | 'intermediary' = 'enterprise') =>
  `EXISTS (SELECT 1 FROM credit_blacklist_entries b WHERE b.${subject}_id = ${column} AND b.subject_type <> 'person' AND b.status = 'listed' AND b.expires_at > now())`;

/** The reason's wording (令第11号's list, the blacklist's data), or the code when unknown. */
export const reasonLabel = (code: string | null) => (code ? (BLACKLIST_REASONS.find((r) => r.code === code)?.zh ?? code) : null);

/** An entry as JSON with the number of its 列入决定书 (the blacklist's documents, same migration 039). */
export const ENTRY_JSON = `to_jsonb(b) || jsonb_build_object('decision_number',
  (SELECT x.number FROM credit_blacklist_documents x WHERE x.entry_id = b.id AND x.kind = 'creditDecision' ORDER BY x.issued_at DESC LIMIT 1))`;

/** listedSql when the table exists, else 'false'. */
export async function listedExpr(q: Queryable, column: string, subject: 'enterprise' | 'intermediary' = 'enterprise') {
  return (await hasBlacklist(q)) ? listedSql(column, subject) : 'false';
}

// ---- the rule's settings -----------------------------------------------------------------------

/** The weights and thresholds in force in a province (settings credit.*). */
export async function creditRule(q: Queryable, regionCode: string): Promise<CreditRule> {
  const rule = { ...DEFAULT_CREDIT_RULE };
  // One after another: `q` may be a transaction's single connection.
  for (const k of CREDIT_RULE_KEYS) rule[k] = (await effectiveSetting(q, `credit.${k}` as SettingKey, regionCode)) as number;
  return creditRuleProblem(rule) ? DEFAULT_CREDIT_RULE : rule;
}

/** The start of the window the level counts (setting credit.windowMonths, national). */
async function windowStart(q: Queryable): Promise<string> {
  const months = (await effectiveSetting(q, 'credit.windowMonths', '00')) as number;
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
}

// ---- facts -------------------------------------------------------------------------------------

type FactRow = {
  id: string;
  region_code: string;
  industry_code: string | null;
  standardization: 'level1' | 'level2' | 'level3' | null;
  penalties: number;
  ordinary: number;
  major: number;
  serious: number;
  listed_hazards: number;
  overdue: number;
  broken: number;
  signed: boolean;
  false_reports: number;
  clean_years: number;
  listed: boolean;
  old_level: CreditLevel | null;
  old_score: number | null;
  old_reasons: CreditReason[] | null;
};

/**
 * The facts of the enterprises matching `where` (alias e), each source aggregated once: grouped
 * over the whole table for a full recompute (`grouped`), or per enterprise (LATERAL, by the
 * indexes on enterprise_id) for one or a few. $1 = window start, $2 = this year.
 */
async function enterpriseFacts(q: Queryable, where: string, params: unknown[], grouped: boolean): Promise<FactRow[]> {
  const join = (alias: string, body: string) =>
    grouped
      ? `LEFT JOIN (SELECT enterprise_id, ${body} GROUP BY enterprise_id) ${alias} ON ${alias}.enterprise_id = e.id`
      : `LEFT JOIN LATERAL (SELECT ${body.replace(/ WHERE /, ' WHERE enterprise_id = e.id AND ')}) ${alias} ON true`;
  const listed = await listedExpr(q, 'e.id');
  return q.query<FactRow>(
    `SELECT e.id, e.region_code, e.industry_code,
       CASE WHEN e.standardization_valid_until >= (now() AT TIME ZONE 'Asia/Shanghai')::date THEN e.standardization_grade END AS standardization,
       coalesce(p.n, 0)::int AS penalties, coalesce(a.ordinary, 0)::int AS ordinary, coalesce(a.major, 0)::int AS major,
       coalesce(a.serious, 0)::int AS serious, coalesce(h.listed, 0)::int AS listed_hazards, coalesce(h.overdue, 0)::int AS overdue,
       coalesce(br.n, 0)::int AS broken,
       EXISTS (SELECT 1 FROM safety_commitments c WHERE c.enterprise_id = e.id AND c.year = $2) AS signed,
       0 AS false_reports,
       least(3, floor(extract(epoch FROM now() - greatest(p.last, a.last, e.created_at)) / 31557600))::int AS clean_years,
       ${listed} AS listed,
       l.level AS old_level, l.score AS old_score, l.reasons AS old_reasons
     FROM enterprises e
     ${join('p', `count(*) FILTER (WHERE decided_at > $1) AS n, max(decided_at) AS last FROM enforcement_cases WHERE decided_at IS NOT NULL AND status <> 'dropped'`)}
     ${join(
       'a',
       `count(*) FILTER (WHERE grade = 'ordinary' AND occurred_at > $1) AS ordinary,
        count(*) FILTER (WHERE grade = 'major' AND occurred_at > $1) AS major,
        count(*) FILTER (WHERE grade IN ('serious', 'especiallySerious') AND occurred_at > $1) AS serious,
        max(occurred_at) AS last FROM accidents WHERE NOT near_miss`,
     )}
     ${join(
       'h',
       `count(*) FILTER (WHERE listed_at > $1) AS listed, count(*) FILTER (WHERE overdue AND created_at > $1) AS overdue
        FROM hazards WHERE (listed_at > $1 OR overdue) AND status <> 'cancelled'`,
     )}
     ${join('br', 'count(*) AS n FROM commitment_breaches WHERE occurred_on > $1::timestamptz')}
     LEFT JOIN credit_levels l ON l.subject_type = 'enterprise' AND l.subject_id = e.id
     WHERE ${where}`,
    params,
  );
}

/** The facts of intermediaries matching `where` (alias i): their false reports and listing. */
async function intermediaryFacts(q: Queryable, where: string, params: unknown[]): Promise<FactRow[]> {
  const listed = await listedExpr(q, 'i.id', 'intermediary');
  return q.query<FactRow>(
    `SELECT i.id, i.region_code, NULL AS industry_code, NULL AS standardization, 0 AS penalties, 0 AS ordinary, 0 AS major,
       0 AS serious, 0 AS listed_hazards, 0 AS overdue, 0 AS broken, true AS signed,
       (SELECT count(*)::int FROM intermediary_reports r WHERE r.intermediary_id = i.id AND r.false_found_at > $1) AS false_reports,
       0 AS clean_years, ${listed} AS listed,
       l.level AS old_level, l.score AS old_score, l.reasons AS old_reasons
     FROM intermediaries i LEFT JOIN credit_levels l ON l.subject_type = 'intermediary' AND l.subject_id = i.id
     WHERE i.deleted_at IS NULL AND ${where}`,
    params,
  );
}

const factsOf = (r: FactRow, subject: CreditSubject): CreditFacts => ({
  ...EMPTY_FACTS,
  penalties: r.penalties,
  accidentsOrdinary: r.ordinary,
  accidentsMajor: r.major,
  accidentsSerious: r.serious,
  listedHazards: r.listed_hazards,
  overdueFixes: r.overdue,
  brokenCommitments: r.broken,
  commitmentUnsigned: subject === 'enterprise' ? !r.signed : null,
  falseReports: r.false_reports,
  standardization: r.standardization,
  cleanYears: subject === 'enterprise' ? r.clean_years : 0,
  blacklisted: r.listed,
});

const signature = (reasons: CreditReason[] | null) => (reasons ?? []).map((x) => `${x.code}:${x.points}`).join(',');

export type RecomputeResult = { computed: number; changed: number; written: number };

/** Applies the rule to `rows` and writes what changed; a history row for each change of level. */
async function store(q: Queryable, subject: CreditSubject, rows: FactRow[], cause: string): Promise<RecomputeResult> {
  const rules = new Map<string, CreditRule>();
  const out = { type: [] as string[], id: [] as string[], region: [] as string[], industry: [] as (string | null)[] };
  const cols = { level: [] as string[], score: [] as number[], reasons: [] as string[] };
  let changed = 0;
  for (const r of rows) {
    const p = provinceOfRegion(r.region_code);
    let rule = rules.get(p);
    if (!rule) {
      rule = await creditRule(q, r.region_code);
      rules.set(p, rule);
    }
    const result = creditLevel(factsOf(r, subject), rule);
    if (r.old_level === result.level && r.old_score === result.score && signature(r.old_reasons) === signature(result.reasons)) continue;
    if (r.old_level !== result.level) changed++;
    out.type.push(subject);
    out.id.push(r.id);
    out.region.push(r.region_code);
    out.industry.push(r.industry_code);
    cols.level.push(result.level);
    cols.score.push(result.score);
    cols.reasons.push(JSON.stringify(result.reasons));
  }
  // In slices: a full recompute writes up to every subject, and one statement of 100,000 rows
  // holds them all in memory at once (PGlite's wasm heap).
  const SLICE = 20_000;
  for (let at = 0; at < out.id.length; at += SLICE) {
    const s = (a: unknown[]) => a.slice(at, at + SLICE);
    await q.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
           AS t (subject_type, subject_id, region_code, industry_code, level, score, reasons)),
       old AS (SELECT l.subject_type, l.subject_id, l.level FROM credit_levels l JOIN input i USING (subject_type, subject_id)),
       up AS (
         INSERT INTO credit_levels AS c (subject_type, subject_id, region_code, industry_code, enterprise_id, level, score, reasons, computed_at, changed_at)
         SELECT subject_type, subject_id, region_code, industry_code, CASE WHEN subject_type = 'enterprise' THEN subject_id END,
                level, score, reasons::jsonb, now(), now() FROM input
         ON CONFLICT (subject_type, subject_id) DO UPDATE SET level = EXCLUDED.level, score = EXCLUDED.score, reasons = EXCLUDED.reasons,
           region_code = EXCLUDED.region_code, industry_code = EXCLUDED.industry_code, computed_at = now(),
           changed_at = CASE WHEN c.level IS DISTINCT FROM EXCLUDED.level THEN now() ELSE c.changed_at END
         RETURNING 1)
       INSERT INTO credit_level_changes (subject_type, subject_id, region_code, industry_code, enterprise_id, from_level, to_level, score, reasons, cause)
       SELECT i.subject_type, i.subject_id, i.region_code, i.industry_code, CASE WHEN i.subject_type = 'enterprise' THEN i.subject_id END,
              o.level, i.level, i.score, i.reasons::jsonb, $8
         FROM input i LEFT JOIN old o USING (subject_type, subject_id)
        WHERE o.level IS DISTINCT FROM i.level`,
      [s(out.type), s(out.id), s(out.region), s(out.industry), s(cols.level), s(cols.score), s(cols.reasons), cause],
    );
  }
  return { computed: rows.length, changed, written: out.id.length };
}

const base = async (q: Queryable) => [await windowStart(q), Number(todayInShanghai().slice(0, 4))];

/**
 * Recomputes one enterprise's credit level in the caller's transaction (scoped or not), with the
 * cause written to the history when the level changes. For the modules whose events move it:
 * the blacklist (a listing, a removal), commitments, and every change that recomputes the
 * supervision class (accidents, hazards) through enforcement/classes.ts. Not audited here: the
 * change that caused it is.
 */
export async function recomputeCredit(tx: Queryable, enterpriseId: string, cause = '记录变更'): Promise<RecomputeResult> {
  const params = [...(await base(tx)), enterpriseId];
  return store(tx, 'enterprise', await enterpriseFacts(tx, 'e.id = $3', params, false), cause);
}

/** Recomputes one intermediary's level (a report found false, a listing). */
export async function recomputeIntermediaryCredit(tx: Queryable, intermediaryId: string, cause = '记录变更'): Promise<RecomputeResult> {
  const params = [(await base(tx))[0], intermediaryId];
  return store(tx, 'intermediary', await intermediaryFacts(tx, 'i.id = $2', params), cause);
}

/** Every enterprise and intermediary of the caller's scope (a regulator's 重新计算). */
export async function recomputeCreditIn(tx: Scoped, cause: string): Promise<RecomputeResult> {
  const params = await base(tx);
  const where = scopeFilter(tx.scope, params, { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' });
  const a = await store(tx, 'enterprise', await enterpriseFacts(tx, where, params, true), cause);
  const iParams: unknown[] = [params[0]];
  const iWhere = scopeFilter(tx.scope, iParams, { region: 'i.region_code' });
  const b = tx.scope.enterpriseId
    ? { computed: 0, changed: 0, written: 0 }
    : await store(tx, 'intermediary', await intermediaryFacts(tx, iWhere, iParams), cause);
  return { computed: a.computed + b.computed, changed: a.changed + b.changed, written: a.written + b.written };
}

/** The full recompute of every subject on the platform, in one transaction (the job; the benchmark). */
export async function recomputeAllCredit(db: Db, cause = '全量重新计算'): Promise<RecomputeResult> {
  return db.transaction(async (tx) => {
    const params = await base(tx);
    const a = await store(tx, 'enterprise', await enterpriseFacts(tx, 'true', params, true), cause);
    const b = await store(tx, 'intermediary', await intermediaryFacts(tx, 'true', [params[0]]), cause);
    return { computed: a.computed + b.computed, changed: a.changed + b.changed, written: a.written + b.written };
  });
}
