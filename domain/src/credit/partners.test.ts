// The partner query's limiter: a sliding minute per key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MinuteLimiter, partnerQuerySchema } from './partners.ts';

test('partner limiter: n a minute per key, the minute slides', () => {
  const l = new MinuteLimiter();
  assert.equal(l.allow('k', 2, 0), true);
  assert.equal(l.allow('k', 2, 10_000), true);
  assert.equal(l.allow('k', 2, 59_999), false);
  assert.equal(l.allow('other', 2, 59_999), true, 'another key has its own minute');
  assert.equal(l.allow('k', 2, 90_000), true, 'half of the last minute counts: 2 × ½ + 0 < 2');
  assert.equal(l.allow('k', 2, 90_000), false, '2 × ½ + 1 ≥ 2');
  assert.equal(l.allow('k', 2, 200_000), true, 'two minutes on, nothing counts');
});

test('partner query: an 18-character code, upper-cased; anything else refused', () => {
  assert.equal(partnerQuerySchema.parse({ uscc: ' 91321302ma0000001x ' }).uscc, '91321302MA0000001X');
  assert.equal(partnerQuerySchema.safeParse({ uscc: '9132' }).success, false);
  assert.equal(partnerQuerySchema.safeParse({ uscc: '91321302MA000000IO' }).success, false);
});
