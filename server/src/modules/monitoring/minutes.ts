// Minute aggregates held in memory, and the plan of which of them a write adds to
// readings_minute. Pure: the pipeline keeps the map and the watermark, this decides.
import type { Accepted } from './ingest.ts';

export type Agg = { n: number; sum: number; min: number; max: number };
/** Sensor id → minute start (Unix ms) → aggregate. */
export type Minutes = Map<string, Map<number, Agg>>;

export function addTo(m: Minutes, id: string, minute: number, a: Agg) {
  let byMinute = m.get(id);
  if (!byMinute) {
    byMinute = new Map();
    m.set(id, byMinute);
  }
  const b = byMinute.get(minute);
  if (!b) byMinute.set(minute, { ...a });
  else {
    b.n += a.n;
    b.sum += a.sum;
    if (a.min < b.min) b.min = a.min;
    if (a.max > b.max) b.max = a.max;
  }
}

export type MinutePlan = { write: Minutes; keep: Minutes; completeBefore: number | null };

/**
 * Which minute aggregates this write adds to readings_minute and which it keeps in memory. The
 * watermark moves (never back) to the start of the previous minute — a minute of grace, for
 * readings that arrive late from a backlog — and minutes before it, held in memory or in this
 * batch, are written now; later ones are kept. `all` writes everything and moves the watermark
 * to the next minute: a clean stop leaves nothing to recount. `completeBefore` null (the minutes
 * not recovered yet): everything is written at once.
 */
export function planMinutes(open: Minutes, before: number | null, fresh: Accepted[], now: number, all: boolean): MinutePlan {
  const write: Minutes = new Map();
  const keep: Minutes = new Map();
  const minute = now - (now % 60000);
  const completeBefore = before === null ? null : Math.max(before, all ? minute + 60000 : minute - 60000);
  if (completeBefore !== null)
    for (const [id, byMinute] of open) for (const [m, a] of byMinute) if (all || m < completeBefore) addTo(write, id, m, a);
  for (const r of fresh) {
    const m = r.ts - (((r.ts % 60000) + 60000) % 60000);
    addTo(completeBefore === null || all || m < completeBefore ? write : keep, r.sensor.id, m, {
      n: 1,
      sum: r.value,
      min: r.value,
      max: r.value,
    });
  }
  return { write, keep, completeBefore };
}

/** The memory after a committed plan: written minutes dropped, kept ones added. */
export function afterPlan(open: Minutes, plan: MinutePlan, all: boolean): void {
  const cut = plan.completeBefore;
  if (cut === null) return;
  for (const [id, byMinute] of open) {
    for (const m of byMinute.keys()) if (all || m < cut) byMinute.delete(m);
    if (!byMinute.size) open.delete(id);
  }
  for (const [id, byMinute] of plan.keep) for (const [m, agg] of byMinute) addTo(open, id, m, agg);
}
