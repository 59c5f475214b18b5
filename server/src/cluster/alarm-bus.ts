// Live alarm changes for SSE clients on every server process (README "Scaling out"). Each process
// publishes the alarm events it makes with NOTIFY on one channel and LISTENs there; what another
// process made is emitted on this process's pipeline events as if made here, so the SSE route
// (alarms.ts) sends it to the clients connected here. Events are published after their commit,
// as they are emitted locally. PGlite has one process: nothing to share, nothing set up.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.ts';
import type { AlarmEvent, TelemetryPipeline } from '../modules/monitoring/pipeline.ts';

export const ALARM_CHANNEL = 'taishan_alarms';

export async function shareAlarmEvents(
  db: Db,
  pipeline: TelemetryPipeline,
  instance: string,
  log: (msg: string, err?: unknown) => void,
): Promise<() => Promise<void>> {
  if (!db.listen) return async () => {};
  // Unique even if two processes were given the same TAISHAN_INSTANCE.
  const origin = `${instance}/${randomUUID()}`;
  const fromElsewhere = new WeakSet<AlarmEvent>();
  const publish = (ev: AlarmEvent) => {
    if (fromElsewhere.has(ev)) return;
    db.query('SELECT pg_notify($1, $2)', [ALARM_CHANNEL, JSON.stringify({ origin, ev })]).catch((err) =>
      log('alarm event not shared with the other processes', err),
    );
  };
  const stopListening = await db.listen(ALARM_CHANNEL, (payload) => {
    let message: { origin?: string; ev?: AlarmEvent };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.origin === origin || !message.ev || typeof message.ev.id !== 'string') return;
    const ev = message.ev;
    fromElsewhere.add(ev);
    pipeline.noteAlarm(ev);
    pipeline.events.emit('alarm', ev);
  });
  pipeline.events.on('alarm', publish);
  return async () => {
    pipeline.events.off('alarm', publish);
    await stopListening();
  };
}
