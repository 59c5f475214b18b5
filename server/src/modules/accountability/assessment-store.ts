// SQL of assessments, templates, vetoes and bulletins. Every list and count takes the caller's
// scope as its first wall (region range) on top of the row-level security of migration 041.
import type { AssessmentItem, Scope } from '@taishan/domain';
import { regionRange, type Scoped } from '../../db/scope.ts';

export type AssessmentRow = {
  id: string;
  region_code: string;
  region_name: string;
  year: number;
  level: 'county' | 'city';
  status: 'draft' | 'computed' | 'adjusted' | 'submitted' | 'confirmed';
  template_version: number;
  items: AssessmentItem[];
  inputs: import('@taishan/domain').AssessmentInputs | null;
  manual: Record<string, { points: number; note: string; byName: string; at: string }>;
  total: string | number | null;
  grade: 'excellent' | 'good' | 'pass' | 'fail' | null;
  computed_at: Date | string | null;
  submitted_at: Date | string | null;
  submitted_by_name: string | null;
  confirmed_at: Date | string | null;
  confirmed_by_name: string | null;
  returned_reason: string | null;
  fix_plan_due: string | Date | null;
  fix_plan: string | null;
  fix_plan_submitted_at: Date | string | null;
  fix_plan_submitted_by_name: string | null;
  version: number;
};

const COLUMNS = `a.id, a.region_code, r.name AS region_name, a.year, a.level, a.status, a.template_version, a.items, a.inputs,
  a.manual, a.total, a.grade, a.computed_at, a.submitted_at, a.submitted_by_name, a.confirmed_at, a.confirmed_by_name,
  a.returned_reason, to_char(a.fix_plan_due, 'YYYY-MM-DD') AS fix_plan_due, a.fix_plan, a.fix_plan_submitted_at,
  a.fix_plan_submitted_by_name, a.version`;

export async function findAssessment(tx: Scoped, id: string, forUpdate = false): Promise<AssessmentRow | undefined> {
  const p: unknown[] = [id];
  const [r] = await tx.query<AssessmentRow>(
    `SELECT ${COLUMNS} FROM assessments a JOIN regions r ON r.code = a.region_code
      WHERE a.id = $1 AND ${regionRange('a.region_code', tx.scope.regionPrefix, p)} ${forUpdate ? 'FOR UPDATE OF a' : ''}`,
    p,
  );
  return r;
}

export type AssessmentFilter = {
  year?: number;
  status?: string;
  grade?: string;
  /** preparing: draft, computed or adjusted. */
  stage?: 'preparing';
  /** owed: 不合格 confirmed without its plan; overdue: and past its due day (Beijing `today`). */
  fixPlan?: 'owed' | 'overdue';
  /** The caller's own sheet only, or its children's only. */
  mine?: boolean;
  children?: { level: 'county' | 'city' };
  today: string;
};

export function assessmentWhere(scope: Scope, f: AssessmentFilter) {
  const p: unknown[] = [];
  const w = [regionRange('a.region_code', scope.regionPrefix, p)];
  const own = scope.regionPrefix.padEnd(12, '0');
  if (f.year) w.push(`a.year = $${p.push(f.year)}`);
  if (f.status) w.push(`a.status = $${p.push(f.status)}`);
  if (f.grade) w.push(`a.grade = $${p.push(f.grade)}`);
  if (f.stage === 'preparing') w.push(`a.status IN ('draft', 'computed', 'adjusted')`);
  if (f.fixPlan) w.push(`a.status = 'confirmed' AND a.grade = 'fail' AND a.fix_plan_submitted_at IS NULL`);
  if (f.fixPlan === 'overdue') w.push(`a.fix_plan_due < $${p.push(f.today)}::date`);
  if (f.mine) w.push(`a.region_code = $${p.push(own)}`);
  if (f.children) w.push(`a.region_code <> $${p.push(own)} AND a.level = $${p.push(f.children.level)}`);
  return { sql: w.join(' AND '), params: p };
}

export async function listAssessmentRows(tx: Scoped, where: { sql: string; params: unknown[] }, limit: number, offset: number) {
  const p = [...where.params];
  const rows = await tx.query<AssessmentRow>(
    `SELECT ${COLUMNS} FROM assessments a JOIN regions r ON r.code = a.region_code WHERE ${where.sql}
      ORDER BY a.year DESC, a.region_code LIMIT $${p.push(limit)} OFFSET $${p.push(offset)}`,
    p,
  );
  const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM assessments a WHERE ${where.sql}`, where.params);
  return { rows, total: c?.n ?? 0 };
}

export async function countAssessmentRows(tx: Scoped, where: { sql: string; params: unknown[] }) {
  const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM assessments a WHERE ${where.sql}`, where.params);
  return c?.n ?? 0;
}

/** The latest template the level above keeps for `level`, if any. */
export async function latestTemplate(tx: Scoped, ownerRegion: string, level: string) {
  const [t] = await tx.query<{
    id: string;
    version: number;
    items: AssessmentItem[];
    note: string | null;
    created_by_name: string;
    created_at: Date | string;
  }>(
    `SELECT id, version, items, note, created_by_name, created_at FROM assessment_templates
      WHERE region_code = $1 AND level = $2 ORDER BY version DESC LIMIT 1`,
    [ownerRegion, level],
  );
  return t;
}

export function templateHistory(tx: Scoped, ownerRegion: string, level: string) {
  return tx.query<{
    id: string;
    version: number;
    items: AssessmentItem[];
    note: string | null;
    created_by_name: string;
    created_at: Date | string;
  }>(
    `SELECT id, version, items, note, created_by_name, created_at FROM assessment_templates
      WHERE region_code = $1 AND level = $2 ORDER BY version DESC LIMIT 50`,
    [ownerRegion, level],
  );
}

export type VetoRow = {
  id: string;
  official_id: string;
  official_name: string;
  official_position: string | null;
  region_code: string;
  region_name: string;
  accident_id: string;
  accident_number: string | null;
  accident_unit: string | null;
  accident_occurred_at: Date | string | null;
  reason: string;
  starts_on: string;
  ends_on: string;
  months: number;
  decided_by_name: string;
  decided_at: Date | string;
  revoked_at: Date | string | null;
  revoked_reason: string | null;
};

const VETO_COLUMNS = `v.id, v.official_id, v.official_name, v.official_position, v.region_code, r.name AS region_name, v.accident_id,
  x.number AS accident_number, x.unit_name AS accident_unit, x.occurred_at AS accident_occurred_at, v.reason,
  to_char(v.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(v.ends_on, 'YYYY-MM-DD') AS ends_on, v.months, v.decided_by_name,
  v.decided_at, v.revoked_at, v.revoked_reason`;

export type VetoFilter = { state?: 'active' | 'ended' | 'revoked'; year?: number; regionPrefix?: string; today: string };

export function vetoWhere(scope: Scope, f: VetoFilter) {
  const p: unknown[] = [];
  const w = [regionRange('v.region_code', scope.regionPrefix, p)];
  if (f.regionPrefix) w.push(regionRange('v.region_code', f.regionPrefix, p));
  if (f.state === 'revoked') w.push('v.revoked_at IS NOT NULL');
  if (f.state === 'active') w.push(`v.revoked_at IS NULL AND v.starts_on <= $${p.push(f.today)}::date AND v.ends_on >= $${p.length}::date`);
  if (f.state === 'ended') w.push(`v.revoked_at IS NULL AND v.ends_on < $${p.push(f.today)}::date`);
  if (f.year) w.push(`v.starts_on <= $${p.push(`${f.year}-12-31`)}::date AND v.ends_on >= $${p.push(`${f.year}-01-01`)}::date`);
  return { sql: w.join(' AND '), params: p };
}

export async function listVetoRows(tx: Scoped, where: { sql: string; params: unknown[] }, limit: number, offset: number) {
  const p = [...where.params];
  const rows = await tx.query<VetoRow>(
    `SELECT ${VETO_COLUMNS} FROM assessment_vetoes v JOIN regions r ON r.code = v.region_code LEFT JOIN accidents x ON x.id = v.accident_id
      WHERE ${where.sql} ORDER BY v.starts_on DESC, v.official_name LIMIT $${p.push(limit)} OFFSET $${p.push(offset)}`,
    p,
  );
  const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM assessment_vetoes v WHERE ${where.sql}`, where.params);
  return { rows, total: c?.n ?? 0 };
}

export async function findVeto(tx: Scoped, id: string, forUpdate = false) {
  const p: unknown[] = [id];
  const [r] = await tx.query<VetoRow>(
    `SELECT ${VETO_COLUMNS} FROM assessment_vetoes v JOIN regions r ON r.code = v.region_code LEFT JOIN accidents x ON x.id = v.accident_id
      WHERE v.id = $1 AND ${regionRange('v.region_code', tx.scope.regionPrefix, p)} ${forUpdate ? 'FOR UPDATE OF v' : ''}`,
    p,
  );
  return r;
}

export type BulletinStoredRow = {
  id: string;
  region_code: string;
  region_name: string;
  year: number;
  quarter: number;
  number: string;
  issuer: string;
  rows: import('@taishan/domain').RankedBulletinRow[];
  issued_by_name: string;
  issued_at: Date | string;
};

/** Bulletins issued by the caller's region or any level above it (those that rank it), newest first. */
export async function listBulletinRows(tx: Scoped, limit: number, offset: number, onlyOwn: boolean) {
  const own = tx.scope.regionPrefix.padEnd(12, '0');
  const where = onlyOwn ? 'b.region_code = $1' : `b.region_code = $1 OR left($2, length(r.prefix)) = r.prefix`;
  const params = onlyOwn ? [own] : [own, tx.scope.regionPrefix];
  const rows = await tx.query<BulletinStoredRow>(
    `SELECT b.id, b.region_code, r.name AS region_name, b.year, b.quarter, b.number, b.issuer, b.rows, b.issued_by_name, b.issued_at
       FROM assessment_bulletins b JOIN regions r ON r.code = b.region_code
      WHERE ${where} ORDER BY b.year DESC, b.quarter DESC, b.issued_at DESC LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const [c] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assessment_bulletins b JOIN regions r ON r.code = b.region_code WHERE ${where}`,
    params,
  );
  return { rows, total: c?.n ?? 0 };
}

/** A bulletin the caller may read: issued in its range or by a level above it (the one that ranks it). */
export async function findBulletin(tx: Scoped, id: string) {
  const p: unknown[] = [id, tx.scope.regionPrefix];
  const range = regionRange('b.region_code', tx.scope.regionPrefix, p);
  const [r] = await tx.query<BulletinStoredRow>(
    `SELECT b.id, b.region_code, r.name AS region_name, b.year, b.quarter, b.number, b.issuer, b.rows, b.issued_by_name, b.issued_at
       FROM assessment_bulletins b JOIN regions r ON r.code = b.region_code
      WHERE b.id = $1 AND ((${range}) OR left($2, length(r.prefix)) = r.prefix)`,
    p,
  );
  return r;
}
