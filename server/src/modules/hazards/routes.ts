// Hazards (隐患): direct reports and those from failed checklist items; the five fixes; the
// lifecycle through POST /transitions (refused → 409/403 with the allowed actions); supervised
// listing; photos of evidence and of rectification; the two lists with Excel export.
import {
  ACTIONS_NEEDING_REASON,
  type Actor,
  allowedHazardActions,
  findingTier,
  fiveFixesSchema,
  HAZARD_LEVELS,
  HAZARD_STATUSES,
  hazardInputSchema,
  hazardTransition,
  hazardTransitionSchema,
  INSPECTION_TIERS,
  type InspectionTier,
  listingSchema,
  mayList,
  ROLE_LABELS,
  type Role,
  roleTier,
  type Scope,
} from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { pageConst, pageFields, Where } from '../../db/where.ts';
import { dossierNumber } from '../../documents/numbers.ts';
import { sendDownload, sendXlsx } from '../../http/download.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { defineRoute, idParams } from '../../http/route.ts';
import type { FileStore } from '../../storage/files.ts';
import { readImageUpload } from '../../storage/uploads.ts';
import { beijingDayStart, iso } from '../../time.ts';
import { enterpriseScope, visibleEnterprise } from '../enterprises/scope.ts';
import { type DossierInspection, hazardDossier } from './dossier.ts';
import { hazardListXlsx } from './export.ts';
import { createHazard } from './service.ts';
import {
  dateOnly,
  factsOf,
  findHazard,
  HAZARD_LIST_COLUMNS,
  HAZARD_SELECT,
  type HazardListRow,
  type HazardRow,
  hazardNumberPattern,
  hazardRegion,
  hazardScope,
  recordTransition,
  toHazard,
  toHazardListItem,
  wholeCounties,
} from './store.ts';

export const hazardListQuery = z.object({
  enterpriseId: z.uuid().optional(),
  region: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为数字||Region code is digits')
    .optional(),
  industry: z
    .string()
    .regex(/^\d{2}$/, '行业为两位大类代码||Industry is a 2-digit division')
    .optional(),
  level: z.enum(HAZARD_LEVELS).optional(),
  status: z.enum([...HAZARD_STATUSES, 'open']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  tier: z.enum(INSPECTION_TIERS).optional(),
  listed: z.enum(['true', 'false', 'county', 'city']).optional(),
  /** Words in the description, the number, the enterprise's name or the location (ILIKE, within the caller's scope). */
  q: z.string().trim().max(100, '关键词最多 100 字||A keyword is at most 100 characters').optional(),
  /** Found (registered) on or after / on or before this Beijing day. */
  from: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
  to: z.iso.date('日期格式为 YYYY-MM-DD||A date is YYYY-MM-DD').optional(),
  sort: z.enum(['deadline', '-createdAt']).default('deadline'),
  ...pageFields(200, 20),
});
type ListQuery = z.infer<typeof hazardListQuery>;

/** WHERE of the hazard list, shared by the API, the export and the benchmark (columns of `hazards h` only). */
export function hazardWhere(tx: Pick<Scoped, 'scope'>, q: Omit<ListQuery, 'page' | 'pageSize' | 'sort'>): Where {
  const w = new Where();
  // Enumerated filters go into the text (eqConst): the level=major list needs its partial index,
  // and the prepared list statement is planned once with them (see hazardListSql).
  w.add(hazardScope(tx, w.params)).eq('h.enterprise_id', q.enterpriseId).eqConst('h.found_tier', q.tier);
  if (q.industry) w.add(`left(h.industry_code, 2) = ${w.param(q.industry)}`);
  placeAndState(w, q);
  if (q.listed === 'true') w.add('h.listed_tier IS NOT NULL');
  else if (q.listed === 'false') w.add('h.listed_tier IS NULL');
  else w.eqConst('h.listed_tier', q.listed);
  if (q.q) {
    // Infix search with no trigram index (PGlite has no pg_trgm): the scope and the other filters
    // narrow the rows through the county indexes first, and ILIKE reads what is left.
    const like = w.param(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    w.add(`(h.description ILIKE ${like} OR h.number ILIKE ${like} OR h.enterprise_name ILIKE ${like} OR h.location ILIKE ${like})`);
  }
  if (q.from) w.add(`h.created_at >= ${w.param(beijingDayStart(q.from))}::timestamptz`);
  if (q.to) w.add(`h.created_at < ${w.param(beijingDayStart(q.to, 1))}::timestamptz`);
  return w;
}
/** The region filter as the prefix hazardRegion takes (its trailing groups of zeros dropped). */
const regionFilter = (q: Pick<ListQuery, 'region'>) => q.region?.replace(/(000)+$/, '');

/**
 * The filters on a hazard's place and state — region, level, status, overdue — which `hazards h`
 * and `hazard_area_counts h` both have as columns of the same names.
 */
function placeAndState(w: Where, q: Pick<ListQuery, 'region' | 'level' | 'status' | 'overdue'>): Where {
  w.eqConst('h.level', q.level);
  const region = regionFilter(q);
  if (region) w.add(hazardRegion(region, w.params));
  if (q.status === 'open') w.add(OPEN);
  else w.eqConst('h.status', q.status);
  if (q.overdue) w.add(q.overdue === 'true' ? 'h.overdue' : 'NOT h.overdue');
  return w;
}
/** Written exactly as in the partial indexes' predicate, so the planner can use them. */
const OPEN = `h.status NOT IN ('closed', 'cancelled')`;
/**
 * Totals not read from the maintained counts are counted up to this many; beyond it the list says
 * "1,000+". Counting a county's whole backlog on every page turn would cost more than the page.
 */
export const HAZARD_COUNT_CAP = 1000;

/**
 * The list's total from the maintained counts without the industry division: exact, and a sum of
 * a few rows instead of counting up to 1,001 hazards. Of whole counties (migration 017, ~30 rows
 * a county) where the caller's area and the region filter are whole counties or more — the county
 * supervisor's list; otherwise of townships (migration 014, ~450 rows a county on the benchmark).
 * Only where the caller may read them (an area not limited to industries or to one enterprise) and
 * every filter is one of their columns; otherwise null, and the list counts its hazards up to the
 * cap.
 */
function areaCountSql(scope: Scope, q: ListQuery, params: unknown[]): string | null {
  if (scope.industries !== null || scope.enterpriseId !== null) return null;
  if (q.enterpriseId || q.industry || q.tier || q.listed === 'county' || q.listed === 'city') return null;
  if (q.q || q.from || q.to) return null;
  const counties = wholeCounties(scope.regionPrefix, regionFilter(q) ?? '');
  const w = placeAndState(new Where(params).add(hazardRegion(scope.regionPrefix, params)), q);
  if (q.listed) w.add(q.listed === 'true' ? 'h.listed' : 'NOT h.listed');
  return `SELECT coalesce(sum(h.n), 0)::int AS capped_total FROM ${counties ? 'hazard_county_counts' : 'hazard_area_counts'} h WHERE ${w.sql}`;
}

/**
 * The page and the total of the hazard list: the statement the API runs (and the benchmark runs
 * bare). `exact`: the total is exact; otherwise it was counted up to HAZARD_COUNT_CAP + 1.
 */
export function hazardListSql(scope: Scope, q: ListQuery) {
  const w = hazardWhere({ scope }, q);
  const area = areaCountSql(scope, q, w.params);
  const total =
    area ?? `SELECT count(*)::int AS capped_total FROM (SELECT 1 FROM hazards h WHERE ${w.sql} LIMIT ${HAZARD_COUNT_CAP + 1}) capped`;
  // One statement, one round trip: the total joined to the page (an empty page still yields the
  // total, on a row whose hazard columns are all null). The filters' values and the page are in
  // the text and only the region (and enterprise, industry) are parameters, so PostgreSQL plans
  // each prepared text once: replanning every page cost more than running it.
  return {
    sql: `SELECT c.capped_total, h.*
      FROM (${total}) c
      LEFT JOIN (SELECT ${HAZARD_LIST_COLUMNS} FROM hazards h WHERE ${w.sql} ORDER BY ${HAZARD_ORDER[q.sort]} ${pageConst(q.page, q.pageSize)}) h ON true
      ORDER BY ${HAZARD_ORDER[q.sort]}`,
    params: w.params,
    exact: area !== null,
  };
}

export const HAZARD_ORDER = { deadline: 'h.deadline NULLS LAST, h.id', '-createdAt': 'h.created_at DESC, h.id' } as const;

async function transitionsOf(tx: Scoped, id: string) {
  const rows = await tx.query<{
    action: string;
    from_status: string | null;
    to_status: string;
    actor: string;
    reason: string | null;
    at: Date | string;
  }>('SELECT action, from_status, to_status, actor, reason, at FROM hazard_transitions WHERE hazard_id = $1 ORDER BY id', [id]);
  return rows.map((r) => ({
    action: r.action,
    from: r.from_status,
    to: r.to_status,
    actor: r.actor,
    reason: r.reason,
    at: new Date(r.at).toISOString(),
  }));
}

/** Same as createHazard (service.ts); kept for whistleblowing/handling.ts until it imports createHazard. */

export function hazardRoutes(app: FastifyInstance, db: Db, files: FileStore) {
  hazardNumberPattern();
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazards',
    access: 'user',
    summary:
      '隐患清单（区划、行业、等级、状态、逾期、层级、挂牌筛选；每行为摘要，详情见单条）Hazard list (a summary per row; the detail has the whole record)',
    tags: ['hazards'],
    query: hazardListQuery,
    handler: async ({ query, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const list = hazardListSql(tx.scope, query);
        // Prepared: the county's list page is the busiest read; the texts vary only by which filters are set.
        // Its dates and moments are passed on as text, not made into Dates and back (db/times.ts).
        const rows = await tx.query<HazardListRow & { capped_total: number }>(list.sql, list.params, { prepare: true, rawTimes: true });
        const n = rows[0]?.capped_total ?? 0;
        const capped = !list.exact && n > HAZARD_COUNT_CAP;
        return {
          items: rows.filter((r) => r.id !== null).map(toHazardListItem),
          total: capped ? HAZARD_COUNT_CAP : n,
          totalCapped: capped,
          page: query.page,
          pageSize: query.pageSize,
        };
      }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazards/export',
    access: 'user',
    summary: '导出隐患清单与制度措施清单（Excel，两个工作表）Export the two lists',
    tags: ['hazards'],
    query: hazardListQuery.omit({ page: true, pageSize: true }),
    handler: async ({ query, actor, reply }) => {
      const rows = await readScoped(db, actor.scope, (tx) => {
        const w = hazardWhere(tx, query);
        return tx.query<HazardRow>(`${HAZARD_SELECT} WHERE ${w.sql} ORDER BY ${HAZARD_ORDER[query.sort]} LIMIT 50000`, w.params);
      });
      sendXlsx(reply, await hazardListXlsx(rows), 'hazards.xlsx', '隐患清单');
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazards/:id',
    access: 'user',
    summary: '隐患详情（含全部流转记录）Hazard with its full history',
    tags: ['hazards'],
    params: idParams,
    handler: async ({ params, actor }) =>
      readScoped(db, actor.scope, async (tx) => {
        const r = await findHazard(tx, params.id);
        if (!r) throw notFound();
        return { ...toHazard(r, actor), transitions: await transitionsOf(tx, params.id) };
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/hazards',
    access: 'user',
    summary: '直接登记隐患 Report a hazard directly',
    tags: ['hazards'],
    body: hazardInputSchema,
    status: 201,
    handler: async ({ body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const e = await visibleEnterprise(tx, body.enterpriseId);
        // The finding tier is the reporter's: enterprises self-inspect; government users report at their tier.
        const foundTier = findingTier(actor, e.id);
        if (foundTier === null) throw forbidden();
        return toHazard(await createHazard(tx, actor, { ...body, foundTier }), actor);
      }),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/hazards/:id',
    access: 'user',
    summary: '填写五落实（责任、措施、资金、时限、预案）与整改情况 Fill in the five fixes',
    tags: ['hazards'],
    params: idParams,
    body: fiveFixesSchema,
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const before = await findHazard(tx, params.id, true);
        if (!before) throw notFound();
        if (!toHazard(before, actor).canEditFixes) throw forbidden();
        if (body.version !== undefined && body.version !== before.version) throw new AppError('conflict');
        const set = (v: unknown) => (v === undefined ? null : v);
        await tx.query(
          `UPDATE hazards SET owner = coalesce($2, owner), measures = coalesce($3, measures), funds = coalesce($4, funds),
             deadline = coalesce($5::date, deadline), contingency = coalesce($6, contingency),
             rectification_note = coalesce($7, rectification_note), version = version + 1, updated_at = now() WHERE id = $1`,
          [
            params.id,
            set(body.owner),
            set(body.measures),
            set(body.funds),
            set(body.deadline),
            set(body.contingency),
            set(body.rectificationNote),
          ],
        );
        const after = (await findHazard(tx, params.id)) as HazardRow;
        await appendAudit(tx, actor, {
          action: 'hazard.fixes',
          entityType: 'hazard',
          entityId: params.id,
          regionCode: after.region_code,
          before: toHazard(before, actor),
          after: toHazard(after, actor),
        });
        return toHazard(after, actor);
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/hazards/:id/transitions',
    access: 'user',
    summary: '隐患流转（交办、开始整改、提交验收、验收销号、退回、撤销）Take a lifecycle step',
    tags: ['hazards'],
    params: idParams,
    body: hazardTransitionSchema,
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        // Row lock: of two users acting at once, the second waits, then sees the new state and is refused.
        const before = await findHazard(tx, params.id, true);
        if (!before) throw notFound();
        const facts = factsOf(before);
        const allowed = allowedHazardActions(actor, facts);
        if (body.version !== undefined && body.version !== before.version) {
          throw refusal('conflict', { zh: '隐患已被他人处理，请刷新', en: 'The hazard changed; reload' }, allowed);
        }
        const t = hazardTransition(actor, facts, body.action);
        if (!t.ok) {
          if (t.reason === 'forbidden') throw refusal('forbidden', { zh: '无权执行此操作', en: 'You may not take this step' }, allowed);
          if (t.reason === 'incomplete') {
            throw new AppError(
              'validation_error',
              { zh: '请先补全必填内容', en: 'Complete the required fields first' },
              Object.fromEntries(t.missing.map((m) => [m, { zh: '必填', en: 'Required' }])),
            );
          }
          throw refusal('conflict', { zh: `当前状态不能执行该操作`, en: `Not possible from status ${before.status}` }, allowed);
        }
        if (ACTIONS_NEEDING_REASON.includes(body.action) && !body.reason)
          throw invalid({ reason: { zh: '请填写原因', en: 'A reason is required' } });
        await tx.query(
          `UPDATE hazards SET status = $2, version = version + 1, updated_at = now(),
             closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END,
             overdue = CASE WHEN $2 IN ('closed', 'cancelled') THEN false ELSE overdue END WHERE id = $1`,
          [params.id, t.to],
        );
        await recordTransition(tx, params.id, body.action, before.status, t.to, actor.username, body.reason ?? null);
        const after = (await findHazard(tx, params.id)) as HazardRow;
        await appendAudit(tx, actor, {
          action: `hazard.${body.action}`,
          entityType: 'hazard',
          entityId: params.id,
          regionCode: after.region_code,
          before: { status: before.status },
          after: { status: after.status, reason: body.reason ?? null },
        });
        return { ...toHazard(after, actor), transitions: await transitionsOf(tx, params.id) };
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/hazards/:id/listing',
    access: 'user',
    summary: '挂牌督办（县级或市级，重大隐患）List a major hazard for supervision',
    tags: ['hazards'],
    params: idParams,
    body: listingSchema,
    handler: async ({ params, body, actor }) =>
      withScope(db, actor.scope, async (tx) => {
        const before = await findHazard(tx, params.id, true);
        if (!before) throw notFound();
        const tier = mayList(actor, before.level);
        if (!tier)
          throw forbidden({ zh: '仅县级、市级监管人员可对重大隐患挂牌督办', en: 'Only county or city supervisors list major hazards' });
        if (before.listed_tier || ['closed', 'cancelled'].includes(before.status)) throw new AppError('conflict');
        await tx.query(
          `UPDATE hazards SET listed_tier = $2, listing_deadline = $3, listing_officer = $4, listed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
          [params.id, tier, body.deadline, body.officer],
        );
        await recordTransition(tx, params.id, 'list', before.status, before.status, actor.username, body.note ?? null);
        const after = (await findHazard(tx, params.id)) as HazardRow;
        await appendAudit(tx, actor, {
          action: 'hazard.list',
          entityType: 'hazard',
          entityId: params.id,
          regionCode: after.region_code,
          after: { tier, ...body },
        });
        return toHazard(after, actor);
      }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/hazards/:id/photos',
    access: 'user',
    summary: '上传隐患或整改照片（PNG/JPEG ≤ 5 MB）Add a photo (evidence, or proof of rectification)',
    tags: ['hazards'],
    params: idParams,
    status: 201,
    handler: async ({ params, actor, req }) => {
      const current = await readScoped(db, actor.scope, (tx) => findHazard(tx, params.id));
      if (!current) throw notFound();
      const own = actor.scope.enterpriseId === current.enterprise_id;
      // Enterprises add proof while rectifying; government adds evidence while the hazard is open.
      const column = own ? 'rectification_evidence' : 'evidence';
      if (!own && roleTier(actor.role) === null) throw forbidden();
      refusePhoto(current.status, own);
      const image = await readImageUpload(req);
      const key = await files.put('photos', image.data);
      try {
        return await withScope(db, actor.scope, async (tx) => {
          const h = await findHazard(tx, params.id, true);
          if (!h) throw notFound();
          // Again under the row lock: it may have been closed while the photo was uploading.
          refusePhoto(h.status, own);
          await tx.query(`UPDATE hazards SET ${column} = ${column} || $2::jsonb, updated_at = now() WHERE id = $1`, [
            params.id,
            JSON.stringify([key]),
          ]);
          await appendAudit(tx, actor, {
            action: 'hazard.photo',
            entityType: 'hazard',
            entityId: params.id,
            regionCode: h.region_code,
            after: { key, column },
          });
          return { key };
        });
      } catch (err) {
        await files.delete(key);
        throw err;
      }
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazards/:id/photos/:key',
    access: 'user',
    summary: '隐患照片 A hazard photo',
    tags: ['hazards'],
    params: z.object({ id: z.uuid(), key: z.uuid() }),
    handler: async ({ params, actor, reply }) => {
      const h = await readScoped(db, actor.scope, (tx) => findHazard(tx, params.id));
      const key = `photos/${params.key}`;
      // Only photos that belong to this hazard (or its inspection) are served through it.
      const inspectionPhotos = h?.inspection_id ? await inspectionPhotoKeys(db, actor, h.inspection_id) : [];
      if (!h || ![...h.evidence, ...h.rectification_evidence, ...inspectionPhotos].includes(key)) throw notFound();
      const data = await files.get(key);
      if (!data) throw notFound();
      reply
        .header('Content-Type', data[0] === 0x89 ? 'image/png' : 'image/jpeg')
        .header('Cache-Control', 'private, max-age=3600')
        .send(data);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/hazards/:id/dossier.pdf',
    access: 'user',
    summary:
      '隐患档案（一患一档，PDF）The hazard dossier: the hazard, its inspection, five fixes, listing, transitions, acceptance, photos',
    tags: ['hazards'],
    params: idParams,
    handler: async ({ params, actor, reply }) => {
      const found = await readScoped(db, actor.scope, async (tx) => {
        const h = await findHazard(tx, params.id);
        if (!h) return null;
        return { h, transitions: await transitionsOf(tx, h.id), inspection: h.inspection_id ? await dossierInspection(tx, h) : null };
      });
      if (!found) throw notFound();
      const { h, transitions, inspection } = found;
      // The dossier's official number: issued (a write) only the first time it is generated; the
      // same afterwards, read with the hazard.
      const number = h.dossier_number ?? (await withScope(db, actor.scope, (tx) => dossierNumber(tx, h.id)));
      const actors = await actorNames(db, [h.found_by, ...transitions.map((t) => t.actor), inspection?.dossier.submittedBy]);
      // Each photo once, in the order it was taken: the inspection's, evidence, proof of rectification.
      const captions = new Map<string, string>();
      const add = (keys: string[], caption: string) =>
        keys.forEach((k, n) => {
          if (!captions.has(k)) captions.set(k, `${caption} ${n + 1}`);
        });
      add(inspection?.photos ?? [], '检查照片');
      add(h.evidence, '隐患照片');
      add(h.rectification_evidence, '整改照片');
      const pdf = await hazardDossier(
        {
          hazard: h,
          transitions,
          inspection: inspection?.dossier ?? null,
          photos: [...captions].map(([key, caption]) => ({ key, caption })),
          readPhoto: (key) => files.get(key),
          generatedAt: new Date(),
          actors,
          dossierNumber: number,
        },
        (err) => reply.log.error({ err, hazard: h.id }, 'hazard dossier failed while it was being sent'),
      );
      return sendDownload(
        reply,
        pdf,
        'application/pdf',
        `hazard-${h.id.slice(0, 8)}.pdf`,
        `隐患档案-${number}-${h.number ? `${h.number}-` : ''}${h.description.slice(0, 40)}.pdf`,
      );
    },
  });
}

/** The inspection a hazard was found in, as its dossier shows it, and the photos of its item. */
async function dossierInspection(tx: Scoped, h: HazardRow): Promise<{ dossier: DossierInspection; photos: string[] } | null> {
  const params: unknown[] = [h.inspection_id];
  const [r] = await tx.query<{
    tier: InspectionTier;
    checklist_name: string;
    checklist_version: number;
    planned_date: string | Date | null;
    submitted_at: string | Date | null;
    submitted_by: string | null;
    unannounced: boolean;
    location: string | null;
    results: { itemCode: string; result: string; note: string | null; photos?: string[] }[];
  }>(
    `SELECT i.tier, c.name AS checklist_name, c.version AS checklist_version, i.planned_date, i.submitted_at, i.submitted_by,
            i.unannounced, i.location, i.results
     FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id JOIN checklist_templates c ON c.id = i.checklist_id
     WHERE i.id = $1 AND ${enterpriseScope(tx, params)}`,
    params,
  );
  if (!r) return null;
  const item = r.results.find((x) => x.itemCode === h.checklist_item) ?? null;
  return {
    dossier: {
      tier: r.tier,
      checklistName: r.checklist_name,
      checklistVersion: r.checklist_version,
      plannedDate: dateOnly(r.planned_date),
      submittedAt: iso(r.submitted_at),
      submittedBy: r.submitted_by,
      unannounced: r.unannounced,
      location: r.location,
      item: item && { code: item.itemCode, result: item.result, note: item.note },
    },
    photos: item?.photos ?? [],
  };
}

/**
 * The people who acted on a hazard, as its dossier names them: 王五（县级监管人员）. Read past the
 * reader's scope — the county supervisor who accepted is outside an enterprise's, and the dossier is
 * the same document whoever downloads it — but only for the usernames of a hazard the reader may
 * see, and only their names and roles.
 */
async function actorNames(db: Db, usernames: (string | null | undefined)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(usernames.filter((u): u is string => !!u))];
  const rows = await db.query<{ username: string; display_name: string; role: Role }>(
    'SELECT username, display_name, role FROM users WHERE username = ANY($1::text[])',
    [wanted],
  );
  return Object.fromEntries(rows.map((r) => [r.username, `${r.display_name}（${ROLE_LABELS[r.role]?.zh ?? '用户'}）`]));
}

async function inspectionPhotoKeys(db: Db, actor: Actor, inspectionId: string): Promise<string[]> {
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [inspectionId];
    const [r] = await tx.query<{ results: { photos?: string[] }[] }>(
      `SELECT i.results FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id WHERE i.id = $1 AND ${enterpriseScope(tx, params)}`,
      params,
    );
    return (r?.results ?? []).flatMap((x) => x.photos ?? []);
  });
}

/**
 * No photo is added to a closed (accepted or cancelled) hazard: what was filed when it closed is
 * its record. The enterprise's proof of rectification also stops once it is submitted for acceptance.
 */
function refusePhoto(status: HazardRow['status'], own: boolean) {
  if (status === 'closed' || status === 'cancelled')
    throw new AppError('conflict', { zh: '隐患已销号或撤销，不能再添加照片', en: 'The hazard is closed; no photos may be added' });
  if (own && status === 'pendingAcceptance')
    throw new AppError('conflict', { zh: '已提交验收，不能再添加整改照片', en: 'Submitted for acceptance; no more proof may be added' });
}

/** A refused step answers with the steps this user may take now. */
const refusal = (code: 'conflict' | 'forbidden', messages: { zh: string; en: string }, allowed: string[]) =>
  new AppError(code, messages, {}, { allowedActions: allowed });
