// The officers' registry's SQL: enforcement_officers and officer_conflicts (migration 030) with
// their users, limited to officers at home in the caller's scope.
import type { Scope } from '@taishan/domain';
import { regionRange, type Scoped } from '../../db/scope.ts';

export type OfficerRow = {
  user_id: string;
  name: string;
  username: string;
  role: string;
  region_code: string | null;
  department_name: string | null;
  certificate_no: string;
  valid_until: string | null;
  active: boolean;
  valid: boolean;
};

const OFFICER_SELECT = `SELECT o.user_id, u.display_name AS name, u.username, u.role, coalesce(u.region_code, dep.region_code) AS region_code,
    dep.name AS department_name, o.certificate_no, to_char(o.valid_until, 'YYYY-MM-DD') AS valid_until, o.active,
    (o.active AND NOT u.disabled AND (o.valid_until IS NULL OR o.valid_until >= $1::date)) AS valid
  FROM enforcement_officers o JOIN users u ON u.id = o.user_id LEFT JOIN departments dep ON dep.id = u.department_id`;

/** Officers at home in the scope (the users' row-level security and this filter agree). */
function officerScope(scope: Scope, params: unknown[]): string {
  if (scope.enterpriseId !== null) return 'false';
  return regionRange('coalesce(u.region_code, dep.region_code)', scope.regionPrefix, params);
}

export function listOfficers(tx: Scoped, today: string): Promise<OfficerRow[]> {
  const params: unknown[] = [today];
  return tx.query<OfficerRow>(`${OFFICER_SELECT} WHERE ${officerScope(tx.scope, params)} ORDER BY u.display_name, o.user_id`, params);
}

export async function findOfficer(tx: Scoped, userId: string, today: string, forUpdate = false): Promise<OfficerRow | undefined> {
  const params: unknown[] = [today, userId];
  const [r] = await tx.query<OfficerRow>(
    `${OFFICER_SELECT} WHERE o.user_id = $2 AND ${officerScope(tx.scope, params)}${forUpdate ? ' FOR UPDATE OF o' : ''}`,
    params,
  );
  return r;
}

export type ConflictRow = {
  id: string;
  user_id: string;
  enterprise_id: string;
  enterprise_name: string;
  reason: string;
  recorded_at: Date;
};

/** Conflicts of these officers with enterprises the caller sees (the enterprises' row-level security). */
export function conflictsOf(tx: Scoped, userIds: string[]): Promise<ConflictRow[]> {
  if (!userIds.length) return Promise.resolve([]);
  return tx.query<ConflictRow>(
    `SELECT c.id, c.user_id, c.enterprise_id, e.name AS enterprise_name, c.reason, c.recorded_at
       FROM officer_conflicts c JOIN enterprises e ON e.id = c.enterprise_id
      WHERE c.user_id = ANY ($1::uuid[]) ORDER BY c.recorded_at, c.id`,
    [userIds],
  );
}

export async function userForOfficer(
  tx: Scoped,
  userId: string,
): Promise<{ id: string; role: string; region_code: string | null; officer: boolean } | undefined> {
  const params: unknown[] = [userId];
  const [r] = await tx.query<{ id: string; role: string; region_code: string | null; officer: boolean }>(
    `SELECT u.id, u.role, coalesce(u.region_code, dep.region_code) AS region_code,
            EXISTS (SELECT 1 FROM enforcement_officers o WHERE o.user_id = u.id) AS officer
       FROM users u LEFT JOIN departments dep ON dep.id = u.department_id
      WHERE u.id = $1 AND ${officerScope(tx.scope, params)}`,
    params,
  );
  return r;
}

export async function certificateTaken(tx: Scoped, certificateNo: string, exceptUser?: string): Promise<boolean> {
  const [r] = await tx.query<{ taken: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM enforcement_officers WHERE certificate_no = $1 AND user_id IS DISTINCT FROM $2::uuid) AS taken',
    [certificateNo, exceptUser ?? null],
  );
  return r?.taken ?? false;
}

export async function insertOfficer(tx: Scoped, o: { userId: string; certificateNo: string; validUntil: string | null }) {
  await tx.query('INSERT INTO enforcement_officers (user_id, certificate_no, valid_until) VALUES ($1, $2, $3::date)', [
    o.userId,
    o.certificateNo,
    o.validUntil,
  ]);
}

export async function updateOfficer(tx: Scoped, userId: string, o: { certificateNo: string; validUntil: string | null; active: boolean }) {
  await tx.query(
    'UPDATE enforcement_officers SET certificate_no = $2, valid_until = $3::date, active = $4, updated_at = now() WHERE user_id = $1',
    [userId, o.certificateNo, o.validUntil, o.active],
  );
}

export async function insertConflict(tx: Scoped, c: { userId: string; enterpriseId: string; reason: string; recordedBy: string }) {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO officer_conflicts (user_id, enterprise_id, reason, recorded_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, enterprise_id) DO NOTHING RETURNING id`,
    [c.userId, c.enterpriseId, c.reason, c.recordedBy],
  );
  return r?.id;
}

/** Users in scope who enforce (县级以上 supervisors, department inspectors) and are not officers yet. */
export function officerCandidates(tx: Scoped): Promise<{ id: string; name: string; username: string; role: string }[]> {
  const params: unknown[] = [];
  return tx.query(
    `SELECT u.id, u.display_name AS name, u.username, u.role
       FROM users u LEFT JOIN departments dep ON dep.id = u.department_id
      WHERE ${officerScope(tx.scope, params)} AND NOT u.disabled
        AND u.role IN ('countySupervisor', 'citySupervisor', 'provinceSupervisor', 'departmentInspector')
        AND NOT EXISTS (SELECT 1 FROM enforcement_officers o WHERE o.user_id = u.id)
      ORDER BY u.display_name, u.id LIMIT 500`,
    params,
  );
}
