// Enterprise supervision classes (分类分级): computed from each enterprise's data by the domain rule
// (domain/src/enforcement/classes.ts) with its province's thresholds, stored in enterprise_classes
// (migration 030), set by hand with a reason (audited) and cleared again. recomputeClass is the one
// entry other modules call when an enterprise's data changes.
import {
  type Actor,
  type ClassReason,
  type ClassThresholds,
  classActions,
  classify,
  type EnterpriseClass,
  mayViewPlans,
  provinceOfRegion,
  type StandardizationGrade,
  type SupervisionClass,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, scopeFilter, withScope } from '../../db/scope.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { todayInShanghai } from '../../time.ts';
import { listedExpr, recomputeCredit } from '../credit/level-store.ts';
import { effectiveSetting } from '../settings/service.ts';
import { nameOf } from './plans-store.ts';

type InputRow = {
  id: string;
  region_code: string;
  high_risk: boolean;
  standardization_grade: StandardizationGrade | null;
  valid_until: string | null;
  grades: (number | null)[];
  open_major: number;
  accidents: number;
  listed: boolean;
};

/** The rule's inputs of the enterprises matching `where` (already scoped by the caller). */
async function classInputs(q: Queryable, where: string, params: unknown[]): Promise<InputRow[]> {
  // Currently on the serious-discredit list (the blacklist's table, migration 039): class D.
  const listed = await listedExpr(q, 'e.id');
  return q.query<InputRow>(
    `SELECT e.id, e.region_code, cardinality(e.high_risk) > 0 AS high_risk, e.standardization_grade,
       to_char(e.standardization_valid_until, 'YYYY-MM-DD') AS valid_until,
       coalesce((SELECT array_agg(m.grade) FROM major_hazard_installations m WHERE m.enterprise_id = e.id AND m.is_major_hazard), '{}') AS grades,
       (SELECT count(*)::int FROM hazards h WHERE h.enterprise_id = e.id AND h.level = 'major' AND h.status NOT IN ('closed', 'cancelled')) AS open_major,
       (SELECT count(*)::int FROM accidents a WHERE a.enterprise_id = e.id AND NOT a.near_miss
          AND a.occurred_at > now() - interval '12 months') AS accidents,
       ${listed} AS listed
     FROM enterprises e WHERE ${where}`,
    params,
  );
}

/** The class thresholds in force in a province (settings enforcement.classPointsB/C/D). */
export async function classThresholds(q: Queryable, regionCode: string): Promise<ClassThresholds> {
  // One after another: `q` may be a transaction's single connection.
  const B = await effectiveSetting(q, 'enforcement.classPointsB', regionCode);
  const C = await effectiveSetting(q, 'enforcement.classPointsC', regionCode);
  const D = await effectiveSetting(q, 'enforcement.classPointsD', regionCode);
  // Thresholds that do not rise would make a class unreachable: the defaults then.
  return B < C && C < D ? { B, C, D } : { B: 2, C: 4, D: 6 };
}

/** Computes and stores the classes of `rows`; returns how many changed class. */
async function store(tx: Queryable, rows: InputRow[]): Promise<{ computed: number; changed: number }> {
  if (!rows.length) return { computed: 0, changed: 0 };
  const today = todayInShanghai();
  const byProvince = new Map<string, Promise<ClassThresholds>>();
  const ids: string[] = [];
  const classes: SupervisionClass[] = [];
  const reasons: string[] = [];
  for (const r of rows) {
    const p = provinceOfRegion(r.region_code);
    if (!byProvince.has(p)) byProvince.set(p, classThresholds(tx, r.region_code));
    const thresholds = await (byProvince.get(p) as Promise<ClassThresholds>);
    const result = classify(
      {
        highRisk: r.high_risk,
        standardizationGrade: r.standardization_grade,
        standardizationValidUntil: r.valid_until,
        today,
        installations: r.grades.map((g) => ({ grade: g === null ? null : (g as 1 | 2 | 3 | 4) })),
        openMajorHazards: r.open_major,
        // Accidents (near-misses apart) from the accident module; a current listing on the
        // serious-discredit list (联合惩戒) makes class D: the most inspections and the highest draw
        // weight, as 安全生产法 Art. 78 asks (加大执法检查频次) — not one class up, since a listed
        // unit is by definition 性质恶劣、情节严重 and one class up would leave a class-A unit at B.
        accidentsLast12Months: r.accidents,
        blacklisted: r.listed,
      },
      thresholds,
    );
    ids.push(r.id);
    classes.push(result.class);
    reasons.push(JSON.stringify(result.reasons));
  }
  const changed = await tx.query<{ changed: boolean }>(
    `WITH old AS (SELECT enterprise_id, computed_class FROM enterprise_classes WHERE enterprise_id = ANY ($1::uuid[]))
     INSERT INTO enterprise_classes AS c (enterprise_id, computed_class, reasons, computed_at)
     SELECT id, cls, r::jsonb, now() FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t (id, cls, r)
     ON CONFLICT (enterprise_id) DO UPDATE SET computed_class = EXCLUDED.computed_class, reasons = EXCLUDED.reasons, computed_at = now(),
       version = c.version + CASE WHEN c.computed_class IS DISTINCT FROM EXCLUDED.computed_class OR c.reasons IS DISTINCT FROM EXCLUDED.reasons THEN 1 ELSE 0 END
     RETURNING (SELECT o.computed_class FROM old o WHERE o.enterprise_id = c.enterprise_id) IS DISTINCT FROM c.computed_class AS changed`,
    [ids, classes, reasons],
  );
  return { computed: rows.length, changed: changed.filter((r) => r.changed).length };
}

/**
 * Recomputes one enterprise's class from its current data, in the caller's transaction (scoped or
 * not). For the modules whose changes move a class: the enterprise directory (create, update of
 * industry, high-risk fields or standardisation grade), major hazard installations, hazards
 * (a major one opened or closed), and later accidents and credit. Not audited here: the change
 * that caused it is.
 */
export async function recomputeClass(tx: Queryable, enterpriseId: string): Promise<{ computed: number; changed: number }> {
  const result = await store(tx, await classInputs(tx, 'e.id = $1', [enterpriseId]));
  // The events that move a class (accidents, hazards, a listing) move the credit level too.
  await recomputeCredit(tx, enterpriseId);
  return result;
}

const SCOPE_COLUMNS = { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' };

/** Recomputes every enterprise of the caller's scope under `regionPrefix` (a county, say). */
export async function recomputeIn(tx: Scoped, regionPrefix?: string): Promise<{ computed: number; changed: number }> {
  const params: unknown[] = [];
  const where = [scopeFilter(tx.scope, params, SCOPE_COLUMNS)];
  if (regionPrefix) {
    params.push(regionPrefix, `${regionPrefix}~`);
    where.push(`e.region_code >= $${params.length - 1} AND e.region_code < $${params.length}`);
  }
  return store(tx, await classInputs(tx, where.join(' AND '), params));
}

// ---- reading and commands ---------------------------------------------------------------------

type ClassRow = {
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  industry_code: string;
  class: SupervisionClass;
  computed_class: SupervisionClass;
  reasons: ClassReason[];
  override_class: SupervisionClass | null;
  override_reason: string | null;
  overridden_by_name: string | null;
  overridden_at: Date | string | null;
  computed_at: Date | string;
  version: number;
};

const SELECT = `SELECT c.enterprise_id, e.name AS enterprise_name, e.region_code, e.industry_code, c.class, c.computed_class, c.reasons,
  c.override_class, c.override_reason, ${nameOf('c.overridden_by')} AS overridden_by_name, c.overridden_at, c.computed_at, c.version
  FROM enterprise_classes c JOIN enterprises e ON e.id = c.enterprise_id`;

const iso = (d: Date | string) => new Date(d).toISOString();

function toClass(r: ClassRow, actor: Actor): EnterpriseClass {
  return {
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    regionCode: r.region_code,
    industryCode: r.industry_code,
    class: r.class,
    computedClass: r.computed_class,
    reasons: r.reasons,
    overrideClass: r.override_class,
    overrideReason: r.override_reason,
    overriddenByName: r.overridden_by_name,
    overriddenAt: r.overridden_at ? iso(r.overridden_at) : null,
    computedAt: iso(r.computed_at),
    version: r.version,
    allowedActions: classActions(actor, { overrideClass: r.override_class }),
  };
}

async function findClass(tx: Scoped, enterpriseId: string, forUpdate = false): Promise<ClassRow | undefined> {
  const params: unknown[] = [enterpriseId];
  const [r] = await tx.query<ClassRow>(
    `${SELECT} WHERE c.enterprise_id = $1 AND ${scopeFilter(tx.scope, params, SCOPE_COLUMNS)}${forUpdate ? ' FOR UPDATE OF c' : ''}`,
    params,
  );
  return r;
}

export type ClassQuery = {
  class?: SupervisionClass | undefined;
  q?: string | undefined;
  overridden?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
};

export async function listClasses(db: Db, actor: Actor, query: ClassQuery) {
  if (!mayViewPlans(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = [scopeFilter(tx.scope, params, SCOPE_COLUMNS)];
    const countsWhere = where.join(' AND ');
    const countParams = [...params];
    if (query.class) {
      params.push(query.class);
      where.push(`c.class = $${params.length}`);
    }
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`e.name ILIKE $${params.length}`);
    }
    if (query.overridden) where.push(query.overridden === 'true' ? 'c.override_class IS NOT NULL' : 'c.override_class IS NULL');
    const total = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enterprise_classes c JOIN enterprises e ON e.id = c.enterprise_id WHERE ${where.join(' AND ')}`,
      params,
    );
    const pageParams = [...params, query.pageSize, (query.page - 1) * query.pageSize];
    const rows = await tx.query<ClassRow>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY c.class DESC, e.name, e.id LIMIT $${pageParams.length - 1} OFFSET $${pageParams.length}`,
      pageParams,
    );
    const counts = await tx.query<{ class: SupervisionClass | null; n: number }>(
      `SELECT c.class, count(*)::int AS n FROM enterprises e LEFT JOIN enterprise_classes c ON c.enterprise_id = e.id
       WHERE ${countsWhere} GROUP BY c.class`,
      countParams,
    );
    const byClass = { A: 0, B: 0, C: 0, D: 0, unclassified: 0 };
    for (const c of counts) byClass[c.class ?? 'unclassified'] = c.n;
    return { items: rows.map((r) => toClass(r, actor)), total: total[0]?.n ?? 0, counts: byClass };
  });
}

export async function getClass(db: Db, actor: Actor, enterpriseId: string): Promise<EnterpriseClass> {
  if (!mayViewPlans(actor)) throw forbidden();
  return readScoped(db, actor.scope, async (tx) => {
    const row = await findClass(tx, enterpriseId);
    if (!row) throw notFound();
    return toClass(row, actor);
  });
}

const enterpriseVisible = async (tx: Scoped, id: string) => {
  const params: unknown[] = [id];
  const r = await tx.query(`SELECT 1 FROM enterprises e WHERE e.id = $1 AND ${scopeFilter(tx.scope, params, SCOPE_COLUMNS)}`, params);
  return r.length > 0;
};

/** Recompute one enterprise or the caller's whole jurisdiction; audited once, with the count. */
export async function recompute(db: Db, actor: Actor, enterpriseId?: string) {
  if (!classActions(actor, { overrideClass: null }).includes('recompute')) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    let result: { computed: number; changed: number };
    if (enterpriseId) {
      if (!(await enterpriseVisible(tx, enterpriseId))) throw notFound();
      result = await recomputeClass(tx, enterpriseId);
    } else result = await recomputeIn(tx);
    await appendAudit(tx, actor, {
      action: 'enterpriseClass.recompute',
      entityType: 'enterpriseClass',
      entityId: enterpriseId ?? `scope:${actor.scope.regionPrefix || '00'}`,
      regionCode: actor.scope.regionPrefix ? actor.scope.regionPrefix.padEnd(12, '0') : null,
      after: result,
    });
    return result;
  });
}

const refused = (row: ClassRow, actor: Actor) =>
  new AppError('conflict', { zh: '当前状态下不能执行此操作', en: 'Not possible in this state' }, undefined, {
    allowedActions: classActions(actor, { overrideClass: row.override_class }),
  });

/** Sets a class by hand, with a reason (the schema requires it), audited with before and after. */
export async function overrideClass(
  db: Db,
  actor: Actor,
  enterpriseId: string,
  input: { class: SupervisionClass; reason: string; version?: number | undefined },
): Promise<EnterpriseClass> {
  return withScope(db, actor.scope, async (tx) => {
    // An enterprise not classified yet is classified first, so the override has its computed class beside it.
    if (!(await findClass(tx, enterpriseId)) && (await enterpriseVisible(tx, enterpriseId))) await recomputeClass(tx, enterpriseId);
    const row = await lockForCommand(tx, enterpriseId, {
      find: findClass,
      may: (r) => classActions(actor, { overrideClass: r.override_class }).includes('override'),
      refuse: (r) => (classActions(actor, { overrideClass: null }).length ? refused(r, actor) : forbidden()),
      ...(input.version !== undefined ? { version: input.version, versionOf: (r: ClassRow) => r.version } : {}),
    });
    await tx.query(
      `UPDATE enterprise_classes SET override_class = $2, override_reason = $3, overridden_by = $4, overridden_at = now(), version = version + 1
       WHERE enterprise_id = $1`,
      [enterpriseId, input.class, input.reason, actor.id],
    );
    const after = (await findClass(tx, enterpriseId)) as ClassRow;
    await appendAudit(tx, actor, {
      action: 'enterpriseClass.override',
      entityType: 'enterpriseClass',
      entityId: enterpriseId,
      regionCode: row.region_code,
      before: {
        class: row.class,
        computedClass: row.computed_class,
        overrideClass: row.override_class,
        overrideReason: row.override_reason,
      },
      after: { class: after.class, overrideClass: input.class, reason: input.reason },
    });
    return toClass(after, actor);
  });
}

/** Clears a hand-set class: the computed one applies again. Audited. */
export async function clearOverride(db: Db, actor: Actor, enterpriseId: string): Promise<EnterpriseClass> {
  return withScope(db, actor.scope, async (tx) => {
    const row = await lockForCommand(tx, enterpriseId, {
      find: findClass,
      may: (r) => classActions(actor, { overrideClass: r.override_class }).includes('clearOverride'),
      refuse: (r) => (classActions(actor, { overrideClass: null }).length ? refused(r, actor) : forbidden()),
    });
    await tx.query(
      `UPDATE enterprise_classes SET override_class = NULL, override_reason = NULL, overridden_by = NULL, overridden_at = NULL, version = version + 1
       WHERE enterprise_id = $1`,
      [enterpriseId],
    );
    const after = (await findClass(tx, enterpriseId)) as ClassRow;
    await appendAudit(tx, actor, {
      action: 'enterpriseClass.clearOverride',
      entityType: 'enterpriseClass',
      entityId: enterpriseId,
      regionCode: row.region_code,
      before: { class: row.class, overrideClass: row.override_class, overrideReason: row.override_reason },
      after: { class: after.class },
    });
    return toClass(after, actor);
  });
}
