// 续报 / 补报 against 493 Art. 13 (STANDARDS-NEXT §1.4): casualties changing within 30 days of the
// accident (7 for road traffic and fire) regrade it, up or down; after the window the grade stands.
// Days are Beijing calendar days, the accident's day being day 1. Follow-ups are due daily: once up
// to 较大, twice for 重大 and above (令21号, a setting).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccidentGrade } from '../whistleblowing/rewards.ts';
import {
  type AccidentFigures,
  beijingDay,
  checkFollowUp,
  DEFAULT_FOLLOW_UPS_PER_DAY,
  followUpDays,
  followUpEffect,
  regradeWindowDays,
  regradeWindowEnd,
  withinRegradeWindow,
} from './followups.ts';

const figures = (over: Partial<AccidentFigures> = {}): AccidentFigures => ({
  deaths: null,
  seriousInjuries: null,
  minorInjuries: null,
  missing: null,
  directLossWanYuan: null,
  ...over,
});

test('the regrade window: 7 days for road traffic and fire, else 30', () => {
  const cases: [Parameters<typeof regradeWindowDays>[0], 7 | 30][] = [
    [{ type: null, statIndustry: 'roadTraffic' }, 7],
    [{ type: 'vehicle', statIndustry: 'roadTraffic' }, 7],
    [{ type: null, statIndustry: 'fire' }, 7],
    [{ type: 'fire', statIndustry: null }, 7],
    [{ type: 'fire', statIndustry: 'chemicals' }, 7],
    [{ type: null, statIndustry: null }, 30],
    [{ type: 'gasExplosion', statIndustry: 'coalMine' }, 30],
    [{ type: 'collapse', statIndustry: 'construction' }, 30],
    [{ type: 'drowning', statIndustry: 'waterTransport' }, 30],
    [{ type: 'vehicle', statIndustry: 'industryTrade' }, 30],
  ];
  for (const [a, days] of cases) assert.equal(regradeWindowDays(a), days, JSON.stringify(a));
});

test('the window’s last day, in Beijing days, the accident’s day being day 1', () => {
  // 23:30 Beijing on 1 July (15:30 UTC): 1 July is day 1.
  const lateEvening = '2026-07-01T15:30:00.000Z';
  assert.equal(beijingDay(lateEvening), '2026-07-01');
  assert.equal(regradeWindowEnd(lateEvening, 30), '2026-07-30');
  assert.equal(regradeWindowEnd(lateEvening, 7), '2026-07-07');
  // 00:30 Beijing on 1 July is still 30 June in UTC: the Beijing day counts.
  const afterMidnight = '2026-06-30T16:30:00.000Z';
  assert.equal(beijingDay(afterMidnight), '2026-07-01');
  assert.equal(regradeWindowEnd(afterMidnight, 30), '2026-07-30');
  assert.equal(regradeWindowEnd(afterMidnight, 7), '2026-07-07');
  // Across a month end and a leap February.
  assert.equal(regradeWindowEnd('2028-02-10T02:00:00.000Z', 30), '2028-03-10');
  assert.equal(regradeWindowEnd('2027-02-10T02:00:00.000Z', 30), '2027-03-11');
  assert.equal(regradeWindowEnd('2026-12-28T02:00:00.000Z', 7), '2027-01-03');

  const cases: [string, number, boolean][] = [
    ['2026-07-01T15:45:00.000Z', 30, true], // the same evening
    ['2026-07-30T15:59:59.000Z', 30, true], // 23:59:59 Beijing on day 30
    ['2026-07-30T16:00:00.000Z', 30, false], // 00:00 Beijing on day 31
    ['2026-07-07T15:59:59.000Z', 7, true],
    ['2026-07-07T16:00:00.000Z', 7, false],
  ];
  for (const [at, days, inside] of cases) assert.equal(withinRegradeWindow(lateEvening, at, days), inside, `${at} ${days}`);
});

const ACCIDENT = {
  occurredAt: '2026-07-01T02:00:00.000Z', // 10:00 Beijing, 1 July
  type: 'collapse' as const,
  statIndustry: 'construction' as const,
};

test('a follow-up within the window regrades up or down; after it the grade stands', () => {
  const ordinary = {
    ...ACCIDENT,
    figures: figures({ deaths: 2, seriousInjuries: 1, directLossWanYuan: 300 }),
    grade: 'ordinary' as AccidentGrade,
  };
  const up = followUpEffect(ordinary, { at: '2026-07-03T02:00:00.000Z', figures: { deaths: 3 } });
  assert.equal(up.withinWindow, true);
  assert.equal(up.grade, 'major');
  assert.equal(up.previousGrade, 'ordinary');
  assert.equal(up.regraded, 'up');
  assert.deepEqual(up.figures, figures({ deaths: 3, seriousInjuries: 1, directLossWanYuan: 300 }));

  // Two grades at once: 10 deaths, 重大.
  assert.equal(followUpEffect(ordinary, { at: '2026-07-03T02:00:00.000Z', figures: { deaths: 10 } }).grade, 'serious');

  const major = {
    ...ACCIDENT,
    figures: figures({ deaths: 3, seriousInjuries: 0, directLossWanYuan: 200 }),
    grade: 'major' as AccidentGrade,
  };
  const down = followUpEffect(major, { at: '2026-07-20T02:00:00.000Z', figures: { deaths: 2 }, reason: '一人经核实为重复统计' });
  assert.equal(down.withinWindow, true);
  assert.equal(down.grade, 'ordinary');
  assert.equal(down.regraded, 'down');
  assert.equal(down.figures.deaths, 2);

  // Same grade: figures change, no regrade.
  const same = followUpEffect(ordinary, { at: '2026-07-02T02:00:00.000Z', figures: { minorInjuries: 4, missing: 1 } });
  assert.equal(same.regraded, null);
  assert.equal(same.grade, 'ordinary');
  assert.deepEqual(same.figures, figures({ deaths: 2, seriousInjuries: 1, minorInjuries: 4, missing: 1, directLossWanYuan: 300 }));

  // The last moment of day 30 (Beijing) still regrades; the first of day 31 does not.
  assert.equal(followUpEffect(ordinary, { at: '2026-07-30T15:59:00.000Z', figures: { deaths: 3 } }).regraded, 'up');
  const after = followUpEffect(ordinary, { at: '2026-07-30T16:00:00.000Z', figures: { deaths: 12 } });
  assert.equal(after.withinWindow, false);
  assert.equal(after.grade, 'ordinary');
  assert.equal(after.previousGrade, 'ordinary');
  assert.equal(after.regraded, null);
  assert.deepEqual(after.figures, ordinary.figures, 'the grade stands on the figures of the window');
  const afterDown = followUpEffect(major, { at: '2026-08-15T02:00:00.000Z', figures: { deaths: 0 }, reason: '误报' });
  assert.equal(afterDown.withinWindow, false);
  assert.equal(afterDown.grade, 'major');

  // Road traffic: 7 days. Day 7 regrades, day 8 does not.
  const road = { ...ordinary, type: 'vehicle' as const, statIndustry: 'roadTraffic' as const };
  assert.equal(followUpEffect(road, { at: '2026-07-07T15:00:00.000Z', figures: { deaths: 3 } }).regraded, 'up');
  const roadAfter = followUpEffect(road, { at: '2026-07-08T02:00:00.000Z', figures: { deaths: 3 } });
  assert.equal(roadAfter.withinWindow, false);
  assert.equal(roadAfter.grade, 'ordinary');
  // Fire as the accident type, whatever the industry: 7 days.
  assert.equal(
    followUpEffect({ ...ordinary, type: 'fire' }, { at: '2026-07-08T02:00:00.000Z', figures: { deaths: 3 } }).withinWindow,
    false,
  );
});

test('unknown figures (null or absent) keep the value on record', () => {
  const a = {
    ...ACCIDENT,
    figures: figures({ deaths: 1, seriousInjuries: 9, minorInjuries: 3, missing: 2 }),
    grade: 'ordinary' as AccidentGrade,
  };
  const e = followUpEffect(a, {
    at: '2026-07-02T02:00:00.000Z',
    figures: { deaths: null, seriousInjuries: null, directLossWanYuan: 1000 },
  });
  assert.deepEqual(e.figures, figures({ deaths: 1, seriousInjuries: 9, minorInjuries: 3, missing: 2, directLossWanYuan: 1000 }));
  assert.equal(e.grade, 'major');
  assert.equal(e.regraded, 'up');
  // Zero is a figure, not unknown.
  const zero = followUpEffect(a, { at: '2026-07-02T02:00:00.000Z', figures: { missing: 0, seriousInjuries: 10 } });
  assert.equal(zero.figures.missing, 0);
  assert.equal(zero.grade, 'major');
  // Missing persons found dead are reported as deaths; missing alone never regrades.
  assert.equal(followUpEffect(a, { at: '2026-07-02T02:00:00.000Z', figures: { missing: 40 } }).regraded, null);
});

test('checkFollowUp: time not in the future nor before the accident, whole non-negative counts, a reason for fewer deaths', () => {
  const now = new Date('2026-07-05T02:00:00.000Z');
  const current = { occurredAt: ACCIDENT.occurredAt, figures: figures({ deaths: 3, seriousInjuries: 2 }) };
  const fields = (input: Parameters<typeof checkFollowUp>[1]) => checkFollowUp(current, input, now).map((e) => e.field);
  const ok = '2026-07-04T02:00:00.000Z';

  assert.deepEqual(fields({ at: ok, figures: { deaths: 4, seriousInjuries: 5, directLossWanYuan: 12.5 } }), []);
  assert.deepEqual(fields({ at: now.toISOString(), figures: {} }), []);
  assert.deepEqual(fields({ at: '2026-07-05T02:00:59.000Z', figures: {} }), [], 'a minute of clock skew');
  assert.deepEqual(fields({ at: '2026-07-05T02:02:00.000Z', figures: {} }), ['at'], 'the future');
  assert.deepEqual(fields({ at: '2026-07-01T01:59:00.000Z', figures: {} }), ['at'], 'before the accident');
  assert.deepEqual(fields({ at: ACCIDENT.occurredAt, figures: {} }), [], 'at the accident');
  assert.deepEqual(fields({ at: 'yesterday', figures: {} }), ['at']);
  assert.deepEqual(fields({ at: ok, figures: { seriousInjuries: -1 } }), ['seriousInjuries']);
  assert.deepEqual(fields({ at: ok, figures: { directLossWanYuan: -5 } }), ['directLossWanYuan']);
  assert.deepEqual(fields({ at: ok, figures: { minorInjuries: 1.5 } }), ['minorInjuries']);
  assert.deepEqual(fields({ at: ok, figures: { missing: 0.5 } }), ['missing']);
  assert.deepEqual(fields({ at: ok, figures: { deaths: 3.5 } }), ['deaths']);
  assert.deepEqual(fields({ at: ok, figures: { deaths: Number.NaN } }), ['deaths']);
  assert.deepEqual(fields({ at: ok, figures: { deaths: null, seriousInjuries: null } }), [], 'unknown is allowed');
  // Deaths below those confirmed: a reason is required; with one it passes.
  assert.deepEqual(fields({ at: ok, figures: { deaths: 2 } }), ['reason']);
  assert.deepEqual(fields({ at: ok, figures: { deaths: 2 }, reason: '   ' }), ['reason']);
  assert.deepEqual(fields({ at: ok, figures: { deaths: 2 }, reason: '一人经抢救生还' }), []);
  // So do fewer serious injuries (a lower grade may follow), and a reason lets them through.
  assert.deepEqual(fields({ at: ok, figures: { seriousInjuries: 1 } }), ['reason']);
  assert.deepEqual(fields({ at: ok, figures: { seriousInjuries: 1 }, reason: '一人经复核为轻伤' }), []);
  assert.deepEqual(fields({ at: ok, figures: { deaths: 3 } }), [], 'the same number is not a fall');
  // Serious injuries may fall without a reason (a person can die of them: counted as a death).
  assert.deepEqual(fields({ at: ok, figures: { seriousInjuries: 1, deaths: 4 } }), []);
  // No confirmed deaths yet: any number is fine.
  assert.deepEqual(checkFollowUp({ occurredAt: ACCIDENT.occurredAt, figures: figures() }, { at: ok, figures: { deaths: 0 } }, now), []);
  // Several errors at once, each with Chinese and English.
  const all = checkFollowUp(current, { at: '2026-07-06T00:00:00.000Z', figures: { deaths: 1, missing: -1 } }, now);
  assert.deepEqual(all.map((e) => e.field).sort(), ['at', 'missing', 'reason']);
  for (const e of all) assert.match(e.message, /^[^|]*[\u4e00-\u9fff][^|]*\|\|[^|]*[a-zA-Z]/, e.message);
  assert.ok(all.find((e) => e.field === 'reason')?.message.includes('3'), 'the message names the confirmed number');
});

test('followUpDays: daily from the day after the accident; today not yet due; twice a day for 重大+', () => {
  assert.deepEqual(DEFAULT_FOLLOW_UPS_PER_DAY, { ordinary: 1, major: 1, serious: 2, especiallySerious: 2 });
  const occurredAt = '2026-07-01T02:00:00.000Z'; // 1 July, 10:00 Beijing
  const now = new Date('2026-07-04T02:00:00.000Z'); // 4 July, 10:00 Beijing
  const ats = ['2026-07-02T01:00:00.000Z', '2026-07-02T16:30:00.000Z' /* 3 July 00:30 Beijing */, '2026-07-04T01:00:00.000Z'];

  assert.deepEqual(followUpDays({ occurredAt, grade: 'major', followUpAts: ats, endedAt: null }, now), [
    { day: '2026-07-02', required: 1, made: 1, missed: 0 },
    { day: '2026-07-03', required: 1, made: 1, missed: 0 },
  ]);
  assert.deepEqual(followUpDays({ occurredAt, grade: 'ordinary', followUpAts: [], endedAt: null }, now), [
    { day: '2026-07-02', required: 1, made: 0, missed: 1 },
    { day: '2026-07-03', required: 1, made: 0, missed: 1 },
  ]);
  for (const grade of ['serious', 'especiallySerious'] as const)
    assert.deepEqual(followUpDays({ occurredAt, grade, followUpAts: ats, endedAt: null }, now), [
      { day: '2026-07-02', required: 2, made: 1, missed: 1 },
      { day: '2026-07-03', required: 2, made: 1, missed: 1 },
    ]);
  // Extra follow-ups on a day do not cover another day.
  assert.deepEqual(
    followUpDays(
      { occurredAt, grade: 'ordinary', followUpAts: ['2026-07-02T01:00:00.000Z', '2026-07-02T05:00:00.000Z'], endedAt: null },
      now,
    ).map((d) => d.missed),
    [0, 1],
  );
  // The accident's own day and today are not due.
  assert.deepEqual(followUpDays({ occurredAt, grade: 'major', followUpAts: [], endedAt: null }, new Date('2026-07-01T15:00:00.000Z')), []);
  assert.deepEqual(followUpDays({ occurredAt, grade: 'major', followUpAts: [], endedAt: null }, new Date('2026-07-02T15:59:00.000Z')), []);
  assert.equal(
    followUpDays({ occurredAt, grade: 'major', followUpAts: [], endedAt: null }, new Date('2026-07-02T16:00:00.000Z')).length,
    1,
  );
  // Reporting ended (终报) on 3 July: nothing is due from that day on, however late it is now.
  assert.deepEqual(
    followUpDays(
      { occurredAt, grade: 'major', followUpAts: [], endedAt: '2026-07-03T01:00:00.000Z' },
      new Date('2026-08-30T00:00:00.000Z'),
    ).map((d) => d.day),
    ['2026-07-02'],
  );
  // At most 30 days.
  const long = followUpDays({ occurredAt, grade: 'ordinary', followUpAts: [], endedAt: null }, new Date('2026-10-01T00:00:00.000Z'));
  assert.equal(long.length, 30);
  assert.equal(long[0]?.day, '2026-07-02');
  assert.equal(long[29]?.day, '2026-07-31');
  // A settings table other than the default.
  assert.deepEqual(
    followUpDays({ occurredAt, grade: 'ordinary', followUpAts: [], endedAt: null }, now, {
      ordinary: 3,
      major: 3,
      serious: 4,
      especiallySerious: 4,
    }).map((d) => d.required),
    [3, 3],
  );
});
