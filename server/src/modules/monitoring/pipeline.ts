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
//
// The parts live beside it: ingest.ts (a message's checks), minutes.ts and aggregates-store.ts
// (minute aggregates), readings-store.ts (the rest of the SQL written here), alarm-signals.ts
// (alarm rows), partitions-store.ts and retention.ts. This file holds the queue, the group commit
// and the memory that must change only after a commit.

import { EventEmitter } from 'node:events';
import { type AlarmSignal, deadLetterText, evaluate, type SensorState, severityOf } from '@taishan/domain';
import type { Db } from '../../db/db.ts';
import { mergeMinutes, readWatermark, recountMinutesFrom, setWatermark, writeMaybeStored } from './aggregates-store.ts';
import { type AlarmEvent, applySignal } from './alarm-signals.ts';
import {
  type Accepted,
  type Dead,
  type EnterpriseEntry,
  type IngestLimits,
  MessageCheck,
  refusedForItsContent,
  type SensorEntry,
} from './ingest.ts';
import { afterPlan, type Minutes, planMinutes } from './minutes.ts';
import { ensurePartitions, type ReadingsWindow } from './partitions-store.ts';
import { insertDeadLetters, loadEnterpriseSensors, saveLatest, silentSensors, writeFresh } from './readings-store.ts';
import { expireOlderThan } from './retention.ts';

export type { AlarmEvent } from './alarm-signals.ts';
export { toAlarmEvent } from './alarm-signals.ts';
export type { SensorEntry } from './ingest.ts';

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

export type IngestResult = { accepted: number; rejected: number };

export type PipelineOptions = Partial<IngestLimits> & { now?: () => number };

const UNIQUE_VIOLATION = '23505';

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
  private window: ReadingsWindow = { from: 0, to: 0 };

  constructor(
    private readonly db: Db,
    opts: PipelineOptions = {},
  ) {
    this.opts = { lateSeconds: 3600, futureSeconds: 300, now: () => Date.now(), ...opts };
    this.events.setMaxListeners(0);
  }

  /** Daily partitions from yesterday to three days ahead; the window of times a reading may have. */
  async ensurePartitions(): Promise<void> {
    this.window = await ensurePartitions(this.db, this.opts.now());
  }

  /** Retention (retention.ts): old partitions, their aggregates and old dead letters go. */
  async expireOlderThan(days: number): Promise<{ partitions: number; deadLetters: number }> {
    const expired = await expireOlderThan(this.db, days, this.opts.now());
    if (expired.partitions) await this.ensurePartitions();
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
    const from = await readWatermark(this.db);
    if (recount) await recountMinutesFrom(this.db, from);
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
    const e = await loadEnterpriseSensors(this.db, creditCode);
    if (e) for (const sensor of e.sensors.values()) this.byId.set(sensor.id, sensor);
    return e;
  }

  /** Take one batch; resolves once everything in it is durably written (accepted or dead-lettered). */
  async ingest(creditCode: string, payload: unknown, source: 'mqtt' | 'http'): Promise<IngestResult> {
    this.counters.batches++;
    const check = new MessageCheck(creditCode, source, payload);
    const readings = check.readings();
    if (readings) {
      // The enterprise is cached after its first batch: no await (and no extra tick) then.
      const cached = this.enterprises.get(creditCode);
      const e = cached !== undefined && !(cached instanceof Promise) ? cached : await this.enterprise(creditCode);
      check.check(e, readings, this.opts.now(), this.window, this.opts);
    }
    const { accepted, dead } = check;
    this.counters.accepted += accepted.length;
    this.counters.rejected += dead.length;
    const done = new Promise<void>((resolve, reject) =>
      this.queue.push({ readings: accepted, dead, waiter: { resolve, reject }, from: { source, creditCode: check.creditCode } }),
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
      const minutes = planMinutes(this.openMinutes, this.completeBefore, fresh, now, housekeeping === 'all');
      const work = !!(fresh.length || other.length || save.size || batch.dead.length || signals.length || clearOffline.size);
      if (!work && !minutes.write.size && minutes.completeBefore === this.completeBefore) return Promise.resolve({ events: [], minutes });
      return this.db.transaction(async (tx) => {
        if (fresh.length) await writeFresh(tx, fresh);
        if (other.length) await writeMaybeStored(tx, other);
        if (minutes.write.size) await mergeMinutes(tx, minutes.write);
        if (minutes.completeBefore !== null && minutes.completeBefore !== this.completeBefore)
          await setWatermark(tx, minutes.completeBefore);
        if (save.size) await saveLatest(tx, save);
        if (batch.dead.length) await insertDeadLetters(tx, batch.dead);
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
    afterPlan(this.openMinutes, minutes, housekeeping === 'all');
    if (minutes.completeBefore !== null) this.completeBefore = minutes.completeBefore;
    for (const [sensor, st] of save) {
      sensor.savedTs = st.lastTs;
      sensor.savedAt = now;
    }
    for (const [sensor, state] of next) sensor.state = state;
    for (const sensor of clearOffline) sensor.offline = false;
    return done.events;
  }

  /** Raise offline alarms for sensors silent longer than their timeout (run every few seconds). */
  async checkOffline(): Promise<number> {
    const now = this.opts.now();
    const silent = await silentSensors(this.db, now);
    for (const r of silent) {
      const entry = (await this.enterprise(r.credit_code))?.sensors.get(r.code);
      // sensor_latest may trail memory by a second or so: a sensor heard from recently is not silent.
      if (entry?.state.lastTs != null && entry.state.lastTs >= now - entry.config.offlineSeconds * 1000) continue;
      const sensor = entry ?? { id: r.id, enterpriseId: r.enterprise_id, regionCode: r.region_code, industryCode: r.industry_code };
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
