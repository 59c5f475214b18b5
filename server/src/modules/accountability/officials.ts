// Officials (党政领导干部): each with a personal duty list (个人安全生产职责清单) and yearly work items
// (年度工作) with their completion. A government's supervisors manage their own level's officials;
// regulators above read them. The assessment's veto (一票否决) points at officials(id).
import {
  type Actor,
  actorGovernment,
  type officialSchema,
  type officialUpdateSchema,
  type officialWorkDoneSchema,
  type officialWorkItemSchema,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { todayInShanghai } from '../../time.ts';
import { regionNames, requireGovernment, requireView } from './common.ts';

type OfficialRow = {
  id: string;
  region_code: string;
  name: string;
  position: string;
  department_id: string | null;
  department_name: string | null;
  user_id: string | null;
  active: boolean;
  duties: string[];
  version: number;
  done: number;
  total: number;
};
type WorkRow = {
  id: string;
  official_id: string;
  official_name: string;
  region_code: string;
  year: number;
  title: string;
  due_on: string | null;
  done_on: string | null;
  evidence: string | null;
  version: number;
};

const OFFICIAL_SELECT = `SELECT o.id, o.region_code, o.name, o.position, o.department_id, d.name AS department_name, o.user_id, o.active, o.duties, o.version,
    (SELECT count(*)::int FROM official_work_items w WHERE w.official_id = o.id AND w.year = $1 AND w.done_on IS NOT NULL) AS done,
    (SELECT count(*)::int FROM official_work_items w WHERE w.official_id = o.id AND w.year = $1) AS total
  FROM officials o LEFT JOIN departments d ON d.id = o.department_id`;

const mayManage = (a: Actor, regionCode: string) => actorGovernment(a)?.region === regionCode;

function officialItem(a: Actor, r: OfficialRow, regionName: string) {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName,
    name: r.name,
    position: r.position,
    departmentId: r.department_id,
    departmentName: r.department_name,
    userId: r.user_id,
    active: r.active,
    duties: r.duties,
    version: r.version,
    workDone: r.done,
    workTotal: r.total,
    allowedActions: mayManage(a, r.region_code) ? ['edit', 'addWork'] : [],
  };
}

function workItem(a: Actor, w: WorkRow, today: string) {
  return {
    id: w.id,
    officialId: w.official_id,
    officialName: w.official_name,
    year: w.year,
    title: w.title,
    dueOn: w.due_on,
    doneOn: w.done_on,
    evidence: w.evidence,
    overdue: !w.done_on && !!w.due_on && w.due_on < today,
    version: w.version,
    allowedActions: mayManage(a, w.region_code) && !w.done_on ? ['complete'] : [],
  };
}

const thisYear = (now: Date) => Number(todayInShanghai(now).slice(0, 4));

export const officialListQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '行政区划代码为 12 位数字||Region code has 12 digits')
    .optional(),
});

export function listOfficials(db: Db, actor: Actor, q: z.infer<typeof officialListQuerySchema>, now = new Date()) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const params: unknown[] = [q.year ?? thisYear(now), tx.scope.regionPrefix];
    let where = `o.region_code >= $2 AND o.region_code < $2 || '~'`;
    if (q.regionCode) {
      params.push(q.regionCode);
      where += ` AND o.region_code = $${params.length}`;
    }
    const rows = await tx.query<OfficialRow>(`${OFFICIAL_SELECT} WHERE ${where} ORDER BY o.region_code, o.active DESC, o.name`, params);
    const names = await regionNames(
      tx,
      rows.map((r) => r.region_code),
    );
    return { items: rows.map((r) => officialItem(actor, r, names.get(r.region_code) ?? r.region_code)), total: rows.length };
  });
}

async function findOfficial(tx: Scoped, id: string, year: number, forUpdate = false) {
  const [r] = await tx.query<OfficialRow>(`${OFFICIAL_SELECT} WHERE o.id = $2${forUpdate ? ' FOR UPDATE OF o' : ''}`, [year, id]);
  return r;
}

const WORK_SELECT = `SELECT w.id, w.official_id, o.name AS official_name, w.region_code, w.year, w.title, w.due_on::text AS due_on,
    w.done_on::text AS done_on, w.evidence, w.version FROM official_work_items w JOIN officials o ON o.id = w.official_id`;

export function getOfficial(db: Db, actor: Actor, id: string, now = new Date()) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const r = await findOfficial(tx, id, thisYear(now));
    if (!r) throw notFound();
    const names = await regionNames(tx, [r.region_code]);
    const work = await tx.query<WorkRow>(`${WORK_SELECT} WHERE w.official_id = $1 ORDER BY w.year DESC, w.due_on NULLS LAST, w.title`, [
      id,
    ]);
    const today = todayInShanghai(now);
    return { ...officialItem(actor, r, names.get(r.region_code) ?? r.region_code), workItems: work.map((w) => workItem(actor, w, today)) };
  });
}

async function checkDepartment(tx: Scoped, departmentId: string | null | undefined, region: string) {
  if (!departmentId) return;
  const [d] = await tx.query<{ region_code: string }>('SELECT region_code FROM departments WHERE id = $1', [departmentId]);
  if (!d || d.region_code !== region) {
    throw new AppError('validation_error', undefined, {
      departmentId: { zh: '请选择本级政府的部门', en: 'Pick a department of your own government' },
    });
  }
}

export function createOfficial(db: Db, actor: Actor, b: z.infer<typeof officialSchema>, now = new Date()) {
  const gov = requireGovernment(actor);
  return withScope(db, actor.scope, async (tx) => {
    await checkDepartment(tx, b.departmentId, gov.region);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO officials (region_code, name, position, department_id, active, duties) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id`,
      [gov.region, b.name, b.position, b.departmentId ?? null, b.active, JSON.stringify(b.duties)],
    );
    const id = (row as { id: string }).id;
    await appendAudit(tx, actor, { action: 'official.create', entityType: 'official', entityId: id, regionCode: gov.region, after: b });
    const r = (await findOfficial(tx, id, thisYear(now))) as OfficialRow;
    return officialItem(actor, r, (await regionNames(tx, [gov.region])).get(gov.region) ?? gov.region);
  });
}

export function updateOfficial(db: Db, actor: Actor, id: string, b: z.infer<typeof officialUpdateSchema>, now = new Date()) {
  requireGovernment(actor);
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockForCommand(tx, id, {
      find: (t, i) => findOfficial(t, i, thisYear(now), true),
      may: (x) => mayManage(actor, x.region_code),
      version: b.version,
      versionOf: (x) => x.version,
    });
    if (b.departmentId !== undefined) await checkDepartment(tx, b.departmentId, r.region_code);
    const next = {
      name: b.name ?? r.name,
      position: b.position ?? r.position,
      departmentId: b.departmentId === undefined ? r.department_id : b.departmentId,
      active: b.active ?? r.active,
      duties: b.duties ?? r.duties,
    };
    await tx.query(
      `UPDATE officials SET name = $2, position = $3, department_id = $4, active = $5, duties = $6::jsonb, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, next.name, next.position, next.departmentId, next.active, JSON.stringify(next.duties)],
    );
    await appendAudit(tx, actor, {
      action: 'official.update',
      entityType: 'official',
      entityId: id,
      regionCode: r.region_code,
      before: { name: r.name, position: r.position, departmentId: r.department_id, active: r.active, duties: r.duties },
      after: next,
    });
    const u = (await findOfficial(tx, id, thisYear(now))) as OfficialRow;
    return officialItem(actor, u, (await regionNames(tx, [u.region_code])).get(u.region_code) ?? u.region_code);
  });
}

export function addWorkItem(db: Db, actor: Actor, officialId: string, b: z.infer<typeof officialWorkItemSchema>, now = new Date()) {
  requireGovernment(actor);
  return withScope(db, actor.scope, async (tx) => {
    const o = await lockForCommand(tx, officialId, {
      find: (t, i) => findOfficial(t, i, thisYear(now), true),
      may: (x) => mayManage(actor, x.region_code),
    });
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO official_work_items (official_id, region_code, year, title, due_on) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [officialId, o.region_code, b.year, b.title, b.dueOn ?? null],
    );
    const id = (row as { id: string }).id;
    await appendAudit(tx, actor, {
      action: 'officialWork.create',
      entityType: 'officialWorkItem',
      entityId: id,
      regionCode: o.region_code,
      after: { officialId, ...b },
    });
    const [w] = await tx.query<WorkRow>(`${WORK_SELECT} WHERE w.id = $1`, [id]);
    return workItem(actor, w as WorkRow, todayInShanghai(now));
  });
}

export function completeWorkItem(db: Db, actor: Actor, id: string, b: z.infer<typeof officialWorkDoneSchema>, now = new Date()) {
  requireGovernment(actor);
  return withScope(db, actor.scope, async (tx) => {
    const w = await lockForCommand(tx, id, {
      find: async (t, i) => (await t.query<WorkRow>(`${WORK_SELECT} WHERE w.id = $1 FOR UPDATE OF w`, [i]))[0],
      may: (x) => mayManage(actor, x.region_code) && !x.done_on,
      version: b.version,
      versionOf: (x) => x.version,
    });
    if (b.doneOn > todayInShanghai(now)) {
      throw new AppError('validation_error', undefined, { doneOn: { zh: '完成日期不能晚于今天', en: 'The date cannot be in the future' } });
    }
    await tx.query('UPDATE official_work_items SET done_on = $2, evidence = $3, version = version + 1, updated_at = now() WHERE id = $1', [
      id,
      b.doneOn,
      b.evidence,
    ]);
    await appendAudit(tx, actor, {
      action: 'officialWork.complete',
      entityType: 'officialWorkItem',
      entityId: id,
      regionCode: w.region_code,
      after: { doneOn: b.doneOn, evidence: b.evidence },
    });
    const [u] = await tx.query<WorkRow>(`${WORK_SELECT} WHERE w.id = $1`, [id]);
    return workItem(actor, u as WorkRow, todayInShanghai(now));
  });
}

export const workItemListQuerySchema = z.object({
  /** Not done and due within this many days (overdue ones included). */
  due: z.coerce.number().int().min(0).max(366).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
type WorkQuery = z.infer<typeof workItemListQuerySchema>;

function workWhere(tx: Scoped, q: WorkQuery, now: Date) {
  const params: unknown[] = [tx.scope.regionPrefix];
  const parts = [`w.region_code >= $1 AND w.region_code < $1 || '~'`];
  if (q.due !== undefined) {
    params.push(todayInShanghai(new Date(now.getTime() + q.due * 86_400_000)));
    parts.push(`w.done_on IS NULL AND w.due_on IS NOT NULL AND w.due_on <= $${params.length}::date`);
  }
  if (q.year) {
    params.push(q.year);
    parts.push(`w.year = $${params.length}`);
  }
  return { sql: parts.join(' AND '), params };
}

export async function countWorkItems(tx: Scoped, q: WorkQuery, now = new Date()) {
  const w = workWhere(tx, q, now);
  const [r] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM official_work_items w WHERE ${w.sql}`, w.params);
  return r?.n ?? 0;
}

export function listWorkItems(db: Db, actor: Actor, q: WorkQuery, now = new Date()) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const w = workWhere(tx, q, now);
    const rows = await tx.query<WorkRow>(
      `${WORK_SELECT} WHERE ${w.sql} ORDER BY w.due_on NULLS LAST, w.title LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      w.params,
    );
    const today = todayInShanghai(now);
    return { items: rows.map((r) => workItem(actor, r, today)), total: await countWorkItems(tx, q, now) };
  });
}
