// SQL of the working-day calendar (calendar_days, migration 027).
import type { CalendarDay, DayKind } from '@taishan/domain';
import type { Queryable } from '../../db/db.ts';

type Row = { date: string; kind: DayKind; name: string };
const SELECT = "SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days";
const toDay = (r: Row): CalendarDay => ({ date: r.date, kind: r.kind, name: r.name });

export async function allDays(db: Queryable): Promise<CalendarDay[]> {
  return (await db.query<Row>(`${SELECT} ORDER BY date`)).map(toDay);
}

export async function daysOfYear(db: Queryable, year: number): Promise<CalendarDay[]> {
  const rows = await db.query<Row>(`${SELECT} WHERE date >= $1::date AND date < $2::date ORDER BY date`, [
    `${year}-01-01`,
    `${year + 1}-01-01`,
  ]);
  return rows.map(toDay);
}

/** The day, locked for the command that changes it. */
export async function findDayForUpdate(tx: Queryable, date: string): Promise<CalendarDay | null> {
  const [r] = await tx.query<Row>(`${SELECT} WHERE date = $1::date FOR UPDATE`, [date]);
  return r ? toDay(r) : null;
}

export async function upsertDay(tx: Queryable, d: CalendarDay): Promise<void> {
  await tx.query(
    `INSERT INTO calendar_days (date, kind, name) VALUES ($1::date, $2, $3)
     ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_at = now()`,
    [d.date, d.kind, d.name],
  );
}

export async function deleteDay(tx: Queryable, date: string): Promise<void> {
  await tx.query('DELETE FROM calendar_days WHERE date = $1::date', [date]);
}
