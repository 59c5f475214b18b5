// The commands on user accounts: create, and update (rename, reset password, disable or enable,
// unlock, change role or home). Who may: domain auth/policy.ts mayManageUsers and users/policy.ts
// userActions; which home a role needs: users/policy.ts roleHome.
import {
  type Actor,
  mayManageUsers,
  ROLE_REGION_LEVEL,
  type Role,
  roleHome,
  type User,
  type UserAction,
  type UserCreateInput,
  type UserPatchInput,
  userActions,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import { clearLoginFailures } from '../../auth/limits.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { endUserSessions, forgetUser, sessionsEnded } from '../../auth/sessions.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { type Scoped, withScope } from '../../db/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import {
  departmentRegion,
  enterpriseRegion,
  findUser,
  insertUser,
  regionLevel,
  toUser,
  type UserHome,
  type UserRow,
  updateUser,
  usernameTaken,
  userRecord,
} from './store.ts';

const LEVEL_ZH = { province: '省', city: '市', county: '县', township: '乡镇' } as const;

type HomeInput = { role: Role; regionCode?: string | null; departmentId?: string | null; enterpriseId?: string | null };

/** The user's home from role and home fields; refuse combinations that make no sense. */
async function resolveHome(tx: Scoped, body: HomeInput): Promise<UserHome> {
  const role = body.role;
  const home = roleHome(role);
  const none = { role, region: null, departmentId: null, enterpriseId: null };
  if (home === 'none') return none;
  if (home === 'department') {
    if (!body.departmentId) throw invalid({ departmentId: { zh: '执法人员须选择所属部门', en: 'Choose the inspector’s department' } });
    const region = await departmentRegion(tx, body.departmentId);
    if (!region) throw invalid({ departmentId: { zh: '部门不存在', en: 'No such department' } });
    return { ...none, region, departmentId: body.departmentId };
  }
  if (home === 'enterprise') {
    if (!body.enterpriseId) throw invalid({ enterpriseId: { zh: '企业用户须选择所属企业', en: 'Choose the user’s enterprise' } });
    const region = await enterpriseRegion(tx, body.enterpriseId);
    if (!region) throw invalid({ enterpriseId: { zh: '企业不存在', en: 'No such enterprise' } });
    return { ...none, region, enterpriseId: body.enterpriseId };
  }
  if (!body.regionCode) throw invalid({ regionCode: { zh: '请选择所辖区域', en: 'Choose the jurisdiction' } });
  const level = await regionLevel(tx, body.regionCode);
  if (!level) throw invalid({ regionCode: { zh: '行政区划代码不存在', en: 'No such region code' } });
  const needed = ROLE_REGION_LEVEL[role];
  if (needed && level !== needed) {
    throw invalid({ regionCode: { zh: `该角色须对应${LEVEL_ZH[needed]}级区划`, en: `This role needs a ${needed}-level region` } });
  }
  return { ...none, region: body.regionCode };
}

export async function createUser(db: Db, actor: Actor, body: UserCreateInput): Promise<User> {
  if (!mayManageUsers(actor)) throw forbidden();
  const passwordHash = await hashPassword(body.password);
  return withScope(db, actor.scope, async (tx) => {
    const home = await resolveHome(tx, body);
    if (await usernameTaken(tx, body.username)) throw conflict({ zh: '用户名已存在', en: 'Username taken' });
    const id = await insertUser(tx, { username: body.username, displayName: body.displayName, passwordHash, ...home });
    const row = await findUser(tx, id ?? '');
    if (!row) throw notFound();
    await appendAudit(tx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      regionCode: row.region_code,
      after: userRecord(row),
    });
    return toUser(actor, row);
  });
}

const changesHome = (body: UserPatchInput) =>
  body.role !== undefined || body.regionCode !== undefined || body.departmentId !== undefined || body.enterpriseId !== undefined;

/** The actions a patch needs on this account, each with what the refusal says. */
function neededActions(body: UserPatchInput, row: UserRow): UserAction[] {
  const needs: UserAction[] = [];
  if (body.disabled === true && !row.disabled) needs.push('disable');
  if (body.disabled === false && row.disabled) needs.push('enable');
  if (changesHome(body)) needs.push('changeHome');
  if (body.password) needs.push('resetPassword');
  if (body.displayName !== undefined) needs.push('update');
  return needs;
}
const REFUSAL: Partial<Record<UserAction, { zh: string; en: string }>> = {
  disable: { zh: '不能停用自己', en: 'You cannot disable yourself' },
  changeHome: { zh: '不能修改自己的角色或所属', en: 'You cannot change your own role or home' },
};

export async function patchUser(db: Db, actor: Actor, id: string, body: UserPatchInput): Promise<User> {
  if (!mayManageUsers(actor)) throw forbidden();
  const passwordHash = body.password ? await hashPassword(body.password) : null;
  let ended = false;
  const saved = await withScope(db, actor.scope, async (tx) => {
    const missing = (row: UserRow) => neededActions(body, row).find((a) => !userActions(actor, row).includes(a));
    const before = await lockForCommand(tx, id, {
      find: findUser,
      may: (row) => missing(row) === undefined,
      refuse: (row) => forbidden(REFUSAL[missing(row) ?? 'update']),
    });
    // A new role keeps the old home only where it still fits; resolveHome says what is missing.
    const home = changesHome(body)
      ? await resolveHome(tx, {
          role: (body.role ?? before.role) as Role,
          regionCode: body.regionCode !== undefined ? body.regionCode : before.region_code,
          departmentId: body.departmentId !== undefined ? body.departmentId : before.department_id,
          enterpriseId: body.enterpriseId !== undefined ? body.enterpriseId : before.enterprise_id,
        })
      : null;
    await updateUser(tx, id, {
      displayName: body.displayName ?? null,
      passwordHash,
      disabled: body.disabled ?? null,
      unlock: body.unlock === true,
      home,
    });
    if (body.unlock) await clearLoginFailures(tx, id);
    const after = await findUser(tx, id);
    if (!after) throw notFound();
    // A password reset, disabling, or a new role or home ends every session of the user.
    const changedHome =
      home !== null &&
      (after.role !== before.role ||
        after.region_code !== before.region_code ||
        after.department_id !== before.department_id ||
        after.enterprise_id !== before.enterprise_id);
    ended = Boolean(passwordHash) || body.disabled === true || changedHome;
    if (ended) await endUserSessions(tx, id);
    await appendAudit(tx, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      regionCode: after.region_code,
      before: userRecord(before),
      after: { ...userRecord(after), passwordReset: Boolean(passwordHash), sessionsEnded: ended },
    });
    return toUser(actor, after);
  });
  if (ended) sessionsEnded(id);
  else forgetUser(id);
  return saved;
}
