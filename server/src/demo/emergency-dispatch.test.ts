// 物资调拨's demo: a county's request in transit from the city's reserve, one received, a township's
// phone order awaiting the county's approval with its written request due, a second county's
// awaiting the city's; donations with an anonymous person the public summary does not name;
// designated producers. Seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { publicDonations } from '../modules/emergency/dispatch-donations.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoDispatch } from './emergency-dispatch.ts';
import { seedDemoSupplies } from './emergency-supplies.ts';
import { seedDemo } from './seed.ts';

describe('dispatch demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 60 });
    await seedDemoSupplies(db);
    await seedDemoDispatch(db);
  });
  after(() => drop());

  test('every state the board shows, donations and producers; idempotent', async () => {
    const rows = await db.query<{
      status: string;
      region_code: string;
      supplier_region_code: string;
      via_phone: boolean;
      order_number: string | null;
    }>('SELECT status, region_code, supplier_region_code, via_phone, order_number FROM dispatch_requests ORDER BY created_at');
    const has = (f: (r: (typeof rows)[number]) => boolean, what: string) => assert.ok(rows.some(f), `${what}: ${JSON.stringify(rows)}`);
    has(
      (r) => r.status === 'inTransit' && r.region_code === '321302000000' && r.supplier_region_code === '321300000000' && !!r.order_number,
      'in transit city → 321302',
    );
    has((r) => r.status === 'received', 'one received');
    has(
      (r) => r.status === 'submitted' && r.via_phone && r.supplier_region_code === '321302000000',
      'a township phone order awaiting the county',
    );
    has((r) => r.status === 'submitted' && r.supplier_region_code === '321300000000', 'one awaiting the city');
    const [p] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dispatch_producers');
    assert.ok((p?.n ?? 0) >= 1);
    const pub = await publicDonations(db, { regionCode: '321302' });
    assert.ok(pub.totals.length >= 3);
    assert.equal(pub.anonymousDonations, 1);
    assert.ok(!JSON.stringify(pub).includes('张某'));
    await seedDemoDispatch(db);
    const [again] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dispatch_requests');
    assert.equal(again?.n, rows.length);
  });
});
