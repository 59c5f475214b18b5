// The SQL of departments: list within a region prefix, one (optionally locked), insert, update.
import type { Department } from '@taishan/domain';
import type { Scoped } from '../../db/scope.ts';

type Row = { id: string; name: string; short_name: string | null; region_code: string; region_name: string | null; industries: string[] };
export const toDepartment = (r: Row): Department => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  regionCode: r.region_code,
  regionName: r.region_name,
  industries: r.industries,
});
const SELECT =
  'SELECT d.id, d.name, d.short_name, d.region_code, r.name AS region_name, d.industries FROM departments d LEFT JOIN regions r ON r.code = d.region_code';

export async function listDepartments(tx: Scoped): Promise<Department[]> {
  const rows = await tx.query<Row>(`${SELECT} WHERE d.region_code LIKE $1 ORDER BY d.region_code, d.name`, [`${tx.scope.regionPrefix}%`]);
  return rows.map(toDepartment);
}

export async function findDepartment(tx: Scoped, id: string, forUpdate = false): Promise<Department | undefined> {
  const [row] = await tx.query<Row>(`${SELECT} WHERE d.id = $1${forUpdate ? ' FOR UPDATE OF d' : ''}`, [id]);
  return row && toDepartment(row);
}

export async function regionExists(tx: Scoped, code: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM regions WHERE code = $1', [code])).length > 0;
}

export async function insertDepartment(
  tx: Scoped,
  d: { name: string; shortName?: string | null; regionCode: string; industries: string[] },
) {
  const [created] = await tx.query<{ id: string }>(
    'INSERT INTO departments (name, short_name, region_code, industries) VALUES ($1, $2, $3, $4::text[]) RETURNING id',
    [d.name, d.shortName ?? null, d.regionCode, d.industries],
  );
  return created?.id;
}

export async function updateDepartment(
  tx: Scoped,
  id: string,
  d: { name?: string; shortName?: string | null; regionCode?: string; industries?: string[] },
) {
  // shortName: absent keeps it, null (or '') clears it — hence the flag instead of coalesce.
  await tx.query(
    `UPDATE departments SET name = coalesce($2, name), region_code = coalesce($3, region_code),
       industries = coalesce($4::text[], industries),
       short_name = CASE WHEN $5 THEN $6 ELSE short_name END, updated_at = now() WHERE id = $1`,
    [id, d.name ?? null, d.regionCode ?? null, d.industries ?? null, d.shortName !== undefined, d.shortName ?? null],
  );
}
