// Certificates, training, closed courses and publicity (issue 26). Owner: people. No SQL here:
// service.ts, import.ts and store.ts.
import {
  attendanceInputSchema,
  certificateInputSchema,
  closedCourseInputSchema,
  mayManagePeople,
  personInputSchema,
  publicityInputSchema,
  reviewInputSchema,
  trainingInputSchema,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendXlsx } from '../../http/download.ts';
import { forbidden } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { CapabilityDeps } from '../deps.ts';
import { readUploadedTable } from '../enterprises/tabular.ts';
import { certificateTemplate, importCertificates, readCertificateTable } from './import.ts';
import {
  addCertificate,
  addTraining,
  courseListQuerySchema,
  createPerson,
  enterpriseSummaryQuerySchema,
  getPerson,
  listClosedCourses,
  listEnterpriseSummaries,
  listPeople,
  listPublicity,
  orderClosedCourse,
  patchPerson,
  peopleListQuerySchema,
  personPatchBodySchema,
  publicityQuerySchema,
  recordAttendance,
  recordPublicity,
  recordReview,
} from './service.ts';

const BASE = '/api/v1/people';
const attendeeParams = z.object({
  id: z.uuid({ message: '编号格式不正确||Invalid id' }),
  personId: z.uuid({ message: '编号格式不正确||Invalid id' }),
});

export function peopleRoutes(app: FastifyInstance, { db }: CapabilityDeps): void {
  defineRoute(app, {
    method: 'GET',
    url: BASE,
    access: 'user',
    summary:
      '人员与证书 People with their certificates and training (filters: expiring, overdue, missingQualification, trainingShortfall, retest)',
    tags: ['people'],
    query: peopleListQuerySchema,
    handler: ({ query, actor }) => listPeople(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: BASE,
    access: 'user',
    summary: '登记人员 Record a person of the enterprise',
    tags: ['people'],
    body: personInputSchema,
    status: 201,
    handler: ({ body, actor }) => createPerson(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/enterprises`,
    access: 'user',
    summary:
      '企业人员证书概况 Per enterprise: expiring and overdue certificates, missing qualifications, training shortfalls, the safety director',
    tags: ['people'],
    query: enterpriseSummaryQuerySchema,
    handler: ({ query, actor }) => listEnterpriseSummaries(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/certificates/import`,
    access: 'user',
    summary: '批量导入证书（.xlsx / .csv，multipart 字段 file）Import certificates from Excel or CSV, a result per row',
    tags: ['people'],
    handler: async ({ req, actor }) => {
      if (!mayManagePeople(actor)) throw forbidden();
      return importCertificates(db, actor, await readUploadedTable(req, readCertificateTable));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/certificates/template`,
    access: 'user',
    summary: '证书导入模板 The import template (.xlsx)',
    tags: ['people'],
    handler: async ({ actor, reply }) => {
      if (!mayManagePeople(actor)) throw forbidden();
      return sendXlsx(reply, await certificateTemplate(), 'certificates-template.xlsx', '证书导入模板');
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/courses`,
    access: 'user',
    summary: '强制性封闭培训 Closed training courses ordered, with attendance (pending: someone still to attend)',
    tags: ['people'],
    query: courseListQuerySchema,
    handler: ({ query, actor }) => listClosedCourses(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/courses`,
    access: 'user',
    summary: '责令参加强制性封闭培训 Order an enterprise’s principal and safety managers to a closed course',
    tags: ['people'],
    body: closedCourseInputSchema,
    status: 201,
    handler: ({ body, actor }) => orderClosedCourse(db, actor, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/courses/:id/attendees/:personId`,
    access: 'user',
    summary: '登记参训情况 Record an attendee’s attendance (attended, absent, completed)',
    tags: ['people'],
    params: attendeeParams,
    body: attendanceInputSchema,
    handler: ({ params, body, actor }) => recordAttendance(db, actor, params.id, params.personId, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/publicity`,
    access: 'user',
    summary: '安全宣传“五进” Publicity events with totals per venue and region',
    tags: ['people'],
    query: publicityQuerySchema,
    handler: ({ query, actor }) => listPublicity(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/publicity`,
    access: 'user',
    summary: '登记安全宣传活动 Record a publicity event',
    tags: ['people'],
    body: publicityInputSchema,
    status: 201,
    handler: ({ body, actor }) => recordPublicity(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id`,
    access: 'user',
    summary: '人员详情 A person with certificates, training records and allowed actions',
    tags: ['people'],
    params: idParams,
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
    handler: ({ params, query, actor }) => getPerson(db, actor, params.id, query.year),
  });

  defineRoute(app, {
    method: 'PUT',
    url: `${BASE}/:id`,
    access: 'user',
    summary: '修改人员 Change a person (position, off-the-job date …)',
    tags: ['people'],
    params: idParams,
    body: personPatchBodySchema,
    handler: ({ params, body, actor }) => patchPerson(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/certificates`,
    access: 'user',
    summary: '登记证书 Add a certificate (特种作业操作证 valid 6 years from issue)',
    tags: ['people'],
    params: idParams,
    body: certificateInputSchema,
    status: 201,
    handler: ({ params, body, actor }) => addCertificate(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/certificates/:certificateId/review`,
    access: 'user',
    summary: '登记复审 Record a review passed on a special-work certificate (from 60 days before it falls due)',
    tags: ['people'],
    params: idParams.extend({ certificateId: z.uuid({ message: '编号格式不正确||Invalid id' }) }),
    body: reviewInputSchema,
    handler: ({ params, body, actor }) => recordReview(db, actor, params.id, params.certificateId, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/training`,
    access: 'user',
    summary: '登记培训学时 Record training attended',
    tags: ['people'],
    params: idParams,
    body: trainingInputSchema,
    status: 201,
    handler: ({ params, body, actor }) => addTraining(db, actor, params.id, body),
  });
}
