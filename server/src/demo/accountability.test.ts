// The accountability demo: the city's departments have versioned lists with one gap, officials
// have duties and work items, the demo accidents' triggers are decided (a 约谈 held) or waiting,
// a yellow card's report is overdue, and a 巡查 round is partly done. Seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { readScoped } from '../db/scope.ts';
import { listResponsibilities } from '../modules/accountability/lists.ts';
import { listTriggers } from '../modules/accountability/triggers.ts';
import { accountabilityWorkItems } from '../modules/accountability/workbench.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoAccidents } from './accidents.ts';
import { seedDemoAccountability } from './accountability.ts';
import { DEMO_CITY, seedDemo } from './seed.ts';

describe('accountability demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let city: Actor;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 60 });
    await seedDemoAccidents(db);
    await seedDemoAccountability(db);
    const [u] = await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'city'");
    city = {
      id: u?.id ?? '',
      username: 'city',
      role: 'citySupervisor',
      scope: { regionPrefix: DEMO_CITY.slice(0, 4), industries: null, enterpriseId: null },
    };
  });
  after(() => drop());

  test('lists with versions and one gap; officials with work; records; a round partly done', async () => {
    const r = await listResponsibilities(db, city);
    assert.ok(r.departments.length >= 5);
    assert.ok(r.departments.some((d) => d.version === 2));
    assert.equal(new Set(r.gaps.map((g) => g.division)).size, 1, JSON.stringify(r.gaps));
    const [o] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM officials');
    assert.equal(o?.n, 5);
    const kinds = await db.query<{ kind: string; status: string }>('SELECT kind, status FROM accountability_records ORDER BY kind');
    assert.deepEqual(
      kinds.map((k) => `${k.kind}:${k.status}`),
      ['circular:closed', 'interview:held', 'yellowCard:issued'],
    );
    const t = await listTriggers(db, city, {});
    // The demo accidents fire triggers: the latest is decided (its 约谈 held), the rest wait for the city.
    assert.ok(t.items.some((i) => i.decision?.decision === 'summon'));
    const items = await readScoped(db, city.scope, (tx) => accountabilityWorkItems(city, city.scope, tx));
    const count = (k: string) => items.find((i) => i.kind === k)?.count;
    assert.equal(count('accountability.triggers'), t.items.filter((i) => !i.decision).length);
    assert.equal(count('accountability.reportsOverdue'), 1);
    assert.ok((count('accountability.findingsOverdue') ?? 0) >= 1);
    assert.ok((count('accountability.workDue') ?? 0) >= 1);
    const [round] = await db.query<{ visited: number; targets: number }>(
      'SELECT count(*) FILTER (WHERE visited_on IS NOT NULL)::int AS visited, count(*)::int AS targets FROM tour_targets',
    );
    assert.ok(round && round.visited >= 2 && round.visited < round.targets);
    await seedDemoAccountability(db);
    const [again] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accountability_records');
    assert.equal(again?.n, 3);
  });
});
