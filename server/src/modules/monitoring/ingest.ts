// The checks of one telemetry message, before anything is written: the message read as a batch
// (JSON, the batch's shape, its depth), then reading by reading against the sensor registry
// (unknown enterprise or sensor, decommissioned, out of range, far in the future, too late).
// What cannot be used becomes a dead letter with its reason and a bounded, storable copy. Nothing
// here may throw for any input: whatever a message holds, it ends as readings or dead letters.
// This is the hot path of ingest: no allocation or zod parse beyond what a well-formed batch needs.
import {
  DEAD_LETTER_CHARS,
  type DeadLetterReason,
  deadLetterText,
  inRange,
  MAX_BATCH_READINGS,
  MAX_TELEMETRY_DEPTH,
  nestedDeeperThan,
  parseReading,
  type SensorConfig,
  type SensorState,
  telemetryBatchSchema,
} from '@taishan/domain';
import type { ReadingsWindow } from './partitions-store.ts';

/** A sensor as the pipeline holds it in memory: its configuration and alarm state. */
export type SensorEntry = {
  id: string;
  /** The id as 16 bytes, for binary COPY. */
  idBytes: Buffer;
  code: string;
  enterpriseId: string;
  regionCode: string;
  industryCode: string;
  config: SensorConfig;
  state: SensorState;
  /** The open offline alarm's condition is active (cleared by the next reading). */
  offline: boolean;
  /** Decommissioned (停用): its readings are dead-lettered, it raises nothing. */
  decommissioned: boolean;
  /** The reading time last written to sensor_latest, and when (server clock) it was written. */
  savedTs: number | null;
  savedAt: number;
};
/** An enterprise's sensors by code; null: no enterprise has this credit code. */
export type EnterpriseEntry = { id: string; sensors: Map<string, SensorEntry> } | null;

/** A reading that passed the checks. */
export type Accepted = { sensor: SensorEntry; ts: number; value: number };
/** What could not be used, as telemetry_dead_letters stores it. */
export type Dead = { source: string; creditCode: string | null; reason: DeadLetterReason; payload: string };

export type IngestLimits = {
  /** Readings older than this behind the sensor's latest are late (dead-lettered). */
  lateSeconds: number;
  /** Readings further ahead of the server clock than this are refused. */
  futureSeconds: number;
};

/** One message's checks: `reject` collects dead letters (of this source and credit code). */
export class MessageCheck {
  readonly dead: Dead[] = [];
  readonly accepted: Accepted[] = [];
  private readonly code: string;

  constructor(
    creditCode: string,
    private readonly source: string,
    private readonly payload: unknown,
  ) {
    this.code = deadLetterText(creditCode, 40);
  }

  /** The credit code as dead letters keep it (bounded). */
  get creditCode() {
    return this.code;
  }

  reject(reason: DeadLetterReason, item: unknown) {
    this.dead.push({ source: this.source, creditCode: this.code, reason, payload: deadLetterText(item) });
  }

  private get raw() {
    return typeof this.payload === 'string' || Buffer.isBuffer(this.payload);
  }

  /** The message as text for its dead letter (raw bytes or the value itself). */
  private whole(fallback: unknown) {
    return this.raw ? rawText(this.payload as string | Buffer) : fallback;
  }

  /** The message's readings, or null when it is not a batch (then it is one dead letter). */
  readings(): unknown[] | null {
    let body: unknown = this.payload;
    if (this.raw) {
      try {
        body = JSON.parse((this.payload as string | Buffer).toString());
      } catch {
        this.reject('malformed', rawText(this.payload as string | Buffer));
        return null;
      }
    }
    try {
      const batch = batchOf(body);
      if (batch.success) return batch.data.readings;
      this.reject(nestedDeeperThan(body, MAX_TELEMETRY_DEPTH) ? 'tooDeep' : 'malformed', this.whole(body));
    } catch {
      // Nothing above should throw for any input; should something, the message is still only a dead letter.
      this.dead.length = 0;
      this.reject('malformed', this.whole(''));
    }
    return null;
  }

  /** Each reading checked against the enterprise's sensors (null: unknown enterprise) and the window of storable times. */
  check(e: EnterpriseEntry, readings: unknown[], now: number, window: ReadingsWindow, limits: IngestLimits) {
    try {
      if (!e) {
        for (const item of readings) this.reject('unknownEnterprise', item);
        return;
      }
      for (const item of readings) {
        const r = parseReading(item);
        if (!r) {
          // An item refused as a reading: one nested deeper than any reading is said to be so.
          this.reject(nestedDeeperThan(item, MAX_TELEMETRY_DEPTH - 2) ? 'tooDeep' : 'invalid', item);
          continue;
        }
        const sensor = e.sensors.get(r.sensor);
        const ts = r.ts;
        if (!sensor) this.reject('unknownSensor', item);
        else if (sensor.decommissioned) this.reject('decommissioned', item);
        else if (!inRange(sensor.config, r.value)) this.reject('outOfRange', item);
        else if (ts > now + limits.futureSeconds * 1000 || ts >= window.to) this.reject('future', item);
        else if (ts < window.from || (sensor.state.lastTs !== null && ts < sensor.state.lastTs - limits.lateSeconds * 1000))
          this.reject('late', item);
        else this.accepted.push({ sensor, ts, value: r.value });
      }
    } catch {
      // As above: whatever went wrong with the checks, the message becomes a dead letter, not a stuck message.
      this.accepted.length = 0;
      this.dead.length = 0;
      this.reject('invalid', this.whole(readings));
    }
  }
}

/**
 * Whether the database refused a write for what it held rather than for its own state: a data
 * exception (class 22: a byte sequence it cannot store, a number out of its range), a reference
 * to a row gone meanwhile (23503), a value over its limits (class 54).
 */
export function refusedForItsContent(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code === '23503' || code.startsWith('54'));
}

/** The start of a message as text, for its dead letter (never the whole of a large one). */
const rawText = (payload: string | Buffer) =>
  typeof payload === 'string' ? payload.slice(0, 2 * DEAD_LETTER_CHARS) : payload.subarray(0, 4 * DEAD_LETTER_CHARS).toString();

/** telemetryBatchSchema's verdict, without zod for the usual well-formed batch (the hot path). */
function batchOf(body: unknown): { success: true; data: { readings: unknown[] } } | { success: false } {
  const readings = (body as { readings?: unknown } | null)?.readings;
  if (
    typeof body === 'object' &&
    body !== null &&
    Array.isArray(readings) &&
    readings.length >= 1 &&
    readings.length <= MAX_BATCH_READINGS &&
    Object.keys(body).length === 1
  )
    return { success: true, data: { readings } };
  return telemetryBatchSchema.safeParse(body);
}
