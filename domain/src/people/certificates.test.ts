// The certificate windows at their edges (STANDARDS-NEXT §8.3): 6-year validity, review at 3 years
// (6 with the extended interval), the 60-day window (day 60 before is in, day 61 is not), overdue
// the day after, Feb 29 anniversaries, off the job 6 months → re-test; the 合格证's window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addMonthsClamped,
  addYearsClamped,
  calendarDaysBetween,
  certificateDueState,
  eligibleForExtendedReview,
  maskPersonIdNumber,
  qualificationState,
  specialCertificateState,
} from './certificates.ts';

test('calendar arithmetic: leap days clamp to Feb 28, month ends clamp', () => {
  const cases: [string, number, string][] = [
    ['2020-02-29', 12, '2021-02-28'],
    ['2020-02-29', 48, '2024-02-29'],
    ['2020-02-29', 36, '2023-02-28'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-06-07', 6, '2026-12-07'],
    ['2026-12-31', 1, '2027-01-31'],
  ];
  for (const [d, n, want] of cases) assert.equal(addMonthsClamped(d, n), want, `${d} + ${n} months`);
  assert.equal(addYearsClamped('2021-03-01', 3), '2024-03-01');
  assert.equal(calendarDaysBetween('2026-12-07', '2027-02-05'), 60);
  assert.equal(calendarDaysBetween('2024-02-28', '2024-03-01'), 2, 'through a leap day');
  assert.equal(calendarDaysBetween('2027-02-05', '2026-12-07'), -60);
});

test('the 60-day window: day 61 before is ok, day 60 is in, the due day is in, the day after is overdue', () => {
  const due = '2027-02-05';
  const cases: [string, 'ok' | 'window' | 'overdue'][] = [
    ['2026-12-06', 'ok'], // 61 days before
    ['2026-12-07', 'window'], // 60 days before
    ['2027-02-05', 'window'], // the due day
    ['2027-02-06', 'overdue'],
  ];
  for (const [today, want] of cases) assert.equal(certificateDueState(due, today), want, today);
  assert.equal(certificateDueState(due, '2026-12-06', 61), 'window', 'the window is a setting');
});

test('a special-work certificate: review exactly 3 years after issue, expiry after 6', () => {
  const c = { issuedOn: '2023-12-07', reviewedOn: null, extendedReview: false, offJobSince: null };
  const cases: [string, string, string, number][] = [
    // today, status, nextDue, daysToDue
    ['2026-10-07', 'valid', '2026-12-07', 61],
    ['2026-10-08', 'reviewWindow', '2026-12-07', 60],
    ['2026-12-07', 'reviewWindow', '2026-12-07', 0],
    ['2026-12-08', 'reviewOverdue', '2026-12-07', -1],
    ['2029-12-07', 'reviewOverdue', '2026-12-07', -1096],
    ['2029-12-08', 'expired', '2026-12-07', -1097],
  ];
  for (const [today, status, nextDue, days] of cases) {
    const s = specialCertificateState(c, today);
    assert.equal(s.status, status, today);
    assert.equal(s.nextDue, nextDue, today);
    assert.equal(s.daysToDue, days, today);
    assert.equal(s.validTo, '2029-12-07');
  }
});

test('a review passed (even early within its window) moves the due date to the renewal at 6 years', () => {
  const base = { issuedOn: '2021-01-10', extendedReview: false, offJobSince: null };
  const reviewed = specialCertificateState({ ...base, reviewedOn: '2023-11-11' }, '2026-12-07'); // review due 2024-01-10, window opens 2023-11-11
  assert.equal(reviewed.nextDueKind, 'renewal');
  assert.equal(reviewed.nextDue, '2027-01-10');
  assert.equal(reviewed.status, 'expiryWindow');
  const tooEarly = specialCertificateState({ ...base, reviewedOn: '2023-11-10' }, '2026-12-07'); // 61 days before: not this review
  assert.equal(tooEarly.nextDueKind, 'review');
  assert.equal(tooEarly.status, 'reviewOverdue');
});

test('the extended interval: review every 6 years, i.e. at expiry', () => {
  const s = specialCertificateState({ issuedOn: '2021-01-10', reviewedOn: null, extendedReview: true, offJobSince: null }, '2026-12-07');
  assert.equal(s.nextDue, '2027-01-10');
  assert.equal(s.nextDueKind, 'renewal');
  assert.equal(s.status, 'expiryWindow');
  assert.equal(
    specialCertificateState({ issuedOn: '2021-01-10', reviewedOn: null, extendedReview: false, offJobSince: null }, '2026-12-07').status,
    'reviewOverdue',
  );
});

test('eligibility for the 6-year interval: 10 full years in the trade and a clean record', () => {
  assert.equal(eligibleForExtendedReview('2016-12-07', true, '2026-12-07'), true, 'exactly 10 years');
  assert.equal(eligibleForExtendedReview('2016-12-08', true, '2026-12-07'), false, 'a day short');
  assert.equal(eligibleForExtendedReview('2000-01-01', false, '2026-12-07'), false, 'a violation on record');
  assert.equal(eligibleForExtendedReview(null, true, '2026-12-07'), false);
  assert.equal(eligibleForExtendedReview('2016-02-29', true, '2026-02-28'), true, 'a leap-day start counts from Feb 28');
});

test('a leap-day issue: reviews and expiry fall on Feb 28 in common years', () => {
  const s = specialCertificateState({ issuedOn: '2024-02-29', reviewedOn: null, extendedReview: false, offJobSince: null }, '2026-12-30');
  assert.equal(s.nextDue, '2027-02-28');
  assert.equal(s.validTo, '2030-02-28');
  assert.equal(s.status, 'reviewWindow', '60 days before 2027-02-28');
  assert.equal(
    specialCertificateState({ issuedOn: '2024-02-29', reviewedOn: null, extendedReview: false, offJobSince: null }, '2026-12-29').status,
    'valid',
  );
});

test('off the job 6 months or more: re-test, counted to the calendar day', () => {
  const c = (offJobSince: string) => ({ issuedOn: '2025-01-01', reviewedOn: null, extendedReview: false, offJobSince });
  assert.equal(specialCertificateState(c('2026-06-07'), '2026-12-07').status, 'retestRequired', 'exactly 6 months');
  assert.equal(specialCertificateState(c('2026-06-08'), '2026-12-07').status, 'valid', 'a day short');
  assert.equal(specialCertificateState(c('2026-06-08'), '2026-12-07').retestRequired, false);
  assert.equal(specialCertificateState(c('2026-08-31'), '2027-02-28').retestRequired, true, 'Aug 31 + 6 months is Feb 28');
  assert.equal(specialCertificateState(c('2026-06-08'), '2026-12-07', { offJobMonths: 5 }).retestRequired, true, 'a setting');
  // A missed review and an expired certificate come before the re-test.
  assert.equal(specialCertificateState({ ...c('2026-01-01'), issuedOn: '2023-01-01' }, '2026-12-07').status, 'reviewOverdue');
  assert.equal(specialCertificateState({ ...c('2026-01-01'), issuedOn: '2023-01-01' }, '2026-12-07').retestRequired, true);
  // An expired certificate is expired first.
  assert.equal(specialCertificateState({ ...c('2020-01-01'), issuedOn: '2020-01-01' }, '2026-12-07').status, 'expired');
});

test('a 合格证 carries its own valid-to date, with the same window', () => {
  const cases: [string, string][] = [
    ['2027-02-06', 'valid'], // 61 days
    ['2027-02-05', 'expiryWindow'], // 60 days
    ['2026-12-07', 'expiryWindow'], // today
    ['2026-12-06', 'expired'],
  ];
  for (const [validTo, want] of cases) assert.equal(qualificationState(validTo, '2026-12-07').status, want, validTo);
});

test('ID numbers are masked to region and last four', () => {
  assert.equal(maskPersonIdNumber('32130219900101123X'), '321302********123X');
  assert.equal(maskPersonIdNumber('321302900101123'), '321302*****1123');
});

test('the special-work list: 11 categories numbered 1–11, codes unique', async () => {
  const { SPECIAL_WORK_CATEGORIES } = await import('./certificates.ts');
  assert.deepEqual(
    SPECIAL_WORK_CATEGORIES.map((c) => c.no),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  );
  assert.equal(new Set(SPECIAL_WORK_CATEGORIES.map((c) => c.code)).size, 11);
  assert.deepEqual(
    SPECIAL_WORK_CATEGORIES[0].items.map((i) => i.zh),
    ['高压电工作业', '低压电工作业', '防爆电气作业'],
  );
});
