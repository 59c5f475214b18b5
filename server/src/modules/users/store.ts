// The SQL of user accounts: the list, one account (optionally locked), insert and update, and the
// lookups that decide a new home (department, enterprise, region).
import { type Actor, type User, userActions } from '@taishan/domain';
import type { Scoped } from '../../db/scope.ts';

export type UserRow = {
  id: string;
  username: string;
  display_name: string;
  role: string;
  region_code: string | null;
  region_name: string | null;
  department_id: string | null;
  department_name: string | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
  disabled: boolean;
  locked: boolean;
};

/** The account as the audit log keeps it (no answers for a particular reader). */
export const userRecord = (r: UserRow) => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  regionCode: r.region_code,
  regionName: r.region_name,
  departmentId: r.department_id,
  departmentName: r.department_name,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  disabled: r.disabled,
  locked: r.locked,
});

/** The account as sent to the admin page, with what the reader may do with it. */
export const toUser = (actor: Actor, r: UserRow): User => ({ ...userRecord(r), allowedActions: userActions(actor, r) });

const SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.region_code, r.name AS region_name, u.department_id,
  d.name AS department_name, u.enterprise_id, e.name AS enterprise_name, u.disabled,
  EXISTS (SELECT 1 FROM login_failures f WHERE f.user_id = u.id AND f.locked_until > now()) AS locked
  FROM users u LEFT JOIN regions r ON r.code = u.region_code LEFT JOIN departments d ON d.id = u.department_id
  LEFT JOIN enterprises e ON e.id = u.enterprise_id`;

export async function findUser(tx: Scoped, id: string, forUpdate = false): Promise<UserRow | undefined> {
  return (await tx.query<UserRow>(`${SELECT} WHERE u.id = $1${forUpdate ? ' FOR UPDATE OF u' : ''}`, [id]))[0];
}

export function listUsers(tx: Scoped, filter: { q?: string; role?: string }): Promise<UserRow[]> {
  const p: unknown[] = [];
  const where = ['true'];
  if (filter.q) {
    p.push(`%${filter.q}%`);
    where.push(`(u.username ILIKE $${p.length} OR u.display_name ILIKE $${p.length})`);
  }
  if (filter.role) {
    p.push(filter.role);
    where.push(`u.role = $${p.length}`);
  }
  return tx.query<UserRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY u.username LIMIT 1000`, p);
}

export async function usernameTaken(tx: Scoped, username: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM users WHERE username = $1', [username])).length > 0;
}

export type UserHome = { role: string; region: string | null; departmentId: string | null; enterpriseId: string | null };

export async function insertUser(
  tx: Scoped,
  u: { username: string; displayName: string; passwordHash: string } & UserHome,
): Promise<string | undefined> {
  const [created] = await tx.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash, role, region_code, department_id, enterprise_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [u.username, u.displayName, u.passwordHash, u.role, u.region, u.departmentId, u.enterpriseId],
  );
  return created?.id;
}

export async function updateUser(
  tx: Scoped,
  id: string,
  c: { displayName: string | null; passwordHash: string | null; disabled: boolean | null; unlock: boolean; home: UserHome | null },
): Promise<void> {
  await tx.query(
    `UPDATE users SET display_name = coalesce($2, display_name), password_hash = coalesce($3, password_hash),
       disabled = coalesce($4, disabled),
       failed_attempts = CASE WHEN $5 THEN 0 ELSE failed_attempts END,
       locked_until = CASE WHEN $5 THEN NULL ELSE locked_until END,
       role = CASE WHEN $6 THEN $7 ELSE role END,
       region_code = CASE WHEN $6 THEN $8 ELSE region_code END,
       department_id = CASE WHEN $6 THEN $9::uuid ELSE department_id END,
       enterprise_id = CASE WHEN $6 THEN $10::uuid ELSE enterprise_id END,
       updated_at = now()
     WHERE id = $1`,
    [
      id,
      c.displayName,
      c.passwordHash,
      c.disabled,
      c.unlock,
      c.home !== null,
      c.home?.role ?? null,
      c.home?.region ?? null,
      c.home?.departmentId ?? null,
      c.home?.enterpriseId ?? null,
    ],
  );
}

export async function departmentRegion(tx: Scoped, id: string): Promise<string | undefined> {
  return (await tx.query<{ region_code: string }>('SELECT region_code FROM departments WHERE id = $1', [id]))[0]?.region_code;
}

export async function enterpriseRegion(tx: Scoped, id: string): Promise<string | undefined> {
  return (await tx.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [id]))[0]?.region_code;
}

export async function regionLevel(tx: Scoped, code: string): Promise<string | undefined> {
  return (await tx.query<{ level: string }>('SELECT level FROM regions WHERE code = $1', [code]))[0]?.level;
}
