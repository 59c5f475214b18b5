// The CLI as an operator uses it, against an embedded database in a temporary DATA_DIR.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDb } from './db/db.ts';
import { main } from './main.ts';
import { creditCode } from './test/harness.ts';

describe('taishan CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taishan-cli-'));
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  before(() => {
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
  });
  after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('migrate, then import-enterprises refuses without an admin', async () => {
    assert.equal(await main(['migrate']), 0);
    const file = join(dir, 'a.csv');
    writeFileSync(file, '统一社会信用代码,企业名称,行政区划代码,行业代码\n');
    await assert.rejects(main(['import-enterprises', file]), /no platform admin/);
  });

  test('import-enterprises imports good rows, reports bad ones, exits 2 when any row is rejected', async () => {
    const db = await openDb({ dataDir: join(dir, 'pglite') });
    await db.query("INSERT INTO users (username, display_name, password_hash, role) VALUES ('admin', 'admin', 'x', 'platformAdmin')");
    await db.close();
    const file = join(dir, 'b.csv');
    writeFileSync(
      file,
      `统一社会信用代码,企业名称,行政区划代码,行业代码\n${creditCode(1, '320582')},甲有限公司,320582100000,2614\n${creditCode(2, '320582')},乙有限公司,999999,2614\n`,
    );
    assert.equal(await main(['import-enterprises', file]), 2);
    const ok = join(dir, 'c.csv');
    writeFileSync(ok, `统一社会信用代码,企业名称,行政区划代码,行业代码\n${creditCode(3, '320582')},丙有限公司,320582100000,2614\n`);
    assert.equal(await main(['import-enterprises', ok]), 0);
    const db2 = await openDb({ dataDir: join(dir, 'pglite') });
    const rows = await db2.query<{ name: string }>('SELECT name FROM enterprises ORDER BY name');
    const [audit] = await db2.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'enterprise.import'");
    await db2.close();
    assert.deepEqual(rows.map((r) => r.name).sort(), ['丙有限公司', '甲有限公司'].sort());
    assert.equal(audit?.n, 2);
    assert.equal(await main(['verify-audit']), 0);
  });

  test('unknown command prints usage and exits 64', async () => {
    assert.equal(await main(['frobnicate']), 64);
  });
});
