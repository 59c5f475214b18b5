// Prepared statements on scoped reads: a plan PostgreSQL keeps for a statement must not keep the
// scope it was first run in. The scope lives in session settings that row-level security reads when
// the statement runs, so the same prepared statement, alternately in two counties' scopes on the
// same pinned connections, must show each county its own enterprises only — also after the fifth
// run, when PostgreSQL may switch to a generic plan.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { creditCode, openTestDb, TEST_DB_KIND, type TestDb } from '../test/harness.ts';
import { openDb } from './db.ts';
import { readScoped } from './scope.ts';

describe('prepared statements under scope', () => {
  let t: TestDb;
  const counties = { a: '320582', b: '320583' } as const;

  before(async () => {
    t = await openTestDb();
    let n = 900;
    for (const [key, county] of Object.entries(counties))
      for (let i = 0; i < 3; i++)
        await t.db.query(`INSERT INTO enterprises (credit_code, name, region_code, industry_code) VALUES ($1, $2, $3, '2614')`, [
          creditCode(n++, county),
          `预备语句测试${key}${i}`,
          `${county}000000`,
        ]);
  });
  after(() => t.drop());

  const scope = (prefix: string) => ({ regionPrefix: prefix, industries: null, enterpriseId: null });
  // No WHERE of its own: only row-level security narrows it to the scope.
  const sql = "SELECT name FROM enterprises WHERE name LIKE '预备语句测试%' ORDER BY name";

  test('each scope sees only its own rows, run after run', async () => {
    for (let run = 0; run < 12; run++) {
      const key = run % 2 ? 'b' : 'a';
      const rows = await readScoped(t.db, scope(counties[key]), (tx) => tx.query<{ name: string }>(sql, [], { prepare: true }));
      assert.deepEqual(
        rows.map((r) => r.name),
        [0, 1, 2].map((i) => `预备语句测试${key}${i}`),
        `run ${run}, county ${key}`,
      );
    }
    const all = await readScoped(t.db, scope(''), (tx) => tx.query<{ name: string }>(sql, [], { prepare: true }));
    assert.equal(all.length, 6);
  });

  test('the statement is prepared on the connection (PostgreSQL)', { skip: TEST_DB_KIND !== 'postgresql' }, async () => {
    const names = await readScoped(t.db, scope(counties.a), async (tx) => {
      await tx.query(sql, [], { prepare: true });
      return tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
    });
    assert.ok(names.some((r) => r.statement === sql));
  });

  test('a connection keeps at most its bound of prepared statements; the rest still run (PostgreSQL)', {
    skip: TEST_DB_KIND !== 'postgresql',
  }, async () => {
    const db = await openDb({ databaseUrl: t.url, preparedPerConnection: 2 });
    try {
      // One at a time, so every read takes the same pinned connection.
      for (let i = 0; i < 5; i++) {
        const rows = await readScoped(db, scope(counties.a), (tx) =>
          tx.query<{ name: string; i: number }>(
            `SELECT name, ${i} AS i FROM enterprises WHERE name LIKE '预备语句测试%' ORDER BY name`,
            [],
            {
              prepare: true,
            },
          ),
        );
        assert.deepEqual(
          rows.map((r) => [r.name, r.i]),
          [0, 1, 2].map((k) => [`预备语句测试a${k}`, i]),
        );
      }
      const held = await readScoped(db, scope(counties.a), (tx) =>
        tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time'),
      );
      // The first two texts stay prepared; the three after them ran unnamed.
      assert.deepEqual(
        held.map((r) => r.statement.match(/, (\d) AS i/)?.[1]),
        ['0', '1'],
      );
    } finally {
      await db.close();
    }
  });
});
