// The alarm engine and the alarm lifecycle, pure.
//
// Engine: each reading moves a sensor's threshold zone (highHigh / high / normal / low / lowLow)
// with hysteresis — a zone is entered when the value reaches its threshold and left only once the
// value is back inside by the hysteresis — and checks the rate of change against the sensor's
// limit. Like ThingsBoard, a sensor has at most one open alarm per kind (threshold, rate,
// offline); a re-trigger updates it (a high alarm that climbs to high-high becomes critical, and
// stays critical until cleared, however far the value falls back: openAlarmAfter).
//
// Lifecycle, for the people on duty: raised → acknowledged → handled (disposal note, who) →
// cleared. Clearing needs the condition gone: a gas alarm is not closed while the gas is high.
import type { SensorConfig, ThresholdLevel } from './sensors.ts';

export const ALARM_KINDS = ['threshold', 'rate', 'offline'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];
export const ALARM_KIND_LABELS: Record<AlarmKind, { zh: string; en: string }> = {
  threshold: { zh: '超限报警', en: 'Threshold' },
  rate: { zh: '变化率报警', en: 'Rate of change' },
  offline: { zh: '离线报警', en: 'Offline' },
};

export const SEVERITIES = ['critical', 'major', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, { zh: string; en: string }> = {
  critical: { zh: '严重', en: 'Critical' },
  major: { zh: '重要', en: 'Major' },
  warning: { zh: '一般', en: 'Warning' },
};

/** High-high and low-low are critical; high and low are major; rate and offline are warnings. */
export const severityOf = (kind: AlarmKind, level: ThresholdLevel | null): Severity =>
  kind !== 'threshold' ? 'warning' : level === 'highHigh' || level === 'lowLow' ? 'critical' : 'major';

export const SEVERITY_RANK: Record<Severity, number> = { warning: 1, major: 2, critical: 3 };
/** The more severe of two (the first on a tie). */
export const higherSeverity = (a: Severity, b: Severity): Severity => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a);
/** High-high and low-low lie beyond high and low. */
const LEVEL_RANK: Record<ThresholdLevel, number> = { low: 1, high: 1, lowLow: 2, highHigh: 2 };

/** What an open alarm keeps of the readings that raised and updated it. */
export type OpenAlarm = {
  severity: Severity;
  /** The zone the sensor is in now (threshold alarms). */
  level: ThresholdLevel | null;
  /** The furthest zone reached while the alarm was open. */
  peakLevel: ThresholdLevel | null;
  peakValue: number | null;
};

/** The value furthest into the alarm: the highest on the high side, the lowest on the low side, else the largest in size. */
function furthest(peak: number | null, value: number, level: ThresholdLevel | null): number {
  if (peak === null) return value;
  if (level === 'high' || level === 'highHigh') return Math.max(peak, value);
  if (level === 'low' || level === 'lowLow') return Math.min(peak, value);
  return Math.abs(value) > Math.abs(peak) ? value : peak;
}

/**
 * The open alarm of a kind after a raise or update signal (`open` null: none yet, it is raised).
 * Its level follows the reading, but its severity and peak level only rise while it is open: a
 * toxic gas that touched high-high and fell back to high is still a critical alarm until people
 * clear it, and the wall counts it as one. `rose`: the severity went up (an escalation).
 */
export function openAlarmAfter(
  open: OpenAlarm | null,
  s: { severity: Severity; level: ThresholdLevel | null; value: number },
): OpenAlarm & { rose: boolean } {
  if (!open) return { severity: s.severity, level: s.level, peakLevel: s.level, peakValue: s.value, rose: false };
  const severity = higherSeverity(open.severity, s.severity);
  const peakLevel =
    s.level !== null && (open.peakLevel === null || LEVEL_RANK[s.level] > LEVEL_RANK[open.peakLevel]) ? s.level : open.peakLevel;
  return {
    severity,
    level: s.level,
    peakLevel,
    peakValue: furthest(open.peakValue, s.value, s.level),
    rose: SEVERITY_RANK[severity] > SEVERITY_RANK[open.severity],
  };
}

/** What the engine remembers per sensor between readings. */
export type SensorState = { zone: ThresholdLevel | null; lastValue: number | null; lastTs: number | null; rateHigh: boolean };
export const INITIAL_STATE: SensorState = { zone: null, lastValue: null, lastTs: null, rateHigh: false };

export type AlarmSignal =
  | { kind: AlarmKind; change: 'raise'; severity: Severity; level: ThresholdLevel | null; value: number; ts: number }
  | { kind: AlarmKind; change: 'update'; severity: Severity; level: ThresholdLevel | null; value: number; ts: number }
  | { kind: AlarmKind; change: 'conditionCleared'; value: number; ts: number };

/** The zone a value is in, given the zone it was in (hysteresis keeps it there until clearly back). */
export function zoneOf(c: SensorConfig, value: number, current: ThresholdLevel | null): ThresholdLevel | null {
  const t = c.thresholds;
  const h = c.hysteresis;
  const inHigh = current === 'high' || current === 'highHigh';
  const inLow = current === 'low' || current === 'lowLow';
  if (t.highHigh !== undefined && (value >= t.highHigh || (current === 'highHigh' && value > t.highHigh - h))) return 'highHigh';
  if (t.high !== undefined && (value >= t.high || (inHigh && value > t.high - h))) return 'high';
  if (t.lowLow !== undefined && (value <= t.lowLow || (current === 'lowLow' && value < t.lowLow + h))) return 'lowLow';
  if (t.low !== undefined && (value <= t.low || (inLow && value < t.low + h))) return 'low';
  return null;
}

/**
 * One reading through the engine: the new state and the alarm signals it causes. Readings older
 * than the last one seen are the caller's to refuse (late); this function assumes time moves on.
 */
export function evaluate(c: SensorConfig, s: SensorState, value: number, ts: number): { state: SensorState; signals: AlarmSignal[] } {
  const signals: AlarmSignal[] = [];
  const zone = zoneOf(c, value, s.zone);
  if (zone !== s.zone) {
    if (zone === null) signals.push({ kind: 'threshold', change: 'conditionCleared', value, ts });
    else
      signals.push({
        kind: 'threshold',
        change: s.zone === null ? 'raise' : 'update',
        severity: severityOf('threshold', zone),
        level: zone,
        value,
        ts,
      });
  }
  let rateHigh = s.rateHigh;
  if (c.rateLimit !== null && s.lastValue !== null && s.lastTs !== null && ts > s.lastTs) {
    const perMinute = (Math.abs(value - s.lastValue) / (ts - s.lastTs)) * 60000;
    const now = perMinute > c.rateLimit;
    if (now && !rateHigh) signals.push({ kind: 'rate', change: 'raise', severity: 'warning', level: null, value, ts });
    if (!now && rateHigh) signals.push({ kind: 'rate', change: 'conditionCleared', value, ts });
    rateHigh = now;
  }
  return { state: { zone, lastValue: value, lastTs: ts, rateHigh }, signals };
}

/** Whether a sensor last heard from at `lastTs` is offline at `now` (both epoch ms). */
export const isOffline = (c: Pick<SensorConfig, 'offlineSeconds'>, lastTs: number | null, now: number) =>
  lastTs !== null && now - lastTs > c.offlineSeconds * 1000;

/** A reading outside the sensor's measuring range is a fault, not a measurement (dead-lettered). */
export const inRange = (c: Pick<SensorConfig, 'rangeMin' | 'rangeMax'>, value: number) => value >= c.rangeMin && value <= c.rangeMax;

// ---- Lifecycle ------------------------------------------------------------------------------

export const ALARM_STATUSES = ['raised', 'acknowledged', 'handled', 'cleared'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];
export const ALARM_ACTIONS = ['acknowledge', 'handle', 'clear'] as const;
export type AlarmAction = (typeof ALARM_ACTIONS)[number];

export const ALARM_STATUS_LABELS: Record<AlarmStatus, { zh: string; en: string }> = {
  raised: { zh: '未确认', en: 'Raised' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
  handled: { zh: '已处置', en: 'Handled' },
  cleared: { zh: '已消除', en: 'Cleared' },
};
export const ALARM_ACTION_LABELS: Record<AlarmAction, { zh: string; en: string }> = {
  acknowledge: { zh: '确认', en: 'Acknowledge' },
  handle: { zh: '处置', en: 'Handle' },
  clear: { zh: '消除', en: 'Clear' },
};

const ALARM_FLOW: Record<AlarmAction, { from: AlarmStatus[]; to: AlarmStatus }> = {
  acknowledge: { from: ['raised'], to: 'acknowledged' },
  handle: { from: ['acknowledged'], to: 'handled' },
  clear: { from: ['handled'], to: 'cleared' },
};

/** The status after `action`, or why not: 'refused' (wrong status) or 'conditionActive' (clear while still alarming). */
export function alarmTransition(
  status: AlarmStatus,
  action: AlarmAction,
  conditionActive: boolean,
): AlarmStatus | 'refused' | 'conditionActive' {
  if (!ALARM_FLOW[action].from.includes(status)) return 'refused';
  if (action === 'clear' && conditionActive) return 'conditionActive';
  return ALARM_FLOW[action].to;
}

export const allowedAlarmActions = (status: AlarmStatus, conditionActive: boolean): AlarmAction[] =>
  ALARM_ACTIONS.filter((a) => {
    const to = alarmTransition(status, a, conditionActive);
    return to !== 'refused' && to !== 'conditionActive';
  });

/** Whether an alarm raised at `raisedAt` and still unacknowledged at `now` is due for escalation. */
export const dueForEscalation = (status: AlarmStatus, raisedAt: number, now: number, minutes: number) =>
  status === 'raised' && now - raisedAt >= minutes * 60000;

/**
 * The escalation step an alarm is due for — the severity the county is told of — or null. An
 * alarm still unacknowledged `minutes` after it was raised is escalated at its severity; should
 * its severity rise while it stays unacknowledged, once more at the higher one. A step already
 * escalated (`escalatedSeverity` or below) never is again: one notice per alarm and step.
 */
export function escalationStep(
  a: { status: AlarmStatus; raisedAt: number; severity: Severity; escalatedSeverity: Severity | null },
  now: number,
  minutes: number,
): Severity | null {
  if (!dueForEscalation(a.status, a.raisedAt, now, minutes)) return null;
  if (a.escalatedSeverity !== null && SEVERITY_RANK[a.severity] <= SEVERITY_RANK[a.escalatedSeverity]) return null;
  return a.severity;
}

/** Per user, one escalation notice per alarm and step (the notifications' dedupe key). */
export const escalationNoticeKey = (alarmId: string, step: Severity) => `alarm:${alarmId}:escalated:${step}`;
/** Escalation notices are grouped in the inbox by day (Beijing date, YYYY-MM-DD): one entry in the bell a day, however many alarms. */
export const escalationNoticeGroup = (day: string) => `alarmEscalated:${day}`;
/** The notice's title (notices are written in Chinese): the first step says how long it waited, a later one that it grew worse. */
export function escalationNoticeTitle(a: {
  step: Severity;
  previous: Severity | null;
  minutes: number;
  enterpriseName: string;
  sensorName: string;
}): string {
  const what = `${a.enterpriseName} ${a.sensorName}`;
  return a.previous === null
    ? `${SEVERITY_LABELS[a.step].zh}报警超过${a.minutes}分钟未确认：${what}`
    : `未确认报警由${SEVERITY_LABELS[a.previous].zh}升级为${SEVERITY_LABELS[a.step].zh}：${what}`;
}
