import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AckQueue } from './ack-queue.ts';

/** The packet ids in a run of PUBACKs, checking each is a bare MQTT 5 PUBACK. */
const idsOf = (b: Buffer | null) => {
  const ids: number[] = [];
  for (let o = 0; b && o < b.length; o += 4) {
    assert.deepEqual([b[o], b[o + 1]], [0x40, 2]);
    ids.push(b.readUInt16BE(o + 2));
  }
  return ids;
};

test('acknowledgements go out in the order received: one stored early waits for those before it', () => {
  const q = new AckQueue();
  const a = q.push(7);
  const b = q.push(8);
  const c = q.push(65535);
  q.markStored(b);
  q.markStored(c);
  assert.equal(q.takeStoredRun(), null, 'the head is not stored yet');
  q.markStored(a);
  assert.deepEqual(idsOf(q.takeStoredRun()), [7, 8, 65535]);
  assert.equal(q.length, 0);
  q.markStored(a);
  assert.equal(q.takeStoredRun(), null, 'taken ones are not sent twice');
});

test('a long wait behind one message: the queue grows, then drains in order, each once', () => {
  const q = new AckQueue();
  const n = 100_000; // far past the first arrays (4,096), with packet ids wrapping at 65,535
  const seqs = Array.from({ length: n }, (_, i) => q.push((i % 65535) + 1));
  for (let i = 1; i < n; i++) q.markStored(seqs[i] as number);
  assert.equal(q.takeStoredRun(), null);
  assert.equal(q.length, n);
  q.markStored(seqs[0] as number);
  const ids = idsOf(q.takeStoredRun());
  assert.equal(ids.length, n);
  assert.ok(ids.every((id, i) => id === (i % 65535) + 1));
  // Afterwards the front is reused rather than grown again.
  let sent = 0;
  for (let round = 0; round < 50; round++) {
    const s = Array.from({ length: 3000 }, (_, i) => q.push(i + 1));
    for (const x of s) q.markStored(x);
    sent += idsOf(q.takeStoredRun()).length;
  }
  assert.equal(sent, 150_000);
  assert.equal(q.length, 0);
});
