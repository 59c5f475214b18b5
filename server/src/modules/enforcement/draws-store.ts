// 双随机 draws' SQL: enforcement_draws and enforcement_draw_picks (migration 032), the frozen lists
// read from the directory and the officers' registry, and the mapping to domain's shapes. Every
// function takes the caller's scope (row-level security is the second wall); the secret nonce is
// selected only once the draw is performed, or by drawSecret() for the command that performs it.
import { type DrawClass, type DrawClassWeights, type DrawFilters, type DrawStatus, INDUSTRY_DIVISIONS, type Scope } from '@taishan/domain';
import { regionRange, type Scoped, scopeFilter } from '../../db/scope.ts';
import { listedExpr } from '../credit/level-store.ts';

export type FrozenObject = { enterpriseId: string; enterpriseName: string; regionCode: string; class: DrawClass; weight: number };
export type FrozenInspector = { userId: string; name: string; regionCode: string | null; conflicts: string[] };

export type DrawRow = {
  id: string;
  region_code: string;
  department_id: string | null;
  organ: string;
  title: string;
  plan_id: string | null;
  filters: DrawFilters;
  n: number;
  class_weights: DrawClassWeights;
  allow_other_regions: boolean;
  objects_count: number;
  inspectors_count: number;
  objects_hash: string;
  inspectors_hash: string;
  algorithm: string;
  /** NULL until drawn (see SELECT). */
  server_nonce: string | null;
  commitment: string;
  committed_at: Date;
  draw_at: Date;
  public_value_source: string;
  public_value: string | null;
  seed: string | null;
  planned_on: string;
  status: DrawStatus;
  performed_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  version: number;
};

const COLUMNS = `d.id, d.region_code, d.department_id, d.title, d.plan_id, d.filters, d.n, d.class_weights, d.allow_other_regions,
  d.objects_count, d.inspectors_count, d.objects_hash, d.inspectors_hash, d.algorithm,
  CASE WHEN d.status = 'drawn' THEN d.server_nonce END AS server_nonce,
  d.commitment, d.committed_at, d.draw_at, d.public_value_source, d.public_value, d.seed, to_char(d.planned_on, 'YYYY-MM-DD') AS planned_on,
  d.status, d.performed_at, d.cancelled_at, d.cancel_reason, d.version,
  coalesce(dep.name, r.name || '应急管理局', d.region_code) AS organ`;
const FROM = `FROM enforcement_draws d LEFT JOIN departments dep ON dep.id = d.department_id LEFT JOIN regions r ON r.code = d.region_code`;

/** The draw rows a scope may see: region under its prefix; an enterprise none; a department inspector those limited to its industries. */
function drawScope(scope: Scope, params: unknown[]): string {
  if (scope.enterpriseId !== null) return 'false';
  const parts = [regionRange('d.region_code', scope.regionPrefix, params)];
  if (scope.industries !== null) {
    params.push(scope.industries);
    parts.push(`d.industry_divisions IS NOT NULL AND d.industry_divisions <@ $${params.length}::text[]`);
  }
  return parts.join(' AND ');
}

export async function findDraw(tx: Scoped, id: string, forUpdate = false): Promise<DrawRow | undefined> {
  const params: unknown[] = [id];
  const [r] = await tx.query<DrawRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE d.id = $1 AND ${drawScope(tx.scope, params)}${forUpdate ? ' FOR UPDATE OF d' : ''}`,
    params,
  );
  return r;
}

export async function listDraws(
  tx: Scoped,
  q: { status?: DrawStatus; page: number; pageSize: number },
): Promise<{ rows: DrawRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [drawScope(tx.scope, params)];
  if (q.status) {
    params.push(q.status);
    where.push(`d.status = $${params.length}`);
  }
  const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM enforcement_draws d WHERE ${where.join(' AND ')}`, params);
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  const rows = await tx.query<DrawRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE ${where.join(' AND ')} ORDER BY d.committed_at DESC, d.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: count?.n ?? 0 };
}

/** The frozen lists of a draw (visible to whoever sees the draw). */
export async function drawLists(tx: Scoped, id: string): Promise<{ objects: FrozenObject[]; inspectors: FrozenInspector[] }> {
  const [r] = await tx.query<{ objects: FrozenObject[]; inspectors: FrozenInspector[] }>(
    'SELECT objects, inspectors FROM enforcement_draws WHERE id = $1',
    [id],
  );
  return r ?? { objects: [], inspectors: [] };
}

/** The nonce, for the command performing the draw only. */
export async function drawSecret(tx: Scoped, id: string): Promise<string> {
  const [r] = await tx.query<{ server_nonce: string }>('SELECT server_nonce FROM enforcement_draws WHERE id = $1', [id]);
  if (!r) throw new Error('draw not visible');
  return r.server_nonce;
}

export type PickRow = {
  id: string;
  rank: number;
  enterprise_id: string;
  officer_ids: string[];
  inspection_id: string | null;
  inspection_status: string | null;
};

export function picksOf(tx: Scoped, drawId: string): Promise<PickRow[]> {
  return tx.query<PickRow>(
    `SELECT p.id, p.rank, p.enterprise_id, p.officer_ids, p.inspection_id, i.status AS inspection_status
       FROM enforcement_draw_picks p LEFT JOIN enforcement_inspections i ON i.id = p.inspection_id
      WHERE p.draw_id = $1 ORDER BY p.rank`,
    [drawId],
  );
}

/** The organ's region row: its level decides the pool (a county's city, a city's province, for 异地执法). */
export async function regionOf(
  tx: Scoped,
  code: string,
): Promise<{ code: string; name: string; level: string; prefix: string } | undefined> {
  const [r] = await tx.query<{ code: string; name: string; level: string; prefix: string }>(
    'SELECT code, name, level, prefix FROM regions WHERE code = $1',
    [code],
  );
  return r;
}

export async function departmentOf(tx: Scoped, id: string): Promise<{ id: string; region_code: string; industries: string[] } | undefined> {
  const [r] = await tx.query<{ id: string; region_code: string; industries: string[] }>(
    'SELECT id, region_code, industries FROM departments WHERE id = $1',
    [id],
  );
  return r;
}

/**
 * The object list as it stands: enterprises in the caller's scope under the organ's region and the
 * filters (class, industry code prefixes — a section letter stands for its divisions —, a region
 * prefix), each with its class (no class row: 'C') and that class's weight.
 */
export async function currentObjects(
  tx: Scoped,
  organPrefix: string,
  filters: DrawFilters,
  weights: DrawClassWeights,
): Promise<FrozenObject[]> {
  const params: unknown[] = [];
  const where = [
    scopeFilter(tx.scope, params, { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' }),
    regionRange('e.region_code', organPrefix, params),
  ];
  if (filters.regionPrefix) where.push(regionRange('e.region_code', filters.regionPrefix, params));
  if (filters.industries?.length) {
    const codes = filters.industries.flatMap((c) =>
      /^[A-Z]$/.test(c) ? INDUSTRY_DIVISIONS.filter((d) => d.section === c).map((d) => d.code) : [c],
    );
    params.push(codes);
    where.push(`EXISTS (SELECT 1 FROM unnest($${params.length}::text[]) AS f(code) WHERE left(e.industry_code, length(f.code)) = f.code)`);
  }
  // A unit on the serious-discredit list draws as class D even under a hand-set lower class
  // (联合惩戒: the highest weight; the class computation makes it D as well).
  const cls = `CASE WHEN ${await listedExpr(tx, 'e.id')} THEN 'D' ELSE coalesce(c.class, 'C') END`;
  if (filters.classes?.length) {
    params.push(filters.classes);
    where.push(`${cls} = ANY ($${params.length}::text[])`);
  }
  const rows = await tx.query<{ id: string; name: string; region_code: string; class: DrawClass }>(
    `SELECT e.id, e.name, e.region_code, ${cls} AS class
       FROM enterprises e LEFT JOIN enterprise_classes c ON c.enterprise_id = e.id
      WHERE ${where.join(' AND ')} ORDER BY e.id`,
    params,
  );
  return rows.map((r) => ({
    enterpriseId: r.id,
    enterpriseName: r.name,
    regionCode: r.region_code,
    class: r.class,
    weight: weights[r.class],
  }));
}

/**
 * The inspector list as it stands: the pool (migration 032's enforcement_draw_pool: active officers
 * with a certificate valid on `onDay`, at home under `poolPrefix`), limited to the department's
 * officers plus, with 异地执法, the officers outside the organ's own region; each with its recorded
 * conflicts among `enterpriseIds`.
 */
export async function currentInspectors(
  tx: Scoped,
  o: { poolPrefix: string; organPrefix: string; departmentId: string | null; onDay: string; enterpriseIds: string[] },
): Promise<FrozenInspector[]> {
  const rows = await tx.query<{ user_id: string; name: string; region_code: string | null; department_id: string | null }>(
    'SELECT user_id, name, region_code, department_id FROM enforcement_draw_pool($1, $2::date) ORDER BY user_id',
    [o.poolPrefix, o.onDay],
  );
  const pool = rows.filter((r) => {
    const home = (r.region_code ?? '').startsWith(o.organPrefix);
    if (!home) return true;
    return o.departmentId === null || r.department_id === o.departmentId;
  });
  if (!pool.length) return [];
  const conflicts = await tx.query<{ user_id: string; enterprise_id: string }>(
    `SELECT user_id, enterprise_id FROM officer_conflicts WHERE user_id = ANY ($1::uuid[]) AND enterprise_id = ANY ($2::uuid[])
      ORDER BY enterprise_id`,
    [pool.map((r) => r.user_id), o.enterpriseIds],
  );
  const byUser = new Map<string, string[]>();
  for (const c of conflicts) byUser.set(c.user_id, [...(byUser.get(c.user_id) ?? []), c.enterprise_id]);
  return pool.map((r) => ({ userId: r.user_id, name: r.name, regionCode: r.region_code, conflicts: byUser.get(r.user_id) ?? [] }));
}

export async function insertDraw(
  tx: Scoped,
  d: {
    regionCode: string;
    departmentId: string | null;
    industryDivisions: string[] | null;
    title: string;
    planId: string | null;
    filters: DrawFilters;
    n: number;
    classWeights: DrawClassWeights;
    allowOtherRegions: boolean;
    objects: FrozenObject[];
    inspectors: FrozenInspector[];
    objectsHash: string;
    inspectorsHash: string;
    algorithm: string;
    serverNonce: string;
    commitment: string;
    committedAt: Date;
    drawAt: string;
    publicValueSource: string;
    plannedOn: string;
    createdBy: string;
  },
): Promise<string> {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO enforcement_draws (region_code, department_id, industry_divisions, title, plan_id, filters, n, class_weights,
       allow_other_regions, objects, inspectors, objects_count, inspectors_count, objects_hash, inspectors_hash, algorithm,
       server_nonce, commitment, committed_at, draw_at, public_value_source, planned_on, created_by)
     VALUES ($1, $2, $3::text[], $4, $5, $6::jsonb, $7, $8::jsonb, $9, $10::jsonb, $11::jsonb, $12, $13, $14, $15, $16, $17, $18, $19, $20,
       $21, $22::date, $23) RETURNING id`,
    [
      d.regionCode,
      d.departmentId,
      d.industryDivisions,
      d.title,
      d.planId,
      JSON.stringify(d.filters),
      d.n,
      JSON.stringify(d.classWeights),
      d.allowOtherRegions,
      JSON.stringify(d.objects),
      JSON.stringify(d.inspectors),
      d.objects.length,
      d.inspectors.length,
      d.objectsHash,
      d.inspectorsHash,
      d.algorithm,
      d.serverNonce,
      d.commitment,
      d.committedAt,
      d.drawAt,
      d.publicValueSource,
      d.plannedOn,
      d.createdBy,
    ],
  );
  if (!r) throw new Error('draw not inserted');
  return r.id;
}

export async function markDrawn(tx: Scoped, id: string, d: { publicValue: string; seed: string; performedBy: string; performedAt: Date }) {
  await tx.query(
    `UPDATE enforcement_draws SET status = 'drawn', public_value = $2, seed = $3, performed_at = $5, performed_by = $4,
       version = version + 1 WHERE id = $1`,
    [id, d.publicValue, d.seed, d.performedBy, d.performedAt],
  );
}

export async function markCancelled(tx: Scoped, id: string, reason: string) {
  await tx.query(
    `UPDATE enforcement_draws SET status = 'cancelled', cancelled_at = now(), cancel_reason = $2, version = version + 1 WHERE id = $1`,
    [id, reason],
  );
}

/** Inserts the picks with one planned inspection each (source 'draw'); returns nothing, read them back with picksOf. */
export async function insertPicks(
  tx: Scoped,
  draw: { id: string; departmentId: string | null; plannedOn: string; createdBy: string },
  picks: { rank: number; enterpriseId: string; officerIds: string[] }[],
) {
  if (!picks.length) return;
  const inserted = await tx.query<{ id: string; enterprise_id: string; officer_ids: string[] }>(
    `INSERT INTO enforcement_draw_picks (draw_id, rank, enterprise_id, officer_ids)
     SELECT $1, p.rank, p.enterprise_id, ARRAY[p.o1, p.o2]
       FROM unnest($2::int[], $3::uuid[], $4::uuid[], $5::uuid[]) AS p(rank, enterprise_id, o1, o2)
     RETURNING id, enterprise_id, officer_ids`,
    [
      draw.id,
      picks.map((p) => p.rank),
      picks.map((p) => p.enterpriseId),
      picks.map((p) => p.officerIds[0]),
      picks.map((p) => p.officerIds[1]),
    ],
  );
  await tx.query(
    `WITH i AS (
       INSERT INTO enforcement_inspections (enterprise_id, department_id, source, draw_pick_id, officer_ids, planned_on, status, created_by)
       SELECT p.enterprise_id, $2, 'draw', p.pick_id, ARRAY[p.o1, p.o2], $3::date, 'planned', $4
         FROM unnest($1::uuid[], $5::uuid[], $6::uuid[], $7::uuid[]) AS p(pick_id, enterprise_id, o1, o2)
       RETURNING id, draw_pick_id)
     UPDATE enforcement_draw_picks k SET inspection_id = i.id FROM i WHERE k.id = i.draw_pick_id`,
    [
      inserted.map((p) => p.id),
      draw.departmentId,
      draw.plannedOn,
      draw.createdBy,
      inserted.map((p) => p.enterprise_id),
      inserted.map((p) => p.officer_ids[0]),
      inserted.map((p) => p.officer_ids[1]),
    ],
  );
}
