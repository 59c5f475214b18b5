// The sensor registry (监测点位): per major hazard installation, what each sensor measures, its
// range, thresholds, hysteresis, rate limit and offline timeout; CSV import; enterprise and
// supervisor views in scope with the latest value and open alarm. The enterprise (or an admin)
// maintains it; every change is an audit event and refreshes the pipeline's cached registry.
// A sensor with history (readings or alarms) is decommissioned (停用: kept and marked, its
// readings dead-lettered, no alarms), never deleted; only one without any may be deleted, and
// open alarms block both (they are handled and cleared first).
import { type Actor, canEditSensors, SENSOR_TYPE_INFO, SENSOR_TYPES, type SensorInput, sensorInputSchema } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, scopeFilter, withScope } from '../../db/scope.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import { enterpriseScope } from '../enterprises/scope.ts';
import { readGrid, TableFormatError } from '../enterprises/tabular.ts';
import type { TelemetryPipeline } from './pipeline.ts';

type Row = Record<string, unknown> & { id: string; enterprise_id: string; credit_code: string; region_code: string; version: number };

const SELECT = `SELECT s.*, e.credit_code, e.name AS enterprise_name, m.name AS installation_name, l.ts AS latest_ts, l.value AS latest_value, l.zone,
  l.sensor_id IS NOT NULL AS has_history,
  (SELECT a.severity FROM alarms a WHERE a.sensor_id = s.id AND a.status <> 'cleared'
     ORDER BY CASE a.severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END LIMIT 1) AS alarm_severity
  FROM sensors s JOIN enterprises e ON e.id = s.enterprise_id JOIN major_hazard_installations m ON m.id = s.installation_id
  LEFT JOIN sensor_latest l ON l.sensor_id = s.id`;
export const SENSOR_SCOPE = { region: 's.region_code', industry: 's.industry_code', enterpriseId: 's.enterprise_id' };

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toSensor(r: Row, now = Date.now()) {
  const latestTs = r.latest_ts ? new Date(r.latest_ts as string).getTime() : null;
  return {
    id: r.id,
    installationId: r.installation_id as string,
    installationName: r.installation_name as string,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name as string,
    creditCode: r.credit_code,
    regionCode: r.region_code,
    code: r.code as string,
    name: r.name as string,
    type: r.type as string,
    unit: r.unit as string,
    rangeMin: Number(r.range_min),
    rangeMax: Number(r.range_max),
    lowLow: num(r.low_low),
    low: num(r.low),
    high: num(r.high),
    highHigh: num(r.high_high),
    hysteresis: Number(r.hysteresis),
    rateLimit: num(r.rate_limit),
    offlineSeconds: Number(r.offline_seconds),
    latest:
      latestTs === null
        ? null
        : { ts: new Date(latestTs).toISOString(), value: Number(r.latest_value), zone: (r.zone as string | null) ?? null },
    online: latestTs !== null && now - latestTs <= Number(r.offline_seconds) * 1000,
    alarmSeverity: (r.alarm_severity as string | null) ?? null,
    decommissionedAt: r.decommissioned_at ? new Date(r.decommissioned_at as string).toISOString() : null,
    decommissionedBy: (r.decommissioned_by as string | null) ?? null,
    /** Has readings (and so perhaps alarms): it can be decommissioned, not deleted. */
    hasHistory: Boolean(r.has_history),
    version: r.version,
  };
}

export async function findSensor(tx: Scoped, id: string, forUpdate = false): Promise<Row | undefined> {
  return (await tx.query<Row>(`${SELECT} WHERE s.id = $1 ${forUpdate ? 'FOR UPDATE OF s' : ''}`, [id]))[0];
}

const columns = (b: SensorInput) => [
  b.code,
  b.name,
  b.type,
  b.unit ?? SENSOR_TYPE_INFO[b.type].unit,
  b.rangeMin,
  b.rangeMax,
  b.lowLow ?? null,
  b.low ?? null,
  b.high ?? null,
  b.highHigh ?? null,
  b.hysteresis,
  b.rateLimit,
  b.offlineSeconds,
];

async function insertSensor(tx: Scoped, actor: Actor, b: SensorInput) {
  const params: unknown[] = [b.installationId];
  const where = enterpriseScope(tx, params);
  const [inst] = await tx.query<{ enterprise_id: string }>(
    `SELECT m.enterprise_id FROM major_hazard_installations m JOIN enterprises e ON e.id = m.enterprise_id WHERE m.id = $1 AND ${where}`,
    params,
  );
  if (!inst) throw invalid({ installationId: { zh: '重大危险源不存在或不在辖区内', en: 'No such installation in your scope' } });
  if (!canEditSensors(actor, inst.enterprise_id)) throw forbidden();
  const [taken] = await tx.query('SELECT 1 FROM sensors WHERE enterprise_id = $1 AND code = $2 AND decommissioned_at IS NULL', [
    inst.enterprise_id,
    b.code,
  ]);
  if (taken) throw invalid({ code: { zh: '本企业已有该点位编号', en: 'This enterprise already has a sensor with this code' } });
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO sensors (installation_id, enterprise_id, code, name, type, unit, range_min, range_max, low_low, low, high, high_high,
       hysteresis, rate_limit, offline_seconds)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [b.installationId, inst.enterprise_id, ...columns(b)],
  );
  const created = (await findSensor(tx, row?.id as string)) as Row;
  await appendAudit(tx, actor, {
    action: 'sensor.create',
    entityType: 'sensor',
    entityId: created.id,
    regionCode: created.region_code,
    after: toSensor(created),
  });
  return created;
}

/** CSV/XLSX columns, Chinese or English headers. */
const HEADERS: Record<string, keyof SensorInput> = {
  重大危险源编号: 'installationId',
  installationId: 'installationId',
  点位编号: 'code',
  code: 'code',
  点位名称: 'name',
  name: 'name',
  类型: 'type',
  type: 'type',
  单位: 'unit',
  unit: 'unit',
  量程下限: 'rangeMin',
  rangeMin: 'rangeMin',
  量程上限: 'rangeMax',
  rangeMax: 'rangeMax',
  低低报: 'lowLow',
  lowLow: 'lowLow',
  低报: 'low',
  low: 'low',
  高报: 'high',
  high: 'high',
  高高报: 'highHigh',
  highHigh: 'highHigh',
  回差: 'hysteresis',
  hysteresis: 'hysteresis',
  变化率上限: 'rateLimit',
  rateLimit: 'rateLimit',
  离线时限秒: 'offlineSeconds',
  offlineSeconds: 'offlineSeconds',
};
const NUMERIC = new Set(['rangeMin', 'rangeMax', 'lowLow', 'low', 'high', 'highHigh', 'hysteresis', 'rateLimit', 'offlineSeconds']);
const TYPE_BY_NAME = new Map<string, string>(
  SENSOR_TYPES.flatMap(
    (t) =>
      [
        [t, t],
        [SENSOR_TYPE_INFO[t].zh, t],
      ] as [string, string][],
  ),
);

const decommissioned = () =>
  new AppError('conflict', { zh: '该点位已停用，不能再修改', en: 'This sensor is decommissioned and can no longer be changed' });

/** Open alarms (not yet cleared) keep a sensor in service: they are handled and cleared first. */
async function refuseWithOpenAlarms(tx: Scoped, sensorId: string) {
  const [open] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM alarms WHERE sensor_id = $1 AND status <> 'cleared'", [
    sensorId,
  ]);
  if (open?.n)
    throw new AppError('conflict', {
      zh: `该点位有 ${open.n} 条未消除的报警，请先处置并消除报警，再停用或删除`,
      en: `This sensor has ${open.n} open alarm(s); handle and clear them before decommissioning or deleting it`,
    });
}

/** The pipeline's newest value where sensor_latest has not caught up with it yet (it is written at most once a second). */
function withLatest(r: Row, pipeline: TelemetryPipeline): Row {
  const mem = pipeline.latestOf(r.id);
  const stored = r.latest_ts ? new Date(r.latest_ts as string).getTime() : null;
  return mem && (stored === null || mem.ts > stored)
    ? { ...r, latest_ts: new Date(mem.ts).toISOString(), latest_value: mem.value, zone: mem.zone }
    : r;
}

export function sensorRoutes(app: FastifyInstance, db: Db, pipeline: TelemetryPipeline) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/sensors',
    access: 'user',
    summary: '监测点位（含最新值、在线状态、未消除报警）Sensors with latest value',
    tags: ['monitoring'],
    query: z.object({ installationId: z.uuid().optional(), enterpriseId: z.uuid().optional() }),
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const params: unknown[] = [];
        const where = [scopeFilter(tx.scope, params, SENSOR_SCOPE)];
        if (query.installationId) where.push(`s.installation_id = $${params.push(query.installationId)}`);
        if (query.enterpriseId) where.push(`s.enterprise_id = $${params.push(query.enterpriseId)}`);
        const rows = await tx.query<Row>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY e.name, m.name, s.code LIMIT 2000`, params);
        return { items: rows.map((r) => toSensor(withLatest(r, pipeline))) };
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/sensors',
    access: 'user',
    summary: '登记监测点位 Register a sensor',
    tags: ['monitoring'],
    body: sensorInputSchema,
    status: 201,
    handler: async ({ body, actor }) => {
      const created = await withScope(db, actor.scope, (tx) => insertSensor(tx, actor, body));
      pipeline.invalidate(created.credit_code);
      return toSensor(created);
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
    handler: async ({ params, body, actor }) => {
      const saved = await withScope(db, actor.scope, async (tx) => {
        const before = await findSensor(tx, params.id, true);
        if (!before) throw notFound();
        if (!canEditSensors(actor, before.enterprise_id)) throw forbidden();
        if (body.version !== undefined && body.version !== before.version) throw new AppError('conflict');
        if (before.decommissioned_at) throw decommissioned();
        if (body.code !== before.code) {
          const [taken] = await tx.query('SELECT 1 FROM sensors WHERE enterprise_id = $1 AND code = $2 AND decommissioned_at IS NULL', [
            before.enterprise_id,
            body.code,
          ]);
          if (taken) throw invalid({ code: { zh: '本企业已有该点位编号', en: 'This enterprise already has a sensor with this code' } });
        }
        if (body.installationId !== before.installation_id)
          throw invalid({ installationId: { zh: '点位不能移到其他重大危险源', en: 'A sensor cannot move to another installation' } });
        await tx.query(
          `UPDATE sensors SET code = $2, name = $3, type = $4, unit = $5, range_min = $6, range_max = $7, low_low = $8, low = $9, high = $10,
             high_high = $11, hysteresis = $12, rate_limit = $13, offline_seconds = $14, version = version + 1, updated_at = now() WHERE id = $1`,
          [params.id, ...columns(body)],
        );
        const after = (await findSensor(tx, params.id)) as Row;
        await appendAudit(tx, actor, {
          action: 'sensor.update',
          entityType: 'sensor',
          entityId: params.id,
          regionCode: after.region_code,
          before: toSensor(before),
          after: toSensor(after),
        });
        return after;
      });
      pipeline.invalidate(saved.credit_code);
      return toSensor(saved);
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
    handler: async ({ params, body, actor }) => {
      const saved = await withScope(db, actor.scope, async (tx) => {
        const before = await findSensor(tx, params.id, true);
        if (!before) throw notFound();
        if (!canEditSensors(actor, before.enterprise_id)) throw forbidden();
        if (body?.version !== undefined && body.version !== before.version) throw new AppError('conflict');
        if (before.decommissioned_at) throw decommissioned();
        await refuseWithOpenAlarms(tx, params.id);
        await tx.query(
          'UPDATE sensors SET decommissioned_at = now(), decommissioned_by = $2, version = version + 1, updated_at = now() WHERE id = $1',
          [params.id, actor.username],
        );
        const after = (await findSensor(tx, params.id)) as Row;
        await appendAudit(tx, actor, {
          action: 'sensor.decommission',
          entityType: 'sensor',
          entityId: params.id,
          regionCode: after.region_code,
          before: toSensor(before),
          after: toSensor(after),
        });
        return after;
      });
      pipeline.invalidate(saved.credit_code);
      return toSensor(saved);
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
      const gone = await withScope(db, actor.scope, async (tx) => {
        const before = await findSensor(tx, params.id, true);
        if (!before) throw notFound();
        if (!canEditSensors(actor, before.enterprise_id)) throw forbidden();
        await refuseWithOpenAlarms(tx, params.id);
        // Readings carry no reference to their sensor (partitioned); the trigger of migration 019 checks again.
        const [history] = await tx.query<{ yes: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM sensor_latest WHERE sensor_id = $1) OR EXISTS (SELECT 1 FROM alarms WHERE sensor_id = $1)
             OR EXISTS (SELECT 1 FROM readings WHERE sensor_id = $1) OR EXISTS (SELECT 1 FROM readings_minute WHERE sensor_id = $1) AS yes`,
          [params.id],
        );
        if (history?.yes)
          throw new AppError(
            'conflict',
            {
              zh: '该点位已有监测数据或报警记录，不能删除；如已不再使用，请停用',
              en: 'This sensor has readings or alarms and cannot be deleted; decommission it instead',
            },
            {},
            { decommission: true },
          );
        await tx.query('DELETE FROM sensors WHERE id = $1', [params.id]);
        await appendAudit(tx, actor, {
          action: 'sensor.delete',
          entityType: 'sensor',
          entityId: params.id,
          regionCode: before.region_code,
          before: toSensor(before),
        });
        return before;
      });
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
    handler: async ({ req, actor }) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type');
      const file = await req.file();
      if (!file) throw invalid({ file: { zh: '请选择文件', en: 'Choose a file' } });
      let grid: unknown[][];
      try {
        grid = await readGrid(await file.toBuffer(), file.filename);
      } catch (err) {
        if (err instanceof TableFormatError) {
          const [zh, en] = err.message.split('||');
          throw invalid({ file: { zh: zh as string, en: en ?? (zh as string) } });
        }
        throw err;
      }
      const [header = [], ...body] = grid;
      const keys = header.map((h) => HEADERS[String(h ?? '').trim()]);
      const parsed = body.flatMap((cells, i) => {
        if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) return [];
        const o: Record<string, unknown> = {};
        keys.forEach((key, j) => {
          const v = cells[j];
          if (!key || v === null || v === undefined || String(v).trim() === '') return;
          o[key] = key === 'type' ? (TYPE_BY_NAME.get(String(v).trim()) ?? v) : NUMERIC.has(key) ? Number(v) : String(v).trim();
        });
        return [{ line: i + 2, result: sensorInputSchema.safeParse(o) }];
      });
      // A message is "中文||English" (domain bi()); each bad line is named with what is wrong.
      const part = (m: string, i: 0 | 1) => m.split('||')[i] ?? m;
      const bad = parsed.filter((p) => !p.result.success);
      if (bad.length)
        throw invalid(
          Object.fromEntries(
            bad.map((p) => {
              const issues = p.result.error?.issues ?? [];
              return [
                `line${p.line}`,
                {
                  zh: issues.map((i) => `${i.path.join('.')}: ${part(i.message, 0)}`).join('；'),
                  en: issues.map((i) => `${i.path.join('.')}: ${part(i.message, 1)}`).join('; '),
                },
              ];
            }),
          ),
          { zh: `${bad.length} 行有误，未导入任何点位`, en: `${bad.length} rows are wrong; nothing was imported` },
        );
      // All or nothing: one transaction.
      const created = await withScope(db, actor.scope, async (tx) => {
        const out: Row[] = [];
        for (const p of parsed) out.push(await insertSensor(tx, actor, p.result.data as SensorInput));
        return out;
      });
      for (const c of created) pipeline.invalidate(c.credit_code);
      return { imported: created.length };
    },
  });
}
