// The durable subscriber against a broker that reads slowly: every delivered message is
// acknowledged exactly once, in order, though acknowledgements are held while a write is pending;
// what it holds shows in its status, as operators see it.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { BROKER_BACKLOG_WARNING, ingestWarnings } from '@taishan/domain';
import mqttPacket, { type Packet } from 'mqtt-packet';
import { BROKER_STORED_TOPIC, DurableSubscriber } from './subscriber.ts';

const N = 50_000;
const opts = { protocolVersion: 5 } as const;

test('a broker that reads slowly gets every acknowledgement once, in order; the status counts what is held', async () => {
  const acked: number[] = [];
  let allAcked: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    allAcked = resolve;
  });
  const sockets: Socket[] = [];
  const broker = createServer((socket) => {
    sockets.push(socket);
    const parser = mqttPacket.parser(opts);
    const send = (p: Packet) => socket.write(mqttPacket.generate(p, opts));
    parser.on('packet', (p: Packet) => {
      if (p.cmd === 'connect') send({ cmd: 'connack', sessionPresent: false, reasonCode: 0 });
      else if (p.cmd === 'subscribe') {
        send({ cmd: 'suback', messageId: p.messageId, granted: [1, 0] });
        // As Mosquitto does: how many messages it holds, in its $SYS tree.
        send({ cmd: 'publish', topic: BROKER_STORED_TOPIC, payload: Buffer.from('123456'), qos: 0, dup: false, retain: true });
        // Deliver everything while not reading: the subscriber's acknowledgements pile up.
        socket.pause();
        for (let i = 1; i <= N; i++)
          send({
            cmd: 'publish',
            topic: 'taishan/telemetry/x',
            payload: Buffer.from(`{"n":${i}}`),
            qos: 1,
            dup: false,
            retain: false,
            messageId: i,
          });
        setTimeout(() => socket.resume(), 300);
      } else if (p.cmd === 'puback') {
        acked.push(p.messageId as number);
        if (acked.length === N) allAcked();
      }
    });
    socket.on('data', (b) => parser.parse(b));
    socket.on('error', () => undefined);
  });
  broker.listen(0, '127.0.0.1');
  await once(broker, 'listening');
  const url = new URL(`mqtt://127.0.0.1:${(broker.address() as AddressInfo).port}`);
  const received: number[] = [];
  // Message HELD is stored only when the test says so: every one after it waits behind it.
  const HELD = 5_000;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // Stored a little later each time, as the pipeline's writes commit.
  const sub = new DurableSubscriber(url, 'test-slow-broker', 'taishan/telemetry/+', async (_topic, payload) => {
    const n = JSON.parse(payload.toString()).n;
    received.push(n);
    if (n === HELD) await held;
    else if (received.length % 500 === 0) await new Promise((r) => setTimeout(r, 2));
  });
  const waitFor = async (what: string, ok: () => boolean) => {
    for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(ok(), `${what}: ${JSON.stringify(sub.status())}`);
  };
  try {
    assert.equal(sub.status().connected, false, 'not yet connected');
    await sub.start();
    // Everything before HELD acknowledged; HELD still storing; the rest stored, their acks held behind it.
    await waitFor('held behind one message', () => sub.status().acksWaiting === N - HELD && acked.length === HELD - 1);
    const status = sub.status();
    assert.deepEqual([status.connected, status.reconnects, status.received, status.storing], [true, 0, N, 1]);
    assert.equal(sub.brokerStored, 123456, "the broker's own count, not taken for a reading");
    assert.deepEqual(
      ingestWarnings({ backlog: 0, subscribers: [status] }).map((w) => [w.code, w.value]),
      [['acksBehind', N - HELD]],
      `more than ${BROKER_BACKLOG_WARNING} held: the operators are warned`,
    );
    release();
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`acked ${acked.length} of ${N}`)), 20_000).unref()),
    ]);
    assert.equal(received.length, N);
    assert.deepEqual(
      acked,
      Array.from({ length: N }, (_, i) => i + 1),
    );
    await waitFor('nothing held', () => sub.status().acksWaiting === 0);
    assert.equal(sub.status().storing, 0);
  } finally {
    await sub.close();
    for (const s of sockets) s.destroy();
    broker.close();
  }
});
