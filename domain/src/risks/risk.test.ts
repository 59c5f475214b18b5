import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ACCIDENT_TYPES } from './accident-types.ts';
import { gb18218 } from './gb18218.ts';
import { alphaFor, CATEGORIES, gradeFor, TABLE1, TABLE2_Q, TABLE4_BETA } from './gb18218-tables.ts';
import { LEC_ALLOWED, lec } from './lec.ts';
import { highestLevel, levelFor } from './levels.ts';
import { ls } from './ls.ts';
import { gb18218InputSchema, lecInputSchema } from './schema.ts';

test('LEC tables are exactly the listed values', () => {
  assert.deepEqual(LEC_ALLOWED.L, [10, 6, 3, 1, 0.5, 0.2, 0.1]);
  assert.deepEqual(LEC_ALLOWED.E, [10, 6, 3, 2, 1, 0.5]);
  assert.deepEqual(LEC_ALLOWED.C, [100, 40, 15, 7, 3, 1]);
});

test('LEC: D, band and level, table-driven', () => {
  const cases: [number, number, number, number, string, string][] = [
    [10, 10, 100, 10000, 'extreme', 'major'],
    [6, 6, 15, 540, 'extreme', 'major'],
    [3, 6, 40, 720, 'extreme', 'major'],
    [1, 10, 40, 400, 'extreme', 'major'],
    [10, 2, 15, 300, 'high', 'high'],
    [3, 3, 40, 360, 'extreme', 'major'],
    [6, 3, 7, 126, 'significant', 'moderate'],
    [1, 6, 15, 90, 'significant', 'moderate'],
    [3, 6, 3, 54, 'general', 'low'],
    [1, 1, 15, 15, 'slight', 'low'],
    [0.1, 0.5, 1, 0.05, 'slight', 'low'],
  ];
  for (const [L, E, C, D, band, level] of cases) {
    const r = lec({ L, E, C });
    assert.equal(r.D, D, `${L}×${E}×${C}`);
    assert.equal(r.band, band, `band of ${D}`);
    assert.equal(r.level, level, `level of ${D}`);
  }
});

test('LEC boundaries exact: 320 red (band 高度危险), 160 orange, 70 yellow, 20 blue (band 一般危险)', () => {
  // 320 is not reachable from the tables; the boundaries are checked on levelFor and the band rule directly.
  const t = { major: 320, high: 160, moderate: 70 };
  assert.equal(levelFor(320, t), 'major');
  assert.equal(levelFor(319.99, t), 'high');
  assert.equal(levelFor(160, t), 'high');
  assert.equal(levelFor(159.99, t), 'moderate');
  assert.equal(levelFor(70, t), 'moderate');
  assert.equal(levelFor(69.99, t), 'low');
  // Boundary products the tables can reach: 70 = 10×1×7, 20 = 10×2×1, 160 is not reachable.
  assert.equal(lec({ L: 10, E: 1, C: 7 }).level, 'moderate'); // D = 70
  assert.equal(lec({ L: 10, E: 1, C: 7 }).band, 'significant');
  assert.equal(lec({ L: 1, E: 2, C: 100 }).D, 200);
  assert.equal(lec({ L: 1, E: 10, C: 40 }).D, 400);
  assert.equal(lec({ L: 10, E: 2, C: 1 }).band, 'general'); // D = 20
  assert.equal(lec({ L: 1, E: 2, C: 7 }).band, 'slight'); // D = 14
});

test('LEC: non-table values are refused naming the allowed values', () => {
  const r = lecInputSchema.safeParse({ L: 5, E: 6, C: 7 });
  assert.equal(r.success, false);
  assert.match(r.error?.issues[0]?.message ?? '', /10、6、3、1、0\.5、0\.2、0\.1/);
  assert.throws(() => lec({ L: 5, E: 6, C: 7 }), RangeError);
});

test('LEC property: D is monotonic in each input and the level never falls as D rises', () => {
  const rank = { low: 1, moderate: 2, high: 3, major: 4 } as const;
  const pickL = fc.constantFrom(...LEC_ALLOWED.L);
  const pickE = fc.constantFrom(...LEC_ALLOWED.E);
  const pickC = fc.constantFrom(...LEC_ALLOWED.C);
  fc.assert(
    fc.property(pickL, pickL, pickE, pickC, (a, b, E, C) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const x = lec({ L: lo, E, C });
      const y = lec({ L: hi, E, C });
      assert.ok(x.D <= y.D);
      assert.ok(rank[x.level] <= rank[y.level]);
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(pickL, pickE, pickE, pickC, (L, a, b, C) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(lec({ L, E: lo, C }).D <= lec({ L, E: hi, C }).D);
    }),
  );
  fc.assert(
    fc.property(pickL, pickE, pickC, pickC, (L, E, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(rank[lec({ L, E, C: lo }).level] <= rank[lec({ L, E, C: hi }).level]);
    }),
  );
});

test('LS: R = L × S with bands red 20–25, orange 9–16, yellow 4–8, blue 1–3 (every cell)', () => {
  for (let L = 1; L <= 5; L++)
    for (let S = 1; S <= 5; S++) {
      const { R, level } = ls({ L, S });
      assert.equal(R, L * S);
      const expected = R >= 20 ? 'major' : R >= 9 ? 'high' : R >= 4 ? 'moderate' : 'low';
      assert.equal(level, expected, `${L}×${S}`);
    }
  assert.equal(ls({ L: 4, S: 5 }).level, 'major');
  assert.equal(ls({ L: 4, S: 4 }).level, 'high');
  assert.equal(ls({ L: 3, S: 3 }).level, 'high');
  assert.equal(ls({ L: 2, S: 4 }).level, 'moderate');
  assert.equal(ls({ L: 2, S: 2 }).level, 'moderate');
  assert.equal(ls({ L: 1, S: 3 }).level, 'low');
  assert.throws(() => ls({ L: 0, S: 3 }), RangeError);
  assert.throws(() => ls({ L: 2.5, S: 3 }), RangeError);
});

test('province thresholds change the level, not the score', () => {
  const strict = { major: 200, high: 100, moderate: 50 };
  const r = lec({ L: 1, E: 10, C: 15 }, strict); // D = 150
  assert.equal(r.D, 150);
  assert.equal(r.level, 'high');
  assert.equal(lec({ L: 1, E: 10, C: 15 }).level, 'moderate');
});

test('GB 18218 Table 1 has the 85 named chemicals with their Q; Table 2 every category', () => {
  assert.equal(TABLE1.length, 85);
  const q = (name: string) => TABLE1.find((c) => c.name === name)?.Q;
  assert.equal(q('氨'), 10);
  assert.equal(q('碳酰氯'), 0.3);
  assert.equal(q('异氰酸甲酯'), 0.75);
  assert.equal(q('硝酸钾'), 1000);
  assert.equal(q('液化石油气（含丙烷、丁烷及其混合物）'), 50);
  assert.equal(q('氧（压缩的或液化的）'), 200);
  assert.equal(q('钠'), 10);
  assert.deepEqual(
    TABLE1.filter((c) => c.name.startsWith('硝化纤维素（') || c.name.startsWith('硝化纤维素［')).map((c) => c.Q),
    [1, 1, 10, 50, 50],
  );
  assert.equal(CATEGORIES.length, 24);
  assert.equal(TABLE2_Q.J1, 5);
  assert.equal(TABLE2_Q['W5.4'], 5000);
  assert.equal(TABLE4_BETA.J1, 4);
  assert.equal(TABLE4_BETA['W5.1'], 1.5);
  for (const c of TABLE1) if (c.cas) assert.match(c.cas, /^\d{2,7}-\d{2}-\d$/, c.name);
  // CAS check digit (weighted sum of the other digits mod 10) holds for every number we carry.
  for (const c of TABLE1) {
    if (!c.cas) continue;
    const digits = c.cas.replace(/-/g, '').split('').map(Number);
    const check = digits.pop();
    const sum = digits.reverse().reduce((a, d, i) => a + d * (i + 1), 0);
    assert.equal(sum % 10, check, `CAS check digit of ${c.name} ${c.cas}`);
  }
});

test('α and grade boundaries', () => {
  assert.deepEqual([0, 1, 29, 30, 49, 50, 99, 100, 5000].map(alphaFor), [0.5, 1, 1, 1.2, 1.2, 1.5, 1.5, 2, 2]);
  assert.deepEqual([9.99, 10, 49.99, 50, 99.99, 100].map(gradeFor), [4, 3, 3, 2, 2, 1]);
});

test('GB 18218 worked example: liquid chlorine 50 t + methanol 300 t, 60 people within 500 m', () => {
  const r = gb18218({
    substances: [
      { name: '液氯', quantityTonnes: 50 },
      { name: '甲醇', quantityTonnes: 300 },
    ],
    peopleWithin500m: 60,
  });
  // S = 50/5 + 300/500 = 10.6; R = 1.5 × (4 × 10 + 1 × 0.6) = 60.9 → 二级
  assert.equal(r.S, 10.6);
  assert.equal(r.isMajorHazard, true);
  assert.equal(r.alpha, 1.5);
  assert.equal(r.R, 60.9);
  assert.equal(r.grade, 2);
  assert.deepEqual(
    r.perSubstance.map((p) => [p.matched, p.Q, p.beta, p.ratio]),
    [
      ['氯', 5, 4, 10],
      ['甲醇', 500, 1, 0.6],
    ],
  );
});

test('GB 18218: S exactly 1 is a major hazard; below is not and has no grade', () => {
  assert.equal(gb18218({ substances: [{ name: '氨', quantityTonnes: 10 }], peopleWithin500m: 0 }).isMajorHazard, true);
  const below = gb18218({ substances: [{ name: '氨', quantityTonnes: 9.99 }], peopleWithin500m: 0 });
  assert.equal(below.isMajorHazard, false);
  assert.equal(below.grade, null);
  // By CAS, and by category; several categories take the smallest Q.
  assert.equal(gb18218({ substances: [{ cas: '7664-41-7', quantityTonnes: 10 }], peopleWithin500m: 0 }).S, 1);
  const cat = gb18218({ substances: [{ name: '某混合物', category: ['W5.3', 'J2'], quantityTonnes: 25 }], peopleWithin500m: 0 });
  assert.equal(cat.perSubstance[0]?.Q, 50);
  assert.equal(cat.perSubstance[0]?.matched, 'J2');
});

test('GB 18218 property: S and R never fall when a quantity or the people count rises', () => {
  const names = ['氯', '氨', '甲醇', '苯', '液化石油气', '硝酸铵基化肥', '汽油'];
  fc.assert(
    fc.property(
      fc.array(fc.record({ name: fc.constantFrom(...names), q: fc.double({ min: 0, max: 1000, noNaN: true }) }), {
        minLength: 1,
        maxLength: 5,
      }),
      fc.nat({ max: 5 }),
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.nat({ max: 300 }),
      fc.nat({ max: 300 }),
      (subs, i, extra, p1, p2) => {
        const input = subs.map((s) => ({ name: s.name, quantityTonnes: s.q }));
        const more = input.map((s, j) => (j === i % input.length ? { ...s, quantityTonnes: s.quantityTonnes + extra } : s));
        const a = gb18218({ substances: input, peopleWithin500m: Math.min(p1, p2) });
        const b = gb18218({ substances: more, peopleWithin500m: Math.max(p1, p2) });
        assert.ok(b.S >= a.S - 1e-9);
        assert.ok(b.R >= a.R - 1e-9);
        if (a.grade && b.grade) assert.ok(b.grade <= a.grade);
      },
    ),
    { numRuns: 1000 },
  );
});

test('GB 18218 input: unknown substance, negative or non-numeric quantity → field errors', () => {
  const bad = gb18218InputSchema.safeParse({
    substances: [
      { name: '神秘物质', quantityTonnes: 1 },
      { name: '氯', quantityTonnes: -1 },
      { name: '氯', quantityTonnes: '5' },
    ],
    peopleWithin500m: 3,
  });
  assert.equal(bad.success, false);
  const paths = bad.error?.issues.map((i) => i.path.join('.')) ?? [];
  assert.ok(paths.includes('substances.0.name'), paths.join());
  assert.ok(paths.includes('substances.1.quantityTonnes'), paths.join());
  assert.ok(paths.includes('substances.2.quantityTonnes'), paths.join());
});

test('highest level and GB 6441 types', () => {
  assert.equal(highestLevel(['low', 'high', 'moderate']), 'high');
  assert.equal(highestLevel([]), null);
  assert.equal(ACCIDENT_TYPES.length, 20);
});
