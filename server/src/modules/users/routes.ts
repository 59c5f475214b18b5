// People and roles, managed by platform admins. A role fixes what kind of home a user has:
// supervisors a region of their tier, inspectors a department, enterprise users an enterprise.
import { bi, isAdmin, ROLE_REGION_LEVEL, ROLES, type Role, regionCodeSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import { clearLoginFailures } from '../../auth/limits.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { endUserSessions, forgetUser, sessionsEnded } from '../../auth/sessions.ts';
import type { Db } from '../../db/db.ts';
import { type Scoped, withScope } from '../../db/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';

const password = z.string().min(8, bi('密码至少 8 位', 'Password needs at least 8 characters')).max(256);

const createInput = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, bi('用户名只能包含字母、数字和 _ . -', 'Letters, digits and _ . - only')),
  displayName: z.string().trim().min(1).max(64),
  password,
  role: z.enum(ROLES),
  regionCode: regionCodeSchema.nullish(),
  departmentId: z.uuid().nullish(),
  enterpriseId: z.uuid().nullish(),
});

const patchInput = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  password: password.optional(),
  disabled: z.boolean().optional(),
  /** Clear a lockout after repeated failed logins. */
  unlock: z.literal(true).optional(),
  /** A new role or home (region, department or enterprise): checked as on creation; the user's sessions end. */
  role: z.enum(ROLES).optional(),
  regionCode: regionCodeSchema.nullish(),
  departmentId: z.uuid().nullish(),
  enterpriseId: z.uuid().nullish(),
});

const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
});

type Row = {
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
const toUser = (r: Row) => ({
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
const SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.region_code, r.name AS region_name, u.department_id,
  d.name AS department_name, u.enterprise_id, e.name AS enterprise_name, u.disabled,
  EXISTS (SELECT 1 FROM login_failures f WHERE f.user_id = u.id AND f.locked_until > now()) AS locked
  FROM users u LEFT JOIN regions r ON r.code = u.region_code LEFT JOIN departments d ON d.id = u.department_id
  LEFT JOIN enterprises e ON e.id = u.enterprise_id`;

const find = async (tx: Scoped, id: string) => (await tx.query<Row>(`${SELECT} WHERE u.id = $1`, [id]))[0];

/** Resolve the user's home region from role and home; refuse combinations that make no sense. */
async function homeRegion(
  tx: Scoped,
  body: Pick<z.infer<typeof createInput>, 'role' | 'regionCode' | 'departmentId' | 'enterpriseId'>,
): Promise<string | null> {
  const role: Role = body.role;
  if (role === 'platformAdmin') return null;
  if (role === 'departmentInspector') {
    if (!body.departmentId) throw invalid({ departmentId: { zh: '执法人员须选择所属部门', en: 'Choose the inspector’s department' } });
    const [d] = await tx.query<{ region_code: string }>('SELECT region_code FROM departments WHERE id = $1', [body.departmentId]);
    if (!d) throw invalid({ departmentId: { zh: '部门不存在', en: 'No such department' } });
    return d.region_code;
  }
  if (role === 'enterpriseAdmin' || role === 'enterpriseStaff') {
    if (!body.enterpriseId) throw invalid({ enterpriseId: { zh: '企业用户须选择所属企业', en: 'Choose the user’s enterprise' } });
    const [e] = await tx.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [body.enterpriseId]);
    if (!e) throw invalid({ enterpriseId: { zh: '企业不存在', en: 'No such enterprise' } });
    return e.region_code;
  }
  if (!body.regionCode) throw invalid({ regionCode: { zh: '请选择所辖区域', en: 'Choose the jurisdiction' } });
  const [r] = await tx.query<{ level: string }>('SELECT level FROM regions WHERE code = $1', [body.regionCode]);
  if (!r) throw invalid({ regionCode: { zh: '行政区划代码不存在', en: 'No such region code' } });
  const level = ROLE_REGION_LEVEL[role];
  if (level && r.level !== level) {
    throw invalid({ regionCode: { zh: `该角色须对应${LEVEL_ZH[level]}级区划`, en: `This role needs a ${level}-level region` } });
  }
  return body.regionCode;
}
const LEVEL_ZH = { province: '省', city: '市', county: '县', township: '乡镇' } as const;

export function userRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/users',
    access: 'user',
    summary: '用户列表 Users (admins)',
    tags: ['admin'],
    query: z.object({ q: z.string().trim().max(64).optional(), role: z.enum(ROLES).optional() }),
    response: z.object({ items: z.array(user), total: z.number() }),
    handler: async ({ actor, query }) => {
      if (!isAdmin(actor)) throw forbidden();
      const rows = await withScope(db, actor.scope, (tx) => {
        const p: unknown[] = [];
        const where = ['true'];
        if (query.q) {
          p.push(`%${query.q}%`);
          where.push(`(u.username ILIKE $${p.length} OR u.display_name ILIKE $${p.length})`);
        }
        if (query.role) {
          p.push(query.role);
          where.push(`u.role = $${p.length}`);
        }
        return tx.query<Row>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY u.username LIMIT 1000`, p);
      });
      return { items: rows.map(toUser), total: rows.length };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/users',
    access: 'user',
    summary: '新增用户 Create a user',
    tags: ['admin'],
    body: createInput,
    response: user,
    status: 201,
    handler: async ({ body, actor }) => {
      if (!isAdmin(actor)) throw forbidden();
      const hash = await hashPassword(body.password);
      return withScope(db, actor.scope, async (tx) => {
        const region = await homeRegion(tx, body);
        if ((await tx.query('SELECT 1 FROM users WHERE username = $1', [body.username])).length) {
          throw conflict({ zh: '用户名已存在', en: 'Username taken' });
        }
        const isDept = body.role === 'departmentInspector';
        const isEnt = body.role === 'enterpriseAdmin' || body.role === 'enterpriseStaff';
        const [created] = await tx.query<{ id: string }>(
          `INSERT INTO users (username, display_name, password_hash, role, region_code, department_id, enterprise_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [body.username, body.displayName, hash, body.role, region, isDept ? body.departmentId : null, isEnt ? body.enterpriseId : null],
        );
        const row = await find(tx, created?.id ?? '');
        if (!row) throw notFound();
        await appendAudit(tx, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: row.id,
          regionCode: row.region_code,
          after: toUser(row),
        });
        return toUser(row);
      });
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/users/:id',
    access: 'user',
    summary: '修改用户（停用、重置密码、解锁、改角色或所属）Update a user',
    tags: ['admin'],
    params: idParams,
    body: patchInput,
    response: user,
    handler: async ({ params, body, actor }) => {
      if (!isAdmin(actor)) throw forbidden();
      if (body.disabled && params.id === actor.id) throw forbidden({ zh: '不能停用自己', en: 'You cannot disable yourself' });
      const rehome =
        body.role !== undefined || body.regionCode !== undefined || body.departmentId !== undefined || body.enterpriseId !== undefined;
      if (rehome && params.id === actor.id)
        throw forbidden({ zh: '不能修改自己的角色或所属', en: 'You cannot change your own role or home' });
      const hash = body.password ? await hashPassword(body.password) : null;
      let ended = false;
      const saved = await withScope(db, actor.scope, async (tx) => {
        const before = await find(tx, params.id);
        if (!before) throw notFound();
        let home: { role: string; region: string | null; departmentId: string | null; enterpriseId: string | null } | null = null;
        if (rehome) {
          const role = (body.role ?? before.role) as Role;
          // A new role keeps the old home only where it still fits; homeRegion says what is missing.
          const merged = {
            role,
            regionCode: body.regionCode !== undefined ? body.regionCode : before.region_code,
            departmentId: body.departmentId !== undefined ? body.departmentId : before.department_id,
            enterpriseId: body.enterpriseId !== undefined ? body.enterpriseId : before.enterprise_id,
          };
          const region = await homeRegion(tx, merged);
          const isDept = role === 'departmentInspector';
          const isEnt = role === 'enterpriseAdmin' || role === 'enterpriseStaff';
          home = {
            role,
            region,
            departmentId: isDept ? (merged.departmentId ?? null) : null,
            enterpriseId: isEnt ? (merged.enterpriseId ?? null) : null,
          };
        }
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
            params.id,
            body.displayName ?? null,
            hash,
            body.disabled ?? null,
            body.unlock === true,
            home !== null,
            home?.role ?? null,
            home?.region ?? null,
            home?.departmentId ?? null,
            home?.enterpriseId ?? null,
          ],
        );
        if (body.unlock) await clearLoginFailures(tx, params.id);
        const after = await find(tx, params.id);
        if (!after) throw notFound();
        // A password reset, disabling, or a new role or home ends every session of the user.
        const changedHome =
          home !== null &&
          (after.role !== before.role ||
            after.region_code !== before.region_code ||
            after.department_id !== before.department_id ||
            after.enterprise_id !== before.enterprise_id);
        ended = Boolean(hash) || body.disabled === true || changedHome;
        if (ended) await endUserSessions(tx, params.id);
        await appendAudit(tx, actor, {
          action: 'user.update',
          entityType: 'user',
          entityId: params.id,
          regionCode: after.region_code,
          before: toUser(before),
          after: { ...toUser(after), passwordReset: Boolean(hash), sessionsEnded: ended },
        });
        return toUser(after);
      });
      if (ended) sessionsEnded(params.id);
      else forgetUser(params.id);
      return saved;
    },
  });
}
