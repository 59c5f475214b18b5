import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { splitSql } from '../../db/migrate.ts';
import { openTestApp, type TestApp } from '../../test/harness.ts';
import { readRegions } from './load.ts';

describe('regions', () => {
  test('the national divisions load to township level, parents before children', () => {
    const rows = readRegions();
    const levels: Record<string, unknown[]> = {};
    for (const r of rows) {
      levels[r.level] ??= [];
      levels[r.level]?.push(r);
    }
    assert.equal(levels.province?.length, 34);
    assert.ok((levels.city?.length ?? 0) > 300);
    assert.ok((levels.county?.length ?? 0) > 2800);
    assert.ok((levels.township?.length ?? 0) > 38000);
    const seen = new Set<string>();
    for (const r of rows) {
      assert.match(r.code, /^\d{12}$/);
      if (r.level !== 'province') assert.ok(r.parent_code && seen.has(r.parent_code), `${r.code} ${r.name}`);
      seen.add(r.code);
    }
    assert.equal(seen.size, rows.length, 'codes are unique');
    // Municipality districts hang from the province; townships under their county.
    assert.equal(rows.find((r) => r.code === '110101000000')?.parent_code, '110000000000');
    assert.equal(rows.find((r) => r.name === '东华门街道')?.parent_code, '110101000000');
  });

  describe('API', () => {
    let t: TestApp;
    before(async () => {
      t = await openTestApp();
    });
    after(() => t.close());

    test('children of a region, provinces at the top, 6-digit codes accepted', async () => {
      const top = (await t.app.inject({ url: '/api/v1/regions' })).json();
      assert.deepEqual(
        top.items.map((r: { name: string }) => r.name),
        ['北京市', '江苏省'],
      );
      const suzhou = (await t.app.inject({ url: '/api/v1/regions?parent=320500' })).json();
      assert.ok(
        suzhou.items.some(
          (r: { code: string; name: string; level: string }) => r.code === '320582000000' && r.name === '张家港市' && r.level === 'county',
        ),
      );
      const towns = (await t.app.inject({ url: '/api/v1/regions?parent=320582000000' })).json();
      assert.ok(towns.items.length > 5);
      assert.ok(towns.items.every((r: { level: string; prefix: string }) => r.level === 'township' && r.prefix.startsWith('320582')));
      const bad = await t.app.inject({ url: '/api/v1/regions?parent=32x' });
      assert.equal(bad.statusCode, 400);
      const one = (await t.app.inject({ url: '/api/v1/regions/320582' })).json();
      assert.deepEqual(
        one.path.map((p: { name: string }) => p.name),
        ['江苏省', '苏州市', '张家港市'],
      );
      assert.equal((await t.app.inject({ url: '/api/v1/regions/999999' })).statusCode, 404);
    });
  });
});

test('migration splitter keeps $$ bodies whole and drops comment lines', () => {
  const parts = splitSql('-- c\nCREATE TABLE a (x int);\nDO $$\nBEGIN\n  PERFORM 1;\nEND\n$$;\nSELECT 1;\n');
  assert.deepEqual(parts, ['CREATE TABLE a (x int);', 'DO $$\nBEGIN\n  PERFORM 1;\nEND\n$$;', 'SELECT 1;']);
});
