// Dates as the platform writes and shows them: China Standard Time (Asia/Shanghai, UTC+8, no
// daylight saving), whatever time zone the server's machine runs in.

/** Today in China Standard Time, as deadlines are written: 2026-11-24. */
export const todayInShanghai = (now = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);

/** A moment in Beijing time, as documents and exports show it: 2026-11-24 15:20:00. */
export function shanghaiTime(at: string | Date | null): string {
  if (at === null) return '—';
  return new Date(at).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false });
}
