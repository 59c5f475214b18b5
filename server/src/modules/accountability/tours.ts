// 巡查: a government's inspection tours of the governments below it and of its own departments,
// planned per term (a round) so that each is covered once (全覆盖: tourCoverage shows who is not
// yet planned or visited), visits with their summary, findings with a fix deadline tracked to closure.
import {
  type Actor,
  actorGovernment,
  findingOverdue,
  type TourTargetRef,
  tourCoverage,
  type tourFindingFixSchema,
  type tourFindingSchema,
  type tourRoundSchema,
  type tourTargetSchema,
  type tourVisitSchema,
} from '@taishan/domain';
import { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db } from '../../db/db.ts';
import { lockForCommand } from '../../db/lock.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { iso, todayInShanghai } from '../../time.ts';
import { regionNames, requireGovernment, requireView } from './common.ts';

type RoundRow = { id: string; region_code: string; term: string; title: string; starts_on: string; ends_on: string; created_at: Date };
type TargetRow = {
  id: string;
  round_id: string;
  region_code: string;
  kind: 'government' | 'department';
  target_region_code: string | null;
  department_id: string | null;
  target_name: string;
  planned_on: string | null;
  visited_on: string | null;
  team: string | null;
  summary: string | null;
  version: number;
};
type FindingRow = {
  id: string;
  target_id: string;
  round_id: string;
  region_code: string;
  text: string;
  fix_due_on: string;
  fixed_on: string | null;
  fix_note: string | null;
  version: number;
  target_name: string;
};

const ROUND_SELECT =
  'SELECT id, region_code, term, title, starts_on::text AS starts_on, ends_on::text AS ends_on, created_at FROM tour_rounds';
const TARGET_SELECT = `SELECT id, round_id, region_code, kind, target_region_code, department_id, target_name, planned_on::text AS planned_on,
  visited_on::text AS visited_on, team, summary, version FROM tour_targets`;
const FINDING_SELECT = `SELECT f.id, f.target_id, f.round_id, f.region_code, f.text, f.fix_due_on::text AS fix_due_on, f.fixed_on::text AS fixed_on,
  f.fix_note, f.version, t.target_name FROM tour_findings f JOIN tour_targets t ON t.id = f.target_id`;

const mine = (a: Actor, region: string) => actorGovernment(a)?.region === region;

/** Everyone a round of `region` must cover: the governments one level below, and its own departments. */
async function coverable(tx: Scoped, region: string): Promise<TourTargetRef[]> {
  const govs = await tx.query<{ code: string; name: string }>('SELECT code, name FROM regions WHERE parent_code = $1 ORDER BY code', [
    region,
  ]);
  const depts = await tx.query<{ id: string; name: string }>('SELECT id, name FROM departments WHERE region_code = $1 ORDER BY name', [
    region,
  ]);
  return [
    ...govs.map((g) => ({ kind: 'government' as const, key: g.code, name: g.name })),
    ...depts.map((d) => ({ kind: 'department' as const, key: d.id, name: d.name })),
  ];
}

const targetKey = (t: TargetRow) => t.target_region_code ?? (t.department_id as string);

export function listRounds(db: Db, actor: Actor) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const rounds = await tx.query<RoundRow & { targets: number; visited: number; open_findings: number }>(
      `SELECT r.id, r.region_code, r.term, r.title, r.starts_on::text AS starts_on, r.ends_on::text AS ends_on, r.created_at,
              (SELECT count(*)::int FROM tour_targets t WHERE t.round_id = r.id) AS targets,
              (SELECT count(*)::int FROM tour_targets t WHERE t.round_id = r.id AND t.visited_on IS NOT NULL) AS visited,
              (SELECT count(*)::int FROM tour_findings f WHERE f.round_id = r.id AND f.fixed_on IS NULL) AS open_findings
         FROM tour_rounds r WHERE r.region_code >= $1 AND r.region_code < $1 || '~' ORDER BY r.starts_on DESC, r.title`,
      [tx.scope.regionPrefix],
    );
    const names = await regionNames(
      tx,
      rounds.map((r) => r.region_code),
    );
    const items = [];
    for (const r of rounds) {
      const all = await coverable(tx, r.region_code);
      items.push({
        id: r.id,
        regionCode: r.region_code,
        regionName: names.get(r.region_code) ?? r.region_code,
        term: r.term,
        title: r.title,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        targets: r.targets,
        visited: r.visited,
        toCover: all.length,
        openFindings: r.open_findings,
      });
    }
    return { items, total: items.length };
  });
}

export function createRound(db: Db, actor: Actor, b: z.infer<typeof tourRoundSchema>) {
  const gov = requireGovernment(actor);
  if (b.endsOn < b.startsOn) throw invalid({ endsOn: { zh: '结束日期不能早于开始日期', en: 'The end cannot be before the start' } });
  return withScope(db, actor.scope, async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO tour_rounds (region_code, term, title, starts_on, ends_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [gov.region, b.term, b.title, b.startsOn, b.endsOn, actor.id],
    );
    const id = (row as { id: string }).id;
    await appendAudit(tx, actor, { action: 'tourRound.create', entityType: 'tourRound', entityId: id, regionCode: gov.region, after: b });
    return { id };
  });
}

export function getRound(db: Db, actor: Actor, id: string, now = new Date()) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const [r] = await tx.query<RoundRow>(`${ROUND_SELECT} WHERE id = $1`, [id]);
    if (!r) throw notFound();
    const targets = await tx.query<TargetRow>(`${TARGET_SELECT} WHERE round_id = $1 ORDER BY kind DESC, target_name`, [id]);
    const findings = await tx.query<FindingRow>(`${FINDING_SELECT} WHERE f.round_id = $1 ORDER BY f.fix_due_on, f.created_at`, [id]);
    const all = await coverable(tx, r.region_code);
    const cov = tourCoverage(
      all,
      targets.map((t) => ({ key: targetKey(t), visited: !!t.visited_on })),
    );
    const names = await regionNames(tx, [r.region_code]);
    const manage = mine(actor, r.region_code);
    const today = todayInShanghai(now);
    return {
      id: r.id,
      regionCode: r.region_code,
      regionName: names.get(r.region_code) ?? r.region_code,
      term: r.term,
      title: r.title,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      createdAt: iso(r.created_at),
      allowedActions: manage ? ['addTarget'] : [],
      coverage: {
        total: all.length,
        planned: cov.planned.length,
        visited: cov.visited.length,
        notPlanned: cov.notPlanned,
        notVisited: cov.notVisited,
      },
      targets: targets.map((t) => ({
        id: t.id,
        kind: t.kind,
        targetRegion: t.target_region_code,
        departmentId: t.department_id,
        targetName: t.target_name,
        plannedOn: t.planned_on,
        visitedOn: t.visited_on,
        team: t.team,
        summary: t.summary,
        version: t.version,
        allowedActions: manage ? [...(t.visited_on ? [] : ['visit']), 'addFinding'] : [],
        findings: findings.filter((f) => f.target_id === t.id).map((f) => findingItem(actor, f, today)),
      })),
    };
  });
}

function findingItem(actor: Actor, f: FindingRow, today: string) {
  return {
    id: f.id,
    targetId: f.target_id,
    roundId: f.round_id,
    targetName: f.target_name,
    text: f.text,
    fixDueOn: f.fix_due_on,
    fixedOn: f.fixed_on,
    fixNote: f.fix_note,
    overdue: findingOverdue({ fixDueOn: f.fix_due_on, fixedOn: f.fixed_on }, today),
    version: f.version,
    allowedActions: mine(actor, f.region_code) && !f.fixed_on ? ['fix'] : [],
  };
}

export function addTarget(db: Db, actor: Actor, roundId: string, b: z.infer<typeof tourTargetSchema>) {
  requireGovernment(actor);
  return withScope(db, actor.scope, async (tx) => {
    const r = await lockForCommand(tx, roundId, {
      find: async (t, i) => (await t.query<RoundRow>(`${ROUND_SELECT} WHERE id = $1 FOR UPDATE`, [i]))[0],
      may: (x) => mine(actor, x.region_code),
    });
    const all = await coverable(tx, r.region_code);
    const key = b.kind === 'government' ? b.regionCode : b.departmentId;
    const ref = all.find((x) => x.kind === b.kind && x.key === key);
    if (!ref) {
      throw invalid({
        [b.kind === 'government' ? 'regionCode' : 'departmentId']: {
          zh: '巡查对象应为下一级政府或本级部门',
          en: 'A target is a government one level below or a department of your own level',
        },
      });
    }
    const [dup] = await tx.query(
      'SELECT 1 FROM tour_targets WHERE round_id = $1 AND coalesce(target_region_code, department_id::text) = $2',
      [roundId, key],
    );
    if (dup)
      throw invalid({
        [b.kind === 'government' ? 'regionCode' : 'departmentId']: { zh: '本轮已列入该对象', en: 'Already a target of this round' },
      });
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO tour_targets (round_id, region_code, kind, target_region_code, department_id, target_name, planned_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        roundId,
        r.region_code,
        b.kind,
        b.kind === 'government' ? key : null,
        b.kind === 'department' ? key : null,
        ref.name,
        b.plannedOn ?? null,
      ],
    );
    const id = (row as { id: string }).id;
    await appendAudit(tx, actor, {
      action: 'tourTarget.add',
      entityType: 'tourTarget',
      entityId: id,
      regionCode: r.region_code,
      after: { roundId, ...b, name: ref.name },
    });
    return { id };
  });
}

const lockTarget = (tx: Scoped, actor: Actor, id: string, version?: number) =>
  lockForCommand(tx, id, {
    find: async (t, i) => (await t.query<TargetRow>(`${TARGET_SELECT} WHERE id = $1 FOR UPDATE`, [i]))[0],
    may: (x) => mine(actor, x.region_code),
    version,
    versionOf: (x) => x.version,
  });

export function visitTarget(db: Db, actor: Actor, id: string, b: z.infer<typeof tourVisitSchema>, now = new Date()) {
  requireGovernment(actor);
  if (b.visitedOn > todayInShanghai(now))
    throw invalid({ visitedOn: { zh: '巡查日期不能晚于今天', en: 'The date cannot be in the future' } });
  return withScope(db, actor.scope, async (tx) => {
    const t = await lockTarget(tx, actor, id, b.version);
    await tx.query('UPDATE tour_targets SET visited_on = $2, team = $3, summary = $4, version = version + 1 WHERE id = $1', [
      id,
      b.visitedOn,
      b.team,
      b.summary,
    ]);
    await appendAudit(tx, actor, {
      action: 'tourTarget.visit',
      entityType: 'tourTarget',
      entityId: id,
      regionCode: t.region_code,
      before: { visitedOn: t.visited_on },
      after: b,
    });
    return { id };
  });
}

export function addFinding(db: Db, actor: Actor, targetId: string, b: z.infer<typeof tourFindingSchema>) {
  requireGovernment(actor);
  return withScope(db, actor.scope, async (tx) => {
    const t = await lockTarget(tx, actor, targetId);
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO tour_findings (target_id, round_id, region_code, text, fix_due_on) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [targetId, t.round_id, t.region_code, b.text, b.fixDueOn],
    );
    const id = (row as { id: string }).id;
    await appendAudit(tx, actor, {
      action: 'tourFinding.create',
      entityType: 'tourFinding',
      entityId: id,
      regionCode: t.region_code,
      after: { targetId, ...b },
    });
    return { id };
  });
}

export function fixFinding(db: Db, actor: Actor, id: string, b: z.infer<typeof tourFindingFixSchema>, now = new Date()) {
  requireGovernment(actor);
  if (b.fixedOn > todayInShanghai(now)) throw invalid({ fixedOn: { zh: '整改日期不能晚于今天', en: 'The date cannot be in the future' } });
  return withScope(db, actor.scope, async (tx) => {
    const f = await lockForCommand(tx, id, {
      find: async (t, i) => (await t.query<FindingRow>(`${FINDING_SELECT} WHERE f.id = $1 FOR UPDATE OF f`, [i]))[0],
      may: (x) => mine(actor, x.region_code) && !x.fixed_on,
      version: b.version,
      versionOf: (x) => x.version,
    });
    await tx.query('UPDATE tour_findings SET fixed_on = $2, fix_note = $3, version = version + 1 WHERE id = $1', [id, b.fixedOn, b.note]);
    await appendAudit(tx, actor, {
      action: 'tourFinding.fix',
      entityType: 'tourFinding',
      entityId: id,
      regionCode: f.region_code,
      after: b,
    });
    return { id };
  });
}

export const findingListQuerySchema = z.object({
  overdue: z.enum(['true']).optional(),
  open: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
type FindingQuery = z.infer<typeof findingListQuerySchema>;

function findingWhere(tx: Scoped, q: FindingQuery, now: Date) {
  const params: unknown[] = [tx.scope.regionPrefix];
  const parts = [`f.region_code >= $1 AND f.region_code < $1 || '~'`];
  if (q.open || q.overdue) parts.push('f.fixed_on IS NULL');
  if (q.overdue) {
    params.push(todayInShanghai(now));
    parts.push(`f.fix_due_on < $${params.length}::date`);
  }
  return { sql: parts.join(' AND '), params };
}

export async function countFindings(tx: Scoped, q: FindingQuery, now = new Date()) {
  const w = findingWhere(tx, q, now);
  const [r] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM tour_findings f WHERE ${w.sql}`, w.params);
  return r?.n ?? 0;
}

export function listFindings(db: Db, actor: Actor, q: FindingQuery, now = new Date()) {
  requireView(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const w = findingWhere(tx, q, now);
    const rows = await tx.query<FindingRow>(
      `${FINDING_SELECT} WHERE ${w.sql} ORDER BY f.fix_due_on, f.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      w.params,
    );
    const today = todayInShanghai(now);
    return { items: rows.map((f) => findingItem(actor, f, today)), total: await countFindings(tx, q, now) };
  });
}
