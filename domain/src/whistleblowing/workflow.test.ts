import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingDays, WEEKENDS_ONLY } from '../calendar/working-days.ts';
import {
  allowedPublicReportActions,
  formatReceipt,
  normalizeReceipt,
  PUBLIC_REPORT_ACTIONS,
  PUBLIC_REPORT_STATUSES,
  publicReportTransition,
  reportDeadlines,
  reportDeadlinesFrom,
} from './workflow.ts';

test('every status × action: the allowed ones move as the regulator runs it, the rest are refused', () => {
  const expected: Record<string, Record<string, string>> = {
    received: { accept: 'accepted', reject: 'rejected', merge: 'merged' },
    accepted: { verify: 'verifying', merge: 'merged' },
    rejected: { close: 'closed' },
    verifying: { substantiate: 'substantiated', unsubstantiate: 'unsubstantiated', merge: 'merged' },
    substantiated: { decideReward: 'rewardDecided', close: 'closed' },
    unsubstantiated: { close: 'closed' },
    rewardDecided: { payReward: 'rewardPaid' },
    rewardPaid: { close: 'closed' },
    closed: {},
    merged: {},
  };
  for (const s of PUBLIC_REPORT_STATUSES) {
    for (const a of PUBLIC_REPORT_ACTIONS) assert.equal(publicReportTransition(s, a), expected[s]?.[a] ?? null, `${s} × ${a}`);
    assert.deepEqual(allowedPublicReportActions(s).sort(), Object.keys(expected[s] ?? {}).sort());
  }
});

test('receipts: printed in groups of four, typed back with spaces or dashes', () => {
  assert.equal(formatReceipt('12345678901234567890'), '1234 5678 9012 3456 7890');
  assert.equal(normalizeReceipt('1234 5678-9012 3456 7890'), '12345678901234567890');
  assert.equal(normalizeReceipt('1234'), null);
  assert.equal(normalizeReceipt('1234 5678 9012 3456 789x'), null);
});

test('deadlines: five working days to accept (weekends skipped), sixty days to conclude', () => {
  // 2026-11-27 is a Friday.
  assert.deepEqual(reportDeadlines('2026-11-27'), { acceptDue: '2026-12-04', concludeDue: '2027-01-26' });
  assert.equal(addWorkingDays(WEEKENDS_ONLY, '2026-11-23', 5), '2026-11-30');
});

test('deadlines are configurable; nonsense falls back to the statutory defaults', () => {
  const c = reportDeadlinesFrom({ REPORT_ACCEPT_WORKING_DAYS: '3', REPORT_CONCLUDE_DAYS: '30' });
  assert.deepEqual(reportDeadlines('2026-11-27', c), { acceptDue: '2026-12-02', concludeDue: '2026-12-27' });
  assert.deepEqual(reportDeadlinesFrom({ REPORT_ACCEPT_WORKING_DAYS: '-1', REPORT_CONCLUDE_DAYS: 'x' }), {
    acceptWorkingDays: 5,
    concludeDays: 60,
  });
});
