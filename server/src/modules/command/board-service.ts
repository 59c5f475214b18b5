// The command board's reads and commands (issue 28; owner: board): the board of a jurisdiction in one
// indexed SQL (a page of the list, the counts per stage and type, the map points capped), a signal with
// its steps, allowed actions and the link to its source page, the loop's actions (audit in the same
// transaction; the source object is never written), and the 12345 calls with the caller sealed by the
// whistleblowers' Keyring (masked for all but the duty staff who took it and the admin; never in audit).
import {
  type Actor,
  allowedSignalActions,
  cmBoardAbilities,
  isAdmin,
  isSupervisor,
  maskCallerName,
  maskCallerPhone,
  SIGNAL_ACTIONS,
  SIGNAL_SEVERITIES,
  SIGNAL_STAGES,
  SIGNAL_TYPES,
  type SignalAction,
  type SignalFacts,
  type SignalStage,
  type SignalType,
  signalTransition,
  stageDueAt,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { readScoped, regionRange, type Scoped, withScope } from '../../db/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { iso } from '../../time.ts';
import type { Keyring } from '../whistleblowing/keyring.ts';
import { stageHours } from './board-sync.ts';

const e = (zh: string, en: string) => `${zh}||${en}`;
export const MAP_POINT_CAP = 2000;

export const boardQuerySchema = z.object({
  type: z.enum(SIGNAL_TYPES, { message: e('信号类型不正确', 'Unknown signal type') }).optional(),
  stage: z.enum(SIGNAL_STAGES, { message: e('环节不正确', 'Unknown stage') }).optional(),
  severity: z.enum(SIGNAL_SEVERITIES, { message: e('等级不正确', 'Unknown severity') }).optional(),
  regionPrefix: z
    .string()
    .regex(/^\d{0,12}$/, e('区划代码不正确', 'Invalid region code'))
    .optional(),
  overdue: z.enum(['1']).optional(),
  escalated: z.enum(['1']).optional(),
  /** The 工作台's queues: pushed to me awaiting my feedback; feedback awaiting my verification; new to analyse. */
  queue: z.enum(['toFeedback', 'toVerify', 'toAnalyse'], { message: e('队列不正确', 'Unknown queue') }).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

export const actionBodySchema = z
  .object({
    action: z.enum(SIGNAL_ACTIONS, { message: e('操作不正确', 'Unknown action') }),
    note: z.string().trim().max(2000, e('不能超过 2000 字', 'At most 2000 characters')).optional(),
    pushedEnterpriseId: z.uuid({ message: e('单位编号不正确', 'Invalid unit id') }).optional(),
    pushedRegionCode: z
      .string()
      .regex(/^\d{12}$/, e('请填写 12 位区划代码', 'Give a 12-digit region code'))
      .optional(),
    deadline: z.iso.datetime({ offset: true, message: e('时间格式不正确', 'Invalid time') }).optional(),
    version: z.number({ message: e('缺少版本号', 'The version is missing') }).int(),
  })
  .superRefine((b, ctx) => {
    if (['dismiss', 'feedback', 'rejectFeedback', 'close'].includes(b.action) && !b.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: e('请填写说明', 'Give a note') });
    if (b.action === 'push' && !b.pushedEnterpriseId === !b.pushedRegionCode)
      ctx.addIssue({
        code: 'custom',
        path: ['pushedEnterpriseId'],
        message: e('请选择一个责任单位或一个行政区', 'Choose one unit or one region'),
      });
  });
export type ActionBody = z.infer<typeof actionBodySchema>;

export const hotlineBodySchema = z.object({
  callerName: z.string().trim().min(1, e('请填写来电人', 'Give the caller’s name')).max(50, e('不能超过 50 字', 'At most 50 characters')),
  callerPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, e('电话号码不正确', 'Invalid phone number')),
  content: z.string().trim().min(5, e('请填写来电内容（至少 5 字）', 'Give the call’s content (at least 5 characters)')).max(2000),
  place: z.string().trim().max(200).optional(),
  regionCode: z.string().regex(/^\d{12}$/, e('请选择行政区', 'Choose a region')),
  category: z.enum(['safety', 'health'], { message: e('类别不正确', 'Unknown category') }).default('safety'),
  title: z.string().trim().min(2, e('请填写标题', 'Give a title')).max(100, e('不能超过 100 字', 'At most 100 characters')),
  receivedAt: z.iso.datetime({ offset: true, message: e('时间格式不正确', 'Invalid time') }).optional(),
});

export type SignalRow = {
  id: string;
  source_type: SignalType;
  source_id: string;
  domain: 'safety' | 'health';
  region_code: string;
  region_name?: string;
  title: string;
  severity: string;
  lat: number | null;
  lng: number | null;
  occurred_at: string | Date;
  stage: SignalStage;
  stage_since: string | Date;
  stage_due_at: string | Date;
  escalated_at: string | Date | null;
  escalated_to: string | null;
  pushed_region_code: string | null;
  pushed_enterprise_id: string | null;
  pushed_enterprise_name?: string | null;
  pushed_by: string | null;
  push_deadline: string | Date | null;
  feedback_at: string | Date | null;
  source_closed_at: string | Date | null;
  version: number;
};

const facts = (r: SignalRow): SignalFacts => ({
  stage: r.stage,
  domain: r.domain,
  regionCode: r.region_code,
  pushedRegionCode: r.pushed_region_code,
  pushedEnterpriseId: r.pushed_enterprise_id,
  pushedBy: r.pushed_by,
  feedbackAt: r.feedback_at,
});

/** The page of the source object, for the detail's link (the hotline call has none). */
export function sourcePath(type: SignalType, id: string): string | null {
  switch (type) {
    case 'accident':
      return `/accidents/${id}`;
    case 'majorHazard':
      return `/hazards/${id}`;
    case 'alarm':
      return `/monitoring?alarm=${id}`;
    case 'publicReport':
      return `/reports/${id}`;
    case 'healthEvent':
      return `/public-health/events/${id}`;
    case 'supplyRequest':
      return `/emergency/dispatch/${id}`;
    case 'hotline':
      return null;
  }
}

function item(actor: Actor, r: SignalRow, now: Date) {
  return {
    id: r.id,
    sourceType: r.source_type,
    sourceId: r.source_id,
    sourcePath: sourcePath(r.source_type, r.source_id),
    domain: r.domain,
    regionCode: r.region_code,
    regionName: r.region_name ?? null,
    title: r.title,
    severity: r.severity,
    lat: r.lat,
    lng: r.lng,
    occurredAt: iso(r.occurred_at),
    stage: r.stage,
    stageSince: iso(r.stage_since),
    stageDueAt: iso(r.stage_due_at),
    overdue: r.stage !== 'closed' && new Date(r.stage_due_at).getTime() < now.getTime(),
    escalatedAt: iso(r.escalated_at),
    escalatedTo: r.escalated_to,
    pushedRegionCode: r.pushed_region_code,
    pushedEnterpriseId: r.pushed_enterprise_id,
    pushedEnterpriseName: r.pushed_enterprise_name ?? null,
    pushDeadline: iso(r.push_deadline),
    feedbackAt: iso(r.feedback_at),
    sourceClosedAt: iso(r.source_closed_at),
    version: r.version,
    allowedActions: allowedSignalActions(actor, facts(r)),
  };
}

/** Who may see the board at all: government users, the CDC, the admin; units (enterprise users, a health facility's reporters) see what was pushed to them. */
function mayViewBoard(a: Actor) {
  const may = cmBoardAbilities(a);
  return may['cmBoard.view'] || may['cmBoard.unit'];
}

/** The CDC's board holds the health signals only (domain maySeeSignal): never a safety signal's or a 12345 call's content. */
const healthOnly = (a: Actor) => a.role === 'cdcReviewer';

/** The scope condition (first wall; RLS is the second): the region's signals, those escalated to it or pushed to it; a unit: what was pushed to it. */
export function boardScope(scope: Actor['scope'], params: unknown[], alias = 's'): string {
  if (scope.enterpriseId !== null) {
    params.push(scope.enterpriseId);
    return `${alias}.pushed_enterprise_id = $${params.length}`;
  }
  if (!scope.regionPrefix) return 'true';
  return `(${regionRange(`${alias}.region_code`, scope.regionPrefix, params)} OR ${regionRange(`${alias}.escalated_to`, scope.regionPrefix, params)} OR ${regionRange(`${alias}.pushed_region_code`, scope.regionPrefix, params)})`;
}

/** The condition of a 工作台 queue (the board list's `queue` filter and the 工作台's counts share it). */
export function queueWhere(scope: Actor['scope'], queue: NonNullable<BoardQuery['queue']>, params: unknown[]): string {
  const own = scope.regionPrefix.padEnd(12, '0');
  if (queue === 'toAnalyse') return `s.stage = 'collected'`;
  if (queue === 'toFeedback') {
    if (scope.enterpriseId !== null) return `s.stage = 'pushed' AND s.feedback_at IS NULL`;
    params.push(own);
    return `s.stage = 'pushed' AND s.feedback_at IS NULL AND s.pushed_region_code = $${params.length}`;
  }
  params.push(own);
  const w = `s.stage = 'pushed' AND s.feedback_at IS NOT NULL AND s.pushed_region_code IS DISTINCT FROM $${params.length}`;
  return scope.regionPrefix ? `${w} AND ${regionRange('s.region_code', scope.regionPrefix, params)}` : w;
}

/** The board's one SQL: the filtered page, its total, counts per stage and per type, and the map points (capped). Exported for the benchmark. */
export function boardSql(scope: Actor['scope'], query: BoardQuery, now: Date, onlyHealth = false): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = [boardScope(scope, params)];
  if (onlyHealth) where.push(`s.domain = 'health'`);
  if (query.stage) {
    params.push(query.stage);
    where.push(`s.stage = $${params.length}`);
  } else where.push(`s.stage <> 'closed'`);
  if (query.type) {
    params.push(query.type);
    where.push(`s.source_type = $${params.length}`);
  }
  if (query.severity) {
    params.push(query.severity);
    where.push(`s.severity = $${params.length}`);
  }
  if (query.regionPrefix) where.push(regionRange('s.region_code', query.regionPrefix, params));
  if (query.overdue) {
    params.push(now.toISOString());
    where.push(`s.stage <> 'closed' AND s.stage_due_at < $${params.length}`);
  }
  if (query.escalated) where.push('s.escalated_at IS NOT NULL');
  if (query.queue) where.push(queueWhere(scope, query.queue, params));
  if (query.q) {
    params.push(`%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    where.push(`s.title ILIKE $${params.length}`);
  }
  params.push(query.pageSize, (query.page - 1) * query.pageSize, MAP_POINT_CAP);
  const [lim, off, cap] = [params.length - 2, params.length - 1, params.length];
  const sql = `WITH f AS MATERIALIZED (
      SELECT s.id, s.source_type, s.source_id, s.domain, s.region_code, s.title, s.severity, s.lat, s.lng, s.occurred_at,
             s.stage, s.stage_since, s.stage_due_at, s.escalated_at, s.escalated_to, s.pushed_region_code,
             s.pushed_enterprise_id, s.pushed_by, s.push_deadline, s.feedback_at, s.source_closed_at, s.version
        FROM command_signals s WHERE ${where.join(' AND ')})
    SELECT
      (SELECT count(*)::int FROM f) AS total,
      (SELECT coalesce(json_object_agg(stage, n), '{}') FROM (SELECT stage, count(*)::int AS n FROM f GROUP BY stage) c) AS by_stage,
      (SELECT coalesce(json_object_agg(source_type, n), '{}') FROM (SELECT source_type, count(*)::int AS n FROM f GROUP BY source_type) c) AS by_type,
      (SELECT coalesce(json_agg(row_to_json(p) ORDER BY (p.escalated_at IS NOT NULL) DESC, p.occurred_at DESC, p.id), '[]') FROM (
         -- The page first, then its names: joined before the limit, the names were looked up for
         -- every open signal (under row-level security a nested loop over the enterprises: 1 s of 1.1).
         SELECT pg.*, r.name AS region_name, en.name AS pushed_enterprise_name FROM (
           SELECT * FROM f ORDER BY (f.escalated_at IS NOT NULL) DESC, f.occurred_at DESC, f.id LIMIT $${lim} OFFSET $${off}) pg
           LEFT JOIN regions r ON r.code = pg.region_code LEFT JOIN enterprises en ON en.id = pg.pushed_enterprise_id) p) AS items,
      (SELECT coalesce(json_agg(json_build_array(id, source_type, lat, lng, severity, title)), '[]') FROM (
         SELECT id, source_type, lat, lng, severity, title FROM f WHERE lat IS NOT NULL ORDER BY occurred_at DESC LIMIT $${cap}) m) AS points,
      (SELECT coalesce(json_object_agg(region_code, n), '{}') FROM (
         SELECT region_code, count(*)::int AS n FROM f GROUP BY region_code) g) AS by_region`;
  return { sql, params };
}

export async function getBoard(db: Db, actor: Actor, query: BoardQuery, now = new Date()) {
  if (!mayViewBoard(actor)) throw forbidden();
  const { sql, params } = boardSql(actor.scope, query, now, healthOnly(actor));
  return readScoped(db, actor.scope, async (tx) => {
    const [r] = await tx.query<{
      total: number;
      by_stage: Record<string, number>;
      by_type: Record<string, number>;
      items: SignalRow[];
      points: [string, SignalType, number, number, string, string][];
      by_region: Record<string, number>;
    }>(sql, params);
    return {
      total: r?.total ?? 0,
      page: query.page,
      pageSize: query.pageSize,
      countsByStage: r?.by_stage ?? {},
      countsByType: r?.by_type ?? {},
      countsByRegion: r?.by_region ?? {},
      items: (r?.items ?? []).map((x) => item(actor, x, now)),
      points: (r?.points ?? []).map(([id, type, lat, lng, severity, title]) => ({ id, type, lat, lng, severity, title })),
      pointCap: MAP_POINT_CAP,
    };
  });
}

async function findSignal(tx: Scoped | Queryable, actor: Actor, id: string, lock = false): Promise<SignalRow | undefined> {
  const params: unknown[] = [id];
  const scope = `${boardScope(actor.scope, params)}${healthOnly(actor) ? ` AND s.domain = 'health'` : ''}`;
  const [r] = await tx.query<SignalRow>(
    `SELECT s.*, r.name AS region_name, en.name AS pushed_enterprise_name FROM command_signals s
       LEFT JOIN regions r ON r.code = s.region_code LEFT JOIN enterprises en ON en.id = s.pushed_enterprise_id
      WHERE s.id = $1 AND ${scope}${lock ? ' FOR UPDATE OF s' : ''}`,
    params,
  );
  return r;
}

/** The loop's steps with who took them (a name hidden by the reader's scope is filled in by `named`). */
async function steps(tx: Queryable, id: string) {
  const rows = await tx.query<{
    id: string;
    action: string;
    from_stage: string;
    to_stage: string;
    actor_id: string | null;
    actor_name: string | null;
    note: string | null;
    target: string | null;
    at: string | Date;
  }>(
    `SELECT st.id, st.action, st.from_stage, st.to_stage, st.actor_id, coalesce(u.display_name, u.username) AS actor_name, st.note, st.target, st.at
       FROM command_signal_steps st LEFT JOIN users u ON u.id = st.actor_id WHERE st.signal_id = $1 ORDER BY st.at, st.id`,
    [id],
  );
  return rows.map((s) => ({
    id: s.id,
    action: s.action,
    fromStage: s.from_stage,
    toStage: s.to_stage,
    actorId: s.actor_id as string | null | undefined,
    actorName: s.actor_name,
    note: s.note,
    target: s.target,
    at: iso(s.at),
  }));
}

/**
 * Names read past the reader's scope, after its transaction (as the hazard dossier does,
 * hazards/store.ts actorNames): a unit sees the county officer who pushed to it by name, not as
 * 系统 — only names, and only of the steps of a signal the reader may see. The ids are not sent.
 */
async function named<T extends { steps: Awaited<ReturnType<typeof steps>> }>(db: Db, out: T): Promise<T> {
  const hidden = [...new Set(out.steps.filter((st) => st.actorId && !st.actorName).map((st) => st.actorId as string))];
  const names = hidden.length
    ? new Map(
        (
          await db.query<{ id: string; name: string }>(
            'SELECT id, coalesce(display_name, username) AS name FROM users WHERE id = ANY($1::uuid[])',
            [hidden],
          )
        ).map((u) => [u.id, u.name]),
      )
    : new Map<string, string>();
  for (const st of out.steps) {
    if (!st.actorName && st.actorId) st.actorName = names.get(st.actorId) ?? null;
    delete st.actorId;
  }
  return out;
}

export async function getSignal(db: Db, keyring: Keyring, actor: Actor, id: string, now = new Date()) {
  if (!mayViewBoard(actor)) throw forbidden();
  const out = await readScoped(db, actor.scope, async (tx) => {
    const r = await findSignal(tx, actor, id);
    if (!r) throw notFound();
    const hotline = r.source_type === 'hotline' ? await hotlineView(tx, keyring, actor, r.source_id) : null;
    return { ...item(actor, r, now), steps: await steps(tx, id), hotline };
  });
  return named(db, out);
}

export async function actOnSignal(db: Db, actor: Actor, id: string, body: ActionBody, now = new Date()) {
  const out = await withScope(db, actor.scope, async (tx) => {
    const r = await findSignal(tx, actor, id, true);
    if (!r) throw notFound();
    const t = signalTransition(actor, facts(r), body.action as SignalAction);
    if (!t.ok && t.reason === 'forbidden') throw forbidden();
    if (!t.ok) throw conflict({ zh: '该信号当前环节不能进行此操作', en: 'The signal is not at a stage that allows this action' });
    if (r.version !== body.version)
      throw conflict({ zh: '该信号已被他人更新，请刷新', en: 'The signal was changed by someone else; reload' });
    const h = await stageHours(tx, r.region_code);
    let target: string | null = null;
    const set: string[] = [];
    const params: unknown[] = [id, t.to, now.toISOString()];
    const push = (col: string, v: unknown) => {
      params.push(v);
      set.push(`${col} = $${params.length}`);
    };
    let due: Date;
    if (body.action === 'push') {
      const deadline = body.deadline ? new Date(body.deadline) : null;
      if (deadline && deadline.getTime() <= now.getTime())
        throw invalid({ deadline: { zh: '处置时限须晚于当前时间', en: 'The deadline must be in the future' } });
      if (body.pushedEnterpriseId) {
        const [en] = await tx.query<{ region_code: string }>('SELECT region_code FROM enterprises WHERE id = $1', [
          body.pushedEnterpriseId,
        ]);
        if (!en?.region_code.startsWith(actor.scope.regionPrefix))
          throw invalid({ pushedEnterpriseId: { zh: '该单位不在本辖区', en: 'The unit is not in your jurisdiction' } });
        push('pushed_enterprise_id', body.pushedEnterpriseId);
        push('pushed_region_code', null);
        target = body.pushedEnterpriseId;
      } else {
        const [rg] = await tx.query<{ code: string }>('SELECT code FROM regions WHERE code = $1', [body.pushedRegionCode]);
        if (!rg?.code.startsWith(actor.scope.regionPrefix))
          throw invalid({ pushedRegionCode: { zh: '该行政区不在本辖区', en: 'The region is not in your jurisdiction' } });
        push('pushed_region_code', body.pushedRegionCode);
        push('pushed_enterprise_id', null);
        target = body.pushedRegionCode ?? null;
      }
      push('pushed_by', actor.id);
      push('push_deadline', deadline ? deadline.toISOString() : null);
      due = stageDueAt('pushed', now, h, { pushDeadline: deadline });
    } else if (body.action === 'feedback') {
      push('feedback_at', now.toISOString());
      push('feedback_by', actor.id);
      due = stageDueAt('pushed', now, h, { feedbackGiven: true });
    } else if (body.action === 'rejectFeedback') {
      push('feedback_at', null);
      push('feedback_by', null);
      due = stageDueAt('pushed', now, h);
    } else due = stageDueAt(t.to, now, h);
    push('stage_due_at', due.toISOString());
    // A new stage's clock: a fresh deadline is no longer escalated.
    set.push('escalated_at = NULL', 'escalated_to = NULL');
    await tx.query(
      `UPDATE command_signals SET stage = $2, stage_since = $3, updated_at = $3, version = version + 1, ${set.join(', ')} WHERE id = $1`,
      params,
    );
    await tx.query(
      `INSERT INTO command_signal_steps (signal_id, action, from_stage, to_stage, actor_id, note, target, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, body.action, r.stage, t.to, actor.id, body.note ?? null, target, now.toISOString()],
    );
    await appendAudit(tx, actor, {
      action: `cmBoard.signal.${body.action as SignalAction}`,
      entityType: 'commandSignal',
      entityId: id,
      regionCode: r.region_code,
      before: { stage: r.stage },
      after: { stage: t.to, target },
    });
    const after = (await findSignal(tx, actor, id)) as SignalRow;
    return { ...item(actor, after, now), steps: await steps(tx, id) };
  });
  return named(db, out);
}

// ---- 12345 hotline calls -----------------------------------------------------------------------

type CallRow = {
  id: string;
  sealed_caller: string;
  content: string;
  place: string | null;
  taken_by: string;
  received_at: string | Date;
  region_code: string;
  category: string;
};

/**
 * The caller is shown only to the duty staff who took the call and to the admin; masked for other
 * government users. A unit outside the government (an enterprise, a health facility) never sees the
 * call: the caller may be its own employee reporting it (RLS of 059 agrees: no call in its session).
 */
async function hotlineView(tx: Queryable, keyring: Keyring, actor: Actor, callId: string) {
  if (actor.scope.enterpriseId !== null) return null;
  const [c] = await tx.query<CallRow>('SELECT * FROM command_hotline_calls WHERE id = $1', [callId]);
  if (!c) return null;
  const caller = JSON.parse(keyring.open(c.sealed_caller, c.id)) as { name: string; phone: string };
  const sees = isAdmin(actor) || actor.id === c.taken_by;
  return {
    id: c.id,
    callerName: sees ? caller.name : maskCallerName(caller.name),
    callerPhone: sees ? caller.phone : maskCallerPhone(caller.phone),
    callerMasked: !sees,
    content: c.content,
    place: c.place,
    category: c.category,
    receivedAt: iso(c.received_at),
  };
}

export async function createHotlineCall(db: Db, keyring: Keyring, actor: Actor, body: z.infer<typeof hotlineBodySchema>, now = new Date()) {
  if (!(isAdmin(actor) || isSupervisor(actor))) throw forbidden();
  if (!body.regionCode.startsWith(actor.scope.regionPrefix))
    throw invalid({ regionCode: { zh: '该行政区不在本辖区', en: 'The region is not in your jurisdiction' } });
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000)
    throw invalid({ receivedAt: { zh: '来电时间不能晚于当前时间', en: 'The call cannot be in the future' } });
  const id = crypto.randomUUID();
  return withScope(db, actor.scope, async (tx) => {
    const [rg] = await tx.query<{ code: string }>('SELECT code FROM regions WHERE code = $1', [body.regionCode]);
    if (!rg) throw invalid({ regionCode: { zh: '行政区不存在', en: 'Unknown region' } });
    const sealed = keyring.seal(JSON.stringify({ name: body.callerName, phone: body.callerPhone }), id);
    await tx.query(
      `INSERT INTO command_hotline_calls (id, region_code, sealed_caller, content, place, category, received_at, taken_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, body.regionCode, sealed, body.content, body.place || null, body.category, receivedAt.toISOString(), actor.id],
    );
    const h = await stageHours(tx, body.regionCode);
    const [s] = await tx.query<{ id: string }>(
      `INSERT INTO command_signals (source_type, source_id, domain, region_code, title, severity, occurred_at, stage, stage_since, stage_due_at, created_at, updated_at)
       VALUES ('hotline', $1, $2, $3, $4, 'normal', $5, 'collected', $6, $7, $6, $6) RETURNING id`,
      [
        id,
        body.category,
        body.regionCode,
        `12345：${body.title}`,
        receivedAt.toISOString(),
        now.toISOString(),
        stageDueAt('collected', now, h).toISOString(),
      ],
    );
    await tx.query(
      `INSERT INTO command_signal_steps (signal_id, action, from_stage, to_stage, actor_id, at) VALUES ($1, 'collect', 'collected', 'collected', $2, $3)`,
      [s?.id, actor.id, now.toISOString()],
    );
    // The audit keeps the call's region and title, never the caller.
    await appendAudit(tx, actor, {
      action: 'cmBoard.hotline.create',
      entityType: 'commandHotlineCall',
      entityId: id,
      regionCode: body.regionCode,
      after: { title: body.title, category: body.category, signalId: s?.id },
    });
    return { id, signalId: s?.id as string };
  });
}
