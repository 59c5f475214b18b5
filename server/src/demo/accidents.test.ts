// The demo's accidents: enough history for the statistics (a monthly trend, 双下降 this year and
// last), every one with its first report and a chain consistent with its grade, past
// investigations published with every section of their report; the live ones each at its step
// (waiting at the county, overdue there, waiting at the city, investigating, awaiting approval,
// near-miss, regraded); a lesson the demo enterprise has not acknowledged; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type AccidentGrade,
  type ChainLevel,
  chainStatus,
  chainTargets,
  type GradeAt,
  NATIONAL_SCOPE,
  REPORT_SECTIONS,
} from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { readScoped } from '../db/scope.ts';
import { statsIn } from '../modules/accidents/stats.ts';
import { openTestDb } from '../test/harness.ts';
import { todayInShanghai } from '../time.ts';
import { seedDemoAccidents } from './accidents.ts';
import { DEMO_CITY, seedDemo } from './seed.ts';

type Row = {
  id: string;
  number: string;
  grade: AccidentGrade;
  status: string;
  near_miss: boolean;
  region_code: string;
  learned_at: string;
  reported_at: string;
  reporting_ended_at: string | null;
  grades: GradeAt[];
  report: Record<string, string> | null;
  published_at: string | null;
  investigating_level: string;
  pauses: unknown[];
  members: unknown[];
};
type Step = {
  accident_id: string;
  level: ChainLevel;
  received_at: string | null;
  forwarded_at: string | null;
  forwarded_to: ChainLevel | null;
  acknowledged_at: string | null;
};

describe('demo accidents', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let rows: Row[];
  let steps: Step[];
  const now = new Date();
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 24 });
    const t0 = Date.now();
    await seedDemoAccidents(db, now);
    console.log(`seedDemoAccidents: ${Date.now() - t0} ms`);
    await seedDemoAccidents(db, now);
    rows = await db.query<Row>(
      `SELECT id, number, grade, status, near_miss, region_code, learned_at::text, reported_at::text, reporting_ended_at::text, grades, report,
              published_at::text, investigating_level, pauses, members
         FROM accidents ORDER BY occurred_at`,
    );
    steps = await db.query<Step>(
      'SELECT accident_id, level, received_at::text, forwarded_at::text, forwarded_to, acknowledged_at::text FROM accident_chain',
    );
  });
  after(() => drop());

  const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());
  const statusOf = (r: Row) =>
    chainStatus(
      {
        learnedAt: iso(r.learned_at) as string,
        reportedAt: iso(r.reported_at),
        grades: r.grades,
        steps: steps
          .filter((s) => s.accident_id === r.id)
          .map((s) => ({ level: s.level, receivedAt: iso(s.received_at), forwardedAt: iso(s.forwarded_at), forwardedTo: s.forwarded_to })),
      },
      now,
    );

  test('history: numbers, grades, the first report, a complete chain, published reports; seeding twice adds nothing', async () => {
    assert.ok(rows.length >= 60 && rows.length <= 140, `${rows.length} accidents`);
    for (const r of rows) assert.match(r.number, new RegExp(`^SG${DEMO_CITY.slice(0, 4)}\\d{2}\\d{4}-\\d{4}$`));
    const grades = (g: string) => rows.filter((r) => r.grade === g).length;
    assert.ok(grades('ordinary') > rows.length * 0.8);
    assert.ok(grades('major') >= 3);
    assert.ok(grades('serious') >= 1 && grades('serious') <= 2);
    assert.ok(rows.filter((r) => r.near_miss).length >= 3);

    const [firsts] = await db.query<{ n: number; d: number }>(
      "SELECT count(*)::int AS n, count(DISTINCT accident_id)::int AS d FROM accident_reports WHERE kind = 'first'",
    );
    assert.equal(firsts?.n, rows.length, 'one first report each');
    assert.equal(firsts?.d, rows.length);

    // Every accident whose reporting ended has its chain complete up to its grade's level, acknowledged.
    const ended = rows.filter((r) => r.reporting_ended_at);
    assert.ok(ended.length >= 50);
    for (const r of ended) {
      const s = statusOf(r);
      assert.equal(s.complete, true, `${r.number} ${r.grade}`);
      assert.equal(s.waitingAt, null, r.number);
      const mine = steps.filter((x) => x.accident_id === r.id);
      assert.deepEqual(mine.map((x) => x.level).sort(), [...chainTargets(r.grade)].sort(), r.number);
      assert.ok(
        mine.every((x) => x.acknowledged_at),
        r.number,
      );
    }

    const published = rows.filter((r) => r.published_at);
    assert.ok(published.length >= 30, `${published.length} published`);
    for (const r of published) for (const k of REPORT_SECTIONS) assert.ok(r.report?.[k]?.length, `${r.number} ${k}`);
    assert.ok(
      rows.some((r) => r.status === 'closed'),
      'some evaluated a year on',
    );

    const [faults] = await db.query<{ late: number; concealed: number }>(
      "SELECT count(*) FILTER (WHERE fault = 'late')::int AS late, count(*) FILTER (WHERE fault = 'concealed')::int AS concealed FROM accident_faults",
    );
    assert.ok((faults?.late ?? 0) >= 3);
    assert.equal(faults?.concealed, 1);

    // The numbering counters go on after the demo's numbers.
    const county = rows[rows.length - 1]?.region_code.slice(0, 6) as string;
    const year = Number(todayInShanghai(now).slice(0, 4));
    const used = rows.filter((r) => r.number.startsWith(`SG${county}${year}-`)).map((r) => Number(r.number.slice(-4)));
    const [next] = await db.query<{ n: number }>("SELECT next_document_number('accident', $1, $2) AS n", [county, year]);
    assert.equal(next?.n, Math.max(...used) + 1);
  });

  test('the live ones: each at its step of the chain and the investigation', () => {
    const live = rows.filter((r) => !r.reporting_ended_at || ['investigating', 'submitted'].includes(r.status));
    const waiting = (level: ChainLevel, overdue: boolean) =>
      live.filter((r) => {
        const s = statusOf(r);
        return s.waitingAt === level && s.rows.find((x) => x.level === level)?.overdue === overdue;
      });
    assert.equal(waiting('county', false).length, 1, 'just reported, the county’s two hours running');
    assert.equal(waiting('county', true).length, 1, 'overdue at the county');
    const atCity = waiting('city', false);
    assert.equal(atCity.length, 1, 'a 较大 waiting at the city');
    assert.equal(atCity[0]?.grade, 'major');
    const investigating = rows.filter((r) => r.status === 'investigating');
    assert.ok(
      investigating.some((r) => r.pauses.length === 1 && r.members.length >= 4),
      'a team and an appraisal pause',
    );
    assert.equal(rows.filter((r) => r.status === 'submitted').length >= 1, true, 'awaiting approval');
    const regraded = rows.filter((r) => r.grades.length === 2);
    assert.equal(regraded.length, 1);
    assert.deepEqual(
      regraded[0]?.grades.map((g) => g.grade),
      ['ordinary', 'major'],
    );
    assert.equal(statusOf(regraded[0] as Row).complete, true, 'the regrade extended the chain to the province, which has it');
    assert.ok(rows.some((r) => r.near_miss && !r.published_at && Date.parse(r.reported_at) > now.getTime() - 7 * 86_400_000));
  });

  test('the statistics: a monthly trend and 双下降 this year to date and last year', async () => {
    const scope = { ...NATIONAL_SCOPE, regionPrefix: DEMO_CITY.slice(0, 4) };
    const today = todayInShanghai(now);
    const year = Number(today.slice(0, 4));
    await readScoped(db, scope, async (tx) => {
      const ytd = await statsIn(tx, { groupBy: 'month' }, { from: `${year}-01-01`, to: today });
      // Early in a year the live accidents (the last weeks) weigh against few of last year's same
      // days; from the autumn this year's history is enough to show the fall.
      if (today.slice(5) >= '09-01') assert.equal(ytd.doubleDecline, true, JSON.stringify(ytd.total));
      assert.ok(ytd.nearMisses.current + ytd.nearMisses.previous >= 1);
      const last = await statsIn(tx, { groupBy: 'region' }, { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` });
      assert.equal(last.doubleDecline, true, JSON.stringify(last.total));
      assert.ok(last.rows.filter((r) => r.current.accidents > 0).length >= 3, 'several counties');
      const months = await statsIn(tx, { groupBy: 'month' }, { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` });
      assert.ok(months.rows.filter((r) => r.current.accidents > 0).length >= 9, 'a trend over the months');
    });
  });

  test('lessons: pushed to the industry, the demo enterprise’s not yet acknowledged', async () => {
    const [ent] = await db.query<{ enterprise_id: string }>("SELECT enterprise_id FROM users WHERE username = 'entadmin'");
    const mine = await db.query<{ acknowledged_at: string | null }>(
      'SELECT acknowledged_at FROM accident_lesson_targets WHERE enterprise_id = $1',
      [ent?.enterprise_id],
    );
    assert.ok(mine.some((t) => t.acknowledged_at === null));
    const [all] = await db.query<{ acknowledged: number; lessons: number }>(
      'SELECT count(*) FILTER (WHERE acknowledged_at IS NOT NULL)::int AS acknowledged, count(DISTINCT lesson_id)::int AS lessons FROM accident_lesson_targets',
    );
    assert.ok((all?.acknowledged ?? 0) >= 1);
    assert.ok((all?.lessons ?? 0) >= 2);
  });
});

describe('demo accidents seeded on 5 January', () => {
  test('last year still falls against the year before (the live ones of late December counted in it)', async () => {
    const { db, drop } = await openTestDb();
    try {
      await seedDemo(db, { enterprises: 24 });
      const now = new Date('2027-01-05T10:00:00+08:00');
      await seedDemoAccidents(db, now);
      await readScoped(db, { ...NATIONAL_SCOPE, regionPrefix: DEMO_CITY.slice(0, 4) }, async (tx) => {
        const last = await statsIn(tx, { groupBy: 'grade' }, { from: '2026-01-01', to: '2026-12-31' });
        assert.equal(last.doubleDecline, true, JSON.stringify(last.total));
      });
    } finally {
      await drop();
    }
  });
});
