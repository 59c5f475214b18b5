import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDb } from '../db/db.ts';
import { main } from '../main.ts';
import { enterpriseBody, makeUser, openTestApp, type TestApp } from '../test/harness.ts';
import { appendAudit, verifyAudit } from './chain.ts';

describe('audit trail', () => {
  let t: TestApp;
  let admin: string;
  before(async () => {
    t = await openTestApp();
    admin = await t.login('admin');
    await makeUser(t.db, { username: 'county', role: 'countySupervisor', regionCode: '320582000000' });
    const county = await t.login('county');
    for (let i = 1; i <= 6; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        headers: { cookie: county },
        payload: enterpriseBody(i, '320582100000'),
      });
      assert.equal(res.statusCode, 201);
    }
  });
  after(() => t.close());

  /** Run a tamper, check it is named at the expected event, then restore from a snapshot. */
  async function tamper(sql: string | string[], expectSeq: number, reason: string) {
    await t.db.query('CREATE TEMP TABLE IF NOT EXISTS audit_backup AS SELECT * FROM audit_events WITH NO DATA');
    await t.db.query('DELETE FROM audit_backup');
    await t.db.query('INSERT INTO audit_backup SELECT * FROM audit_events');
    for (const statement of [sql].flat()) await t.db.query(statement);
    const r = await verifyAudit(t.db);
    await t.db.query('DELETE FROM audit_events');
    await t.db.query('INSERT INTO audit_events SELECT * FROM audit_backup');
    assert.equal(r.ok, false, String(sql));
    assert.deepEqual(r.firstBroken, { seq: expectSeq, reason }, String(sql));
    assert.equal((await verifyAudit(t.db)).ok, true, 'restored');
  }

  test('every change is an event; the intact chain verifies through the API', async () => {
    const res = await t.app.inject({ url: '/api/v1/audit/verify', headers: { cookie: admin } });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.ok, true);
    // 2 logins + 6 creates
    assert.equal(body.checked, 8);
    const list = await t.app.inject({ url: '/api/v1/audit?action=enterprise.create', headers: { cookie: admin } });
    assert.equal(list.json().total, 6);
  });

  test('a changed field is detected at that event', () =>
    tamper(`UPDATE audit_events SET after = jsonb_set(after, '{name}', '"篡改"') WHERE seq = 5`, 5, 'hash'));

  test('a changed actor is detected', () => tamper(`UPDATE audit_events SET actor_name = 'someone' WHERE seq = 3`, 3, 'hash'));

  test('a changed hash is detected at the next event', () =>
    tamper(`UPDATE audit_events SET hash = repeat('a', 64) WHERE seq = 4`, 4, 'hash'));

  test('a deleted event is detected where the gap is', () => tamper('DELETE FROM audit_events WHERE seq = 4', 5, 'gap'));

  test('deleting the newest events is detected against the head', () => tamper('DELETE FROM audit_events WHERE seq >= 7', 7, 'head'));

  test('reordered events (swapped seq) are detected', () =>
    tamper(
      [
        'UPDATE audit_events SET seq = -3 WHERE seq = 3',
        'UPDATE audit_events SET seq = 3 WHERE seq = 6',
        'UPDATE audit_events SET seq = 6 WHERE seq = -3',
      ],
      3,
      'link',
    ));

  test('reordered event contents (rows swapped whole but for seq) are detected', () =>
    tamper(
      `WITH a AS (SELECT * FROM audit_events WHERE seq = 2), b AS (SELECT * FROM audit_events WHERE seq = 3)
       UPDATE audit_events e SET actor_name = x.actor_name, action = x.action, after = x.after, prev_hash = x.prev_hash, hash = x.hash
       FROM (SELECT 2 AS s, * FROM b UNION ALL SELECT 3 AS s, * FROM a) x WHERE e.seq = x.s`,
      2,
      'link',
    ));

  test('a rewritten chain that recomputes hashes still breaks at the head', async () => {
    // An attacker who edits event 8 and recomputes its hash cannot also know to fix the head…
    await tamper(`UPDATE audit_events SET action = 'x', hash = repeat('b', 64) WHERE seq = 8`, 8, 'hash');
  });

  test('only admins may read or verify the trail', async () => {
    const county = await t.login('county');
    assert.equal((await t.app.inject({ url: '/api/v1/audit', headers: { cookie: county } })).statusCode, 403);
    assert.equal((await t.app.inject({ url: '/api/v1/audit/verify', headers: { cookie: county } })).statusCode, 403);
  });

  test('the verify-audit command exits 0 on an intact chain and 1 on a tampered one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taishan-audit-'));
    const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    try {
      assert.equal(await main(['migrate']), 0);
      const db = await openDb({ dataDir: join(dir, 'pglite') });
      for (const action of ['auth.login', 'auth.logout', 'auth.login'] as const)
        await db.transaction((tx) => appendAudit(tx, { id: null, username: 'cli' }, { action, entityType: 'user' }));
      await db.close();
      assert.equal(await main(['verify-audit']), 0);
      const db2 = await openDb({ dataDir: join(dir, 'pglite') });
      await db2.query("UPDATE audit_events SET action = 'x' WHERE seq = 2");
      await db2.close();
      assert.equal(await main(['verify-audit']), 1);
    } finally {
      Object.assign(process.env, saved);
      if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
      if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
