// Accidents' HTTP API (issue 25): the first report, the list with its filters, the detail,
// follow-ups, each step of the chain and the investigation, lessons pushed and acknowledged, and
// the public list of published investigation reports. No SQL here: service.ts and lessons.ts.
// The statistics are stats-routes.ts's.
import { ACCIDENT_ACTIONS, followUpSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { storeUploadedPhoto } from '../../storage/uploads.ts';
import { acknowledgeLesson, lessonAckSchema, lessonTargets, listLessons } from './lessons.ts';
import {
  accidentListQuerySchema,
  accidentPhotoKeys,
  addAccidentPhoto,
  followUpAccident,
  getAccident,
  listAccidents,
  publishedReports,
  reportAccident,
  reportBodySchema,
  takeAccidentStep,
} from './service.ts';

const BASE = '/api/v1/accidents';
const STEP_ACTIONS = ACCIDENT_ACTIONS.filter((a) => a !== 'followUp') as [
  Exclude<(typeof ACCIDENT_ACTIONS)[number], 'followUp'>,
  ...Exclude<(typeof ACCIDENT_ACTIONS)[number], 'followUp'>[],
];
const stepParams = idParams.extend({ action: z.enum(STEP_ACTIONS, { message: '未知的操作||Unknown step' }) });
const lessonParams = z.object({ lessonId: z.uuid({ message: '编号格式不正确||Invalid id' }) });

export function accidentsRoutes(app: FastifyInstance, db: Db, files: FileStore) {
  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/photos`,
    access: 'user',
    summary: '上传事故现场照片（PNG/JPEG ≤ 5 MB）Add a photo of the scene',
    tags: ['accidents'],
    params: idParams,
    status: 201,
    response: z.object({ key: z.string() }),
    handler: async ({ params, actor, req }) => {
      // Seen first (404 before the upload is read); allowed under the row lock once it is stored.
      if (!(await readScoped(db, actor.scope, (tx) => accidentPhotoKeys(tx, params.id)))) throw notFound();
      return storeUploadedPhoto(req, files, (key) => withScope(db, actor.scope, (tx) => addAccidentPhoto(tx, actor, params.id, key)));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id/photos/:key`,
    access: 'user',
    summary: '事故现场照片 A photo of the scene',
    tags: ['accidents'],
    params: z.object({ id: z.uuid(), key: z.uuid() }),
    handler: async ({ params, actor, reply }) => {
      const keys = await readScoped(db, actor.scope, (tx) => accidentPhotoKeys(tx, params.id));
      // Only photos that belong to this accident are served through it.
      if (!keys?.includes(params.key)) throw notFound();
      const data = await files.get(`photos/${params.key}`);
      if (!data) throw notFound();
      reply
        .header('Content-Type', data[0] === 0x89 ? 'image/png' : 'image/jpeg')
        .header('Cache-Control', 'private, max-age=3600')
        .send(data);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: BASE,
    access: 'user',
    summary: '事故快报 Report an accident (unknown figures stay unknown)',
    tags: ['accidents'],
    body: reportBodySchema,
    status: 201,
    handler: ({ body, actor }) => reportAccident(db, actor, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: BASE,
    access: 'user',
    summary: '事故列表 Accidents in the jurisdiction, newest first',
    tags: ['accidents'],
    query: accidentListQuerySchema,
    handler: ({ query, actor }) => listAccidents(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/lessons`,
    access: 'user',
    summary: '事故警示 Lessons pushed (an enterprise: those sent to it; a regulator: those sent from its jurisdiction)',
    tags: ['accidents'],
    query: z.object({ pending: z.enum(['true']).optional() }),
    handler: ({ query, actor }) => listLessons(db, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/lessons/:lessonId/targets`,
    access: 'user',
    summary: '警示签收情况 Who acknowledged a lesson and who has not',
    tags: ['accidents'],
    params: lessonParams,
    handler: ({ params, actor }) => lessonTargets(db, actor, params.lessonId),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/lessons/:lessonId/acknowledge`,
    access: 'user',
    summary: '签收警示 An enterprise acknowledges a lesson with its self-inspection',
    tags: ['accidents'],
    params: lessonParams,
    body: lessonAckSchema,
    handler: ({ params, body, actor }) => acknowledgeLesson(db, actor, params.lessonId, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: `${BASE}/:id`,
    access: 'user',
    summary: '事故详情 An accident with its reports, chain, deadlines, investigation and allowed actions',
    tags: ['accidents'],
    params: idParams,
    handler: ({ params, actor }) => getAccident(db, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/follow-ups`,
    access: 'user',
    summary: '续报/补报 A follow-up report (regrades within the window)',
    tags: ['accidents'],
    params: idParams,
    body: followUpSchema,
    handler: ({ params, body, actor }) => followUpAccident(db, actor, params.id, body),
  });

  defineRoute(app, {
    method: 'POST',
    url: `${BASE}/:id/steps/:action`,
    access: 'user',
    summary: '事故办理步骤 A step of the chain or the investigation (403/409 carry allowedActions)',
    tags: ['accidents'],
    params: stepParams,
    body: z.unknown(),
    handler: ({ params, body, actor }) => takeAccidentStep(db, actor, params.id, params.action, body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/public/accidents/reports',
    access: 'public',
    summary: '公开的事故调查报告 Published accident investigation reports',
    tags: ['accidents', 'public'],
    handler: () => publishedReports(db),
  });
}
