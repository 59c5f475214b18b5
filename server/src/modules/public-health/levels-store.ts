// SQL of 风险等级 (issue 28): case facts per township over ph_cases (merged and revoked cards do not
// count; region_code is the residence township; diagnosed_at is the time), current levels, proposals,
// history. Owner: levels.
import type { PhRiskLevel } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';
import { regionRange } from '../../db/scope.ts';
import { iso } from '../../time.ts';

export type FactRow = { region_code: string; total: number; recent: number; last: string | null };

/** Per township: counted cases in all, within the window, and the last diagnosis (up to now). */
export async function caseFacts(q: Queryable, prefix: string, diseases: string[], windowStart: Date, now: Date): Promise<FactRow[]> {
  const params: unknown[] = [diseases, windowStart.toISOString(), now.toISOString()];
  const rows = await q.query<{ region_code: string; total: string | number; recent: string | number; last: string | Date | null }>(
    `SELECT region_code, count(*) AS total, count(*) FILTER (WHERE diagnosed_at >= $2) AS recent, max(diagnosed_at) AS last
       FROM ph_cases
      WHERE status NOT IN ('merged', 'revoked') AND classification <> 'suspected'
        AND (cardinality($1::text[]) = 0 OR disease_code = ANY($1::text[])) AND diagnosed_at <= $3
        AND ${regionRange('region_code', prefix, params)}
      GROUP BY region_code`,
    params,
  );
  return rows.map((r) => ({ region_code: r.region_code, total: Number(r.total), recent: Number(r.recent), last: iso(r.last) }));
}

export type LevelRow = {
  id: string;
  region_code: string;
  level: PhRiskLevel;
  previous_level: PhRiskLevel | null;
  effective_from: string;
  effective_to: string | null;
  rule_set: string;
  confirmed_by_name: string | null;
  reason: string | null;
  override: boolean;
  announcement_number: string | null;
  announcement_title: string | null;
  announcement_text: string | null;
  issuer: string | null;
};

const LEVEL_COLS = `l.id, l.region_code, l.level, l.previous_level, l.effective_from, l.effective_to, l.rule_set,
  u.display_name AS confirmed_by_name, l.reason, l.override, l.announcement_number, l.announcement_title, l.announcement_text, l.issuer`;

const levelOut = (r: LevelRow): LevelRow => ({ ...r, effective_from: iso(r.effective_from) as string, effective_to: iso(r.effective_to) });

/** The level in force at `at` of each region under prefix that has a row. */
export async function currentLevels(q: Queryable, prefix: string, at: Date): Promise<LevelRow[]> {
  const params: unknown[] = [at.toISOString()];
  const rows = await q.query<LevelRow>(
    `SELECT DISTINCT ON (l.region_code) ${LEVEL_COLS}
       FROM ph_region_levels l LEFT JOIN users u ON u.id = l.confirmed_by
      WHERE l.effective_from <= $1 AND ${regionRange('l.region_code', prefix, params)}
      ORDER BY l.region_code, l.effective_from DESC, l.created_at DESC`,
    params,
  );
  return rows.map(levelOut);
}

/**
 * Serialises the changes of one region until the transaction ends (the first change of a region has
 * no row to lock with FOR UPDATE: two concurrent confirms would both insert). Take it before
 * reading the latest level.
 */
export async function lockRegionLevel(q: Queryable, regionCode: string): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('phLevel:' || $1::text))`, [regionCode]);
}

/** The latest row of a region (a scheduled one, not yet in force, included): the one a new change closes. */
export async function latestLevel(q: Queryable, regionCode: string): Promise<LevelRow | undefined> {
  const [r] = await q.query<LevelRow>(
    `SELECT ${LEVEL_COLS} FROM ph_region_levels l LEFT JOIN users u ON u.id = l.confirmed_by
      WHERE l.region_code = $1 ORDER BY l.effective_from DESC, l.created_at DESC LIMIT 1 FOR UPDATE OF l`,
    [regionCode],
  );
  return r && levelOut(r);
}

export async function levelHistory(q: Queryable, regionCode: string): Promise<LevelRow[]> {
  const rows = await q.query<LevelRow>(
    `SELECT ${LEVEL_COLS} FROM ph_region_levels l LEFT JOIN users u ON u.id = l.confirmed_by
      WHERE l.region_code = $1 ORDER BY l.effective_from DESC, l.created_at DESC`,
    [regionCode],
  );
  return rows.map(levelOut);
}

export async function findLevel(q: Queryable, id: string): Promise<LevelRow | undefined> {
  const [r] = await q.query<LevelRow>(
    `SELECT ${LEVEL_COLS} FROM ph_region_levels l LEFT JOIN users u ON u.id = l.confirmed_by WHERE l.id = $1`,
    [id],
  );
  return r && levelOut(r);
}

export type NewLevel = {
  regionCode: string;
  level: PhRiskLevel;
  previousLevel: PhRiskLevel | null;
  effectiveFrom: Date;
  ruleSet: string;
  proposalId: string | null;
  confirmedBy: string | null;
  reason: string | null;
  override: boolean;
  announcement: { number: string; title: string; text: string; issuer: string } | null;
};

/** Closes the region's latest row at effectiveFrom and inserts the new one. */
export async function insertLevel(q: Queryable, v: NewLevel): Promise<string> {
  await q.query(
    `UPDATE ph_region_levels SET effective_to = $2
      WHERE id = (SELECT id FROM ph_region_levels WHERE region_code = $1 ORDER BY effective_from DESC, created_at DESC LIMIT 1)
        AND effective_to IS NULL`,
    [v.regionCode, v.effectiveFrom.toISOString()],
  );
  const [r] = await q.query<{ id: string }>(
    `INSERT INTO ph_region_levels (region_code, level, previous_level, effective_from, rule_set, proposal_id, confirmed_by, reason, override,
       announcement_number, announcement_title, announcement_text, issuer)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      v.regionCode,
      v.level,
      v.previousLevel,
      v.effectiveFrom.toISOString(),
      v.ruleSet,
      v.proposalId,
      v.confirmedBy,
      v.reason,
      v.override,
      v.announcement?.number ?? null,
      v.announcement?.title ?? null,
      v.announcement?.text ?? null,
      v.announcement?.issuer ?? null,
    ],
  );
  if (!r) throw new Error('no level row');
  return r.id;
}

export type ProposalRow = {
  id: string;
  region_code: string;
  current_level: PhRiskLevel;
  proposed_level: PhRiskLevel;
  rule_set: string;
  reasons: { zh: string; en: string }[];
  facts: { totalCases: number; recentCases: number; lastCaseAt: string | null };
  status: 'pending' | 'confirmed' | 'superseded';
  proposed_at: string;
};

export async function pendingProposals(q: Queryable, prefix: string): Promise<ProposalRow[]> {
  const params: unknown[] = [];
  const rows = await q.query<ProposalRow>(
    `SELECT id, region_code, current_level, proposed_level, rule_set, reasons, facts, status, proposed_at
       FROM ph_level_proposals WHERE status = 'pending' AND ${regionRange('region_code', prefix, params)}
      ORDER BY proposed_at, region_code`,
    params,
  );
  return rows.map((r) => ({ ...r, proposed_at: iso(r.proposed_at) as string }));
}

export async function findProposal(q: Queryable, id: string): Promise<ProposalRow | undefined> {
  const [r] = await q.query<ProposalRow>(
    'SELECT id, region_code, current_level, proposed_level, rule_set, reasons, facts, status, proposed_at FROM ph_level_proposals WHERE id = $1 FOR UPDATE',
    [id],
  );
  return r && { ...r, proposed_at: iso(r.proposed_at) as string };
}

/** Keeps one pending proposal per region: the same level is refreshed, another supersedes it. */
export async function upsertProposal(
  q: Queryable,
  p: { regionCode: string; current: PhRiskLevel; proposed: PhRiskLevel; ruleSet: string; reasons: unknown; facts: unknown; at: Date },
): Promise<'new' | 'same'> {
  const [old] = await q.query<{ id: string; proposed_level: string; current_level: string }>(
    `SELECT id, proposed_level, current_level FROM ph_level_proposals WHERE region_code = $1 AND status = 'pending' FOR UPDATE`,
    [p.regionCode],
  );
  if (old && old.proposed_level === p.proposed && old.current_level === p.current) {
    await q.query('UPDATE ph_level_proposals SET reasons = $2, facts = $3, rule_set = $4 WHERE id = $1', [
      old.id,
      JSON.stringify(p.reasons),
      JSON.stringify(p.facts),
      p.ruleSet,
    ]);
    return 'same';
  }
  if (old)
    await q.query(`UPDATE ph_level_proposals SET status = 'superseded', decided_at = $2 WHERE id = $1`, [old.id, p.at.toISOString()]);
  await q.query(
    `INSERT INTO ph_level_proposals (region_code, current_level, proposed_level, rule_set, reasons, facts, proposed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [p.regionCode, p.current, p.proposed, p.ruleSet, JSON.stringify(p.reasons), JSON.stringify(p.facts), p.at.toISOString()],
  );
  return 'new';
}

export async function closeProposals(
  q: Queryable,
  regionCode: string,
  confirmedLevel: PhRiskLevel | null,
  by: string | null,
  at: Date,
): Promise<void> {
  await q.query(
    `UPDATE ph_level_proposals SET status = CASE WHEN proposed_level = $2 THEN 'confirmed' ELSE 'superseded' END, decided_by = $3, decided_at = $4
      WHERE region_code = $1 AND status = 'pending'`,
    [regionCode, confirmedLevel ?? '', by, at.toISOString()],
  );
}

export type RegionRow = { code: string; name: string; level: 'county' | 'township'; parent_code: string | null };

export async function levelRegions(q: Queryable, prefix: string, codes?: string[]): Promise<RegionRow[]> {
  const params: unknown[] = [];
  let byCode = '';
  if (codes) {
    params.push(codes);
    byCode = `AND code = ANY($${params.length}::text[])`;
  }
  return q.query<RegionRow>(
    `SELECT code, name, level, parent_code FROM regions
      WHERE level IN ('county', 'township') AND ${regionRange('code', prefix, params)} ${byCode} ORDER BY code LIMIT 20000`,
    params,
  );
}

export async function regionNamed(q: Queryable, code: string): Promise<RegionRow | undefined> {
  const [r] = await q.query<RegionRow>('SELECT code, name, level, parent_code FROM regions WHERE code = $1', [code]);
  return r;
}
