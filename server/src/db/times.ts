// Dates and moments as PostgreSQL writes them in text (DateStyle ISO, both drivers' default), for
// reads that ask for them raw (QueryOptions.rawTimes): turning each into a Date and back into a
// string was a tenth of the server's time on the county hazard list (two moments and two dates on
// each of 20 rows, parsed by a regular expression and re-formatted per field).

// 2026-11-23 16:30:00.123456+00, 2026-11-24 00:30:00+08, 1890-01-01 00:00:00+08:05:43
const MOMENT = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$/;

/**
 * A `timestamptz` in PostgreSQL's text (any session time zone) as ISO 8601 in UTC with
 * milliseconds, as Date.toISOString writes it (microseconds truncated, as the drivers' Dates do).
 * Anything else (an ISO string already, 'infinity', a year past 9999) goes through Date.
 */
export function isoFromPg(text: string): string {
  const m = MOMENT.exec(text);
  if (!m) return new Date(text).toISOString();
  const [, y, mo, d, h, mi, s, frac = '', sign, oh, om = '00', os = '00'] = m;
  const ms = `${frac}000`.slice(0, 3);
  if (oh === '00' && om === '00' && os === '00') return `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`;
  const offset = (Number(oh) * 3600 + Number(om) * 60 + Number(os)) * 1000 * (sign === '-' ? -1 : 1);
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms)) - offset).toISOString();
}

/** PostgreSQL's date and time types: date, timestamp, timestamptz. */
export const TIME_TYPE_OIDS = [1082, 1114, 1184] as const;
