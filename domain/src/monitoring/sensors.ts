// Sensors on major hazard installations (重大危险源在线监测): what each measures, its range, its
// alarm thresholds (低低报 / 低报 / 高报 / 高高报) with hysteresis, an optional rate-of-change limit
// and the silence after which it counts as offline. Pure rules and shapes.
import { z } from 'zod';
import { bi } from '../errors/messages.ts';

export const SENSOR_TYPES = ['combustibleGas', 'toxicGas', 'level', 'pressure', 'temperature', 'flow'] as const;
export type SensorType = (typeof SENSOR_TYPES)[number];

export const SENSOR_TYPE_INFO: Record<SensorType, { zh: string; en: string; unit: string }> = {
  combustibleGas: { zh: '可燃气体浓度', en: 'Combustible gas', unit: '%LEL' },
  toxicGas: { zh: '有毒气体浓度', en: 'Toxic gas', unit: 'ppm' },
  level: { zh: '液位', en: 'Level', unit: 'm' },
  pressure: { zh: '压力', en: 'Pressure', unit: 'MPa' },
  temperature: { zh: '温度', en: 'Temperature', unit: '℃' },
  flow: { zh: '流量', en: 'Flow', unit: 'm³/h' },
};

export const THRESHOLD_LEVELS = ['lowLow', 'low', 'high', 'highHigh'] as const;
export type ThresholdLevel = (typeof THRESHOLD_LEVELS)[number];
export const THRESHOLD_LABELS: Record<ThresholdLevel, { zh: string; en: string }> = {
  lowLow: { zh: '低低报', en: 'Low-low' },
  low: { zh: '低报', en: 'Low' },
  high: { zh: '高报', en: 'High' },
  highHigh: { zh: '高高报', en: 'High-high' },
};

export type Thresholds = Partial<Record<ThresholdLevel, number>>;

export type SensorConfig = {
  rangeMin: number;
  rangeMax: number;
  thresholds: Thresholds;
  /** A threshold alarm clears only once the value is this far back inside the threshold. */
  hysteresis: number;
  /** Largest change per minute before a rate-of-change alarm; null: none. */
  rateLimit: number | null;
  /** Seconds without a reading before the sensor is offline. */
  offlineSeconds: number;
};

const num = z.number().finite();
const optionalNum = num.nullish().transform((v) => v ?? undefined);

export const sensorInputSchema = z
  .strictObject({
    installationId: z.uuid(),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{1,40}$/, bi('点位编号为1–40位字母、数字、_.-', 'Code: 1–40 letters, digits, _ . -')),
    name: z.string().trim().min(1).max(100),
    type: z.enum(SENSOR_TYPES),
    unit: z.string().trim().min(1).max(20).optional(),
    rangeMin: num,
    rangeMax: num,
    lowLow: optionalNum,
    low: optionalNum,
    high: optionalNum,
    highHigh: optionalNum,
    hysteresis: num.min(0).default(0),
    rateLimit: num
      .positive()
      .nullish()
      .transform((v) => v ?? null),
    offlineSeconds: z.number().int().min(10).max(86400).default(300),
  })
  .superRefine((s, ctx) => {
    if (s.rangeMin >= s.rangeMax)
      ctx.addIssue({ code: 'custom', path: ['rangeMax'], message: bi('量程上限须大于下限', 'The range maximum must exceed the minimum') });
    // Thresholds must sit inside the range and in order: lowLow < low < high < highHigh.
    let previous: { level: ThresholdLevel; value: number } | null = null;
    for (const level of THRESHOLD_LEVELS) {
      const v = s[level];
      if (v === undefined) continue;
      if (v < s.rangeMin || v > s.rangeMax)
        ctx.addIssue({ code: 'custom', path: [level], message: bi('报警值须在量程之内', 'A threshold must lie inside the range') });
      if (previous && v <= previous.value)
        ctx.addIssue({
          code: 'custom',
          path: [level],
          message: bi('报警值须依次递增：低低报 < 低报 < 高报 < 高高报', 'Thresholds must rise: low-low < low < high < high-high'),
        });
      previous = { level, value: v };
    }
  });
export type SensorInput = z.infer<typeof sensorInputSchema>;

export const configOf = (
  s: Pick<SensorInput, 'rangeMin' | 'rangeMax' | ThresholdLevel | 'hysteresis' | 'rateLimit' | 'offlineSeconds'>,
): SensorConfig => ({
  rangeMin: s.rangeMin,
  rangeMax: s.rangeMax,
  thresholds: Object.fromEntries(THRESHOLD_LEVELS.filter((l) => s[l] !== undefined && s[l] !== null).map((l) => [l, s[l]])) as Thresholds,
  hysteresis: s.hysteresis,
  rateLimit: s.rateLimit,
  offlineSeconds: s.offlineSeconds,
});

// ---- Telemetry batches ----------------------------------------------------------------------

/** One reading as gateways send it: the sensor's code, an ISO time or epoch milliseconds, a number. */
export const readingSchema = z.strictObject({
  sensor: z.string().min(1).max(40),
  ts: z.union([z.number().int().positive(), z.iso.datetime({ offset: true })]),
  value: z.number().finite(),
});
/** Most readings one message may carry. */
export const MAX_BATCH_READINGS = 10000;
export const telemetryBatchSchema = z.strictObject({
  readings: z.array(z.unknown()).min(1).max(MAX_BATCH_READINGS),
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The hot path's reading check: the same acceptance as readingSchema (a property test holds them
 * together) without building a zod result per reading — at 100,000 readings a second it matters.
 * Returns the time in epoch ms, or null when the reading is invalid.
 */
export function parseReading(item: unknown): { sensor: string; ts: number; value: number } | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
  const r = item as Record<string, unknown>;
  let keys = 0;
  for (const k in r) {
    if (k !== 'sensor' && k !== 'ts' && k !== 'value') return null;
    keys++;
  }
  if (keys !== 3) return null;
  const { sensor, ts, value } = r;
  if (typeof sensor !== 'string' || sensor.length < 1 || sensor.length > 40) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  let t: number;
  if (typeof ts === 'number') {
    if (!Number.isSafeInteger(ts) || ts <= 0) return null;
    t = ts;
  } else if (typeof ts === 'string' && ISO.test(ts)) {
    t = Date.parse(ts);
    if (Number.isNaN(t)) return null;
  } else return null;
  return { sensor, ts: t, value };
}

// ---- What cannot be used ---------------------------------------------------------------------

/** Why the pipeline refused a message or a reading (telemetry_dead_letters.reason). */
export const DEAD_LETTER_REASONS = [
  'malformed',
  'tooDeep',
  'invalid',
  'unknownEnterprise',
  'unknownSensor',
  'decommissioned',
  'outOfRange',
  'future',
  'late',
  'unstorable',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];
export const DEAD_LETTER_REASON_LABELS: Record<DeadLetterReason, { zh: string; en: string }> = {
  malformed: { zh: '格式错误（非 JSON）', en: 'Malformed (not JSON)' },
  tooDeep: { zh: '嵌套过深', en: 'Nested too deep' },
  invalid: { zh: '字段不合规', en: 'Invalid fields' },
  unknownEnterprise: { zh: '未知企业', en: 'Unknown enterprise' },
  unknownSensor: { zh: '未登记的传感器', en: 'Unregistered sensor' },
  outOfRange: { zh: '超出量程', en: 'Out of range' },
  future: { zh: '时间在未来', en: 'In the future' },
  late: { zh: '迟到（超出保留期）', en: 'Late (past retention)' },
  decommissioned: { zh: '点位已停用', en: 'Sensor decommissioned' },
  unstorable: { zh: '数据库拒收', en: 'Refused by the database' },
};

/**
 * Deepest nesting of arrays and objects a telemetry message may have. A batch nests three deep
 * (the object, its readings array, each reading); the room above that lets a reading with a
 * stray object in it be refused as that reading ('invalid') rather than the whole message.
 */
export const MAX_TELEMETRY_DEPTH = 8;

/** Whether `value` nests arrays and objects deeper than `max`, found without recursion (a hostile message may nest 100,000 deep). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: unknown[] = [value];
  const depths: number[] = [0];
  while (stack.length) {
    const v = stack.pop();
    const d = depths.pop() as number;
    if (typeof v !== 'object' || v === null) continue;
    if (d + 1 > max) return true;
    if (Array.isArray(v))
      for (const x of v) {
        stack.push(x);
        depths.push(d + 1);
      }
    else
      for (const k in v) {
        stack.push((v as Record<string, unknown>)[k]);
        depths.push(d + 1);
      }
  }
  return false;
}

/** Most characters of a refused message or reading kept with its dead letter. */
export const DEAD_LETTER_CHARS = 2000;

/**
 * What a dead letter keeps of the refused thing: its text (or its JSON) cut at `max`
 * characters, written without ever holding more than that — a reading nested 100,000 deep or a
 * string of a megabyte costs no more than a short one (JSON.stringify would overflow the stack
 * or copy it all) — with NUL written as \u0000, which PostgreSQL's text cannot hold, and half
 * surrogate pairs replaced.
 */
export function deadLetterText(item: unknown, max = DEAD_LETTER_CHARS): string {
  let out = '';
  const put = (s: string) => {
    out += s;
    return out.length < max;
  };
  // Each level writes a character before it goes deeper, so this recurses at most `max` deep.
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') return put(JSON.stringify(v.length > max ? v.slice(0, max) : v));
    if (v === null || typeof v !== 'object') return put(JSON.stringify(v) ?? 'null');
    if (Array.isArray(v)) {
      if (!put('[')) return false;
      for (let i = 0; i < v.length; i++) if ((i > 0 && !put(',')) || !walk(v[i])) return false;
      return put(']');
    }
    if (!put('{')) return false;
    let first = true;
    for (const k in v) {
      if ((!first && !put(',')) || !put(`${JSON.stringify(k.length > max ? k.slice(0, max) : k)}:`)) return false;
      first = false;
      if (!walk((v as Record<string, unknown>)[k])) return false;
    }
    return put('}');
  };
  if (typeof item === 'string') out = item.slice(0, max);
  else walk(item);
  return out.slice(0, max).replaceAll('\u0000', '\\u0000').replace(LONE_SURROGATE, '\uFFFD');
}
/** Half a UTF-16 pair (from a JSON escape, or a cut): not text in UTF-8, replaced as a decoder would. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
