// On-site enforcement inspections (现场检查): the list, one inspection with its checks, findings
// and documents, and the steps on site. Routes only parse, call and answer (inspections.ts).
import {
  checkResultsSchema,
  enfInspectionDetailSchema,
  enfInspectionSchema,
  findingInputSchema,
  inspectionCancelSchema,
  inspectionCreateSchema,
  inspectionListQuerySchema,
  inspectionRecordSchema,
  inspectionReviewSchema,
  inspectionStartSchema,
  mayCreateInspection,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped } from '../../db/scope.ts';
import { forbidden } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import {
  addFinding,
  cancelInspection,
  createInspection,
  getInspection,
  recordInspection,
  removeFinding,
  reviewInspection,
  saveChecks,
  startInspection,
} from './inspections.ts';
import { eligibleOfficers, listInspections } from './inspections-store.ts';

const BASE = '/api/v1/enforcement/inspections';
const tags = ['enforcement'];

export function inspectionsRoutes(app: FastifyInstance, db: Db) {
  defineRoute(app, {
    method: 'GET',
    url: BASE,
    access: 'user',
    summary: '执法检查 Enforcement inspections (planned, on site, recorded)',
    tags,
    query: inspectionListQuerySchema,
    response: z.object({ items: z.array(enfInspectionSchema), total: z.number() }),
    handler: ({ query, actor }) => readScoped(db, actor.scope, (tx) => listInspections(tx, actor, query)),
  });

  defineRoute(app, {
    method: 'POST',
    url: BASE,
    access: 'user',
    summary: '安排执法检查 Plan an inspection (report, referral, campaign, ad hoc)',
    tags,
    body: inspectionCreateSchema,
    response: enfInspectionDetailSchema,
    handler: ({ body, actor }) => {
      if (!mayCreateInspection(actor)) throw forbidden();
      return createInspection(db, actor, body);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/officers`,
    access: 'user',
    summary: '可选派的执法人员 Certified officers of the city, with their conflicts with an enterprise',
    tags,
    query: z.object({ enterpriseId: z.uuid().optional() }),
    response: z.object({
      items: z.array(
        z.object({ userId: z.string(), name: z.string(), certificateNo: z.string(), regionCode: z.string(), conflict: z.boolean() }),
      ),
    }),
    handler: async ({ query, actor }) => {
      if (!mayCreateInspection(actor)) throw forbidden();
      return { items: await readScoped(db, actor.scope, (tx) => eligibleOfficers(tx, query.enterpriseId ?? null)) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id`,
    access: 'user',
    summary: '执法检查详情 One inspection with its checks and findings',
    tags,
    params: idParams,
    response: enfInspectionDetailSchema,
    handler: ({ params, actor }) => getInspection(db, actor, params.id),
  });

  const step = <S extends z.ZodType>(
    path: string,
    summary: string,
    body: S,
    run: (actor: Parameters<typeof startInspection>[1], id: string, b: z.infer<S>) => Promise<unknown>,
  ) =>
    defineRoute(app, {
      method: 'POST',
      url: `${BASE}/:id/${path}`,
      access: 'user',
      summary,
      tags,
      params: idParams,
      body,
      response: enfInspectionDetailSchema,
      handler: ({ params, body: b, actor }) => run(actor, params.id, b as z.infer<S>) as never,
    });

  step('start', '开始现场检查 Start on site', inspectionStartSchema, (a, id, b) => startInspection(db, a, id, b));
  step('checks', '记录检查表结果 Save checklist results', checkResultsSchema, (a, id, b) => saveChecks(db, a, id, b));
  step('findings', '记录发现的问题 Add a finding', findingInputSchema, (a, id, b) => addFinding(db, a, id, b));
  step('record', '制作现场检查记录 Make the record (issues the documents)', inspectionRecordSchema, (a, id, b) =>
    recordInspection(db, a, id, b),
  );
  step('review', '整改复查 Review the rectification', inspectionReviewSchema, (a, id, b) => reviewInspection(db, a, id, b));
  step('cancel', '取消检查 Cancel a planned inspection', inspectionCancelSchema, (a, id, b) => cancelInspection(db, a, id, b));

  defineRoute(app, {
    method: 'DELETE',
    url: `${BASE}/:id/findings/:findingId`,
    access: 'user',
    summary: '删除发现的问题 Remove a finding (before the record)',
    tags,
    params: z.object({ id: z.uuid(), findingId: z.uuid() }),
    response: enfInspectionDetailSchema,
    handler: ({ params, actor }) => removeFinding(db, actor, params.id, params.findingId),
  });
}
