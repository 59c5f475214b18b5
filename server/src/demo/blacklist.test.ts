// The serious-discredit list's demo: every state the pages show is there in 宿迁 (a unit listed after
// a 重大 accident, a person, the agency of the false report, one removed early, one expired, a
// candidate, the demo enterprise in its objection window), each listing with its numbered notice and
// decision; the public list shows only the current ones; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { publicBlacklist } from '../modules/credit/blacklist-service.ts';
import { openTestDb } from '../test/harness.ts';
import { seedDemoAccidents } from './accidents.ts';
import { seedDemoBlacklist } from './blacklist.ts';
import { seedDemoCredit } from './credit.ts';
import { seedDemoEnforcement } from './enforcement.ts';
import { seedDemo } from './seed.ts';

describe('blacklist demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 60 });
    await seedDemoEnforcement(db);
    await seedDemoAccidents(db);
    await seedDemoCredit(db);
    await seedDemoBlacklist(db);
  });
  after(() => drop());

  test('every state, with documents; the public list shows the current entries only; idempotent', async () => {
    const rows = await db.query<{ subject_type: string; reason: string; status: string; source_type: string; docs: number }>(
      `SELECT subject_type, reason, status, source_type, (SELECT count(*)::int FROM credit_blacklist_documents d WHERE d.entry_id = b.id) AS docs
       FROM credit_blacklist_entries b WHERE region_code >= '3213' AND region_code < '3213~'`,
    );
    const has = (f: (r: (typeof rows)[number]) => boolean, what: string) => assert.ok(rows.some(f), `${what}: ${JSON.stringify(rows)}`);
    has(
      (r) => r.status === 'listed' && r.reason === 'majorAccident' && r.source_type === 'accident' && r.docs === 2,
      'a unit from a 重大 accident',
    );
    has((r) => r.status === 'listed' && r.subject_type === 'person', 'a person');
    has((r) => r.status === 'listed' && r.subject_type === 'agency' && r.source_type === 'report', 'the agency of the false report');
    has((r) => r.status === 'earlyRemoved' && r.docs === 3, 'one removed early with its removal decision');
    has((r) => r.status === 'expired', 'one expired');
    has((r) => r.status === 'candidate', 'a candidate');
    has((r) => r.status === 'noticed', 'one in its objection window');
    const pub = await publicBlacklist(db, { page: 1, pageSize: 100 });
    assert.equal(pub.total, rows.filter((r) => r.status === 'listed').length);
    assert.ok(pub.items.every((i) => i.idNumber === null || /^\d{4}\*{10}[\dX]{4}$/.test(i.idNumber)));
    await seedDemoBlacklist(db);
    const [again] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM credit_blacklist_entries');
    assert.equal(again?.n, rows.length);
  });
});
