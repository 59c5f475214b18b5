// Issue 22, items 8, 9 (lockout, NUL bytes), 10 (headers, cookies) and 21 (limits across
// processes): sessions and alarm streams end with a password reset, disabling or a new role;
// nobody can lock another person out, and a lock does not tell whether a name exists; security
// headers on pages and API; Secure cookies over HTTPS; rate limits and lockouts shared by two
// server processes on one database, keyed by source buckets, never by an address.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { regionPrefix } from '@taishan/domain';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../app.ts';
import type { Db } from '../db/db.ts';
import { Keyring, newKeyFile } from '../modules/whistleblowing/keyring.ts';
import { openPlatformDb } from '../platform.ts';
import { makeUser, openTestApp, openTestDb, TEST_PASSWORD, TEST_PROVINCES, type TestApp, type TestDb } from '../test/harness.ts';
import { MAX_FAILURES, SourceKeys } from './limits.ts';

const SOURCE_KEY = 'security-test-source-bucket-key';
const keys = new SourceKeys(Buffer.from(SOURCE_KEY, 'utf8'));
/** Two addresses in different source buckets (the bucket is a 16-bit hash: pick a pair that differ). */
const HOME = '127.0.0.1';
const ELSEWHERE = ['203.0.113.7', '203.0.113.8', '198.51.100.20'].find((ip) => keys.bucket(ip) !== keys.bucket(HOME)) as string;

type Opened = { status: number; closed: Promise<void>; destroy: () => void };
/** Open the alarm stream as a browser would; `closed` settles when the server ends it. */
function openStream(base: string, cookie: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/v1/alarms/stream`, { headers: { cookie } });
    req.on('response', (res) => {
      res.resume();
      const closed = new Promise<void>((r) => {
        res.on('end', () => r());
        res.on('close', () => r());
      });
      resolve({ status: res.statusCode ?? 0, closed, destroy: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms).unref())]);

describe('sessions end with a password reset, disabling, or a new role or home (item 8)', () => {
  let t: TestApp;
  let base: string;
  let admin: string;
  const streams: Opened[] = [];
  before(async () => {
    t = await openTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    admin = await t.login('admin');
  });
  after(async () => {
    for (const s of streams) s.destroy();
    await t.close();
  });

  const cases: { name: string; patch: Record<string, unknown>; loginAfter?: string }[] = [
    { name: 'password reset', patch: { password: 'A-new-password-1' }, loginAfter: 'A-new-password-1' },
    { name: 'disabling', patch: { disabled: true } },
    { name: 'role change', patch: { role: 'townshipSupervisor', regionCode: '320582100000' }, loginAfter: TEST_PASSWORD },
    { name: 'home region change', patch: { regionCode: '320583000000' }, loginAfter: TEST_PASSWORD },
  ];
  for (const [i, c] of cases.entries()) {
    test(`${c.name}: the old cookie gets 401 and the open alarm stream closes`, async () => {
      const username = `person${i}`;
      const id = await makeUser(t.db, { username, role: 'countySupervisor', regionCode: '320582000000' });
      const cookie = await t.login(username);
      const other = await t.login(username); // a second device
      const stream = await openStream(base, cookie);
      streams.push(stream);
      assert.equal(stream.status, 200);
      assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode, 200);
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: { cookie: admin }, payload: c.patch });
      assert.equal(res.statusCode, 200, res.body);
      // At once, not after a cache or keep-alive interval.
      await within(stream.closed, 3000, 'the stream closing');
      for (const old of [cookie, other])
        assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { cookie: old } })).statusCode, 401);
      const [n] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [id]);
      assert.equal(n?.n, 0);
      const [ev] = await t.db.query<{ after: { sessionsEnded: boolean } }>(
        "SELECT after FROM audit_events WHERE action = 'user.update' AND entity_id = $1 ORDER BY seq DESC LIMIT 1",
        [id],
      );
      assert.equal(ev?.after.sessionsEnded, true);
      if (c.loginAfter) {
        const again = await t.login(username, c.loginAfter);
        const me = (await t.app.inject({ url: '/api/v1/me', headers: { cookie: again } })).json();
        if (c.patch.role) assert.equal(me.role, c.patch.role);
        if (c.patch.regionCode) assert.equal(me.scope.regionPrefix, regionPrefix(String(c.patch.regionCode)));
      }
    });
  }

  test('renaming a user keeps their sessions; logout closes that session’s stream', async () => {
    const id = await makeUser(t.db, { username: 'renamed', role: 'countySupervisor', regionCode: '320582000000' });
    const cookie = await t.login('renamed');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { cookie: admin },
      payload: { displayName: '新名字' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json().displayName, '新名字');
    const stream = await openStream(base, cookie);
    streams.push(stream);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    await within(stream.closed, 3000, 'the stream closing at logout');
  });

  test('a role that does not fit the home is refused with field messages, nothing changed', async () => {
    const id = await makeUser(t.db, { username: 'misfit', role: 'countySupervisor', regionCode: '320582000000' });
    const cookie = await t.login('misfit');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { cookie: admin },
      payload: { role: 'citySupervisor', displayName: '不该改' },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.fields.regionCode, /市级区划/);
    const [u] = await t.db.query<{ role: string; display_name: string }>('SELECT role, display_name FROM users WHERE id = $1', [id]);
    assert.deepEqual(u, { role: 'countySupervisor', display_name: 'misfit' });
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode, 200);
    const dept = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { cookie: admin, 'accept-language': 'en' },
      payload: { role: 'departmentInspector' },
    });
    assert.equal(dept.statusCode, 400);
    assert.equal(dept.json().error.fields.departmentId, 'Choose the inspector’s department');
  });

  test('an admin cannot change their own role; others may not change roles at all', async () => {
    const [me] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin'");
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${me?.id}`,
      headers: { cookie: admin },
      payload: { role: 'countySupervisor', regionCode: '320582000000' },
    });
    assert.equal(self.statusCode, 403);
    const id = await makeUser(t.db, { username: 'climber', role: 'countySupervisor', regionCode: '320582000000' });
    const cookie = await t.login('climber');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { cookie },
      payload: { role: 'platformAdmin' },
    });
    assert.equal(res.statusCode, 403);
  });
});

describe('headers, cookies and NUL bytes (items 10, 9)', () => {
  let t: TestApp;
  let web: string;
  const apps: FastifyInstance[] = [];
  const appWith = async (o: Partial<AppOptions>) => {
    const app = await buildApp({ db: t.db, filesDir: t.filesDir, keyring: t.keyring, limits: { login: 1000, public: 1000 }, ...o });
    apps.push(app);
    return app;
  };
  before(async () => {
    t = await openTestApp();
    await makeUser(t.db, { username: 'county', role: 'countySupervisor', regionCode: '320582000000' });
    web = mkdtempSync(join(tmpdir(), 'taishan-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>泰山</title><div id="root"></div>');
  });
  after(async () => {
    for (const a of apps) await a.close();
    await t.close();
    rmSync(web, { recursive: true, force: true });
  });

  test('the SPA and the API answer with CSP, frame-ancestors, nosniff and no referrer', async () => {
    const app = await appWith({ webDist: web });
    const cookie = await t.login('county');
    for (const [url, headers] of [
      ['/', {}],
      ['/hazards/123', {}],
      ['/api/health', {}],
      ['/api/v1/me', { cookie }],
      ['/api/v1/nothing-here', {}],
    ] as const) {
      const res = await app.inject({ url, headers });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, url);
      assert.match(csp, /script-src 'self'(;|$)/, `${url}: scripts from this origin only, no eval, no inline`);
      assert.doesNotMatch(csp, /unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.match(csp, /object-src 'none'/, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
    }
    assert.match((await app.inject({ url: '/' })).body, /id="root"/);
  });

  const sessionCookie = async (app: FastifyInstance, headers: Record<string, string> = {}) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers,
      payload: { username: 'county', password: TEST_PASSWORD },
    });
    assert.equal(res.statusCode, 200, res.body);
    const c = res.cookies.find((x) => x.name === 'taishan_session');
    assert.ok(c);
    return c;
  };

  test('Secure cookies: by default when the request came over HTTPS, a proxy believed only when trusted', async () => {
    const plain = await appWith({});
    assert.equal((await sessionCookie(plain)).secure, undefined, 'plain HTTP: not Secure (or the browser would drop it)');
    assert.equal(
      (await sessionCookie(plain, { 'x-forwarded-proto': 'https' })).secure,
      undefined,
      'an untrusted X-Forwarded-Proto is ignored',
    );
    const proxied = await appWith({ trustProxy: true });
    const c = await sessionCookie(proxied, { 'x-forwarded-proto': 'https' });
    assert.equal(c.secure, true, 'behind a trusted proxy that received HTTPS');
    assert.equal(c.httpOnly, true);
    assert.equal(c.sameSite, 'Strict');
    const always = await appWith({ cookieSecure: true });
    assert.equal((await sessionCookie(always)).secure, true, 'COOKIE_SECURE=true');
  });

  test('a NUL byte in a query string answers 400 with a field message, not 500', async () => {
    const cookie = await t.login('county');
    for (const [url, headers] of [
      ['/api/v1/enterprises?q=ab%00cd', { cookie }],
      ['/api/v1/users?q=%00', { cookie: await t.login('admin') }],
      ['/api/v1/hazards?q=x%00', { cookie }],
      ['/api/public/enterprises?q=%E6%B3%B0%00', {}],
      ['/api/v1/regions?parent=%00', {}],
    ] as const) {
      const res = await t.app.inject({ url, headers });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal(res.json().error.code, 'validation_error');
      assert.equal(res.json().error.fields.query, '查询参数含有空字符');
    }
    const en = await t.app.inject({ url: '/api/v1/enterprises?q=%00', headers: { cookie, 'accept-language': 'en' } });
    assert.equal(en.json().error.fields.query, 'The query string holds a NUL byte');
  });
});

describe('lockouts and rate limits: per source bucket, shared by two processes (items 9, 21)', () => {
  let tdb: TestDb;
  let db2: Db;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let filesDir: string;
  before(async () => {
    tdb = await openTestDb();
    // A second process: its own connection to the same database (PGlite runs in this process: the same one).
    db2 = tdb.url ? await openPlatformDb({ databaseUrl: tdb.url, provinces: TEST_PROVINCES }) : tdb.db;
    filesDir = mkdtempSync(join(tmpdir(), 'taishan-files-'));
    const keyring = new Keyring(newKeyFile());
    const limits = { login: 40, public: 4 };
    a = await buildApp({ db: tdb.db, filesDir, keyring, limits, sourceBucketKey: SOURCE_KEY });
    b = await buildApp({ db: db2, filesDir, keyring, limits, sourceBucketKey: SOURCE_KEY });
    await makeUser(tdb.db, { username: 'admin', role: 'platformAdmin' });
    await makeUser(tdb.db, { username: 'victim', role: 'countySupervisor', regionCode: '320582000000' });
  });
  after(async () => {
    await a.close();
    await b.close();
    if (db2 !== tdb.db) await db2.close();
    await tdb.drop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const login = (app: FastifyInstance, username: string, password: string, remoteAddress = HOME) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username, password } });

  test('failures from one source, split between two processes, lock the name there and only there', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await login(i % 2 ? b : a, 'victim', 'wrong-password');
      assert.equal(res.statusCode, 401);
    }
    for (const app of [a, b]) {
      const locked = await login(app, 'victim', TEST_PASSWORD);
      assert.equal(locked.statusCode, 423, 'locked from this source, in both processes');
      assert.equal(locked.json().error.code, 'account_locked');
    }
    // The owner, elsewhere, is not locked out by whoever failed here.
    assert.equal((await login(b, 'victim', TEST_PASSWORD, ELSEWHERE)).statusCode, 200);
    // The admin sees the lock and lifts it from every source.
    const cookie = (await login(a, 'admin', TEST_PASSWORD, ELSEWHERE)).cookies.find((c) => c.name === 'taishan_session')?.value;
    const list = await a.inject({ url: '/api/v1/users?q=victim', headers: { cookie: `taishan_session=${cookie}` } });
    assert.equal(list.json().items[0].locked, true);
    const id = list.json().items[0].id;
    const unlock = await b.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { cookie: `taishan_session=${cookie}` },
      payload: { unlock: true },
    });
    assert.equal(unlock.json().locked, false);
    assert.equal((await login(a, 'victim', TEST_PASSWORD)).statusCode, 200);
  });

  test('an unknown name is answered exactly as an account: 401 alike, then the same 423', async () => {
    await makeUser(tdb.db, { username: 'real', role: 'countySupervisor', regionCode: '320582000000' });
    const answers: Record<string, { status: number; body: unknown }[]> = { real: [], ghost: [] };
    for (const name of ['real', 'ghost']) {
      for (let i = 0; i <= MAX_FAILURES; i++) {
        const res = await login(a, name, 'wrong-password');
        answers[name]?.push({ status: res.statusCode, body: res.json() });
      }
    }
    assert.deepEqual(answers.ghost, answers.real);
    assert.deepEqual(
      answers.real?.map((x) => x.status),
      [...Array(MAX_FAILURES).fill(401), 423],
    );
    assert.match(JSON.stringify(answers.real?.at(-1)), /登录失败次数过多，请 15 分钟后再试/);
    // Nothing stored names the caller or the name typed.
    const rows = await tdb.db.query<Record<string, unknown>>('SELECT * FROM login_failures');
    const dump = JSON.stringify(rows);
    for (const s of ['ghost', 'real', HOME, ELSEWHERE]) assert.ok(!dump.includes(s), `login_failures holds ${s}`);
    for (const r of rows) assert.match(String(r.bucket), /^[0-9a-f]{4}$/);
  });

  test('the login rate limit is one budget for both processes, per source bucket; 429 in both languages', async () => {
    await tdb.db.query('DELETE FROM rate_limits');
    // 40 a minute from one source: spent across the two processes (unknown names, so no lock stops it first).
    for (let i = 0; i < 40; i++) {
      const res = await login(i % 2 ? a : b, `nobody${i % 7}`, 'wrong-password', '198.51.100.99');
      assert.notEqual(res.statusCode, 429, `attempt ${i + 1}`);
    }
    for (const app of [a, b]) {
      const res = await login(app, 'victim', TEST_PASSWORD, '198.51.100.99');
      assert.equal(res.statusCode, 429);
      assert.equal(res.json().error.code, 'rate_limited');
      assert.equal(res.json().error.message, '请求过于频繁，请稍后再试');
      assert.ok(Number(res.headers['retry-after']) > 0);
    }
    const en = await b.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '198.51.100.99',
      headers: { 'accept-language': 'en' },
      payload: { username: 'victim', password: TEST_PASSWORD },
    });
    assert.equal(en.json().error.message, 'Too many requests; try again later');
    // Another source still logs in.
    assert.equal((await login(a, 'victim', TEST_PASSWORD, HOME)).statusCode, 200);
  });

  test('public report routes: one budget per source bucket across processes; keys are buckets, never addresses', async () => {
    const src = '192.0.2.55';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await (i % 2 ? a : b).inject({ url: '/api/public/enterprises?q=%E4%BC%81%E4%B8%9A', remoteAddress: src });
      statuses.push(res.statusCode);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    // Routes behind a session, and reference data, are not counted.
    for (let i = 0; i < 6; i++) assert.equal((await a.inject({ url: '/api/health', remoteAddress: src })).statusCode, 200);
    const rows = await tdb.db.query<{ key: string }>('SELECT key FROM rate_limits');
    assert.ok(rows.length > 0);
    for (const r of rows) assert.match(r.key, /^(login|public):[0-9a-f]{4}$/);
    assert.ok(!JSON.stringify(rows).includes(src));
  });
});
