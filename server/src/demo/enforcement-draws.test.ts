// The demo's 双随机 page is alive after `npm start`: certified officers, a performed draw whose
// picks are planned inspections and which verifies from its public record, and a draw waiting for
// its time; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type DrawInspector, type DrawObject, verifyDraw } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { publicDraw } from '../modules/enforcement/draws-service.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoDraws } from './enforcement-draws.ts';
import { seedDemo } from './seed.ts';

describe('demo draws', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 24 });
    await seedDemoDraws(db);
    await seedDemoDraws(db);
  });
  after(() => drop());

  test('officers, one performed draw with planned inspections that verifies, one waiting; seeding twice adds nothing', async () => {
    const [officers] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enforcement_officers');
    assert.equal(officers?.n, 9);
    const draws = await db.query<{ id: string; status: string }>('SELECT id, status FROM enforcement_draws ORDER BY committed_at');
    assert.deepEqual(
      draws.map((d) => d.status),
      ['drawn', 'committed'],
    );
    const d = await publicDraw(db, draws[0]?.id as string);
    assert.ok(d.picks.length > 0);
    assert.ok(d.picks.every((p) => p.inspectionStatus === 'planned' && p.officerNames.length === 2));
    assert.deepEqual(
      verifyDraw({
        ...d,
        objects: d.objects as DrawObject[],
        inspectors: d.inspectors as DrawInspector[],
        serverNonce: d.serverNonce as string,
        publicValue: d.publicValue as string,
        seed: d.seed as string,
      }),
      [],
    );
  });
});
