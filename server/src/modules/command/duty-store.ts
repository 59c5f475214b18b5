// 值班与简报's SQL (issue 28): the government roster's shifts holding a moment with their linked
// user (command_duty_officers), the day's duty log and entries, new signals, the day's counts for
// the briefing, and the stored briefings. Owner: duty.
import type { Queryable } from '../../db/db.ts';

export type DutyShiftRow = {
  id: string;
  person_name: string;
  role: string;
  phone: string;
  starts_at: string | Date;
  ends_at: string | Date;
  user_id: string | null;
  user_name: string | null;
};

/** The government roster `region12`'s shifts holding `at` (start included, end excluded), leaders first. */
export async function dutyShiftsAt(tx: Queryable, region12: string, at: string): Promise<DutyShiftRow[]> {
  return tx.query<DutyShiftRow>(
    `SELECT s.id, s.person_name, s.role, s.phone, s.starts_at, s.ends_at, o.user_id, u.display_name AS user_name
       FROM emergency_duty_shifts s
       LEFT JOIN command_duty_officers o ON o.shift_id = s.id
       LEFT JOIN users u ON u.id = o.user_id
      WHERE s.owner_kind = 'government' AND s.region_code = $1 AND s.starts_at <= $2 AND s.ends_at > $2
      ORDER BY s.role <> 'leader', s.starts_at`,
    [region12, at],
  );
}

/** The shifts of a government roster overlapping [from, to). */
export async function dutyShiftsBetween(tx: Queryable, region12: string, from: string, to: string): Promise<DutyShiftRow[]> {
  return tx.query<DutyShiftRow>(
    `SELECT s.id, s.person_name, s.role, s.phone, s.starts_at, s.ends_at, o.user_id, u.display_name AS user_name
       FROM emergency_duty_shifts s
       LEFT JOIN command_duty_officers o ON o.shift_id = s.id
       LEFT JOIN users u ON u.id = o.user_id
      WHERE s.owner_kind = 'government' AND s.region_code = $1 AND s.starts_at < $3 AND s.ends_at > $2
      ORDER BY s.starts_at, s.role <> 'leader'`,
    [region12, from, to],
  );
}

export async function findShiftForLink(tx: Queryable, id: string) {
  return (
    await tx.query<{ id: string; region_code: string; owner_kind: string }>(
      'SELECT id, region_code, owner_kind FROM emergency_duty_shifts WHERE id = $1',
      [id],
    )
  )[0];
}

export async function upsertOfficer(tx: Queryable, shiftId: string, userId: string, by: string) {
  // Replace (the app role may delete and insert links, not update them).
  await tx.query('DELETE FROM command_duty_officers WHERE shift_id = $1', [shiftId]);
  await tx.query('INSERT INTO command_duty_officers (shift_id, user_id, linked_by) VALUES ($1, $2, $3)', [shiftId, userId, by]);
}

export type DutyLogRow = {
  id: string;
  region_code: string;
  day: string | Date;
  state: 'open' | 'handedOver';
  handover_note: string | null;
  handed_over_at: string | Date | null;
  version: number;
};

export async function findLog(tx: Queryable, region12: string, day: string) {
  return (await tx.query<DutyLogRow>('SELECT * FROM command_duty_logs WHERE region_code = $1 AND day = $2', [region12, day]))[0];
}

export async function ensureLog(tx: Queryable, region12: string, day: string): Promise<DutyLogRow> {
  await tx.query('INSERT INTO command_duty_logs (region_code, day) VALUES ($1, $2) ON CONFLICT (region_code, day) DO NOTHING', [
    region12,
    day,
  ]);
  return (
    await tx.query<DutyLogRow>('SELECT * FROM command_duty_logs WHERE region_code = $1 AND day = $2 FOR UPDATE', [region12, day])
  )[0] as DutyLogRow;
}

export type DutyEntryRow = { id: string; at: string | Date; kind: string; text: string; author_name: string };

export async function logEntries(tx: Queryable, logId: string): Promise<DutyEntryRow[]> {
  return tx.query<DutyEntryRow>('SELECT id, at, kind, text, author_name FROM command_duty_entries WHERE log_id = $1 ORDER BY at, id', [
    logId,
  ]);
}

export async function insertEntry(
  tx: Queryable,
  e: { logId: string; at: string; kind: string; text: string; authorId: string | null; authorName: string },
) {
  const [r] = await tx.query<{ id: string }>(
    'INSERT INTO command_duty_entries (log_id, at, kind, text, author_id, author_name) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [e.logId, e.at, e.kind, e.text, e.authorId, e.authorName],
  );
  return (r as { id: string }).id;
}

export async function handOverLog(tx: Queryable, id: string, note: string, at: string, by: string) {
  await tx.query(
    `UPDATE command_duty_logs SET state = 'handedOver', handover_note = $2, handed_over_at = $3, handed_over_by = $4, version = version + 1
      WHERE id = $1`,
    [id, note, at, by],
  );
}

export type SignalRow = {
  id: string;
  source_type: string;
  domain: string;
  region_code: string;
  title: string;
  severity: string;
  stage: string;
  occurred_at: string | Date;
  created_at: string | Date;
};

/** Signals of the jurisdiction at stage 'collected' created in [from, until], newest first. */
export async function newSignals(tx: Queryable, prefix: string, from: string, until: string): Promise<SignalRow[]> {
  return tx.query<SignalRow>(
    `SELECT id, source_type, domain, region_code, title, severity, stage, occurred_at, created_at FROM command_signals
      WHERE region_code >= $1 AND region_code < $1 || '~' AND stage = 'collected' AND created_at >= $2 AND created_at <= $3
      ORDER BY created_at DESC LIMIT 200`,
    [prefix, from, until],
  );
}

const tableExists = async (tx: Queryable, name: string) =>
  ((await tx.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]))[0]?.t ?? null) !== null;

export type DayCounts = {
  signalsNew: { sourceType: string; stage: string; n: number }[];
  signalsClosed: { sourceType: string; n: number }[];
  accidents: number;
  alarms: number;
  cases: number;
  events: number;
  levelChanges: number | null;
};

/** Counts of a Beijing day [from, to) in the jurisdiction (no person data). */
export async function dayCounts(tx: Queryable, prefix: string, from: string, to: string): Promise<DayCounts> {
  const p = [prefix, from, to];
  const inRegion = `region_code >= $1 AND region_code < $1 || '~'`;
  const n = async (sql: string) => Number((await tx.query<{ n: number | string }>(sql, p))[0]?.n ?? 0);
  const signalsNew = (
    await tx.query<{ source_type: string; stage: string; n: number | string }>(
      `SELECT source_type, stage, count(*) AS n FROM command_signals WHERE ${inRegion} AND created_at >= $2 AND created_at < $3
        GROUP BY source_type, stage ORDER BY source_type, stage`,
      p,
    )
  ).map((r) => ({ sourceType: r.source_type, stage: r.stage, n: Number(r.n) }));
  const signalsClosed = (
    await tx.query<{ source_type: string; n: number | string }>(
      `SELECT source_type, count(*) AS n FROM command_signals WHERE ${inRegion} AND stage = 'closed' AND stage_since >= $2 AND stage_since < $3
        GROUP BY source_type ORDER BY source_type`,
      p,
    )
  ).map((r) => ({ sourceType: r.source_type, n: Number(r.n) }));
  const accidents = await n(`SELECT count(*) AS n FROM accidents WHERE ${inRegion} AND occurred_at >= $2 AND occurred_at < $3`);
  const alarms = await n(`SELECT count(*) AS n FROM alarms WHERE ${inRegion} AND raised_at >= $2 AND raised_at < $3`);
  const cases = await n(
    `SELECT count(*) AS n FROM ph_cases WHERE ${inRegion} AND status NOT IN ('merged', 'revoked') AND diagnosed_at >= $2 AND diagnosed_at < $3`,
  );
  const events = await n(`SELECT count(*) AS n FROM ph_events WHERE ${inRegion} AND created_at >= $2 AND created_at < $3`);
  let levelChanges: number | null = null;
  if (await tableExists(tx, 'ph_region_levels')) {
    try {
      levelChanges = await n(`SELECT count(*) AS n FROM ph_region_levels WHERE ${inRegion} AND created_at >= $2 AND created_at < $3`);
    } catch {
      levelChanges = null;
    }
  }
  return { signalsNew, signalsClosed, accidents, alarms, cases, events, levelChanges };
}

export async function insertBriefing(
  tx: Queryable,
  b: { regionCode: string; day: string; number: string; counts: unknown; pdf: Buffer; by: string | null; at: string },
) {
  const [r] = await tx.query<{ id: string }>(
    `INSERT INTO command_briefings (region_code, day, number, counts, pdf, generated_by, generated_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING id`,
    [b.regionCode, b.day, b.number, JSON.stringify(b.counts), b.pdf, b.by, b.at],
  );
  return (r as { id: string }).id;
}

export type BriefingRow = {
  id: string;
  region_code: string;
  day: string | Date;
  number: string;
  counts: unknown;
  generated_at: string | Date;
};

export async function briefingRows(tx: Queryable, prefix: string): Promise<BriefingRow[]> {
  return tx.query<BriefingRow>(
    `SELECT id, region_code, day, number, counts, generated_at FROM command_briefings
      WHERE region_code >= $1 AND region_code < $1 || '~' ORDER BY day DESC, generated_at DESC LIMIT 200`,
    [prefix],
  );
}

export async function briefingPdf(tx: Queryable, id: string) {
  return (
    await tx.query<{ pdf: Buffer | Uint8Array; number: string; day: string | Date }>(
      'SELECT pdf, number, day FROM command_briefings WHERE id = $1',
      [id],
    )
  )[0];
}
