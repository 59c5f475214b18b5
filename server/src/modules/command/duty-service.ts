// 值班与简报's commands and reads (issue 28): who is on duty now for the actor's jurisdiction (the
// government roster of issue 27, each shift linked to a platform user through command_duty_officers),
// the new signals (the officer at once, the others after cmDuty.othersDelayMinutes), the day's duty
// log (open → handedOver) and the daily briefing PDF. Every change writes its audit event in the
// same transaction; no person data of health cases is read (counts only). Owner: duty.
import {
  type Actor,
  type briefingBodySchema,
  DOCUMENT_TYPES,
  type DutyEntryBody,
  type DutyRelation,
  type dutyHandoverBodySchema,
  dutyLogAllowedActions,
  dutyLogNext,
  type dutyOfficerBodySchema,
  isAdmin,
  mayKeepDuty,
  mayViewDuty,
  type Role,
  regionCode12,
  SUPERVISOR_ROLES,
  signalVisibleAt,
} from '@taishan/domain';
import type { z } from 'zod';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { readScoped, type Scoped, withScope } from '../../db/scope.ts';
import { newDocumentNumber } from '../../documents/numbers.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { beijingDayStart, dateOnly, iso, todayInShanghai } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';
import { renderBriefingPdf } from './duty-pdf.ts';
import {
  briefingPdf,
  briefingRows,
  type DutyShiftRow,
  dayCounts,
  dutyShiftsAt,
  dutyShiftsBetween,
  ensureLog,
  findLog,
  findShiftForLink,
  handOverLog,
  insertBriefing,
  insertEntry,
  logEntries,
  newSignals,
  upsertOfficer,
} from './duty-store.ts';

/** The jurisdiction whose duty the actor keeps: its scope's region, 12 digits (a national admin: none). */
function jurisdiction(actor: Actor): string {
  if (!mayViewDuty(actor)) throw forbidden();
  if (isAdmin(actor) && !actor.scope.regionPrefix)
    throw forbidden({ zh: '请以辖区账号查看值班', en: 'Duty is kept by a jurisdiction’s user' });
  return regionCode12(actor.scope.regionPrefix);
}

const shiftView = (s: DutyShiftRow) => ({
  id: s.id,
  personName: s.person_name,
  role: s.role,
  phone: s.phone,
  startsAt: iso(s.starts_at),
  endsAt: iso(s.ends_at),
  userId: s.user_id,
  userName: s.user_name,
});

async function relation(tx: Queryable, actor: Actor, region12: string, at: Date) {
  const shifts = await dutyShiftsAt(tx, region12, at.toISOString());
  const mine = shifts.find((s) => s.user_id === actor.id);
  const rel: DutyRelation = mine ? 'officer' : mayKeepDuty(actor) ? 'supervisor' : 'other';
  return { shifts, mine, rel };
}

/** Today's duty of the actor's jurisdiction: who is on duty now, whether it is the actor, the day's log. */
export async function dutyToday(db: Db, actor: Actor, now = new Date()) {
  jurisdiction(actor);
  return readScoped(db, actor.scope, (tx) => dutyTodayIn(tx, actor, now));
}

export async function dutyTodayIn(tx: Queryable, actor: Actor, now = new Date()) {
  const region12 = jurisdiction(actor);
  const day = todayInShanghai(now);
  {
    const { shifts, mine, rel } = await relation(tx, actor, region12, now);
    const log = await findLog(tx, region12, day);
    const dayShifts = await dutyShiftsBetween(tx, region12, beijingDayStart(day), beijingDayStart(day, 1));
    return {
      regionCode: region12,
      day,
      onDutyNow: shifts.map(shiftView),
      dayShifts: dayShifts.map(shiftView),
      isOfficer: Boolean(mine),
      shiftStartsAt: mine ? iso(mine.starts_at) : null,
      log: await logView(tx, log, day, rel),
      // Who may be linked to a shift (linkDutyOfficer's rule): the jurisdiction's supervisors.
      officerCandidates: mayKeepDuty(actor)
        ? (
            await tx.query<{ id: string; display_name: string; role: string }>(
              `SELECT id, display_name, role FROM users WHERE NOT disabled AND role = ANY($1::text[])
                 AND region_code LIKE $2 || '%' ORDER BY region_code, display_name LIMIT 200`,
              [[...SUPERVISOR_ROLES], actor.scope.regionPrefix],
            )
          ).map((u) => ({ id: u.id, name: u.display_name, role: u.role }))
        : [],
    };
  }
}

async function logView(tx: Queryable, log: Awaited<ReturnType<typeof findLog>>, day: string, rel: DutyRelation) {
  const state = log?.state ?? 'open';
  return {
    id: log?.id ?? null,
    day,
    state,
    handoverNote: log?.handover_note ?? null,
    handedOverAt: iso(log?.handed_over_at ?? null),
    version: log?.version ?? 0,
    entries: log
      ? (await logEntries(tx, log.id)).map((e) => ({ id: e.id, at: iso(e.at), kind: e.kind, text: e.text, authorName: e.author_name }))
      : [],
    allowedActions: dutyLogAllowedActions(state, rel),
  };
}

/** The log of another day of the jurisdiction (read only view). */
export async function dutyLogOf(db: Db, actor: Actor, day: string, now = new Date()) {
  const region12 = jurisdiction(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const { rel } = await relation(tx, actor, region12, now);
    const log = await findLog(tx, region12, day);
    return logView(tx, log, day, day === todayInShanghai(now) ? rel : 'other');
  });
}

async function lockedLog(tx: Scoped, actor: Actor, region12: string, now: Date, action: 'addEntry' | 'handOver') {
  const { rel } = await relation(tx, actor, region12, now);
  const log = await ensureLog(tx, region12, todayInShanghai(now));
  if (dutyLogNext(log.state, rel, action) === null) {
    if (log.state !== 'open')
      throw conflict({ zh: '当日值班已交接，日志不能再修改', en: 'The day’s duty has been handed over; the log is closed' });
    throw forbidden({ zh: '只有当日值班员可以执行此操作', en: 'Only the duty officer of the day may do this' });
  }
  return { log, rel };
}

export async function addDutyEntry(db: Db, actor: Actor, b: DutyEntryBody, now = new Date()) {
  const region12 = jurisdiction(actor);
  return withScope(db, actor.scope, async (tx) => {
    const { log, rel } = await lockedLog(tx, actor, region12, now, 'addEntry');
    const id = await insertEntry(tx, {
      logId: log.id,
      at: now.toISOString(),
      kind: b.kind,
      text: b.text,
      authorId: actor.id,
      authorName: actor.username,
    });
    await appendAudit(tx, actor, {
      action: 'cmDuty.addEntry',
      entityType: 'dutyLog',
      entityId: log.id,
      regionCode: region12,
      after: { entryId: id, kind: b.kind, day: dateOnly(log.day) },
    });
    return logView(tx, await findLog(tx, region12, todayInShanghai(now)), todayInShanghai(now), rel);
  });
}

export async function handOverDuty(db: Db, actor: Actor, b: z.infer<typeof dutyHandoverBodySchema>, now = new Date()) {
  const region12 = jurisdiction(actor);
  return withScope(db, actor.scope, async (tx) => {
    const { log, rel } = await lockedLog(tx, actor, region12, now, 'handOver');
    if (log.id && b.version !== log.version && !(b.version === 0 && log.version === 1))
      throw conflict({ zh: '日志已被他人修改，请刷新', en: 'The log was changed meanwhile; reload' });
    await insertEntry(tx, {
      logId: log.id,
      at: now.toISOString(),
      kind: 'handover',
      text: b.note,
      authorId: actor.id,
      authorName: actor.username,
    });
    await handOverLog(tx, log.id, b.note, now.toISOString(), actor.id);
    await appendAudit(tx, actor, {
      action: 'cmDuty.handOver',
      entityType: 'dutyLog',
      entityId: log.id,
      regionCode: region12,
      before: { state: log.state },
      after: { state: 'handedOver', day: dateOnly(log.day) },
    });
    return logView(tx, await findLog(tx, region12, todayInShanghai(now)), todayInShanghai(now), rel === 'officer' ? 'officer' : rel);
  });
}

/** Link a shift of the actor's jurisdiction's government roster to a user of that jurisdiction. */
export async function linkDutyOfficer(db: Db, actor: Actor, b: z.infer<typeof dutyOfficerBodySchema>) {
  const region12 = jurisdiction(actor);
  if (!mayKeepDuty(actor)) throw forbidden();
  return withScope(db, actor.scope, async (tx) => {
    const s = await findShiftForLink(tx, b.shiftId);
    if (!s) throw notFound();
    if (s.owner_kind !== 'government' || s.region_code !== region12)
      throw invalid({ shiftId: { zh: '只能指定本级政府值班表的班次', en: 'Only a shift of this government’s own roster' } });
    const [u] = await tx.query<{ id: string; region_code: string | null; role: string }>(
      'SELECT id, region_code, role FROM users WHERE id = $1 AND NOT disabled',
      [b.userId],
    );
    if (!u?.region_code || u.region_code.slice(0, actor.scope.regionPrefix.length) !== actor.scope.regionPrefix)
      throw invalid({ userId: { zh: '请选择本辖区的用户', en: 'Choose a user of this jurisdiction' } });
    if (!mayKeepDuty({ id: u.id, username: '', role: u.role as Role, scope: actor.scope }))
      throw invalid({ userId: { zh: '该用户不能担任值班员', en: 'This user may not keep duty' } });
    await upsertOfficer(tx, b.shiftId, b.userId, actor.id);
    await appendAudit(tx, actor, {
      action: 'cmDuty.linkOfficer',
      entityType: 'dutyLog',
      entityId: b.shiftId,
      regionCode: region12,
      after: { shiftId: b.shiftId, userId: b.userId },
    });
    return { shiftId: b.shiftId, userId: b.userId };
  });
}

/**
 * New signals (stage 'collected') of the jurisdiction. The officer on duty: those created since
 * the shift began, at once. Others: those of the last 24 hours, each once it is
 * cmDuty.othersDelayMinutes old (a sliding day: at 00:10 a signal of 23:50 is still new).
 */
export async function dutySignals(db: Db, actor: Actor, now = new Date()) {
  jurisdiction(actor);
  return readScoped(db, actor.scope, (tx) => dutySignalsIn(tx, actor, now));
}

export async function dutySignalsIn(tx: Queryable, actor: Actor, now = new Date()) {
  const region12 = jurisdiction(actor);
  {
    const { mine } = await relation(tx, actor, region12, now);
    const delay = Number(await effectiveSetting(tx, 'cmDuty.othersDelayMinutes', region12));
    const from = mine ? (iso(mine.starts_at) as string) : new Date(now.getTime() - 24 * 3_600_000).toISOString();
    const until = mine ? now.toISOString() : new Date(now.getTime() - delay * 60_000).toISOString();
    const rows = await newSignals(tx, actor.scope.regionPrefix, from, until);
    return {
      isOfficer: Boolean(mine),
      delayMinutes: mine ? 0 : delay,
      since: from,
      items: rows.map((r) => ({
        id: r.id,
        sourceType: r.source_type,
        domain: r.domain,
        regionCode: r.region_code,
        title: r.title,
        severity: r.severity,
        stage: r.stage,
        occurredAt: iso(r.occurred_at),
        createdAt: iso(r.created_at),
        visibleAt: signalVisibleAt(iso(r.created_at) as string, Boolean(mine), delay),
      })),
    };
  }
}

// ---- briefings -----------------------------------------------------------------------------------

export async function listBriefings(db: Db, actor: Actor) {
  jurisdiction(actor);
  return readScoped(db, actor.scope, async (tx) => ({
    items: (await briefingRows(tx, actor.scope.regionPrefix)).map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      day: dateOnly(r.day),
      number: r.number,
      counts: r.counts,
      generatedAt: iso(r.generated_at),
    })),
  }));
}

export async function generateBriefing(db: Db, actor: Actor, b: z.infer<typeof briefingBodySchema>, now = new Date()) {
  const region12 = jurisdiction(actor);
  if (!mayKeepDuty(actor)) throw forbidden();
  if (b.day > todayInShanghai(now)) throw invalid({ day: { zh: '不能为将来的日期生成简报', en: 'No briefing for a future day' } });
  return withScope(db, actor.scope, async (tx) => {
    const from = beijingDayStart(b.day);
    const to = beijingDayStart(b.day, 1);
    const counts = await dayCounts(tx, actor.scope.regionPrefix, from, to);
    const shifts = await dutyShiftsBetween(tx, region12, from, to);
    const log = await findLog(tx, region12, b.day);
    const entries = log ? await logEntries(tx, log.id) : [];
    const [region] = await tx.query<{ name: string }>('SELECT name FROM regions WHERE code = $1', [region12]);
    const { number } = await newDocumentNumber(tx, 'dailyBriefing', region12, DOCUMENT_TYPES.dailyBriefing.pattern, now);
    const pdf = await renderBriefingPdf({
      regionName: region?.name ?? region12,
      day: b.day,
      number,
      shifts: shifts.map((s) => ({
        personName: s.person_name,
        role: s.role,
        startsAt: iso(s.starts_at) as string,
        endsAt: iso(s.ends_at) as string,
      })),
      counts,
      entries: entries.map((e) => ({ at: iso(e.at) as string, kind: e.kind, text: e.text })),
      handedOver: log?.state === 'handedOver',
      at: now,
    });
    const id = await insertBriefing(tx, { regionCode: region12, day: b.day, number, counts, pdf, by: actor.id, at: now.toISOString() });
    await appendAudit(tx, actor, {
      action: 'cmDuty.generateBriefing',
      entityType: 'dailyBriefing',
      entityId: id,
      regionCode: region12,
      after: { day: b.day, number },
    });
    return { id, regionCode: region12, day: b.day, number, counts, generatedAt: now.toISOString() };
  });
}

export async function downloadBriefing(db: Db, actor: Actor, id: string) {
  jurisdiction(actor);
  return readScoped(db, actor.scope, async (tx) => {
    const r = await briefingPdf(tx, id);
    if (!r) throw notFound();
    return { pdf: Buffer.from(r.pdf), number: r.number, day: dateOnly(r.day) as string };
  });
}
