// The sensor registry's routes: the list in scope with the latest value, register, change,
// decommission, delete, import from CSV/XLSX. Commands in sensors.ts; each refreshes the
// pipeline's cached registry of the enterprise once it has committed.
import { sensorImportResultSchema, sensorInputSchema, sensorListSchema, sensorSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { readScoped, withScope } from '../../db/scope.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { TelemetryPipeline } from './pipeline.ts';
import { changeSensor, createSensor, decommissionSensor, importSensors, removeSensor, toSensor, withLatest } from './sensors.ts';
import { sensorsFromFile } from './sensors-import.ts';
import { listSensors } from './sensors-store.ts';

export function sensorRoutes(app: FastifyInstance, db: Db, pipeline: TelemetryPipeline) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/sensors',
    access: 'user',
    summary: '监测点位（含最新值、在线状态、未消除报警）Sensors with latest value',
    tags: ['monitoring'],
    query: z.object({ installationId: z.uuid().optional(), enterpriseId: z.uuid().optional() }),
    response: sensorListSchema,
    handler: async ({ query, actor }) => {
      const rows = await readScoped(db, actor.scope, (tx) => listSensors(tx, query));
      return { items: rows.map((r) => toSensor(withLatest(r, pipeline), actor)) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/sensors',
    access: 'user',
    summary: '登记监测点位 Register a sensor',
    tags: ['monitoring'],
    body: sensorInputSchema,
    status: 201,
    response: sensorSchema,
    handler: async ({ body, actor }) => {
      const created = await withScope(db, actor.scope, (tx) => createSensor(tx, actor, body));
      pipeline.invalidate(created.credit_code);
      return toSensor(created, actor);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/sensors/:id',
    access: 'user',
    summary: '修改监测点位（量程、报警值、回差、离线时限）Change a sensor',
    tags: ['monitoring'],
    params: idParams,
    body: sensorInputSchema.and(z.object({ version: z.number().int().min(1).optional() })),
    response: sensorSchema,
    handler: async ({ params, body, actor }) => {
      const saved = await withScope(db, actor.scope, (tx) => changeSensor(tx, actor, params.id, body));
      pipeline.invalidate(saved.credit_code);
      return toSensor(saved, actor);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/sensors/:id/decommission',
    access: 'user',
    summary: '停用监测点位（保留点位、读数与报警记录；不再接收数据、不再报警；有未消除报警时不可停用）Decommission a sensor',
    tags: ['monitoring'],
    params: idParams,
    body: z.strictObject({ version: z.number().int().min(1).optional() }).optional(),
    response: sensorSchema,
    handler: async ({ params, body, actor }) => {
      const saved = await withScope(db, actor.scope, (tx) => decommissionSensor(tx, actor, params.id, body?.version));
      pipeline.invalidate(saved.credit_code);
      return toSensor(saved, actor);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/sensors/:id',
    access: 'user',
    summary: '删除监测点位（仅限没有任何读数和报警记录的点位；有记录的请停用）Remove a sensor that never had readings',
    tags: ['monitoring'],
    params: idParams,
    status: 204,
    handler: async ({ params, actor, reply }) => {
      const gone = await withScope(db, actor.scope, (tx) => removeSensor(tx, actor, params.id));
      pipeline.invalidate(gone.credit_code);
      reply.code(204).send();
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/sensors/import',
    access: 'user',
    summary: '批量导入监测点位（CSV/XLSX；逐行校验，全部通过才写入）Import sensors',
    tags: ['monitoring'],
    response: sensorImportResultSchema,
    handler: async ({ req, actor }) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type');
      const file = await req.file();
      if (!file) throw invalid({ file: { zh: '请选择文件', en: 'Choose a file' } });
      const rows = await sensorsFromFile(await file.toBuffer(), file.filename);
      // All or nothing: one transaction.
      const created = await withScope(db, actor.scope, (tx) => importSensors(tx, actor, rows));
      for (const c of created) pipeline.invalidate(c.credit_code);
      return { imported: created.length };
    },
  });
}
