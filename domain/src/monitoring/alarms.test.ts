import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  ALARM_ACTIONS,
  ALARM_STATUSES,
  type AlarmStatus,
  alarmTransition,
  escalationNoticeGroup,
  escalationNoticeKey,
  escalationNoticeTitle,
  escalationStep,
  evaluate,
  INITIAL_STATE,
  isOffline,
  type OpenAlarm,
  openAlarmAfter,
  type SensorState,
  type Severity,
  zoneOf,
} from './alarms.ts';
import { configOf, parseReading, readingSchema, type SensorConfig, sensorInputSchema } from './sensors.ts';

// A combustible gas sensor: 0–100 %LEL, high 20, high-high 40 (typical 一级/二级报警), hysteresis 2.
const GAS: SensorConfig = {
  rangeMin: 0,
  rangeMax: 100,
  thresholds: { high: 20, highHigh: 40 },
  hysteresis: 2,
  rateLimit: 30,
  offlineSeconds: 60,
};

const run = (c: SensorConfig, values: number[], stepMs = 1000) => {
  let s: SensorState = INITIAL_STATE;
  const out: string[] = [];
  values.forEach((v, i) => {
    const r = evaluate(c, s, v, 1_000_000 + i * stepMs);
    s = r.state;
    for (const x of r.signals)
      out.push(x.change === 'conditionCleared' ? `${x.kind}:clear` : `${x.kind}:${x.change}:${x.level ?? ''}:${x.severity}`);
  });
  return { out, state: s };
};

test('threshold zones: raise at the threshold, escalate to high-high (one alarm, updated), clear only past the hysteresis', () => {
  const noRate = { ...GAS, rateLimit: null };
  assert.deepEqual(run(noRate, [5, 19.9, 20, 25, 40, 39, 38.5, 30, 18.5, 18, 17.9]).out, [
    'threshold:raise:high:major',
    'threshold:update:highHigh:critical',
    'threshold:update:high:major', // 38 is not above 40 − 2
    'threshold:clear', // 18 is not above 20 − 2
  ]);
  assert.equal(zoneOf(noRate, 38.1, 'highHigh'), 'highHigh');
  assert.equal(zoneOf(noRate, 38, 'highHigh'), 'high');
  assert.equal(zoneOf(noRate, 19, null), null, 'no hysteresis on the way in');
  const tank: SensorConfig = {
    rangeMin: 0,
    rangeMax: 10,
    thresholds: { lowLow: 0.5, low: 1, high: 8, highHigh: 9 },
    hysteresis: 0.2,
    rateLimit: null,
    offlineSeconds: 60,
  };
  assert.deepEqual(run(tank, [5, 1, 0.5, 0.6, 0.8, 1.1, 1.3]).out, [
    'threshold:raise:low:major',
    'threshold:update:lowLow:critical',
    'threshold:update:low:major',
    'threshold:clear',
  ]);
});

test('rate of change: more than the limit per minute raises, a calm reading clears', () => {
  // 30 %LEL per minute = 0.5 per second.
  const r = run({ ...GAS, thresholds: {} }, [1, 1.4, 2.2, 2.6, 2.7]);
  assert.deepEqual(r.out, ['rate:raise::warning', 'rate:clear']);
});

test('offline after the configured silence; never for a sensor not yet heard from', () => {
  assert.equal(isOffline(GAS, 0, 60_000), false);
  assert.equal(isOffline(GAS, 0, 60_001), true);
  assert.equal(isOffline(GAS, null, 1e12), false);
});

test('property: the zone never flickers inside the hysteresis band', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 17, max: 23, noNaN: true }), { minLength: 2, maxLength: 60 }), (values) => {
      // Every change of zone needs the value to have crossed 20 (in) or 18 (out).
      let zone = null as ReturnType<typeof zoneOf>;
      for (const v of values) {
        const next = zoneOf(GAS, v, zone);
        if (next !== zone) assert.ok(next === 'high' ? v >= 20 : v <= 18, `${zone} → ${next} at ${v}`);
        zone = next;
      }
    }),
  );
});

test('lifecycle: raised → acknowledged → handled → cleared; clear waits for the condition to go', () => {
  const expected: Record<string, Record<string, string>> = {
    raised: { acknowledge: 'acknowledged' },
    acknowledged: { handle: 'handled' },
    handled: { clear: 'cleared' },
    cleared: {},
  };
  for (const s of ALARM_STATUSES)
    for (const a of ALARM_ACTIONS) assert.equal(alarmTransition(s, a, false), expected[s]?.[a] ?? 'refused', `${s} × ${a}`);
  assert.equal(alarmTransition('handled', 'clear', true), 'conditionActive');
});

test('sensor input: thresholds in range and in order, range sensible', () => {
  const ok = sensorInputSchema.safeParse({
    installationId: '00000000-0000-4000-8000-000000000001',
    code: 'GT-101',
    name: '1号罐区可燃气体',
    type: 'combustibleGas',
    rangeMin: 0,
    rangeMax: 100,
    high: 20,
    highHigh: 40,
    hysteresis: 2,
  });
  assert.ok(ok.success);
  assert.deepEqual(configOf(ok.data).thresholds, { high: 20, highHigh: 40 });
  const bad = sensorInputSchema.safeParse({
    installationId: '00000000-0000-4000-8000-000000000001',
    code: 'GT 101',
    name: 'x',
    type: 'combustibleGas',
    rangeMin: 0,
    rangeMax: 100,
    high: 40,
    highHigh: 20,
    low: 150,
  });
  assert.ok(!bad.success);
  const paths = bad.error.issues.map((i) => i.path.join('.')).sort();
  assert.ok(paths.includes('code') && paths.includes('highHigh') && paths.includes('low'));
});

test('property: the fast reading check accepts exactly what the schema accepts', () => {
  const field = fc.oneof(
    fc.string({ maxLength: 45 }),
    fc.integer(),
    fc.double(),
    fc.constantFrom(
      null,
      true,
      '2026-11-23T08:00:00Z',
      '2026-11-23T08:00:00.123+08:00',
      '2026-11-23 08:00',
      '2026-11-23T08:00:00+0800',
      '2026-11-23T08:00:00+08',
      '2026-11-23T08:00Z',
      '2026-13-45T99:99:99Z',
      1795400000000,
      -5,
      0,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ),
  );
  const reading = fc.oneof(
    fc.record({ sensor: field, ts: field, value: field }),
    fc.record({ sensor: fc.string({ minLength: 1, maxLength: 40 }), ts: fc.integer({ min: 1 }), value: fc.double({ noNaN: true }) }),
    fc.record({ sensor: field, ts: field, value: field, extra: field }),
    fc.record({ sensor: field, value: field }),
    fc.constantFrom(null, 'x', 5, [], [1, 2, 3]),
  );
  fc.assert(
    fc.property(reading, (item) => {
      const fast = parseReading(item);
      const slow = readingSchema.safeParse(item);
      assert.equal(fast !== null, slow.success, JSON.stringify(item));
      if (fast && slow.success) {
        const ts = typeof slow.data.ts === 'number' ? slow.data.ts : Date.parse(slow.data.ts);
        assert.deepEqual(fast, { sensor: slow.data.sensor, ts, value: slow.data.value });
      }
    }),
    { numRuns: 3000 },
  );
});

test('an open alarm: the level follows the reading, severity and peak level only rise while it is open', () => {
  // AT-301 (toxic gas, high 25, high-high 50 ppm): raised at high, 51.09 over high-high, back to high.
  type Step = { severity: Severity; level: OpenAlarm['level']; value: number };
  const rows: { name: string; steps: Step[]; expect: OpenAlarm; rose: boolean[] }[] = [
    {
      name: 'AT-301: high → high-high → high stays critical, peak 51.09 at high-high',
      steps: [
        { severity: 'major', level: 'high', value: 26 },
        { severity: 'critical', level: 'highHigh', value: 51.09 },
        { severity: 'major', level: 'high', value: 40 },
      ],
      expect: { severity: 'critical', level: 'high', peakLevel: 'highHigh', peakValue: 51.09 },
      rose: [false, true, false],
    },
    {
      name: 'raised at high-high: critical from the start, nothing rises',
      steps: [
        { severity: 'critical', level: 'highHigh', value: 55 },
        { severity: 'major', level: 'high', value: 30 },
      ],
      expect: { severity: 'critical', level: 'high', peakLevel: 'highHigh', peakValue: 55 },
      rose: [false, false],
    },
    {
      name: 'low side: the peak is the lowest value',
      steps: [
        { severity: 'major', level: 'low', value: 0.9 },
        { severity: 'critical', level: 'lowLow', value: 0.3 },
        { severity: 'major', level: 'low', value: 0.7 },
      ],
      expect: { severity: 'critical', level: 'low', peakLevel: 'lowLow', peakValue: 0.3 },
      rose: [false, true, false],
    },
    {
      name: 'high to low directly: high-side peak kept, level follows',
      steps: [
        { severity: 'major', level: 'high', value: 9 },
        { severity: 'major', level: 'low', value: 0.8 },
      ],
      expect: { severity: 'major', level: 'low', peakLevel: 'high', peakValue: 0.8 },
      rose: [false, false],
    },
    {
      name: 'rate of change: a warning, the largest value in size',
      steps: [
        { severity: 'warning', level: null, value: 12 },
        { severity: 'warning', level: null, value: -30 },
        { severity: 'warning', level: null, value: 5 },
      ],
      expect: { severity: 'warning', level: null, peakLevel: null, peakValue: -30 },
      rose: [false, false, false],
    },
  ];
  for (const row of rows) {
    let open: OpenAlarm | null = null;
    const rose: boolean[] = [];
    for (const step of row.steps) {
      const next = openAlarmAfter(open, step);
      rose.push(next.rose);
      open = { severity: next.severity, level: next.level, peakLevel: next.peakLevel, peakValue: next.peakValue };
    }
    assert.deepEqual(open, row.expect, row.name);
    assert.deepEqual(rose, row.rose, row.name);
  }
});

test('the engine and the open alarm together: the signals of an excursion through high-high leave one critical alarm', () => {
  const at301: SensorConfig = {
    rangeMin: 0,
    rangeMax: 100,
    thresholds: { high: 25, highHigh: 50 },
    hysteresis: 2,
    rateLimit: null,
    offlineSeconds: 120,
  };
  let s: SensorState = INITIAL_STATE;
  let open: OpenAlarm | null = null;
  for (const [i, v] of [10, 30, 45, 51.09, 49, 35, 27].entries()) {
    const r = evaluate(at301, s, v, 1_000_000 + i * 2000);
    s = r.state;
    for (const sig of r.signals) if (sig.change !== 'conditionCleared') open = openAlarmAfter(open, sig);
  }
  assert.equal(open?.severity, 'critical', 'the 严重 counter counts it');
  assert.equal(open?.level, 'high', 'the gas is at 高报 now');
  assert.equal(open?.peakLevel, 'highHigh');
  assert.equal(open?.peakValue, 51.09);
});

test('escalation steps: unacknowledged after the delay at its severity, once more if it grows worse, never twice', () => {
  const M = 60_000;
  const rows: [string, AlarmStatus, number, Severity, Severity | null, Severity | null][] = [
    // name, status, minutes since raised, severity, escalated at, expected step
    ['too early', 'raised', 9, 'major', null, null],
    ['due', 'raised', 10, 'major', null, 'major'],
    ['due, critical', 'raised', 30, 'critical', null, 'critical'],
    ['already escalated at its severity', 'raised', 30, 'major', 'major', null],
    ['grew worse after escalation', 'raised', 30, 'critical', 'major', 'critical'],
    ['critical step done', 'raised', 90, 'critical', 'critical', null],
    ['acknowledged: people are on it', 'acknowledged', 30, 'critical', null, null],
    ['acknowledged after a first step', 'acknowledged', 30, 'critical', 'major', null],
    ['handled', 'handled', 30, 'major', null, null],
    ['cleared', 'cleared', 30, 'critical', null, null],
    ['warning', 'raised', 10, 'warning', null, 'warning'],
  ];
  for (const [name, status, minutes, severity, escalatedSeverity, expected] of rows)
    assert.equal(escalationStep({ status, raisedAt: 0, severity, escalatedSeverity }, minutes * M, 10), expected, name);
});

test('escalation notices: one key per alarm and step, one group a day, the title says why', () => {
  assert.equal(escalationNoticeKey('a1', 'major'), 'alarm:a1:escalated:major');
  assert.notEqual(escalationNoticeKey('a1', 'major'), escalationNoticeKey('a1', 'critical'));
  assert.notEqual(escalationNoticeKey('a1', 'major'), escalationNoticeKey('a2', 'major'));
  assert.equal(escalationNoticeGroup('2026-11-24'), 'alarmEscalated:2026-11-24');
  const base = { minutes: 10, enterpriseName: '宿城化工', sensorName: '有毒气体探测器' };
  assert.equal(escalationNoticeTitle({ ...base, step: 'major', previous: null }), '重要报警超过10分钟未确认：宿城化工 有毒气体探测器');
  assert.equal(
    escalationNoticeTitle({ ...base, step: 'critical', previous: 'major' }),
    '未确认报警由重要升级为严重：宿城化工 有毒气体探测器',
  );
});
