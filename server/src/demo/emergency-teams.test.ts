// The teams demo: the four kinds of team around 宿迁 with coordinates, experts in several fields, an
// agreement, the duty phones published, and rosters of the county, the city and the demo enterprise
// covering now (a real name on duty) with one gap three days ahead; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { readScoped } from '../db/scope.ts';
import { listTeams, publicDutyPhones, rosterGapsIn, teamListQuerySchema } from '../modules/emergency/teams-service.ts';
import { currentDuty } from '../modules/emergency/teams-store.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoTeams } from './emergency-teams.ts';
import { demoActor } from './enforcement-inspections.ts';
import { seedDemo } from './seed.ts';

describe('teams demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 60 });
    await seedDemoTeams(db);
  });
  after(() => drop());

  const counts = async () =>
    (
      await db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM emergency_teams) || '/' || (SELECT count(*) FROM emergency_experts) || '/' ||
                (SELECT count(*) FROM emergency_team_agreements) || '/' || (SELECT count(*) FROM emergency_duty_shifts) || '/' ||
                (SELECT count(*) FROM emergency_duty_phones) AS n`,
      )
    )[0]?.n;

  test('four kinds with coordinates, experts of several fields, an agreement, published phones', async () => {
    const kinds = await db.query<{ kind: string }>('SELECT DISTINCT kind FROM emergency_teams WHERE lat IS NOT NULL ORDER BY kind');
    assert.deepEqual(
      kinds.map((k) => k.kind),
      ['comprehensive', 'enterprise', 'professional', 'social'],
    );
    const [fields] = await db.query<{ n: number }>('SELECT count(DISTINCT field)::int AS n FROM emergency_experts');
    assert.ok((fields?.n ?? 0) >= 5);
    const [agreements] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM emergency_team_agreements');
    assert.equal(agreements?.n, 1);
    const pub = await publicDutyPhones(db, { region: '3213' });
    assert.ok(pub.total >= 4, JSON.stringify(pub));
  });

  test('on duty now: a real name for the county, the city and the demo enterprise; the gap shows ahead', async () => {
    const county = await demoActor(db, 'county');
    const ent = await demoActor(db, 'entadmin');
    assert.ok(county && ent);
    const now = new Date();
    const duty = await readScoped(db, county.scope, (tx) => currentDuty(tx, { regionPrefix: '321302' }, now));
    assert.ok((duty[0]?.people.length ?? 0) >= 2, JSON.stringify(duty));
    const city = await readScoped(db, county.scope, (tx) => currentDuty(tx, { regionPrefix: '3213' }, now));
    // The county cannot read the city's roster (scope); the city can.
    assert.deepEqual(city[0]?.people, []);
    const own = await readScoped(db, ent.scope, (tx) => currentDuty(tx, { enterpriseId: ent.scope.enterpriseId as string }, now));
    assert.ok((own[0]?.people.length ?? 0) >= 1, JSON.stringify(own));
    const gaps = await readScoped(db, county.scope, (tx) => rosterGapsIn(tx, county, now));
    const gov = gaps.find((g) => g.ownerKind === 'government');
    assert.equal(gov?.gaps.length, 1, JSON.stringify(gaps));
    assert.equal(gov?.gapMinutes, 720);
    const own24 = await readScoped(db, ent.scope, (tx) => rosterGapsIn(tx, ent, now));
    assert.deepEqual(
      own24.map((g) => [g.ownerKind, g.gapMinutes]),
      [['enterprise', 720]],
    );
  });

  test('distance from a region’s centre (the bundled boundaries of 宿迁): nearest first', async () => {
    const city = await demoActor(db, 'city');
    assert.ok(city);
    const r = await listTeams(db, city, teamListQuerySchema.parse({ pointRegion: '321302', pageSize: '50' }));
    assert.equal(r.origin?.label, '宿城区');
    const d = r.items.map((i) => i.distanceKm ?? Infinity);
    assert.deepEqual(
      d,
      [...d].sort((a, b) => a - b),
    );
    assert.ok(r.total >= 5);
  });

  test('idempotent', async () => {
    const before = await counts();
    await seedDemoTeams(db);
    assert.equal(await counts(), before);
  });
});
