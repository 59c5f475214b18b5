// Ingest health (接入运行): when the operators of the telemetry pipeline should be warned. Pure
// rules over a snapshot of the pipeline and its MQTT connections; the server takes the snapshot
// (GET /api/v1/telemetry/stats) and the admins' page shows what comes back.
import { bi } from '../errors/messages.ts';

/**
 * Most QoS 1 messages the broker may have out to our subscriber unacknowledged (MQTT 5 Receive
 * Maximum, sent at connect). A broker that honours it never has more than this many waiting on us.
 */
export const MQTT_RECEIVE_MAXIMUM = 4000;

/**
 * Readings taken and not yet written beyond which the database is falling behind: five of the
 * pipeline's largest writes (20,000 rows each), about a second at the rate it is built for.
 */
export const BACKLOG_WARNING = 100_000;

/**
 * Messages the external broker holds, or acknowledgements our subscriber holds, beyond which the
 * broker's memory is growing with an acknowledgement lag: ten receive maximums. Measured with
 * Mosquitto 2.0 (telemetry benchmark, single-reading messages): a broker keeping up peaked at
 * 7,150 held and 6,288 acks waiting here (it does not hold to our receive maximum exactly); one
 * falling behind reached 1,792,801 and 1,014,232 within 90 s.
 */
export const BROKER_BACKLOG_WARNING = 10 * MQTT_RECEIVE_MAXIMUM;

export type IngestSnapshot = {
  /** Readings taken and not yet written. */
  backlog: number;
  /** Messages the external broker says it holds (Mosquitto's $SYS count); null if it does not say. */
  brokerStoredMessages?: number | null;
  /** The external broker's subscriber connections; null with the embedded broker. */
  subscribers: { connected: boolean; acksWaiting: number }[] | null;
};

export type IngestWarningCode = 'subscriberDown' | 'brokerBacklog' | 'acksBehind' | 'writeBehind';
export type IngestWarning = { code: IngestWarningCode; value: number; limit: number; message: string };

export function ingestWarnings(s: IngestSnapshot): IngestWarning[] {
  const out: IngestWarning[] = [];
  const subs = s.subscribers ?? [];
  const down = subs.filter((x) => !x.connected).length;
  if (down > 0)
    out.push({
      code: 'subscriberDown',
      value: down,
      limit: 0,
      // The persistent session keeps what arrives meanwhile; nothing is lost, but nothing is stored or alarmed either.
      message: bi(
        '与 MQTT 服务器的订阅连接已断开，正在重连；期间读数由服务器保留',
        'Subscriber disconnected from the MQTT broker; reconnecting (the broker keeps readings meanwhile)',
      ),
    });
  const held = s.brokerStoredMessages ?? 0;
  if (held > BROKER_BACKLOG_WARNING)
    out.push({
      code: 'brokerBacklog',
      value: held,
      limit: BROKER_BACKLOG_WARNING,
      message: bi(
        'MQTT 服务器积压消息过多，其内存随之增长：平台确认跟不上投递（请让网关合批上报）或有会话长期离线',
        'The MQTT broker holds too many messages and its memory grows: our acknowledgements lag its deliveries (batch readings at the gateways) or a session is long offline',
      ),
    });
  // Acknowledgements piling up here: the broker delivers faster than it reads our PUBACKs
  // (Mosquitto 2.0 reads one packet per connection per turn of its loop, so N gateways flooding
  // it with single-reading messages outpace our one connection) and holds every such message in
  // its memory until it does. Seen here only once the kernel's socket buffers are full too.
  const waiting = Math.max(0, ...subs.map((x) => x.acksWaiting));
  if (waiting > BROKER_BACKLOG_WARNING)
    out.push({
      code: 'acksBehind',
      value: waiting,
      limit: BROKER_BACKLOG_WARNING,
      message: bi(
        'MQTT 服务器读取确认的速度跟不上投递，其内存随之增长：请让网关合批上报或扩容服务器',
        'The MQTT broker reads acknowledgements slower than it delivers and its memory grows: batch readings at the gateways or give the broker more capacity',
      ),
    });
  if (s.backlog > BACKLOG_WARNING)
    out.push({
      code: 'writeBehind',
      value: s.backlog,
      limit: BACKLOG_WARNING,
      message: bi('数据库写入跟不上接收，待写读数积压', 'The database is not keeping up: readings are waiting to be written'),
    });
  return out;
}
