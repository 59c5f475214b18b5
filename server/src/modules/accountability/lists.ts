// Responsibility lists (职责清单, 三管三必须): each department's industries and duties, saved as
// versions (who, when); the current one is also the department's `industries`, which scopes its
// inspectors. An enterprise resolves to the departments of its county, city and province holding
// its industry (domain supervisorsOf); the gaps are the (county, industry) groups nobody holds.
import {
  type Actor,
  actorGovernment,
  DUTY_CATEGORY_LABELS,
  type DutyCategory,
  industryDivision,
  type ResponsibilityListInput,
  responsibilityGaps,
  type SupervisingDepartment,
  supervisorsOf,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, scopeFilter, withScope } from '../../db/scope.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { iso } from '../../time.ts';
import { nameOf, regionNames, requireGovernment, requireView } from './common.ts';

type Duty = { category: DutyCategory; text: string };
type DeptRow = SupervisingDepartment & {
  version: number | null;
  duties: Duty[] | null;
  saved_at: Date | string | null;
  saved_by_name: string | null;
  note: string | null;
};

/** The departments the caller may see (its jurisdiction) and those of the governments above it. */
async function departmentsFor(tx: Scoped, extraRegions: readonly string[]): Promise<DeptRow[]> {
  const own = await tx.query<DeptRow>(
    `SELECT d.id, d.name, d.region_code AS "regionCode", d.industries, l.version, l.duties, l.saved_at, l.saved_by_name, l.note
       FROM departments d
       LEFT JOIN LATERAL (SELECT * FROM responsibility_lists r WHERE r.department_id = d.id ORDER BY r.version DESC LIMIT 1) l ON true
      WHERE d.region_code >= $1 AND d.region_code < $1 || '~'`,
    [tx.scope.regionPrefix],
  );
  const above = extraRegions.length
    ? await tx.query<DeptRow>(
        `SELECT DISTINCT d.id, d.name, d.region_code AS "regionCode", d.industries, NULL::int AS version, NULL::jsonb AS duties,
                NULL::timestamptz AS saved_at, NULL::text AS saved_by_name, NULL::text AS note
           FROM unnest($1::text[]) c, departments_over(c) d`,
        [extraRegions],
      )
    : [];
  const seen = new Set(own.map((d) => d.id));
  return [...own, ...above.filter((d) => !seen.has(d.id))];
}

const divisionName = (code: string) => {
  const d = industryDivision(code);
  return d ? { zh: d.zh, en: d.en } : { zh: code, en: code };
};

export function listResponsibilities(db: Db, actor: Actor) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [];
    const where = scopeFilter(tx.scope, params, { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' });
    const groups = await tx.query<{ countyCode: string; division: string; enterprises: number }>(
      `SELECT left(e.region_code, 6) AS "countyCode", left(e.industry_code, 2) AS division, count(*)::int AS enterprises
         FROM enterprises e WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    const counties = [...new Set(groups.map((g) => `${g.countyCode}000000`))];
    const own = actor.scope.regionPrefix ? [actor.scope.regionPrefix.padEnd(12, '0')] : [];
    const departments = await departmentsFor(tx, [...new Set([...counties, ...own])]);
    const gaps = responsibilityGaps(groups, departments);
    const names = await regionNames(tx, [...departments.map((d) => d.regionCode), ...gaps.map((g) => `${g.countyCode}000000`)]);
    const gov = actorGovernment(actor);
    return {
      departments: departments
        .sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.name.localeCompare(b.name))
        .map((d) => ({
          id: d.id,
          name: d.name,
          regionCode: d.regionCode,
          regionName: names.get(d.regionCode) ?? d.regionCode,
          industries: d.industries.map((c) => ({ code: c, ...divisionName(c) })),
          duties: d.duties ?? [],
          version: d.version ?? 0,
          savedAt: iso(d.saved_at),
          savedByName: d.saved_by_name,
          note: d.note,
          // A government's supervisors edit the lists of their own level's departments.
          allowedActions: gov && gov.region === d.regionCode ? ['edit'] : [],
        })),
      gaps: gaps.map((g) => ({
        ...g,
        countyName: names.get(`${g.countyCode}000000`) ?? g.countyCode,
        divisionName: divisionName(g.division),
      })),
      categories: DUTY_CATEGORY_LABELS,
    };
  });
}

export function responsibilityHistory(db: Db, actor: Actor, departmentId: string) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const [d] = await tx.query<{ id: string }>('SELECT id FROM departments WHERE id = $1', [departmentId]);
    if (!d) throw notFound();
    const rows = await tx.query<{
      version: number;
      industries: string[];
      duties: Duty[];
      note: string | null;
      saved_by_name: string;
      saved_at: Date;
    }>(
      'SELECT version, industries, duties, note, saved_by_name, saved_at FROM responsibility_lists WHERE department_id = $1 ORDER BY version DESC',
      [departmentId],
    );
    return {
      items: rows.map((r) => ({
        version: r.version,
        industries: r.industries.map((c) => ({ code: c, ...divisionName(c) })),
        duties: r.duties,
        note: r.note,
        savedByName: r.saved_by_name,
        savedAt: iso(r.saved_at),
      })),
      total: rows.length,
    };
  });
}

export function saveResponsibilityList(db: Db, actor: Actor, departmentId: string, b: ResponsibilityListInput) {
  const gov = requireGovernment(actor);
  return withScope(db, actor.scope, async (tx) => {
    const [d] = await tx.query<{ id: string; region_code: string; industries: string[] }>(
      'SELECT id, region_code, industries FROM departments WHERE id = $1 FOR UPDATE',
      [departmentId],
    );
    if (!d) throw notFound();
    if (d.region_code !== gov.region) throw forbidden({ zh: '只能修改本级部门的职责清单', en: "Only your own level's departments' lists" });
    const [last] = await tx.query<{ v: number }>(
      'SELECT coalesce(max(version), 0)::int AS v FROM responsibility_lists WHERE department_id = $1',
      [departmentId],
    );
    const current = last?.v ?? 0;
    if (current !== b.baseVersion)
      throw new AppError('conflict', { zh: '职责清单已被他人修改，请刷新后重试', en: 'The list changed; reload and try again' });
    const industries = [...b.industries].sort();
    await tx.query(
      `INSERT INTO responsibility_lists (department_id, region_code, version, industries, duties, note, saved_by, saved_by_name)
       VALUES ($1, $2, $3, $4::text[], $5::jsonb, $6, $7, $8)`,
      [departmentId, d.region_code, current + 1, industries, JSON.stringify(b.duties), b.note, actor.id, nameOf(actor)],
    );
    await tx.query('UPDATE departments SET industries = $2::text[], updated_at = now() WHERE id = $1', [departmentId, industries]);
    await appendAudit(tx, actor, {
      action: 'responsibility.save',
      entityType: 'responsibilityList',
      entityId: departmentId,
      regionCode: d.region_code,
      before: { industries: d.industries, version: current },
      after: { industries, duties: b.duties, version: current + 1 },
    });
    return { version: current + 1 };
  });
}

/** The departments supervising one enterprise the caller can see. */
export function enterpriseSupervisors(db: Db, actor: Actor, enterpriseId: string) {
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [enterpriseId];
    const where = scopeFilter(tx.scope, params, { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' });
    const [e] = await tx.query<{ region_code: string; industry_code: string }>(
      `SELECT e.region_code, e.industry_code FROM enterprises e WHERE e.id = $1 AND ${where}`,
      params,
    );
    if (!e) throw notFound();
    const depts = await tx.query<SupervisingDepartment>(
      `SELECT id, name, region_code AS "regionCode", industries FROM departments_over($1)`,
      [e.region_code],
    );
    const names = await regionNames(
      tx,
      depts.map((d) => d.regionCode),
    );
    return {
      industry: { code: e.industry_code.slice(0, 2), ...divisionName(e.industry_code.slice(0, 2)) },
      departments: supervisorsOf({ regionCode: e.region_code, industryCode: e.industry_code }, depts).map((d) => ({
        id: d.id,
        name: d.name,
        regionCode: d.regionCode,
        regionName: names.get(d.regionCode) ?? d.regionCode,
      })),
    };
  });
}
