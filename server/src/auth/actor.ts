// Build the request's Actor (who and what scope) from the user row. The scope rules live here and
// in the domain's inScope(); every store applies them through db/scope.ts.
import { type Actor, NATIONAL_SCOPE, type Role, regionPrefix, type Scope } from '@taishan/domain';

export type UserRow = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  region_code: string | null;
  department_id: string | null;
  enterprise_id: string | null;
  disabled: boolean;
  department_industries: string[] | null;
  enterprise_region_code: string | null;
};

export const USER_ACTOR_COLUMNS = `u.id, u.username, u.display_name, u.role, u.region_code, u.department_id, u.enterprise_id,
  u.disabled, d.industries AS department_industries, e.region_code AS enterprise_region_code`;
export const USER_ACTOR_FROM = `
  FROM users u
  LEFT JOIN departments d ON d.id = u.department_id
  LEFT JOIN enterprises e ON e.id = u.enterprise_id`;

/** A scope that sees nothing: for a misconfigured account we fail closed. */
const EMPTY_SCOPE: Scope = { regionPrefix: 'none', industries: [], enterpriseId: '00000000-0000-0000-0000-000000000000' };

export function scopeOf(u: UserRow): Scope {
  switch (u.role) {
    case 'platformAdmin':
      return NATIONAL_SCOPE;
    case 'departmentInspector':
      if (!u.region_code) return EMPTY_SCOPE;
      return { regionPrefix: regionPrefix(u.region_code), industries: u.department_industries ?? [], enterpriseId: null };
    case 'enterpriseAdmin':
    case 'enterpriseStaff':
    case 'medicalReporter':
      if (!u.enterprise_id || !u.enterprise_region_code) return EMPTY_SCOPE;
      return { regionPrefix: u.enterprise_region_code, industries: null, enterpriseId: u.enterprise_id };
    default:
      if (!u.region_code) return EMPTY_SCOPE;
      return { regionPrefix: regionPrefix(u.region_code), industries: null, enterpriseId: null };
  }
}

export function actorOf(u: UserRow): Actor & { displayName: string } {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, scope: scopeOf(u) };
}
