// Departments with the industries they supervise (三管三必须: 管行业必须管安全…). An inspector of a
// department sees the enterprises of those industries in the department's region. Admins manage.
// No SQL here (store.ts), no who-may rule (domain auth/policy.ts mayManageDepartments; service.ts).
import { departmentInput, departmentListSchema, departmentPatchInput, departmentSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db.ts';
import { withScope } from '../../db/scope.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { createDepartment, patchDepartment } from './service.ts';
import { listDepartments } from './store.ts';

export function departmentRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/departments',
    access: 'user',
    summary: '部门列表 Departments',
    tags: ['admin'],
    response: departmentListSchema,
    handler: async ({ actor }) => {
      const items = await withScope(db, actor.scope, listDepartments);
      return { items, total: items.length };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/departments',
    access: 'user',
    summary: '新增部门 Create a department',
    tags: ['admin'],
    body: departmentInput,
    response: departmentSchema,
    status: 201,
    handler: ({ body, actor }) => createDepartment(db, actor, body),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/departments/:id',
    access: 'user',
    summary: '修改部门 Update a department',
    tags: ['admin'],
    params: idParams,
    body: departmentPatchInput,
    response: departmentSchema,
    handler: ({ params, body, actor }) => patchDepartment(db, actor, params.id, body),
  });
}
