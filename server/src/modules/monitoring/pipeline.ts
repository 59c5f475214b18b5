// Telemetry pipeline: batch → validate → alarm evaluation → durable write → push.
//
// Gateways send `{ readings: [{ sensor, ts, value }] }` for their enterprise (MQTT topic
// taishan/telemetry/{creditCode}, or HTTP). Each batch is checked reading by reading; what cannot
// be used (malformed, nested too deep, unknown enterprise or sensor, decommissioned sensor, out of
// range, far in the future, too late) is kept in telemetry_dead_letters with the reason and a
// bounded, storable copy (deadLetterText). No message may stop ingestion: whatever a message
// holds, ingest resolves (stored or dead-lettered) unless the database itself fails, and a batch
// the database refuses is written alone and, refused again, dead-lettered ('unstorable') without
// taking the batches written with it down (an MQTT message not acknowledged is re-delivered, and
// the ones after it wait for its acknowledgement). Accepted readings from many batches are
// written together — one transaction: the readings (binary COPY on PostgreSQL), latest values,
// alarms, dead letters — and `ingest` resolves only after that commit, so an MQTT QoS 1
// acknowledgement means "stored". Readings are unique on (sensor, ts): a batch delivered again
// writes nothing twice.
//
// Two things are written less often than every batch, because under load writing them each time
// cost a third of the write: a sensor's latest value (when its alarm zone changes, else at most
// once a second and on housekeeping; the API shows the newer value from memory), and the minute
// aggregates of the minute still running (kept here and written once the minute is over; a
// watermark in the database says up to where they are complete, and a restart recounts the rest
// from the readings). Nothing a gateway was told is stored depends on them.
//
// Alarm state (each sensor's zone, last value and time, rate flag, open offline alarm) is kept
// in memory and rebuilt from sensor_latest and the open alarms at start; it changes only after
// the transaction that records it commits.
import { EventEmitter } from 'node:events';
import {
  type AlarmSignal,
  configOf,
  DEAD_LETTER_CHARS,
  type DeadLetterReason,
  deadLetterText,
  evaluate,
  INITIAL_STATE,
  inRange,
  MAX_BATCH_READINGS,
  MAX_TELEMETRY_DEPTH,
  nestedDeeperThan,
  type OpenAlarm,
  openAlarmAfter,
  parseReading,
  type SensorConfig,
  type SensorState,
  type Severity,
  severityOf,
  type ThresholdLevel,
  telemetryBatchSchema,
} from '@taishan/domain';
import { appendAudit } from '../../audit/chain.ts';
import type { Db, Queryable } from '../../db/db.ts';
import { encodeReadings, uuidBytes } from './copy-binary.ts';

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
type EnterpriseEntry = { id: string; sensors: Map<string, SensorEntry> } | null;

export type AlarmEvent = {
  id: string;
  sensorId: string;
  enterpriseId: string;
  regionCode: string;
  industryCode: string;
  kind: string;
  severity: string;
  level: string | null;
  status: string;
  conditionActive: boolean;
  lastValue: number | null;
  raisedAt: string;
  updatedAt: string;
};

type Accepted = { sensor: SensorEntry; ts: number; value: number };
type Dead = { source: string; creditCode: string | null; reason: DeadLetterReason; payload: string };
/** 'close': also write what waits (finished minutes, unsaved latest values); 'all': everything, minutes still running too. */
type Housekeeping = 'close' | 'all' | null;
type Pending = {
  readings: Accepted[];
  dead: Dead[];
  waiters: { resolve: () => void; reject: (e: unknown) => void }[];
  housekeeping: Housekeeping;
};
/** One batch taken (or a housekeeping request), waiting to be written. */
type Queued = {
  readings: Accepted[];
  dead: Dead[];
  waiter: Pending['waiters'][number];
  housekeeping?: Housekeeping;
  /** Where the batch came from (for its dead letter, should the database refuse it). */
  from?: { source: string; creditCode: string };
};
type Agg = { n: number; sum: number; min: number; max: number };
/** Sensor id → minute start (Unix ms) → aggregate. */
type Minutes = Map<string, Map<number, Agg>>;

export type IngestResult = { accepted: number; rejected: number };

export type PipelineOptions = {
  /** Readings older than this behind the sensor's latest are late (dead-lettered). */
  lateSeconds?: number;
  /** Readings further ahead of the server clock than this are refused. */
  futureSeconds?: number;
  now?: () => number;
};

const ALARM_RETURNING = `RETURNING id, sensor_id, enterprise_id, region_code, industry_code, kind, severity, level, status, condition_active,
  last_value, raised_at, updated_at`;

export function toAlarmEvent(r: Record<string, unknown>): AlarmEvent {
  return {
    id: r.id as string,
    sensorId: r.sensor_id as string,
    enterpriseId: r.enterprise_id as string,
    regionCode: r.region_code as string,
    industryCode: r.industry_code as string,
    kind: r.kind as string,
    severity: r.severity as string,
    level: (r.level as string | null) ?? null,
    status: r.status as string,
    conditionActive: r.condition_active as boolean,
    lastValue: r.last_value === null ? null : Number(r.last_value),
    raisedAt: new Date(r.raised_at as string).toISOString(),
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

export class TelemetryPipeline {
  /** 'alarm' (AlarmEvent) after each committed alarm change; 'flush' ({ readings }) after each write. */
  readonly events = new EventEmitter();
  /** Since start, for operators (GET /api/v1/telemetry/stats) and the benchmark. */
  readonly counters = {
    batches: 0,
    accepted: 0,
    rejected: 0,
    /** Write transactions committed, the readings they held, the largest, and the time spent in them. */
    flushes: 0,
    written: 0,
    largestWrite: 0,
    writeMs: 0,
    /** Bulk writes that met a row already stored (written again the careful way). */
    collisions: 0,
  };
  readonly startedAt = new Date();
  /** Readings taken and not yet written. */
  get backlog(): number {
    let n = 0;
    for (const q of this.queue) n += q.readings.length;
    return n;
  }
  private readonly enterprises = new Map<string, EnterpriseEntry | Promise<EnterpriseEntry>>();
  /** Batches taken and not yet written, in arrival order. */
  private queue: Queued[] = [];
  /** Most readings one transaction writes (a backlog is written in several). */
  static readonly MAX_ROWS_PER_WRITE = 20000;
  /** A sensor's latest value is written at most this often unless its alarm zone changes. */
  static readonly LATEST_SAVE_MS = 1000;
  /** Every loaded sensor by id (the API's latest values). */
  private readonly byId = new Map<string, SensorEntry>();
  /** Aggregates of minutes not yet in readings_minute (all at or after completeBefore). */
  private openMinutes: Minutes = new Map();
  /**
   * readings_minute counts every committed reading of the minutes before this (Unix ms). Null
   * until recoverMinutes() has run: then every batch writes its aggregates at once.
   */
  private completeBefore: number | null = null;
  private writing = false;
  private scheduled = false;
  private readonly opts: Required<PipelineOptions>;
  private window = { from: 0, to: 0 };

  constructor(
    private readonly db: Db,
    opts: PipelineOptions = {},
  ) {
    this.opts = { lateSeconds: 3600, futureSeconds: 300, now: () => Date.now(), ...opts };
    this.events.setMaxListeners(0);
  }

  /** Daily partitions from yesterday to three days ahead; the window of times a reading may have. */
  async ensurePartitions(): Promise<void> {
    const today = new Date(this.opts.now());
    today.setUTCHours(0, 0, 0, 0);
    const from = new Date(today.getTime() - 86400000);
    await this.db.query('SELECT ensure_reading_partitions($1::date, 5)', [from.toISOString().slice(0, 10)]);
    const [w] = await this.db.query<{ lo: string | null; hi: string | null }>(
      `SELECT min(substr(c.relname, 10)) AS lo, max(substr(c.relname, 10)) AS hi FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'readings'`,
    );
    const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)));
    this.window = w?.lo && w.hi ? { from: day(w.lo), to: day(w.hi) + 86400000 } : { from: 0, to: 0 };
  }

  /**
   * The retention setting (READINGS_RETENTION_DAYS): drops daily reading partitions older than
   * `days`, with their minute aggregates, and deletes dead letters received before then — a
   * gateway sending junk would otherwise fill that table without end. One audit event says what
   * goes, in the same transaction as the partitions and aggregates, so nothing is dropped
   * unaudited. Dead letters then go in chunks of 10,000, each its own statement, so a large
   * backlog never holds one long transaction; the event counts them beforehand (none can join
   * them: a dead letter is received now), and a run cut off half-way leaves the rest to the next,
   * which counts and audits them again.
   */
  async expireOlderThan(days: number): Promise<{ partitions: number; deadLetters: number }> {
    const cutoffAt = new Date(this.opts.now() - days * 86400000);
    const cutoff = cutoffAt.toISOString().slice(0, 10).replace(/-/g, '');
    const expired = await this.db.transaction(async (tx) => {
      const old = (
        await tx.query<{ relname: string }>(
          `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
           WHERE p.relname = 'readings' AND substr(c.relname, 10) < $1`,
          [cutoff],
        )
      )
        .map((o) => o.relname)
        .filter((relname) => /^readings_\d{8}$/.test(relname))
        .sort();
      const [dead] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry_dead_letters WHERE received_at < $1', [
        cutoffAt.toISOString(),
      ]);
      const deadLetters = dead?.n ?? 0;
      if (!old.length && !deadLetters) return { partitions: 0, deadLetters };
      await tx.query('DELETE FROM readings_minute WHERE minute < $1::date', [
        `${cutoff.slice(0, 4)}-${cutoff.slice(4, 6)}-${cutoff.slice(6, 8)}`,
      ]);
      // Dropped last: a partition's drop locks the readings table until commit.
      for (const relname of old) await tx.query(`DROP TABLE ${relname}`);
      await appendAudit(
        tx,
        { id: null, username: 'system' },
        { action: 'telemetry.expire', entityType: 'readings', after: { retentionDays: days, partitions: old, deadLetters } },
      );
      return { partitions: old.length, deadLetters };
    });
    if (expired.partitions) await this.ensurePartitions();
    while (expired.deadLetters) {
      const chunk = await this.db.query<{ id: string }>(
        `DELETE FROM telemetry_dead_letters WHERE id IN
           (SELECT id FROM telemetry_dead_letters WHERE received_at < $1 ORDER BY received_at LIMIT 10000) RETURNING id`,
        [cutoffAt.toISOString()],
      );
      if (chunk.length < 10000) break;
    }
    return expired;
  }

  /**
   * An alarm change committed by another server process (cluster/alarm-bus.ts): this process's
   * memory of the sensor's open offline alarm follows it, so its next reading here clears it.
   */
  noteAlarm(ev: AlarmEvent) {
    if (ev.kind !== 'offline') return;
    const s = this.byId.get(ev.sensorId);
    if (s) s.offline = ev.conditionActive && ev.status !== 'cleared';
  }

  /** Forget cached sensors of an enterprise (after the registry changes); state is reloaded from the database. */
  invalidate(creditCode?: string) {
    if (creditCode) this.enterprises.delete(creditCode);
    else this.enterprises.clear();
  }

  /**
   * At start: recount the minutes from the watermark on from the readings themselves (what the
   * last process held in memory for them is gone), then keep running minutes in memory.
   * `recount` false: other server processes are running on this database (cluster/instance.ts:
   * PRESENCE_LOCK) and hold those minutes in memory, to be added when they end: recounting them
   * now would count their readings twice, so this process only starts counting its own.
   */
  async recoverMinutes(recount = true): Promise<void> {
    const [w] = await this.db.query<{ at: string | Date }>('SELECT minutes_complete_before AS at FROM telemetry_watermark');
    const from = w ? new Date(w.at).getTime() : 0;
    const at = new Date(from).toISOString();
    if (recount)
      await this.db.transaction(async (tx) => {
        await tx.query('DELETE FROM readings_minute WHERE minute >= $1', [at]);
        await tx.query(
          `INSERT INTO readings_minute (sensor_id, minute, n, sum, min, max)
         SELECT sensor_id, date_trunc('minute', ts), count(*), sum(value), min(value), max(value) FROM readings WHERE ts >= $1 GROUP BY 1, 2`,
          [at],
        );
      });
    this.openMinutes = new Map();
    this.completeBefore = from;
  }

  /** Writes finished minutes and unsaved latest values ('all': running minutes too, as at shutdown). */
  async closeMinutes(all = false): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.queue.push({ readings: [], dead: [], waiter: { resolve, reject }, housekeeping: all ? 'all' : 'close' });
      this.schedule();
    });
  }

  /** A sensor's newest committed reading, if this process has seen one (newer than sensor_latest by up to a second). */
  latestOf(sensorId: string): { ts: number; value: number; zone: string | null } | null {
    const s = this.byId.get(sensorId);
    return s && s.state.lastTs !== null && s.state.lastValue !== null
      ? { ts: s.state.lastTs, value: s.state.lastValue, zone: s.state.zone }
      : null;
  }

  private async enterprise(creditCode: string): Promise<EnterpriseEntry> {
    const cached = this.enterprises.get(creditCode);
    if (cached !== undefined) return cached;
    const loading = this.load(creditCode);
    this.enterprises.set(creditCode, loading);
    try {
      const e = await loading;
      if (this.enterprises.get(creditCode) === loading) this.enterprises.set(creditCode, e);
      return e;
    } catch (err) {
      // Not kept: a load that failed once (the database away a moment) would fail every later batch.
      if (this.enterprises.get(creditCode) === loading) this.enterprises.delete(creditCode);
      throw err;
    }
  }

  private async load(creditCode: string): Promise<EnterpriseEntry> {
    const [e] = await this.db.query<{ id: string }>('SELECT id FROM enterprises WHERE credit_code = $1', [creditCode]);
    if (!e) return null;
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT s.*, l.ts AS last_ts, l.value AS last_value, l.zone, l.rate_high,
         EXISTS (SELECT 1 FROM alarms a WHERE a.sensor_id = s.id AND a.kind = 'offline' AND a.status <> 'cleared' AND a.condition_active) AS offline
       FROM sensors s LEFT JOIN sensor_latest l ON l.sensor_id = s.id WHERE s.enterprise_id = $1
       ORDER BY s.decommissioned_at IS NULL, s.decommissioned_at`,
      [e.id],
    );
    const sensors = new Map<string, SensorEntry>();
    for (const r of rows) {
      const n = (k: string) => (r[k] === null || r[k] === undefined ? undefined : Number(r[k]));
      sensors.set(r.code as string, {
        id: r.id as string,
        idBytes: uuidBytes(r.id as string),
        code: r.code as string,
        enterpriseId: e.id,
        regionCode: r.region_code as string,
        industryCode: r.industry_code as string,
        config: configOf({
          rangeMin: Number(r.range_min),
          rangeMax: Number(r.range_max),
          lowLow: n('low_low'),
          low: n('low'),
          high: n('high'),
          highHigh: n('high_high'),
          hysteresis: Number(r.hysteresis),
          rateLimit: n('rate_limit') ?? null,
          offlineSeconds: Number(r.offline_seconds),
        }),
        state:
          r.last_ts === null
            ? INITIAL_STATE
            : {
                zone: (r.zone as ThresholdLevel | null) ?? null,
                lastValue: Number(r.last_value),
                lastTs: new Date(r.last_ts as string).getTime(),
                rateHigh: Boolean(r.rate_high),
              },
        offline: Boolean(r.offline),
        // Decommissioned ones first: one in service with the same code (its replacement) takes the code.
        decommissioned: r.decommissioned_at !== null,
        savedTs: r.last_ts === null ? null : new Date(r.last_ts as string).getTime(),
        savedAt: 0,
      });
    }
    for (const sensor of sensors.values()) this.byId.set(sensor.id, sensor);
    return { id: e.id, sensors };
  }

  /** Take one batch; resolves once everything in it is durably written (accepted or dead-lettered). */
  async ingest(creditCode: string, payload: unknown, source: 'mqtt' | 'http'): Promise<IngestResult> {
    this.counters.batches++;
    const dead: Dead[] = [];
    const accepted: Accepted[] = [];
    const code = deadLetterText(creditCode, 40);
    const reject = (reason: DeadLetterReason, item: unknown) =>
      dead.push({ source, creditCode: code, reason, payload: deadLetterText(item) });
    // An item refused as a reading: one nested deeper than any reading is said to be so.
    const refuse = (item: unknown) => reject(nestedDeeperThan(item, MAX_TELEMETRY_DEPTH - 2) ? 'tooDeep' : 'invalid', item);
    let body: unknown = payload;
    const raw = typeof payload === 'string' || Buffer.isBuffer(payload);
    if (raw) {
      try {
        body = JSON.parse(payload.toString());
      } catch {
        reject('malformed', rawText(payload));
      }
    }
    let batch: ReturnType<typeof batchOf> | null = null;
    try {
      batch = dead.length ? null : batchOf(body);
      if (batch && !batch.success) {
        const deep = nestedDeeperThan(body, MAX_TELEMETRY_DEPTH);
        reject(deep ? 'tooDeep' : 'malformed', raw ? rawText(payload as string | Buffer) : body);
      }
    } catch {
      // Nothing above should throw for any input; should something, the message is still only a dead letter.
      batch = null;
      dead.length = 0;
      reject('malformed', raw ? rawText(payload as string | Buffer) : '');
    }
    // The enterprise is cached after its first batch: no await (and no extra tick) then.
    const cached = batch?.success ? this.enterprises.get(creditCode) : undefined;
    const e = !batch?.success ? null : cached !== undefined && !(cached instanceof Promise) ? cached : await this.enterprise(creditCode);
    if (batch?.success) {
      const readings = batch.data.readings;
      try {
        if (!e) for (const item of readings) reject('unknownEnterprise', item);
        else {
          const now = this.opts.now();
          for (const item of readings) {
            const r = parseReading(item);
            if (!r) {
              refuse(item);
              continue;
            }
            const sensor = e.sensors.get(r.sensor);
            const ts = r.ts;
            if (!sensor) reject('unknownSensor', item);
            else if (sensor.decommissioned) reject('decommissioned', item);
            else if (!inRange(sensor.config, r.value)) reject('outOfRange', item);
            else if (ts > now + this.opts.futureSeconds * 1000 || ts >= this.window.to) reject('future', item);
            else if (ts < this.window.from || (sensor.state.lastTs !== null && ts < sensor.state.lastTs - this.opts.lateSeconds * 1000))
              reject('late', item);
            else accepted.push({ sensor, ts, value: r.value });
          }
        }
      } catch {
        // As above: whatever went wrong with the checks, the message becomes a dead letter, not a stuck message.
        accepted.length = 0;
        dead.length = 0;
        reject('invalid', raw ? rawText(payload as string | Buffer) : readings);
      }
    }
    this.counters.accepted += accepted.length;
    this.counters.rejected += dead.length;
    const done = new Promise<void>((resolve, reject) =>
      this.queue.push({ readings: accepted, dead, waiter: { resolve, reject }, from: { source, creditCode: code } }),
    );
    this.schedule();
    await done;
    return { accepted: accepted.length, rejected: dead.length };
  }

  /**
   * Group commit: while one write is under way, batches accumulate; the moment it commits, all of
   * them are written together. No timer: an idle pipeline writes a lone batch at once, a busy one
   * writes as much per transaction as arrived meanwhile.
   */
  private schedule() {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.loop();
    });
  }

  private async loop() {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length) await this.flush();
    } finally {
      this.writing = false;
    }
  }

  /** Waits for everything taken so far to be written. */
  async drain(): Promise<void> {
    while (this.writing || this.scheduled || this.queue.length) await new Promise((r) => setTimeout(r, 5));
  }

  private async flush(): Promise<void> {
    // Whole batches, oldest first, up to the row cap (at least one batch).
    const taken: Queued[] = [];
    let rows = 0;
    while (this.queue.length) {
      const next = this.queue[0] as Queued;
      if (taken.length && rows + next.readings.length > TelemetryPipeline.MAX_ROWS_PER_WRITE) break;
      this.queue.shift();
      taken.push(next);
      rows += next.readings.length;
    }
    if (!taken.length) return;
    try {
      await this.commit(taken);
    } catch (err) {
      if (taken.length === 1) return this.refused(taken[0] as Queued, err);
      // One batch the database refuses must not take the others with it: each alone.
      for (const q of taken) await this.commit([q]).catch((e: unknown) => this.refused(q, e));
    }
  }

  /** Writes batches in one transaction; resolves their waiters once it commits. */
  private async commit(taken: Queued[]): Promise<void> {
    const batch: Pending = { readings: [], dead: [], waiters: [], housekeeping: null };
    for (const next of taken) {
      for (const r of next.readings) batch.readings.push(r);
      for (const d of next.dead) batch.dead.push(d);
      batch.waiters.push(next.waiter);
      if (next.housekeeping === 'all' || (next.housekeeping && !batch.housekeeping)) batch.housekeeping = next.housekeeping;
    }
    const started = performance.now();
    const events = await this.write(batch);
    for (const w of batch.waiters) w.resolve();
    this.counters.flushes++;
    this.counters.written += batch.readings.length;
    this.counters.largestWrite = Math.max(this.counters.largestWrite, batch.readings.length);
    this.counters.writeMs += performance.now() - started;
    this.events.emit('flush', { readings: batch.readings.length });
    for (const ev of events) this.events.emit('alarm', ev);
  }

  /**
   * A batch that failed written alone. If the database refused what it holds (a value it cannot
   * store, a sensor deleted meanwhile) it is kept as one dead letter ('unstorable') and taken as
   * done: re-sent, it would be refused again and, over MQTT, hold up every message behind it.
   * Any other failure (the database away) is the sender's to retry.
   */
  private async refused(q: Queued, err: unknown): Promise<void> {
    if (!refusedForItsContent(err)) return q.waiter.reject(err);
    const dead: Dead = {
      source: q.from?.source ?? 'mqtt',
      creditCode: q.from?.creditCode ?? null,
      reason: 'unstorable',
      payload: deadLetterText(
        `${(err as { code?: string }).code}: ${q.readings.length} readings (${q.readings
          .slice(0, 20)
          .map((r) => `${r.sensor.code}@${r.ts}=${r.value}`)
          .join(', ')}), ${q.dead.length} dead letters`,
      ),
    };
    this.counters.rejected += q.readings.length;
    this.counters.accepted -= q.readings.length;
    try {
      await this.commit([{ readings: [], dead: [dead], waiter: q.waiter, housekeeping: q.housekeeping }]);
    } catch (e) {
      q.waiter.reject(e);
    }
  }

  /**
   * One transaction for the whole batch; in-memory state changes only after it commits.
   *
   * Most readings are *fresh*: newer than anything stored for their sensor (its state's lastTs is
   * the newest committed time, also after a restart, when it is read back from sensor_latest) and
   * not repeated within the batch. Fresh rows cannot collide with stored ones, so they are written
   * with a plain bulk write — binary COPY on PostgreSQL — and their minute aggregates are summed
   * here. The rest (a gateway resending, readings out of order) go through INSERT … ON CONFLICT DO
   * NOTHING, whose aggregates count only the rows it wrote. Should a fresh row collide after all
   * (another writer on the same database), the unique index refuses it, the transaction rolls back
   * and the batch is written again the careful way: never a duplicate, never a double count.
   */
  private async write(batch: Pending): Promise<AlarmEvent[]> {
    // Evaluate in time order per sensor, on copies of the state.
    const next = new Map<SensorEntry, SensorState>();
    const clearOffline = new Set<SensorEntry>();
    const signals: { sensor: SensorEntry; signal: AlarmSignal }[] = [];
    const fresh: Accepted[] = [];
    const other: Accepted[] = [];
    const ordered = [...batch.readings].sort((a, b) => a.ts - b.ts);
    for (const r of ordered) {
      const s = next.get(r.sensor) ?? r.sensor.state;
      if (s.lastTs !== null && r.ts <= s.lastTs) {
        other.push(r); // stored if new, but too old to move the alarm state
        continue;
      }
      fresh.push(r);
      const out = evaluate(r.sensor.config, s, r.value, r.ts);
      next.set(r.sensor, out.state);
      for (const signal of out.signals) signals.push({ sensor: r.sensor, signal });
      if (r.sensor.offline) clearOffline.add(r.sensor);
    }
    const now = this.opts.now();
    const housekeeping = batch.housekeeping;
    // Latest values to write: a zone or rate flag that changed (the state is rebuilt from them),
    // a value last written a second ago or more; on housekeeping, every value not yet written.
    const save = new Map<SensorEntry, SensorState>();
    for (const [sensor, st] of next)
      if (
        housekeeping ||
        st.zone !== sensor.state.zone ||
        st.rateHigh !== sensor.state.rateHigh ||
        now - sensor.savedAt >= TelemetryPipeline.LATEST_SAVE_MS
      )
        save.set(sensor, st);
    if (housekeeping)
      for (const sensor of this.byId.values())
        if (!next.has(sensor) && sensor.state.lastTs !== sensor.savedTs) save.set(sensor, sensor.state);
    const transaction = (fresh: Accepted[], other: Accepted[]) => {
      const minutes = this.planMinutes(fresh, now, housekeeping === 'all');
      const work = !!(fresh.length || other.length || save.size || batch.dead.length || signals.length || clearOffline.size);
      if (!work && !minutes.write.size && minutes.completeBefore === this.completeBefore) return Promise.resolve({ events: [], minutes });
      return this.db.transaction(async (tx) => {
        if (fresh.length) await writeFresh(tx, fresh);
        if (other.length) await writeMaybeStored(tx, other);
        if (minutes.write.size) await mergeMinutes(tx, minutes.write);
        if (minutes.completeBefore !== null && minutes.completeBefore !== this.completeBefore)
          await tx.query('UPDATE telemetry_watermark SET minutes_complete_before = $1', [new Date(minutes.completeBefore).toISOString()]);
        if (save.size) {
          const rows = [...save.entries()];
          await tx.query(
            `INSERT INTO sensor_latest (sensor_id, ts, value, zone, rate_high)
             SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[], $4::text[], $5::boolean[])
             ON CONFLICT (sensor_id) DO UPDATE SET ts = EXCLUDED.ts, value = EXCLUDED.value, zone = EXCLUDED.zone, rate_high = EXCLUDED.rate_high
               WHERE EXCLUDED.ts >= sensor_latest.ts`,
            [
              rows.map(([s]) => s.id),
              rows.map(([, st]) => new Date(st.lastTs as number).toISOString()),
              rows.map(([, st]) => st.lastValue),
              rows.map(([, st]) => st.zone),
              rows.map(([, st]) => st.rateHigh),
            ],
          );
        }
        if (batch.dead.length)
          await tx.query(
            `INSERT INTO telemetry_dead_letters (source, credit_code, reason, payload)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
            [
              batch.dead.map((d) => d.source),
              batch.dead.map((d) => d.creditCode),
              batch.dead.map((d) => d.reason),
              batch.dead.map((d) => d.payload),
            ],
          );
        const events: AlarmEvent[] = [];
        for (const { sensor, signal } of signals) events.push(...(await applySignal(tx, sensor, signal)));
        for (const sensor of clearOffline)
          events.push(...(await applySignal(tx, sensor, { kind: 'offline', change: 'conditionCleared', value: 0, ts: now })));
        return { events, minutes };
      });
    };
    let done: Awaited<ReturnType<typeof transaction>>;
    try {
      done = await transaction(fresh, other);
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION || !fresh.length) throw err;
      this.counters.collisions++;
      done = await transaction([], batch.readings);
    }
    // Committed: now the memory may follow.
    const { minutes } = done;
    if (minutes.completeBefore !== null) {
      for (const [id, byMinute] of this.openMinutes) {
        for (const m of byMinute.keys()) if (housekeeping === 'all' || m < minutes.completeBefore) byMinute.delete(m);
        if (!byMinute.size) this.openMinutes.delete(id);
      }
      for (const [id, byMinute] of minutes.keep) for (const [m, agg] of byMinute) addTo(this.openMinutes, id, m, agg);
      this.completeBefore = minutes.completeBefore;
    }
    for (const [sensor, st] of save) {
      sensor.savedTs = st.lastTs;
      sensor.savedAt = now;
    }
    for (const [sensor, state] of next) sensor.state = state;
    for (const sensor of clearOffline) sensor.offline = false;
    return done.events;
  }

  /**
   * Which minute aggregates this write adds to readings_minute and which it keeps in memory. The
   * watermark moves (never back) to the start of the previous minute — a minute of grace, for
   * readings that arrive late from a backlog — and minutes before it, held in memory or in this
   * batch, are written now; later ones are kept. `all` writes everything and moves the watermark
   * to the next minute: a clean stop leaves nothing to recount.
   */
  private planMinutes(fresh: Accepted[], now: number, all: boolean) {
    const write: Minutes = new Map();
    const keep: Minutes = new Map();
    const before = this.completeBefore;
    const minute = now - (now % 60000);
    const completeBefore = before === null ? null : Math.max(before, all ? minute + 60000 : minute - 60000);
    if (completeBefore !== null)
      for (const [id, byMinute] of this.openMinutes) for (const [m, a] of byMinute) if (all || m < completeBefore) addTo(write, id, m, a);
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

  /** Raise offline alarms for sensors silent longer than their timeout (run every few seconds). */
  async checkOffline(): Promise<number> {
    const now = this.opts.now();
    const silent = await this.db.query<Record<string, unknown>>(
      `SELECT s.id, s.code, s.enterprise_id, s.region_code, s.industry_code, e.credit_code, l.value FROM sensors s
       JOIN sensor_latest l ON l.sensor_id = s.id JOIN enterprises e ON e.id = s.enterprise_id
       WHERE l.ts < $1::timestamptz - make_interval(secs => s.offline_seconds) AND s.decommissioned_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM alarms a WHERE a.sensor_id = s.id AND a.kind = 'offline' AND a.status <> 'cleared' AND a.condition_active)
       LIMIT 1000`,
      [new Date(now).toISOString()],
    );
    for (const r of silent) {
      const entry = (await this.enterprise(r.credit_code as string))?.sensors.get(r.code as string);
      // sensor_latest may trail memory by a second or so: a sensor heard from recently is not silent.
      if (entry?.state.lastTs != null && entry.state.lastTs >= now - entry.config.offlineSeconds * 1000) continue;
      const sensor: Pick<SensorEntry, 'id' | 'enterpriseId' | 'regionCode' | 'industryCode'> = entry ?? {
        id: r.id as string,
        enterpriseId: r.enterprise_id as string,
        regionCode: r.region_code as string,
        industryCode: r.industry_code as string,
      };
      const events = await this.db.transaction((tx) =>
        applySignal(tx, sensor, {
          kind: 'offline',
          change: 'raise',
          severity: severityOf('offline', null),
          level: null,
          value: Number(r.value),
          ts: now,
        }),
      );
      if (entry) entry.offline = true;
      for (const ev of events) this.events.emit('alarm', ev);
    }
    return silent.length;
  }
}

const UNIQUE_VIOLATION = '23505';

/**
 * Whether the database refused a write for what it held rather than for its own state: a data
 * exception (class 22: a byte sequence it cannot store, a number out of its range), a reference
 * to a row gone meanwhile (23503), a value over its limits (class 54).
 */
function refusedForItsContent(err: unknown): boolean {
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

/** Readings known to be new: one bulk write (binary COPY where the driver has it); their aggregates are planned by the caller. */
async function writeFresh(tx: Queryable, rows: Accepted[]) {
  if (tx.copyFrom) await tx.copyFrom('COPY readings (sensor_id, ts, value) FROM STDIN (FORMAT binary)', encodeReadings(rows));
  else
    await tx.query('INSERT INTO readings (sensor_id, ts, value) SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[])', [
      rows.map((r) => r.sensor.id),
      rows.map((r) => new Date(r.ts).toISOString()),
      rows.map((r) => r.value),
    ]);
}

function addTo(m: Minutes, id: string, minute: number, a: Agg) {
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

/** Adds aggregates to readings_minute (one row per sensor and minute in the statement). */
async function mergeMinutes(tx: Queryable, minutes: Minutes) {
  const cols = {
    id: [] as string[],
    minute: [] as string[],
    n: [] as number[],
    sum: [] as number[],
    min: [] as number[],
    max: [] as number[],
  };
  for (const [id, byMinute] of minutes)
    for (const [minute, a] of byMinute) {
      cols.id.push(id);
      cols.minute.push(new Date(minute).toISOString());
      cols.n.push(a.n);
      cols.sum.push(a.sum);
      cols.min.push(a.min);
      cols.max.push(a.max);
    }
  await tx.query(
    `INSERT INTO readings_minute (sensor_id, minute, n, sum, min, max)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::float8[], $5::float8[], $6::float8[])
     ${MERGE_MINUTE}`,
    [cols.id, cols.minute, cols.n, cols.sum, cols.min, cols.max],
  );
}

/** Readings that may already be stored (resent, or out of order): only rows actually written feed the aggregates. */
async function writeMaybeStored(tx: Queryable, rows: Accepted[]) {
  await tx.query(
    `WITH ins AS (
       INSERT INTO readings (sensor_id, ts, value) SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[])
       ON CONFLICT DO NOTHING RETURNING sensor_id, ts, value)
     INSERT INTO readings_minute (sensor_id, minute, n, sum, min, max)
     SELECT sensor_id, date_trunc('minute', ts), count(*), sum(value), min(value), max(value) FROM ins GROUP BY 1, 2
     ${MERGE_MINUTE}`,
    [rows.map((r) => r.sensor.id), rows.map((r) => new Date(r.ts).toISOString()), rows.map((r) => r.value)],
  );
}

const MERGE_MINUTE = `ON CONFLICT (sensor_id, minute) DO UPDATE SET n = readings_minute.n + EXCLUDED.n, sum = readings_minute.sum + EXCLUDED.sum,
  min = least(readings_minute.min, EXCLUDED.min), max = greatest(readings_minute.max, EXCLUDED.max)`;

/** Records one engine signal: a raise or update raises or updates the one open alarm of its kind; a clear marks its condition gone. */
async function applySignal(
  tx: Queryable,
  sensor: Pick<SensorEntry, 'id' | 'enterpriseId' | 'regionCode' | 'industryCode'>,
  s: AlarmSignal,
): Promise<AlarmEvent[]> {
  const at = new Date(s.ts).toISOString();
  if (s.change === 'conditionCleared') {
    const rows = await tx.query<Record<string, unknown>>(
      `UPDATE alarms SET condition_active = false, condition_cleared_at = $3, last_value = $4, updated_at = $3, version = version + 1
       WHERE sensor_id = $1 AND kind = $2 AND status <> 'cleared' AND condition_active ${ALARM_RETURNING}`,
      [sensor.id, s.kind, at, s.value],
    );
    return rows.map(toAlarmEvent);
  }
  // A decommissioned sensor raises nothing. SHARE: a decommissioning under way (it locks the
  // sensor) is waited for and then seen.
  const [inService] = await tx.query<{ yes: boolean }>('SELECT decommissioned_at IS NULL AS yes FROM sensors WHERE id = $1 FOR SHARE', [
    sensor.id,
  ]);
  if (!inService?.yes) return [];
  // The open alarm of this kind is updated (openAlarmAfter: its severity and peak only rise while it is open), else one is raised.
  for (let attempt = 0; ; attempt++) {
    const [row] = await tx.query<Record<string, unknown>>(
      `SELECT id, severity, level, peak_level, peak_value FROM alarms WHERE sensor_id = $1 AND kind = $2 AND status <> 'cleared' FOR UPDATE`,
      [sensor.id, s.kind],
    );
    const open: OpenAlarm | null = row
      ? {
          severity: row.severity as Severity,
          level: (row.level as ThresholdLevel | null) ?? null,
          peakLevel: (row.peak_level as ThresholdLevel | null) ?? null,
          peakValue: row.peak_value === null ? null : Number(row.peak_value),
        }
      : null;
    const next = openAlarmAfter(open, s);
    if (row && open) {
      const rows = await tx.query<Record<string, unknown>>(
        `UPDATE alarms SET severity = $2, level = $3, peak_level = $4, peak_value = $5, last_value = $6, condition_active = true,
           condition_cleared_at = NULL, updated_at = $7, version = version + 1
         WHERE id = $1 ${ALARM_RETURNING}`,
        [row.id, next.severity, next.level, next.peakLevel, next.peakValue, s.value, at],
      );
      if (next.rose)
        await appendAudit(
          tx,
          { id: null, username: 'system' },
          {
            action: 'alarm.severityRise',
            entityType: 'alarm',
            entityId: row.id as string,
            regionCode: sensor.regionCode,
            before: { severity: open.severity, peakLevel: open.peakLevel },
            after: { severity: next.severity, peakLevel: next.peakLevel, value: s.value },
          },
        );
      return rows.map(toAlarmEvent);
    }
    const rows = await tx.query<Record<string, unknown>>(
      `INSERT INTO alarms (sensor_id, enterprise_id, region_code, industry_code, kind, severity, level, peak_level, first_value, last_value,
         peak_value, raised_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $8, $8, $9, $9)
       ON CONFLICT (sensor_id, kind) WHERE status <> 'cleared' DO NOTHING
       ${ALARM_RETURNING}`,
      [sensor.id, sensor.enterpriseId, sensor.regionCode, sensor.industryCode, s.kind, next.severity, next.level, s.value, at],
    );
    const raised = rows[0];
    // Raised by someone else between the two statements (the offline check): update that one.
    if (!raised && attempt === 0) continue;
    if (raised)
      await appendAudit(
        tx,
        { id: null, username: 'system' },
        {
          action: 'alarm.raise',
          entityType: 'alarm',
          entityId: raised.id as string,
          regionCode: sensor.regionCode,
          after: { kind: s.kind, severity: s.severity, level: s.level, value: s.value },
        },
      );
    return rows.map(toAlarmEvent);
  }
}
