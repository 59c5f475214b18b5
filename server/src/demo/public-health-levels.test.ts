// The levels demo: the city's history (town1 raised to high with an announcement, a township lowered
// back after its quiet period), pending proposals from the cases, the public data; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { openHealthRisk } from '../modules/public-health/levels-service.ts';
import { Keyring, newKeyFile } from '../modules/whistleblowing/keyring.ts';
import { openTestDb, type TestDb } from '../test/harness.ts';
import { seedDemoPhCases } from './public-health-cases.ts';
import { seedDemoPhLevels } from './public-health-levels.ts';
import { seedDemo } from './seed.ts';

describe('levels demo', () => {
  let t: TestDb;
  let db: Db;
  before(async () => {
    t = await openTestDb();
    db = t.db;
    await seedDemo(db, { enterprises: 30 });
    await seedDemoPhCases(db, new Keyring(newKeyFile()));
  });
  after(() => t.drop());

  test('history, announcements, proposals; idempotent', async () => {
    const started = Date.now();
    await seedDemoPhLevels(db);
    assert.ok(Date.now() - started < 10_000);
    const count = async () => Number((await db.query<{ c: number }>('SELECT count(*)::int AS c FROM ph_region_levels'))[0]?.c);
    const n = await count();
    const open = await openHealthRisk(db, {});
    const high = open.regions.filter((r) => r.level === 'high');
    assert.equal(high.length, 1);
    assert.ok(open.announcements.length >= 3);
    assert.match(open.announcements[0]?.title ?? '', /^关于调整.+疫情风险等级的公告$/);
    assert.ok(open.announcements.some((a) => a.previousLevel === 'medium' && a.level === 'low'));
    const [p] = await db.query<{ c: number }>("SELECT count(*)::int AS c FROM ph_level_proposals WHERE status = 'pending'");
    assert.ok((p?.c ?? 0) >= 1);
    await seedDemoPhLevels(db);
    assert.equal(await count(), n);
  });
});
