// The picker of a named statistics period — a year (2026), a quarter (2026-Q3) or a month
// (2026-07), the names the statistics endpoints take (domain's namedPeriod) — shared by the
// enforcement and the accident statistics.
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

export type NamedPeriodMode = 'year' | 'quarter' | 'month';

/** The kind of a period's name: 2025 · 2025-Q3 · 2025-07. */
export const namedPeriodMode = (period: string): NamedPeriodMode => (/Q/.test(period) ? 'quarter' : period.length === 7 ? 'month' : 'year');

/** A day of the named period, for the picker's value. */
export function namedPeriodDay(period: string): Dayjs {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return dayjs(`${q[1]}-${String(3 * Number(q[2]) - 2).padStart(2, '0')}-01`);
  return dayjs(period.length === 4 ? `${period}-01-01` : `${period}-01`);
}

/** The name of the period of `mode` that holds `day`. */
export const namedPeriodOf = (mode: NamedPeriodMode, day: Dayjs) =>
  mode === 'year' ? day.format('YYYY') : mode === 'month' ? day.format('YYYY-MM') : `${day.year()}-Q${Math.floor(day.month() / 3) + 1}`;

/** A year / quarter / month picker showing `period` when it is of the chosen `mode`. */
export function NamedPeriodPicker(props: {
  mode: NamedPeriodMode;
  period: string | null;
  onChange: (period: string) => void;
  ariaLabel: string;
  testId: string;
}) {
  const { mode, period } = props;
  return (
    <DatePicker
      picker={mode}
      allowClear={false}
      aria-label={props.ariaLabel}
      value={period && namedPeriodMode(period) === mode ? namedPeriodDay(period) : null}
      onChange={(v: Dayjs | null) => v && props.onChange(namedPeriodOf(mode, v))}
      data-testid={props.testId}
    />
  );
}
