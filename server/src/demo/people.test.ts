// The people demo (issue 26): the entadmin account's enterprise shows a certificate in its 60-day
// window, an overdue review, an off-the-job re-test and a training shortfall; the county has a
// closed course with an attendee still to come and publicity in all five venues. Idempotent.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Actor, regionPrefix } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { readScoped } from '../db/scope.ts';
import { filteredPeople, listClosedCourses, listPublicity } from '../modules/people/service.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoAccidents } from './accidents.ts';
import { seedDemoPeople } from './people.ts';
import { seedDemo } from './seed.ts';

describe('demo people', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 24 });
    await seedDemoAccidents(db);
    await seedDemoPeople(db);
    await seedDemoPeople(db);
  });
  after(() => drop());

  const actorOf = async (username: string): Promise<Actor> => {
    const [u] = await db.query<{
      id: string;
      role: string;
      region_code: string | null;
      enterprise_id: string | null;
      ent_region: string | null;
    }>(
      'SELECT u.id, u.role, u.region_code, u.enterprise_id, e.region_code AS ent_region FROM users u LEFT JOIN enterprises e ON e.id = u.enterprise_id WHERE username = $1',
      [username],
    );
    if (!u) throw new Error(username);
    return {
      id: u.id,
      username,
      role: u.role as Actor['role'],
      scope: u.enterprise_id
        ? { regionPrefix: u.ent_region ?? '', industries: null, enterpriseId: u.enterprise_id }
        : { regionPrefix: regionPrefix(u.region_code ?? ''), industries: null, enterpriseId: null },
    };
  };

  test('the enterprise account sees each case it must act on', async () => {
    const ent = await actorOf('entadmin');
    const n = async (filter: 'expiring' | 'overdue' | 'retest' | 'trainingShortfall') =>
      (await readScoped(db, ent.scope, (tx) => filteredPeople(tx, ent, { filter, page: 1, pageSize: 200 }))).views.length;
    assert.ok((await n('expiring')) >= 2, 'the safety director and the welder are in their window');
    assert.ok((await n('overdue')) >= 1);
    assert.ok((await n('retest')) >= 1);
    assert.ok((await n('trainingShortfall')) >= 1);
    const all = (await readScoped(db, ent.scope, (tx) => filteredPeople(tx, ent, { page: 1, pageSize: 200 }))).views;
    assert.equal(all.length, 7, 'idempotent: one roster');
  });

  test('the county sees a closed course waiting for attendance and publicity in five venues', async () => {
    const county = await actorOf('county');
    const pending = await listClosedCourses(db, county, { pending: 'true', page: 1, pageSize: 50 });
    assert.equal(pending.total, 1);
    const city = await actorOf('city');
    const pub = await listPublicity(db, city, { page: 1, pageSize: 50 });
    assert.equal(pub.total, 15);
    for (const v of pub.totals.byVenue) assert.ok(v.events > 0 && v.reach > 0, v.venue);
  });
});
