// Who may do what with a user account, and which home each role needs. Managing accounts at all
// is auth/policy.ts mayManageUsers (the platform admin); these rules decide the actions on one.
import { mayManageUsers } from '../auth/policy.ts';
import type { Actor, Role } from '../auth/roles.ts';

export type UserAction = 'update' | 'resetPassword' | 'disable' | 'enable' | 'unlock' | 'changeHome';

/**
 * The home a role needs: supervisors and grid workers a region (of their tier), inspectors a
 * department, enterprise users an enterprise, the platform admin none.
 */
export type RoleHome = 'none' | 'region' | 'department' | 'enterprise';
export function roleHome(role: Role): RoleHome {
  if (role === 'platformAdmin') return 'none';
  if (role === 'departmentInspector') return 'department';
  // A medical reporter's facility is a directory unit (enterprises row, industry 84 卫生).
  if (role === 'enterpriseAdmin' || role === 'enterpriseStaff' || role === 'medicalReporter') return 'enterprise';
  return 'region';
}

/** An admin may not disable their own account nor change their own role or home (they would lock themselves out). */
export function userActions(actor: Actor, user: { id: string; disabled: boolean; locked: boolean }): UserAction[] {
  if (!mayManageUsers(actor)) return [];
  const self = user.id === actor.id;
  const actions: UserAction[] = ['update', 'resetPassword'];
  if (user.disabled) actions.push('enable');
  else if (!self) actions.push('disable');
  if (user.locked) actions.push('unlock');
  if (!self) actions.push('changeHome');
  return actions;
}
