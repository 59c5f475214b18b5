// Benchmark (issue 26 item 12): the credit level of 100,000 enterprises recomputed from 2,000,000
// events in under 60 s, and the partner query by credit code (联合惩戒) through the API against
// the same SQL run bare, side by side in one run (target API ≥ 0.7 of bare).
//
// The events are made in the database by generate_series, in the tables the level reads:
// 1,000,000 hazards (10 per enterprise: the listed and the overdue ones count), 500,000 decided
// penalty cases, 300,000 accidents, 100,000 broken commitments and 100,000 signed commitments.
// The recompute is the job's own function (recomputeAllCredit): once from nothing (every level
// written with its first history row) and once again over the same data (read, compare, nothing to
// write). BENCH_CREDIT_ENTERPRISES scales everything (the events stay 20 per enterprise).
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../server/src/db/db.ts';
import { seedDemoAccidents } from '../../server/src/demo/accidents.ts';
import { seedDemoAccountability } from '../../server/src/demo/accountability.ts';
import { seedDemoAssessment } from '../../server/src/demo/assessment.ts';
import { seedDemoBlacklist } from '../../server/src/demo/blacklist.ts';
import { seedDemoCredit } from '../../server/src/demo/credit.ts';
import { seedDemoEnforcement } from '../../server/src/demo/enforcement.ts';
import { seedDemoPeople } from '../../server/src/demo/people.ts';
import { seedDemo } from '../../server/src/demo/seed.ts';
import { hasBlacklist, recomputeAllCredit } from '../../server/src/modules/credit/level-store.ts';
import { partnerQuerySql } from '../../server/src/modules/credit/partners.ts';
import { openPlatformDb } from '../../server/src/platform.ts';
import { todayInShanghai } from '../../server/src/time.ts';
import { apiLogin, startServer } from '../lib/server.ts';
import { generateEnterprises, generateHazards } from './generate.ts';
import { type BenchDatabase, CLIENTS, closeIdleConnections, getOk, measure, measureBare, POOL, ratio, type Stats } from './harness.ts';

const N = Number(process.env.BENCH_CREDIT_ENTERPRISES ?? 100_000);

type Result = {
  enterprises: number;
  events: number;
  generateSeconds: number;
  firstSeconds: number;
  firstWritten: number;
  againSeconds: number;
  againWritten: number;
  api: Stats;
  bare: Stats;
  ratio: number;
};

/** Cases, accidents, commitments and breaches for every enterprise, by one INSERT … SELECT each. */
async function generateCreditEvents(db: Db, n: number) {
  const year = Number(todayInShanghai().slice(0, 4));
  const [{ k } = { k: 1 }] = await db.query<{ k: number }>('SELECT count(*)::int AS k FROM enterprises');
  const enterprises = `WITH e AS (SELECT id, name, region_code, industry_code, (row_number() OVER (ORDER BY id) - 1)::int AS i FROM enterprises)`;
  // 5 decided cases per enterprise over the last four years (a quarter outside the 36-month window).
  await db.query('ALTER TABLE enforcement_cases DISABLE TRIGGER enforcement_cases_copy_enterprise');
  try {
    await db.query(
      `${enterprises}, g AS (SELECT g, g % $2::int AS i, now() - ((g::bigint * 7919) % 35040) * interval '1 hour' AS at FROM generate_series(1, $1::int) g)
       INSERT INTO enforcement_cases (enterprise_id, enterprise_name, region_code, county_code, industry_code, title, article, status,
                                      filed_at, decision_due_on, decided_at, fine_yuan)
       SELECT e.id, e.name, e.region_code, left(e.region_code, 6), e.industry_code, '未按规定排查治理事故隐患', '102',
              CASE WHEN g.g % 10 = 0 THEN 'dropped' ELSE 'closed' END, g.at - interval '30 days', (g.at)::date, g.at, 20000
         FROM g JOIN e ON e.i = g.i`,
      [5 * n, k],
    );
  } finally {
    await db.query('ALTER TABLE enforcement_cases ENABLE TRIGGER enforcement_cases_copy_enterprise');
  }
  // 3 accidents per enterprise over four years: mostly 一般, one in 100 较大, one in 5,000 重大.
  await db.query(
    `${enterprises}, g AS (SELECT g, g % $2::int AS i, now() - ((g::bigint * 104729) % 35040) * interval '1 hour' AS at,
                            CASE WHEN g % 5000 = 0 THEN 'serious' WHEN g % 100 = 0 THEN 'major' ELSE 'ordinary' END AS grade
                       FROM generate_series(1, $1::int) g)
     INSERT INTO accidents (number, region_code, enterprise_id, unit_name, industry_code, near_miss, occurred_at, learned_at, reported_at,
                            reporter_kind, place, description, deaths, grade, first_grade, status, investigating_level)
     SELECT 'CREDIT-' || g.g, e.region_code, e.id, e.name, e.industry_code, g.g % 40 = 0, g.at, g.at, g.at + interval '30 minutes',
            'official', '生产现场', '基准数据', CASE g.grade WHEN 'serious' THEN 12 WHEN 'major' THEN 3 ELSE 0 END, g.grade, g.grade, 'closed',
            CASE g.grade WHEN 'serious' THEN 'province' WHEN 'major' THEN 'city' ELSE 'county' END
       FROM g JOIN e ON e.i = g.i`,
    [3 * n, k],
  );
  // This year's commitment signed by half, last year's by the other half; a broken one per enterprise on average.
  await db.query(
    `INSERT INTO safety_commitments (enterprise_id, region_code, industry_code, year, signer, text)
     SELECT id, region_code, industry_code, $1, '主要负责人', '承诺书' FROM enterprises WHERE get_byte(uuid_send(id), 15) % 2 = 0
     ON CONFLICT DO NOTHING`,
    [year],
  );
  await db.query(
    `INSERT INTO safety_commitments (enterprise_id, region_code, industry_code, year, signer, text)
     SELECT id, region_code, industry_code, $1 - 1, '主要负责人', '承诺书' FROM enterprises WHERE get_byte(uuid_send(id), 15) % 2 = 1
     ON CONFLICT DO NOTHING`,
    [year],
  );
  await db.query(
    `${enterprises}, g AS (SELECT g, (g::bigint * 48271 % $2)::int AS i FROM generate_series(1, $1::int) g)
     INSERT INTO commitment_breaches (enterprise_id, region_code, industry_code, year, reason, occurred_on)
     SELECT e.id, e.region_code, e.industry_code, $3, '未落实承诺事项', now()::date - (g.g % 900) FROM g JOIN e ON e.i = g.i`,
    [n, k, year],
  );
  await db.query('VACUUM ANALYZE enforcement_cases, accidents, safety_commitments, commitment_breaches');
  await db.query('CHECKPOINT').catch(() => undefined);
}

export async function benchCredit(d: BenchDatabase): Promise<Result> {
  const t0 = performance.now();
  const db = await openPlatformDb(d.pgliteDir ? { dataDir: d.pgliteDir } : { databaseUrl: d.databaseUrl });
  // The demo first, as the server would at its first start (not between the API and bare runs).
  await seedDemo(db);
  await seedDemoEnforcement(db);
  await seedDemoAccidents(db);
  await seedDemoPeople(db);
  await seedDemoAccountability(db);
  await seedDemoAssessment(db);
  await seedDemoCredit(db);
  // The blacklist's demo is another part's; the credit figures do not depend on it.
  await seedDemoBlacklist(db).catch((e) => console.log(`[${d.kind}] blacklist demo not seeded: ${(e as Error).message}`));
  await generateEnterprises(db, N);
  await generateHazards(db, 10, todayInShanghai());
  await generateCreditEvents(db, N);
  const [counts] = await db.query<{ enterprises: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM enterprises) AS enterprises,
            (SELECT count(*)::int FROM hazards) + (SELECT count(*)::int FROM enforcement_cases) + (SELECT count(*)::int FROM accidents)
            + (SELECT count(*)::int FROM safety_commitments) + (SELECT count(*)::int FROM commitment_breaches) AS events`,
  );
  const generateSeconds = (performance.now() - t0) / 1000;
  console.log(`[${d.kind}] generated ${counts?.enterprises} enterprises and ${counts?.events} events in ${generateSeconds.toFixed(1)} s`);

  // The full recompute, from nothing and again.
  await db.query('DELETE FROM credit_level_changes');
  await db.query('DELETE FROM credit_levels');
  let s = performance.now();
  const first = await recomputeAllCredit(db, '基准测试');
  const firstSeconds = (performance.now() - s) / 1000;
  console.log(`[${d.kind}] recompute from nothing: ${first.computed} subjects, ${first.written} written in ${firstSeconds.toFixed(1)} s`);
  s = performance.now();
  const again = await recomputeAllCredit(db, '基准测试');
  const againSeconds = (performance.now() - s) / 1000;
  console.log(`[${d.kind}] recompute again: ${again.written} written in ${againSeconds.toFixed(1)} s`);
  const levels = await db.query<{ level: string; n: number }>(
    'SELECT level, count(*)::int AS n FROM credit_levels GROUP BY level ORDER BY level',
  );
  console.log(`[${d.kind}] levels: ${levels.map((l) => `${l.level} ${l.n}`).join(', ')}`);

  // The partner query: a key of its own, the codes of 10,000 enterprises asked in turn.
  const key = `tsk_bench_${createHash('sha256').update(String(Math.random())).digest('hex')}`;
  const hash = createHash('sha256').update(key).digest('hex');
  await db.query("INSERT INTO partner_keys (name, prefix, key_hash, per_minute) VALUES ('基准测试', 'bench', $1, 1000000)", [hash]);
  const codes = (await db.query<{ credit_code: string }>('SELECT credit_code FROM enterprises ORDER BY id LIMIT 10000')).map(
    (r) => r.credit_code,
  );
  const sql = partnerQuerySql(await hasBlacklist(db));
  await db.query('VACUUM ANALYZE partner_keys, credit_levels, enterprises');
  // The scheduled jobs are due at once on a new database: hazard escalation over the million
  // generated hazards would run beside the API's measurement (and not the bare one's). They are
  // marked as just run, so both measure the steady state.
  await db.query(
    `INSERT INTO scheduled_jobs (name, every_seconds, next_run_at)
     SELECT name, every, now() + every * interval '1 second' FROM unnest($1::text[], $2::int[]) AS j (name, every)
     ON CONFLICT (name) DO UPDATE SET next_run_at = EXCLUDED.next_run_at`,
    [
      ['hazards.escalate', 'inspections.plan', 'reports.escalate', 'reports.retention', 'telemetry.retention', 'blacklist.expire'],
      [600, 600, 600, 600, 21600, 3600],
    ],
  );
  await db.close();

  const server = await startServer({ dataDir: d.dataDir, databaseUrl: d.databaseUrl, env: { DB_POOL_SIZE: String(POOL), SIMULATE: '0' } });
  let api: Stats;
  try {
    await apiLogin(server.url, 'county'); // the server is up and its demo settled
    const header = `Authorization: Bearer ${key}\r\n`;
    api = await measure((i) => getOk(`${server.url}/api/v1/partner/credit?uscc=${codes[i % codes.length]}`, '', header), CLIENTS);
  } finally {
    closeIdleConnections();
    await server.stop();
  }
  const bare = await measureBare(d, (i) => [{ sql, params: [hash, codes[i % codes.length], 'ok'] }], { clients: CLIENTS });
  console.log(`[${d.kind}] partner query: API ${api.rps} req/s p95 ${api.p95} ms, bare ${bare.rps} req/s p95 ${bare.p95} ms`);
  return {
    enterprises: counts?.enterprises ?? 0,
    events: counts?.events ?? 0,
    generateSeconds,
    firstSeconds,
    firstWritten: first.written,
    againSeconds,
    againWritten: again.written,
    api,
    bare,
    ratio: ratio(api, bare),
  };
}

export function reportCredit(results: ({ kind: string } & Result)[]) {
  console.log('\ncredit levels recomputed in full (target < 60 s) and the partner query by USCC (target: API ≥ 0.7 of bare):');
  console.table(
    results.map((r) => ({
      database: r.kind,
      enterprises: r.enterprises,
      events: r.events,
      'recompute from nothing s': Math.round(r.firstSeconds * 10) / 10,
      'levels written': r.firstWritten,
      'recompute again s': Math.round(r.againSeconds * 10) / 10,
      'written again': r.againWritten,
      'API req/s': r.api.rps,
      'API p95 ms': r.api.p95,
      'bare req/s': r.bare.rps,
      'bare p95 ms': r.bare.p95,
      ratio: r.ratio,
    })),
  );
}
