// Every state × action × relation of the duty log, and who sees a new signal when. Owner: duty.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DUTY_LOG_ACTIONS, DUTY_LOG_STATES, type DutyRelation, dutyLogAllowedActions, dutyLogNext, signalVisibleAt } from './duty-log.ts';

const RELS: DutyRelation[] = ['officer', 'supervisor', 'other'];
const EXPECT: Record<string, string | null> = {
  'open/officer/addEntry': 'open',
  'open/officer/handOver': 'handedOver',
  'open/supervisor/addEntry': 'open',
  'open/supervisor/handOver': null,
  'open/other/addEntry': null,
  'open/other/handOver': null,
  'handedOver/officer/addEntry': null,
  'handedOver/officer/handOver': null,
  'handedOver/supervisor/addEntry': null,
  'handedOver/supervisor/handOver': null,
  'handedOver/other/addEntry': null,
  'handedOver/other/handOver': null,
};

test('duty log: every state × relation × action', () => {
  for (const s of DUTY_LOG_STATES)
    for (const r of RELS)
      for (const a of DUTY_LOG_ACTIONS) {
        const key = `${s}/${r}/${a}`;
        assert.ok(key in EXPECT, key);
        assert.equal(dutyLogNext(s, r, a), EXPECT[key], key);
        assert.equal(dutyLogAllowedActions(s, r).includes(a), EXPECT[key] !== null, key);
      }
});

test('signals: the officer at once, the others after the delay', () => {
  const at = '2030-01-07T00:00:00.000Z';
  assert.equal(signalVisibleAt(at, true, 15), at);
  assert.equal(signalVisibleAt(at, false, 15), '2030-01-07T00:15:00.000Z');
  assert.equal(signalVisibleAt(at, false, 0), at);
});
