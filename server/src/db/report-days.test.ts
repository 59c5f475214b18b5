// Migration 020 cuts the receive transitions written before it to their Beijing day (issue 22,
// item 4): their exact time was shown to handlers although the reporter was promised the day only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadRegions } from '../modules/regions/load.ts';
import { openBareTestDb } from '../test/harness.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';

let db: Db;
let drop: () => Promise<void>;
before(async () => {
  ({ db, drop } = await openBareTestDb());
});
after(() => drop());

test('migration 020: existing receive transitions keep their day only; handlers’ steps keep their time', async () => {
  await migrate(db, '019');
  await loadRegions(db, ['32']);
  const [r] = await db.query<{ id: string }>(
    `INSERT INTO reports (category, region_code, sealed_content, anonymous, receipt_tag, receipt_hash, received_on, accept_due, conclude_due)
     VALUES ('hazard', '320582100000', 'x', true, 't', 'h', '2026-12-06', '2026-12-11', '2027-02-04') RETURNING id`,
  );
  // 01:30 on 6 December in Beijing is still 5 December in UTC.
  await db.query(
    `INSERT INTO report_transitions (report_id, action, to_status, actor, at) VALUES
       ($1, 'receive', 'received', 'public', '2026-12-05T17:30:12.345Z'), ($1, 'accept', 'accepted', 'county', '2026-12-06T02:00:00Z')`,
    [r?.id],
  );
  await migrate(db);
  const rows = await db.query<{ action: string; at: Date | string; day_only: boolean }>(
    'SELECT action, at, day_only FROM report_transitions ORDER BY id',
  );
  assert.deepEqual(
    rows.map((x) => [x.action, new Date(x.at).toISOString(), x.day_only]),
    [
      ['receive', '2026-12-05T16:00:00.000Z', true],
      ['accept', '2026-12-06T02:00:00.000Z', false],
    ],
  );
});
