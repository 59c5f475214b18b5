// SQL for the enterprise directory. Every function takes a Scoped handle; scopeFilter() is in every
// WHERE clause (first wall) and row-level security checks again underneath (second wall).
import { type EnterpriseInput, type EnterpriseQuery, INDUSTRY_DIVISIONS, type Scope } from '@taishan/domain';
import { type Scoped, scopeFilter } from '../../db/scope.ts';

export type EnterpriseRow = {
  id: string;
  credit_code: string;
  credit_code_warning: boolean;
  name: string;
  address: string | null;
  region_code: string;
  region_name: string | null;
  industry_code: string;
  employees: number | null;
  revenue_wan: number | null;
  high_risk: string[];
  legal_representative: string | null;
  safety_director: string | null;
  contact_phone: string | null;
  lacks_safety_director: boolean;
  standardization_grade: 'level1' | 'level2' | 'level3' | null;
  standardization_valid_until: string | null;
  /** On the serious-discredit list now (联合惩戒; absent where a query does not ask). */
  listed?: boolean;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
};

const COLUMNS = `e.id, e.credit_code, e.credit_code_warning, e.name, e.address, e.region_code, r.name AS region_name,
  e.industry_code, e.employees, e.revenue_wan, e.high_risk, e.legal_representative, e.safety_director,
  e.contact_phone, e.lacks_safety_director, e.standardization_grade,
  to_char(e.standardization_valid_until, 'YYYY-MM-DD') AS standardization_valid_until, enterprise_listed(e.id) AS listed,
  e.version, e.created_at, e.updated_at`;
const FROM = 'enterprises e LEFT JOIN regions r ON r.code = e.region_code';
const SCOPE_COLUMNS = { region: 'e.region_code', industry: 'e.industry_code', enterpriseId: 'e.id' };

const SORTS: Record<EnterpriseQuery['sort'], string> = {
  name: 'e.name, e.id',
  '-name': 'e.name DESC, e.id DESC',
  updatedAt: 'e.updated_at, e.id',
  '-updatedAt': 'e.updated_at DESC, e.id DESC',
  employees: 'e.employees NULLS FIRST, e.id',
  '-employees': 'e.employees DESC NULLS LAST, e.id',
};

/** WHERE clause of a directory search, shared by the list, the count and the Excel export. */
export function searchWhere(scope: Scope, q: Omit<EnterpriseQuery, 'page' | 'pageSize' | 'sort'>, params: unknown[]): string {
  const where = [scopeFilter(scope, params, SCOPE_COLUMNS)];
  if (q.q) {
    params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(e.name ILIKE $${params.length} OR e.credit_code ILIKE $${params.length})`);
  }
  if (q.region) {
    params.push(`${q.region.replace(/(000)+$/, '')}%`);
    where.push(`e.region_code LIKE $${params.length}`);
  }
  if (q.industry) {
    if (/^[A-T]$/.test(q.industry)) {
      params.push(INDUSTRY_DIVISIONS.filter((d) => d.section === q.industry).map((d) => d.code));
      where.push(`left(e.industry_code, 2) = ANY($${params.length}::text[])`);
    } else {
      params.push(`${q.industry}%`);
      where.push(`e.industry_code LIKE $${params.length}`);
    }
  }
  if (q.highRisk) {
    params.push([q.highRisk]);
    where.push(`e.high_risk @> $${params.length}::text[]`);
  }
  if (q.lacksSafetyDirector) where.push(`e.lacks_safety_director = ${q.lacksSafetyDirector === 'true'}`);
  if (q.creditCodeWarning) where.push(`e.credit_code_warning = ${q.creditCodeWarning === 'true'}`);
  return where.join(' AND ');
}

/** The two statements of a directory page (rows, total), exported so the benchmark runs the very same SQL. */
export function searchSql(scope: Scope, q: EnterpriseQuery) {
  const params: unknown[] = [];
  const where = searchWhere(scope, q, params);
  const countParams = [...params];
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  return {
    // Page first, then name the regions of just those rows.
    list: {
      sql: `SELECT ${COLUMNS} FROM (SELECT * FROM enterprises e WHERE ${where} ORDER BY ${SORTS[q.sort]}
              LIMIT $${params.length - 1} OFFSET $${params.length}) e
            LEFT JOIN regions r ON r.code = e.region_code ORDER BY ${SORTS[q.sort]}`,
      params,
    },
    count: { sql: `SELECT count(*)::int AS n FROM enterprises e WHERE ${where}`, params: countParams },
  };
}

export async function searchEnterprises(tx: Scoped, q: EnterpriseQuery) {
  const { list, count } = searchSql(tx.scope, q);
  const items = await tx.query<EnterpriseRow>(list.sql, list.params);
  const total = await tx.query<{ n: number }>(count.sql, count.params);
  return { items, total: total[0]?.n ?? 0 };
}

export async function exportRows(tx: Scoped, q: Omit<EnterpriseQuery, 'page' | 'pageSize' | 'sort'>, limit: number) {
  const params: unknown[] = [];
  const where = searchWhere(tx.scope, q, params);
  params.push(limit);
  return tx.query<EnterpriseRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY e.region_code, e.name LIMIT $${params.length}`,
    params,
  );
}

export async function findEnterprise(tx: Scoped, id: string, forUpdate = false): Promise<EnterpriseRow | undefined> {
  const params: unknown[] = [id];
  const where = scopeFilter(tx.scope, params, SCOPE_COLUMNS);
  const rows = await tx.query<EnterpriseRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = $1 AND ${where}${forUpdate ? ' FOR UPDATE OF e' : ''}`,
    params,
  );
  return rows[0];
}

type Derived = { creditCodeWarning: boolean; lacksSafetyDirector: boolean };

/** Column values in the order of WRITE_COLUMNS, shared by insert and update. */
const WRITE_COLUMNS = [
  'credit_code',
  'credit_code_warning',
  'name',
  'address',
  'region_code',
  'industry_code',
  'employees',
  'revenue_wan',
  'high_risk',
  'legal_representative',
  'safety_director',
  'contact_phone',
  'lacks_safety_director',
  'standardization_grade',
  'standardization_valid_until',
] as const;
const writeValues = (e: EnterpriseInput & Derived): unknown[] => [
  e.creditCode,
  e.creditCodeWarning,
  e.name,
  e.address,
  e.regionCode,
  e.industryCode,
  e.employees,
  e.revenueWan,
  e.highRisk,
  e.legalRepresentative,
  e.safetyDirector,
  e.contactPhone,
  e.lacksSafetyDirector,
  e.standardizationGrade ?? null,
  e.standardizationValidUntil ?? null,
];
const cast = (c: string) => (c === 'high_risk' ? '::text[]' : c === 'standardization_valid_until' ? '::date' : '');

export async function insertEnterprise(tx: Scoped, e: EnterpriseInput & Derived): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO enterprises (${WRITE_COLUMNS.join(', ')})
     VALUES (${WRITE_COLUMNS.map((c, i) => `$${i + 1}${cast(c)}`).join(', ')}) RETURNING id`,
    writeValues(e),
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateEnterprise(tx: Scoped, id: string, e: EnterpriseInput & Derived): Promise<void> {
  const params: unknown[] = [id, ...writeValues(e)];
  const sets = WRITE_COLUMNS.map((c, i) => `${c} = $${i + 2}${cast(c)}`).join(', ');
  const where = scopeFilter(tx.scope, params, { region: 'region_code', industry: 'industry_code', enterpriseId: 'id' });
  await tx.query(
    `UPDATE enterprises SET ${sets}, version = version + 1, updated_at = now()
     WHERE id = $1 AND ${where}`,
    params,
  );
}

export async function deleteEnterprise(tx: Scoped, id: string): Promise<void> {
  const params: unknown[] = [id];
  const where = scopeFilter(tx.scope, params, { region: 'region_code', industry: 'industry_code', enterpriseId: 'id' });
  await tx.query(`DELETE FROM enterprises WHERE id = $1 AND ${where}`, params);
}

export async function creditCodeTaken(tx: Scoped, creditCode: string, exceptId?: string): Promise<boolean> {
  // Deliberately unscoped in effect: uniqueness is national. Runs through a SECURITY DEFINER
  // function so RLS does not hide the clash; it returns only a boolean.
  const [r] = await tx.query<{ taken: boolean }>('SELECT credit_code_taken($1, $2) AS taken', [creditCode, exceptId ?? null]);
  return r?.taken ?? false;
}

export async function regionExists(tx: Scoped, code: string): Promise<boolean> {
  const r = await tx.query('SELECT 1 FROM regions WHERE code = $1', [code]);
  return r.length > 0;
}
