// People and roles, managed by platform admins. A role fixes what kind of home a user has:
// supervisors a region of their tier, inspectors a department, enterprise users an enterprise.
// No SQL here (store.ts), no who-may rule (domain auth/policy.ts, users/policy.ts; service.ts).
import { mayManageUsers, userCreateInput, userListQuery, userListSchema, userPatchInput, userSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db.ts';
import { withScope } from '../../db/scope.ts';
import { forbidden } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { createUser, patchUser } from './service.ts';
import { listUsers, toUser } from './store.ts';

export function userRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/users',
    access: 'user',
    summary: '用户列表 Users (admins)',
    tags: ['admin'],
    query: userListQuery,
    response: userListSchema,
    handler: async ({ actor, query }) => {
      if (!mayManageUsers(actor)) throw forbidden();
      const rows = await withScope(db, actor.scope, (tx) => listUsers(tx, query));
      return { items: rows.map((r) => toUser(actor, r)), total: rows.length };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/users',
    access: 'user',
    summary: '新增用户 Create a user',
    tags: ['admin'],
    body: userCreateInput,
    response: userSchema,
    status: 201,
    handler: ({ body, actor }) => createUser(db, actor, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/users/:id',
    access: 'user',
    summary: '修改用户（停用、重置密码、解锁、改角色或所属）Update a user',
    tags: ['admin'],
    params: idParams,
    body: userPatchInput,
    response: userSchema,
    handler: ({ params, body, actor }) => patchUser(db, actor, params.id, body),
  });
}
