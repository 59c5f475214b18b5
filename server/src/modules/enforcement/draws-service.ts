// 双随机 draws' commands: commit (freeze the lists, publish their hashes and the commitment, keep
// the nonce secret), perform (at or after the announced time, with the public value: the seed, the
// picks, one planned inspection per pick, the nonce revealed), cancel (before the time only), and
// the views: the organ's, and the public record (一公开). Each change is audited in its transaction.
import { randomBytes } from 'node:crypto';
import {
  type Actor,
  DRAW_ALGORITHM,
  DRAW_CLASSES,
  type DrawClassWeights,
  type DrawCreate,
  type DrawDetail,
  type DrawError,
  type DrawPage,
  type DrawSummary,
  drawActions,
  drawCommitment,
  drawInspectorsHash,
  drawObjectsHash,
  drawProblems,
  drawSeed,
  mayDraw,
  NATIONAL_SCOPE,
  normalizePublicValue,
  type PublicDraw,
  type PublicDrawSummary,
  performDraw as runDraw,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { todayInShanghai } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';
import {
  currentInspectors,
  currentObjects,
  type DrawRow,
  departmentOf,
  drawLists,
  drawSecret,
  type FrozenInspector,
  type FrozenObject,
  findDraw,
  insertDraw,
  insertPicks,
  listDraws as listDrawRows,
  markCancelled,
  markDrawn,
  type PickRow,
  picksOf,
  regionOf,
} from './draws-store.ts';

const at = (d: Date | string) => new Date(d).toISOString();
const addDays = (day: string, days: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Days from the draw to the inspections' planned day when the draw does not say. */
export const DEFAULT_PLANNED_DAYS = 30;

function toSummary(r: DrawRow, actor: Actor | null, now: Date): DrawSummary {
  const drawAt = at(r.draw_at);
  return {
    id: r.id,
    title: r.title,
    organ: r.organ,
    regionCode: r.region_code,
    departmentId: r.department_id,
    planId: r.plan_id,
    status: r.status,
    n: r.n,
    objectsCount: r.objects_count,
    inspectorsCount: r.inspectors_count,
    algorithm: r.algorithm,
    objectsHash: r.objects_hash,
    inspectorsHash: r.inspectors_hash,
    commitment: r.commitment,
    committedAt: at(r.committed_at),
    drawAt,
    publicValueSource: r.public_value_source,
    publicValue: r.public_value,
    performedAt: r.performed_at ? at(r.performed_at) : null,
    cancelledAt: r.cancelled_at ? at(r.cancelled_at) : null,
    allowedActions: actor ? drawActions(actor, { status: r.status, drawAt }, now) : [],
  };
}

function picksView(picks: PickRow[], objects: FrozenObject[], inspectors: FrozenInspector[]) {
  const names = new Map(objects.map((o) => [o.enterpriseId, o.enterpriseName]));
  const officers = new Map(inspectors.map((i) => [i.userId, i.name]));
  return picks.map((p) => ({
    rank: p.rank,
    enterpriseId: p.enterprise_id,
    enterpriseName: names.get(p.enterprise_id) ?? '',
    officerIds: p.officer_ids,
    officerNames: p.officer_ids.map((o) => officers.get(o) ?? ''),
    inspectionId: p.inspection_id,
    inspectionStatus: p.inspection_status,
  }));
}

async function detail(tx: Scoped, r: DrawRow, actor: Actor, now = new Date()): Promise<DrawDetail> {
  const { objects, inspectors } = await drawLists(tx, r.id);
  return {
    ...toSummary(r, actor, now),
    filters: r.filters,
    classWeights: r.class_weights,
    allowOtherRegions: r.allow_other_regions,
    plannedOn: r.planned_on,
    cancelReason: r.cancel_reason,
    objects,
    inspectors,
    serverNonce: r.status === 'drawn' ? r.server_nonce : null,
    seed: r.seed,
    picks: picksView(await picksOf(tx, r.id), objects, inspectors),
  };
}

export async function listDraws(
  db: Db,
  actor: Actor,
  q: { status?: DrawSummary['status']; page: number; pageSize: number },
): Promise<DrawPage> {
  const now = new Date();
  const { rows, total } = await readScoped(db, actor.scope, (tx) => listDrawRows(tx, q));
  return {
    items: rows.map((r) => toSummary(r, actor, now)),
    total,
    page: q.page,
    pageSize: q.pageSize,
    allowedActions: mayDraw(actor) ? ['create' as const] : [],
  };
}

export function getDraw(db: Db, actor: Actor, id: string): Promise<DrawDetail> {
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findDraw(tx, id);
    if (!r) throw notFound();
    return detail(tx, r, actor);
  });
}

/** The class weights in force at a place (settings enforcement.drawWeightA…D). */
async function defaultWeights(tx: Scoped, regionCode: string): Promise<DrawClassWeights> {
  const [A, B, C, D] = await Promise.all(DRAW_CLASSES.map((c) => effectiveSetting(tx, `enforcement.drawWeight${c}`, regionCode)));
  return { A, B, C, D } as DrawClassWeights;
}

/** The actor's own department (a department inspector draws for it). */
async function actorDepartment(tx: Scoped, actor: Actor): Promise<string | null> {
  const [r] = await tx.query<{ department_id: string | null }>('SELECT department_id FROM users WHERE id = $1', [actor.id]);
  return r?.department_id ?? null;
}

/**
 * Commits a draw: the organ (a county or city in the actor's scope, its own by default), the object
 * list from the directory and the inspector list from the officers' registry, frozen as they are
 * now; the hashes and the commitment published, the nonce kept. Refused (400) when a list is empty,
 * an enterprise would have fewer than two inspectors free of conflicts, or the draw time is too soon.
 */
export async function commitDraw(db: Db, actor: Actor, input: DrawCreate, now = new Date()): Promise<DrawDetail> {
  if (!mayDraw(actor)) throw new AppError('forbidden');
  return withScope(db, actor.scope, async (tx) => {
    const regionCode = input.regionCode ?? actor.scope.regionPrefix.padEnd(12, '0');
    const region = await regionOf(tx, regionCode);
    if (!region || !regionCode.startsWith(actor.scope.regionPrefix) || !['county', 'city'].includes(region.level))
      throw invalid({ regionCode: { zh: '请选择辖区内的县（区）或市', en: 'Choose a county or city of your jurisdiction' } });

    let departmentId = input.departmentId ?? null;
    if (actor.role === 'departmentInspector') departmentId = await actorDepartment(tx, actor);
    let industryDivisions = actor.scope.industries;
    if (departmentId) {
      const dep = await departmentOf(tx, departmentId);
      if (!dep?.region_code.startsWith(region.prefix))
        throw invalid({ departmentId: { zh: '部门不在该辖区', en: 'The department is not of this region' } });
      industryDivisions = industryDivisions ? industryDivisions.filter((d) => dep.industries.includes(d)) : dep.industries;
    }
    if (input.filters.regionPrefix && !input.filters.regionPrefix.startsWith(region.prefix))
      throw invalid({ 'filters.regionPrefix': { zh: '区划不在该辖区内', en: 'The region is outside the organ’s' } });

    const drawAt = new Date(input.drawAt);
    const lead = await effectiveSetting(tx, 'enforcement.drawLeadHours', regionCode);
    if (drawAt.getTime() <= now.getTime() || drawAt.getTime() < now.getTime() + lead * 3600_000)
      throw invalid({
        drawAt: {
          zh: `抽取时间须在公示承诺至少 ${lead} 小时之后`,
          en: `The draw time must be at least ${lead} hours after the commitment`,
        },
      });
    const drawDay = todayInShanghai(drawAt);
    const plannedOn = input.plannedOn ?? addDays(drawDay, DEFAULT_PLANNED_DAYS);
    if (plannedOn < drawDay)
      throw invalid({ plannedOn: { zh: '检查日期不能早于抽取日', en: 'The inspections cannot be planned before the draw' } });

    const weights = input.classWeights ?? (await defaultWeights(tx, regionCode));
    let objects = await currentObjects(tx, region.prefix, input.filters, weights);
    if (industryDivisions) objects = await limitToDivisions(tx, objects, industryDivisions);
    const poolPrefix = input.allowOtherRegions ? region.prefix.slice(0, region.level === 'county' ? 4 : 2) : region.prefix;
    const inspectors = await currentInspectors(tx, {
      poolPrefix,
      organPrefix: region.prefix,
      departmentId,
      onDay: plannedOn,
      enterpriseIds: objects.map((o) => o.enterpriseId),
    });
    const problem = drawProblems(objects, inspectors);
    if (problem) throw problemError(problem, objects, inspectors.length);

    const objectsHash = drawObjectsHash(objects);
    const inspectorsHash = drawInspectorsHash(inspectors);
    const serverNonce = randomBytes(32).toString('hex');
    const commitment = drawCommitment({ objectsHash, inspectorsHash, algorithm: DRAW_ALGORITHM, n: input.n, serverNonce });
    const id = await insertDraw(tx, {
      regionCode,
      departmentId,
      industryDivisions,
      title: input.title,
      planId: input.planId ?? null,
      filters: input.filters,
      n: input.n,
      classWeights: weights,
      allowOtherRegions: input.allowOtherRegions,
      objects,
      inspectors,
      objectsHash,
      inspectorsHash,
      algorithm: DRAW_ALGORITHM,
      serverNonce,
      commitment,
      committedAt: now,
      drawAt: drawAt.toISOString(),
      publicValueSource: input.publicValueSource,
      plannedOn,
      createdBy: actor.id,
    });
    // The trail has everything committed to but the nonce (it would let a reader of the trail
    // predict the draw); the perform event reveals it.
    await appendAudit(tx, actor, {
      action: 'enforcementDraw.commit',
      entityType: 'enforcementDraw',
      entityId: id,
      regionCode,
      after: {
        title: input.title,
        n: input.n,
        filters: input.filters,
        classWeights: weights,
        allowOtherRegions: input.allowOtherRegions,
        objectsCount: objects.length,
        inspectorsCount: inspectors.length,
        objectsHash,
        inspectorsHash,
        algorithm: DRAW_ALGORITHM,
        commitment,
        drawAt: drawAt.toISOString(),
        publicValueSource: input.publicValueSource,
        plannedOn,
      },
    });
    const row = await findDraw(tx, id);
    if (!row) throw new Error('committed draw not visible');
    return detail(tx, row, actor, now);
  });
}

/** A department's draw keeps the enterprises of its industries (GB/T 4754 divisions). */
async function limitToDivisions(tx: Scoped, objects: FrozenObject[], divisions: string[]): Promise<FrozenObject[]> {
  if (!objects.length) return objects;
  const rows = await tx.query<{ id: string }>(
    'SELECT id FROM enterprises WHERE id = ANY ($1::uuid[]) AND left(industry_code, 2) = ANY ($2::text[])',
    [objects.map((o) => o.enterpriseId), divisions],
  );
  const keep = new Set(rows.map((r) => r.id));
  return objects.filter((o) => keep.has(o.enterpriseId));
}

function problemError(p: DrawError, objects: FrozenObject[], inspectorCount: number): AppError {
  if (p.code === 'noObjects') return invalid({ filters: { zh: '没有符合条件的检查对象', en: 'No enterprise matches the filters' } });
  if (p.code === 'tooManyObjects' || p.code === 'badWeight')
    return invalid({ classWeights: { zh: '权重合计过大或不正确', en: 'The weights are not valid for this list' } });
  const names = objects
    .filter((o) => p.enterpriseIds.includes(o.enterpriseId))
    .slice(0, 5)
    .map((o) => o.enterpriseName);
  const more = p.enterpriseIds.length > names.length ? ` 等 ${p.enterpriseIds.length} 家` : '';
  return invalid({
    inspectors: {
      zh: `执法人员不足：共 ${inspectorCount} 名有效执法人员，${names.join('、')}${more}可选派的无利害关系人员少于 2 名`,
      en: `Too few inspectors: ${inspectorCount} certified officers; fewer than 2 without a conflict for ${names.join(', ')}${more ? ` and ${p.enterpriseIds.length - names.length} more` : ''}`,
    },
  });
}

function refusal(r: DrawRow, actor: Actor, now: Date): AppError {
  const allowedActions = drawActions(actor, { status: r.status, drawAt: at(r.draw_at) }, now);
  const messages =
    r.status === 'drawn'
      ? { zh: '该次抽取已经执行，结果不可更改', en: 'This draw has been performed; its result is final' }
      : r.status === 'cancelled'
        ? { zh: '该次抽取已取消', en: 'This draw was cancelled' }
        : now < r.draw_at
          ? { zh: `未到公布的抽取时间（${at(r.draw_at)}），不能抽取`, en: `The announced draw time (${at(r.draw_at)}) has not come` }
          : { zh: '抽取时间已到，只能执行抽取，不能取消', en: 'The draw is due: it can only be performed, not cancelled' };
  return new AppError('conflict', messages, {}, { allowedActions });
}

/**
 * Performs a committed draw at or after its time: checks the stored lists still give the published
 * hashes, derives the seed from the nonce and the public value, draws, inserts the picks with one
 * planned inspection each, and reveals the nonce. Refused (409, allowed actions) before the time,
 * or when drawn or cancelled already.
 */
export async function performDraw(
  db: Db,
  actor: Actor,
  id: string,
  body: { publicValue: string; publicValueSource?: string },
  now = new Date(),
): Promise<DrawDetail> {
  return withScope(db, actor.scope, async (tx) => {
    const row = await lockForCommand(tx, id, { find: findDraw, may: () => mayDraw(actor) });
    if (!drawActions(actor, { status: row.status, drawAt: at(row.draw_at) }, now).includes('perform')) throw refusal(row, actor, now);
    if (body.publicValueSource !== undefined && body.publicValueSource !== row.public_value_source)
      throw invalid({
        publicValueSource: {
          zh: `公开随机值的来源已在承诺时确定：${row.public_value_source}`,
          en: `The public value’s source was fixed at commitment: ${row.public_value_source}`,
        },
      });
    const publicValue = normalizePublicValue(body.publicValue);
    if (!publicValue) throw invalid({ publicValue: { zh: '请填写公开随机值', en: 'The public value is required' } });
    const serverNonce = await drawSecret(tx, id);
    const { objects, inspectors } = await drawLists(tx, id);
    const objectsHash = drawObjectsHash(objects);
    const inspectorsHash = drawInspectorsHash(inspectors);
    if (
      objectsHash !== row.objects_hash ||
      inspectorsHash !== row.inspectors_hash ||
      drawCommitment({ objectsHash, inspectorsHash, algorithm: row.algorithm, n: row.n, serverNonce }) !== row.commitment
    )
      throw new Error(`draw ${id}: the stored lists no longer match the commitment`);
    const seed = drawSeed(serverNonce, publicValue);
    const picks = runDraw({ objects, inspectors, n: row.n, seed });
    await insertPicks(tx, { id, departmentId: row.department_id, plannedOn: row.planned_on, createdBy: actor.id }, picks);
    await markDrawn(tx, id, { publicValue, seed, performedBy: actor.id, performedAt: now });
    await appendAudit(tx, actor, {
      action: 'enforcementDraw.perform',
      entityType: 'enforcementDraw',
      entityId: id,
      regionCode: row.region_code,
      before: { status: row.status },
      after: {
        status: 'drawn',
        publicValue,
        publicValueSource: row.public_value_source,
        serverNonce,
        seed,
        commitment: row.commitment,
        picks,
      },
    });
    const updated = await findDraw(tx, id);
    if (!updated) throw new Error('performed draw not visible');
    return detail(tx, updated, actor, now);
  });
}

/** Cancels a committed draw before its time (with a reason, audited and shown publicly). */
export async function cancelDraw(db: Db, actor: Actor, id: string, reason: string, now = new Date()): Promise<DrawDetail> {
  return withScope(db, actor.scope, async (tx) => {
    const row = await lockForCommand(tx, id, { find: findDraw, may: () => mayDraw(actor) });
    if (!drawActions(actor, { status: row.status, drawAt: at(row.draw_at) }, now).includes('cancel')) throw refusal(row, actor, now);
    await markCancelled(tx, id, reason);
    await appendAudit(tx, actor, {
      action: 'enforcementDraw.cancel',
      entityType: 'enforcementDraw',
      entityId: id,
      regionCode: row.region_code,
      before: { status: row.status },
      after: { status: 'cancelled', reason },
    });
    const updated = await findDraw(tx, id);
    if (!updated) throw new Error('cancelled draw not visible');
    return detail(tx, updated, actor, now);
  });
}

// ------------------------------------------------------------------------------------------------
// The public record (一公开): every draw of every organ, no login.

const publicSummary = (r: DrawRow): PublicDrawSummary => {
  const { departmentId: _d, planId: _p, allowedActions: _a, ...s } = toSummary(r, null, new Date());
  return s;
};

export async function publicDraws(db: Db, q: { region?: string; page: number; pageSize: number }) {
  return readScoped(db, { ...NATIONAL_SCOPE, regionPrefix: q.region ?? '' }, async (tx) => {
    const { rows, total } = await listDrawRows(tx, q);
    return { items: rows.map(publicSummary), total, page: q.page, pageSize: q.pageSize };
  });
}

/**
 * One draw as the public sees it: the commitment and hashes from the start; once drawn, the
 * lists (ids, names, classes, weights; officers' names and the enterprises they may not be sent
 * to, without the reasons), the nonce, the seed and the picks with their inspections' status —
 * everything scripts/verify-draw.mjs needs to re-derive the selection.
 */
export async function publicDraw(db: Db, id: string): Promise<PublicDraw> {
  return readScoped(db, NATIONAL_SCOPE, async (tx) => {
    const r = await findDraw(tx, id);
    if (!r) throw notFound();
    const drawn = r.status === 'drawn';
    const { objects, inspectors } = drawn ? await drawLists(tx, id) : { objects: [], inspectors: [] };
    const picks = drawn ? picksView(await picksOf(tx, id), objects, inspectors) : [];
    return {
      ...publicSummary(r),
      classWeights: r.class_weights,
      allowOtherRegions: r.allow_other_regions,
      serverNonce: drawn ? r.server_nonce : null,
      seed: r.seed,
      objects: objects.map(({ regionCode: _r, ...o }) => o),
      inspectors: inspectors.map(({ regionCode: _r, ...i }) => i),
      picks: picks.map(({ inspectionId: _i, ...p }) => p),
    };
  });
}
