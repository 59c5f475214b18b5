import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKLOG_WARNING, BROKER_BACKLOG_WARNING, ingestWarnings, MQTT_RECEIVE_MAXIMUM } from './ingest-health.ts';

const healthy = { connected: true, storing: 3000, acksWaiting: 1000 };
const codes = (s: Parameters<typeof ingestWarnings>[0]) => ingestWarnings(s).map((w) => w.code);

test('a healthy pipeline, embedded or external, has no warnings', () => {
  assert.deepEqual(codes({ backlog: 0, subscribers: null }), []);
  assert.deepEqual(codes({ backlog: BACKLOG_WARNING, subscribers: [healthy] }), [], 'at the limit is not beyond it');
  assert.deepEqual(codes({ backlog: 0, subscribers: [{ ...healthy, acksWaiting: BROKER_BACKLOG_WARNING }] }), []);
  assert.deepEqual(codes({ backlog: 0, brokerStoredMessages: BROKER_BACKLOG_WARNING, subscribers: [healthy] }), []);
});

test('a broker holding more than ten receive-maximums of messages is warned of (its memory grows)', () => {
  assert.equal(BROKER_BACKLOG_WARNING, 40_000);
  const w = ingestWarnings({ backlog: 0, brokerStoredMessages: 2_500_000, subscribers: [healthy] });
  assert.deepEqual(
    w.map((x) => [x.code, x.value, x.limit]),
    [['brokerBacklog', 2_500_000, 40_000]],
  );
});

test('acknowledgements piling up beyond ten receive maximums: the broker is reading them slower than it delivers', () => {
  assert.equal(BROKER_BACKLOG_WARNING, 10 * MQTT_RECEIVE_MAXIMUM);
  const w = ingestWarnings({ backlog: 0, subscribers: [healthy, { ...healthy, acksWaiting: 40_001 }] });
  assert.equal(w.length, 1);
  assert.deepEqual([w[0]?.code, w[0]?.value, w[0]?.limit], ['acksBehind', 40_001, 40_000]);
  assert.match(w[0]?.message ?? '', /MQTT 服务器.*\|\|The MQTT broker/);
});

test('a dropped subscriber and a write backlog are warned of, each with its figure', () => {
  const w = ingestWarnings({ backlog: 250_000, subscribers: [{ ...healthy, connected: false }, healthy] });
  assert.deepEqual(
    w.map((x) => [x.code, x.value]),
    [
      ['subscriberDown', 1],
      ['writeBehind', 250_000],
    ],
  );
});
