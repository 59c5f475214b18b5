// Inspections at four tiers (企业自查 / 镇办巡查 / 县级排查 / 市级核查): planned for enterprises,
// executed item by item (pass / fail / not applicable, notes, photos), and submitted — after which
// the record is immutable and every failed item has become a hazard (a failed major-hazard
// criterion proposes a major one). Unannounced inspections (四不两直) are marked as such.
import {
  type Actor,
  type ChecklistItem,
  type InspectionTier,
  inspectionPlanSchema,
  inspectionResultsSchema,
  isAdmin,
  mayInspect,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { pageFields, Where } from '../../db/where.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { readImageUpload } from '../../storage/uploads.ts';
import { enterpriseScope, visibleEnterprise } from '../enterprises/scope.ts';
import { findChecklist, toChecklist } from './checklists.ts';
import { createHazard } from './service.ts';
import { dateOnly, toHazard } from './store.ts';

type Result = { itemCode: string; result: 'pass' | 'fail' | 'na'; note: string | null; photos: string[] };
type Row = {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  tier: InspectionTier;
  checklist_id: string;
  checklist_name: string;
  checklist_version: number;
  planned_date: string | Date;
  inspector_id: string | null;
  inspector_name: string | null;
  unannounced: boolean;
  status: 'planned' | 'submitted';
  results: Result[];
  /** Photos uploaded to this inspection (migration 018): the only ones its results may hold. */
  uploaded_photos: string[];
  location: string | null;
  submitted_at: string | Date | null;
  submitted_by: string | null;
  planned_by: string;
  version: number;
};

const SELECT = `SELECT i.*, e.name AS enterprise_name, e.region_code, c.name AS checklist_name, c.version AS checklist_version,
    u.display_name AS inspector_name
  FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id JOIN checklist_templates c ON c.id = i.checklist_id
  LEFT JOIN users u ON u.id = i.inspector_id`;

const toInspection = (r: Row, actor: Actor) => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  tier: r.tier,
  checklistId: r.checklist_id,
  checklistName: r.checklist_name,
  checklistVersion: r.checklist_version,
  plannedDate: dateOnly(r.planned_date),
  inspectorId: r.inspector_id,
  inspectorName: r.inspector_name,
  unannounced: r.unannounced,
  status: r.status,
  results: r.results,
  location: r.location,
  submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
  submittedBy: r.submitted_by,
  plannedBy: r.planned_by,
  version: r.version,
  canExecute:
    r.status === 'planned' && (r.inspector_id ? r.inspector_id === actor.id || isAdmin(actor) : mayInspect(actor, r.tier, r.enterprise_id)),
});

async function find(tx: Scoped, id: string, forUpdate = false) {
  const params: unknown[] = [id];
  return (
    await tx.query<Row>(`${SELECT} WHERE i.id = $1 AND ${enterpriseScope(tx, params)}${forUpdate ? ' FOR UPDATE OF i' : ''}`, params)
  )[0];
}

const day = z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD');
export const inspectionListQuery = z.object({
  enterpriseId: z.uuid().optional(),
  tier: z.enum(['self', 'patrol', 'county', 'city']).optional(),
  status: z.enum(['planned', 'submitted']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  /** Planned on or after / on or before this day. */
  from: day.optional(),
  to: day.optional(),
  ...pageFields(),
});

/** WHERE of the inspection list (joined to `enterprises e`), shared with the workbench's counts. */
export function inspectionWhere(tx: Scoped, actor: Actor, query: Omit<z.infer<typeof inspectionListQuery>, 'page' | 'pageSize'>): Where {
  const w = new Where();
  w.add(enterpriseScope(tx, w.params)).eq('i.enterprise_id', query.enterpriseId).eq('i.tier', query.tier).eq('i.status', query.status);
  if (query.mine === 'true') w.eq('i.inspector_id', actor.id);
  if (query.from) w.add(`i.planned_date >= ${w.param(query.from)}::date`);
  if (query.to) w.add(`i.planned_date <= ${w.param(query.to)}::date`);
  return w;
}

/** The list's total. */
export async function countInspections(tx: Scoped, w: Where): Promise<number> {
  const [c] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id WHERE ${w.sql}`,
    w.params,
  );
  return c?.n ?? 0;
}

export function inspectionRoutes(app: FastifyInstance, db: Db, files: FileStore) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/inspections',
    access: 'user',
    summary: '检查记录与计划 Inspections (planned and submitted)',
    tags: ['inspections'],
    query: inspectionListQuery,
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const w = inspectionWhere(tx, actor, query);
        const page = w.page(query.page, query.pageSize);
        const rows = await tx.query<Row>(`${SELECT} WHERE ${w.sql} ORDER BY i.planned_date DESC, i.id ${page.limit}`, page.params);
        return {
          items: rows.map((r) => toInspection(r, actor)),
          total: await countInspections(tx, w),
          page: query.page,
          pageSize: query.pageSize,
        };
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/inspections/:id',
    access: 'user',
    summary: '检查详情（含检查表）Inspection with its checklist',
    tags: ['inspections'],
    params: idParams,
    handler: async ({ params, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const r = await find(tx, params.id);
        if (!r) throw notFound();
        const checklist = await findChecklist(tx, r.checklist_id);
        const hazards = await tx.query<{ id: string; number: string | null; description: string; level: string; status: string }>(
          'SELECT id, number, description, level, status FROM hazards WHERE inspection_id = $1 ORDER BY created_at',
          [params.id],
        );
        return { ...toInspection(r, actor), checklist: checklist ? toChecklist(checklist) : null, hazards };
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/inspections',
    access: 'user',
    summary: '制定检查计划（企业、层级、检查表、日期、检查人；可标记四不两直）Plan inspections',
    tags: ['inspections'],
    body: inspectionPlanSchema,
    status: 201,
    handler: async ({ body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const checklist = await findChecklist(tx, body.checklistId);
        if (!checklist) throw invalid({ checklistId: { zh: '检查表不存在', en: 'No such checklist' } });
        if (!checklist.tiers.includes(body.tier))
          throw invalid({ tier: { zh: '该检查表不适用于此层级', en: 'The checklist is not for this tier' } });
        const created: string[] = [];
        for (const enterpriseId of body.enterpriseIds) {
          const e = await visibleEnterprise(tx, enterpriseId);
          if (!mayInspect(actor, body.tier, e.id))
            throw forbidden({ zh: '无权安排该层级的检查', en: 'You may not plan inspections of this tier' });
          const [row] = await tx.query<{ id: string }>(
            `INSERT INTO inspections (enterprise_id, tier, checklist_id, planned_date, inspector_id, unannounced, planned_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
            [e.id, body.tier, checklist.id, body.plannedDate, body.inspectorId ?? null, body.unannounced, actor.username],
          );
          created.push(row?.id as string);
          await appendAudit(tx, actor, {
            action: 'inspection.plan',
            entityType: 'inspection',
            entityId: row?.id,
            regionCode: e.region_code,
            after: { ...body, enterpriseIds: undefined, enterpriseId: e.id },
          });
        }
        const rows = await Promise.all(created.map((id) => find(tx, id)));
        return { items: rows.map((r) => toInspection(r as Row, actor)) };
      }),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/v1/inspections/:id/results',
    access: 'user',
    summary: '保存检查结果（提交前可反复保存）Save results while inspecting',
    tags: ['inspections'],
    params: idParams,
    body: inspectionResultsSchema,
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const r = await find(tx, params.id, true);
        if (!r) throw notFound();
        if (r.status === 'submitted')
          throw new AppError('conflict', { zh: '检查记录已提交，不能修改', en: 'A submitted inspection cannot change' });
        if (!toInspection(r, actor).canExecute) throw forbidden();
        if (body.version !== undefined && body.version !== r.version) throw new AppError('conflict');
        const checklist = await findChecklist(tx, r.checklist_id);
        const codes = new Set((checklist?.items ?? []).map((i) => i.code));
        const unknown = body.results.filter((x) => !codes.has(x.itemCode));
        if (unknown.length)
          throw invalid({
            results: {
              zh: `检查项不存在：${unknown.map((x) => x.itemCode).join('、')}`,
              en: `Unknown items: ${unknown.map((x) => x.itemCode).join(', ')}`,
            },
          });
        // A photo is one uploaded to this inspection: another inspection's (or hazard's) key would
        // otherwise be served, and filed into a dossier, as this one's.
        const uploaded = new Set(r.uploaded_photos);
        const foreign = body.results.flatMap((x) => x.photos.filter((p) => !uploaded.has(p)).map(() => x.itemCode));
        if (foreign.length)
          throw invalid({
            results: {
              zh: `照片不属于本次检查，请重新上传：${[...new Set(foreign)].join('、')}`,
              en: `Photos not uploaded to this inspection; upload them again: ${[...new Set(foreign)].join(', ')}`,
            },
          });
        await tx.query('UPDATE inspections SET results = $2::jsonb, location = $3, version = version + 1 WHERE id = $1', [
          params.id,
          JSON.stringify(body.results),
          body.location,
        ]);
        return toInspection((await find(tx, params.id)) as Row, actor);
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/inspections/:id/photos',
    access: 'user',
    summary: '上传检查照片（返回 key，写入某检查项的 photos）Upload an inspection photo',
    tags: ['inspections'],
    params: idParams,
    status: 201,
    handler: async ({ params, actor, req }) => {
      const r = await readScoped(db, actor.scope, (tx) => find(tx, params.id));
      if (!r) throw notFound();
      if (!toInspection(r, actor).canExecute) throw forbidden();
      const image = await readImageUpload(req);
      const key = await files.put('photos', image.data);
      try {
        // Recorded on the inspection (not its version: results being edited stay current), so
        // that its results may reference the photo.
        await withScope(db, actor.scope, async (tx) => {
          const now = await find(tx, params.id, true);
          if (!now) throw notFound();
          if (now.status === 'submitted')
            throw new AppError('conflict', { zh: '检查记录已提交，不能修改', en: 'A submitted inspection cannot change' });
          await tx.query('UPDATE inspections SET uploaded_photos = uploaded_photos || $2::jsonb WHERE id = $1', [
            params.id,
            JSON.stringify([key]),
          ]);
        });
      } catch (err) {
        await files.delete(key);
        throw err;
      }
      return { key, width: image.width, height: image.height };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/inspections/:id/photos/:key',
    access: 'user',
    summary: '检查照片 An inspection photo',
    tags: ['inspections'],
    params: z.object({ id: z.uuid(), key: z.uuid() }),
    handler: async ({ params, actor, reply }) => {
      const r = await readScoped(db, actor.scope, (tx) => find(tx, params.id));
      const key = `photos/${params.key}`;
      if (!r?.results.some((x) => x.photos.includes(key))) throw notFound();
      const data = await files.get(key);
      if (!data) throw notFound();
      reply.header('Content-Type', data[0] === 0x89 ? 'image/png' : 'image/jpeg').send(data);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/inspections/:id/submit',
    access: 'user',
    summary: '提交检查（此后不可修改；不合格项生成隐患）Submit: immutable afterwards; failed items become hazards',
    tags: ['inspections'],
    params: idParams,
    body: z.strictObject({ version: z.number().int().min(1).optional() }).optional(),
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const r = await find(tx, params.id, true);
        if (!r) throw notFound();
        if (r.status === 'submitted') throw new AppError('conflict', { zh: '检查记录已提交', en: 'Already submitted' });
        if (!toInspection(r, actor).canExecute) throw forbidden();
        if (body?.version !== undefined && body.version !== r.version) throw new AppError('conflict');
        const checklist = await findChecklist(tx, r.checklist_id);
        const items = (checklist?.items ?? []) as ChecklistItem[];
        const answered = new Map(r.results.map((x) => [x.itemCode, x]));
        const missing = items.filter((i) => !answered.has(i.code));
        if (missing.length) {
          throw invalid({ results: { zh: `还有 ${missing.length} 项未检查`, en: `${missing.length} items not checked yet` } });
        }
        await tx.query(
          `UPDATE inspections SET status = 'submitted', submitted_at = now(), submitted_by = $2, version = version + 1 WHERE id = $1`,
          [params.id, actor.username],
        );
        const hazards = [];
        for (const item of items) {
          const res = answered.get(item.code);
          if (res?.result !== 'fail') continue;
          const h = await createHazard(tx, actor, {
            enterpriseId: r.enterprise_id,
            description: `${item.text}${res.note ? `（${res.note}）` : ''}`,
            location: r.location,
            level: item.majorCriterion ? 'major' : 'general',
            foundTier: r.tier,
            inspectionId: r.id,
            checklistItem: item.code,
            evidence: res.photos,
            owner: null,
            measures: null,
            funds: null,
            deadline: null,
            contingency: null,
          });
          hazards.push(toHazard(h, actor));
        }
        const after = (await find(tx, params.id)) as Row;
        await appendAudit(tx, actor, {
          action: 'inspection.submit',
          entityType: 'inspection',
          entityId: params.id,
          regionCode: after.region_code,
          after: { results: after.results, unannounced: after.unannounced, hazards: hazards.map((h) => h.id) },
        });
        return { ...toInspection(after, actor), hazards };
      }),
  });
}
