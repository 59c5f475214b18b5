// Test harness: a fresh database per test file — in-memory PGlite by default, or a new database
// on the PostgreSQL server when TAISHAN_TEST_DB=postgresql — and the app built on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@taishan/domain';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import { type Db, openDb } from '../db/db.ts';
import { createTempDatabase } from '../db/temp-database.ts';
import { demoCreditCode } from '../demo/seed.ts';
import { Keyring, newKeyFile } from '../modules/whistleblowing/keyring.ts';
import { solve } from '../modules/whistleblowing/pow.ts';
import { openPlatformDb } from '../platform.ts';

export const TEST_DB_KIND = process.env.TAISHAN_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite';
/** Jiangsu and Beijing are enough places for tests and keep start-up fast. */
export const TEST_PROVINCES = ['32', '11'];

export type TestDb = { db: Db; url: string | undefined; drop: () => Promise<void> };

/** A database of the suite's kind with nothing in it, not even migrations: for tests of a migration. */
export async function openBareTestDb(): Promise<TestDb> {
  if (TEST_DB_KIND === 'pglite') {
    const db = await openDb({});
    return { db, url: undefined, drop: () => db.close() };
  }
  const temp = await createTempDatabase('taishan_t');
  const db = await openDb({ databaseUrl: temp.url });
  return {
    db,
    url: temp.url,
    drop: async () => {
      await db.close();
      await temp.drop();
    },
  };
}

export async function openTestDb(): Promise<TestDb> {
  if (TEST_DB_KIND === 'pglite') {
    const db = await openPlatformDb({ provinces: TEST_PROVINCES });
    return { db, url: undefined, drop: () => db.close() };
  }
  const temp = await createTempDatabase('taishan_t');
  const db = await openPlatformDb({ databaseUrl: temp.url, provinces: TEST_PROVINCES });
  return {
    db,
    url: temp.url,
    drop: async () => {
      await db.close();
      await temp.drop();
    },
  };
}

export const TEST_PASSWORD = 'Correct-Horse-9';
let passwordHash: Promise<string> | undefined;
const testHash = () => {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
};

export type UserSpec = {
  username: string;
  role: Role;
  regionCode?: string | null;
  departmentId?: string | null;
  enterpriseId?: string | null;
};

/** Insert a user directly (factories skip the admin API so tests can set up any shape fast). */
export async function makeUser(db: Db, u: UserSpec): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash, role, region_code, department_id, enterprise_id)
     VALUES ($1, $1, $2, $3, $4, $5, $6) RETURNING id`,
    [u.username, await testHash(), u.role, u.regionCode ?? null, u.departmentId ?? null, u.enterpriseId ?? null],
  );
  return row?.id ?? '';
}

export async function makeDepartment(db: Db, name: string, regionCode: string, industries: string[]): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO departments (name, region_code, industries) VALUES ($1, $2, $3::text[]) RETURNING id',
    [name, regionCode, industries],
  );
  return row?.id ?? '';
}

export type TestApp = {
  app: FastifyInstance;
  db: Db;
  login: (username: string, password?: string) => Promise<string>;
  /** app.inject as `cookie` (a login's cookie; '' for none), with a JSON payload. */
  inject: (cookie: string, method: string, url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
  filesDir: string;
  keyring: Keyring;
};

/** A multipart/form-data body for app.inject: text fields first, then one file. */
export function multipartBody(file: { content: Buffer; filename?: string; type?: string }, fields: Record<string, string> = {}) {
  const boundary = '----taishan-test-boundary';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename ?? 'file.bin'}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(parts.join('') + head), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function openTestApp(opts: { logStream?: { write(line: string): void } } = {}): Promise<TestApp> {
  const t = await openTestDb();
  const filesDir = mkdtempSync(join(tmpdir(), 'taishan-files-'));
  const keyring = new Keyring(newKeyFile());
  const app = await buildApp({
    db: t.db,
    filesDir,
    keyring,
    logger: !!opts.logStream,
    logStream: opts.logStream,
    // High enough that no suite is throttled; security.test.ts sets its own.
    limits: { login: 100_000, public: 100_000 },
  });
  await makeUser(t.db, { username: 'admin', role: 'platformAdmin' });
  return {
    app,
    db: t.db,
    filesDir,
    keyring,
    inject: (cookie, method, url, payload) =>
      app.inject({ method: method as 'GET', url, headers: cookie ? { cookie } : {}, payload: payload as object }),
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'taishan_session');
      if (!cookie) throw new Error('no session cookie');
      return `taishan_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await t.drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** A valid enterprise body for region `regionCode`; `n` makes the credit code unique. */
export function enterpriseBody(n: number, regionCode: string, extra: Record<string, unknown> = {}) {
  return {
    creditCode: demoCreditCode(n, regionCode.slice(0, 6)),
    name: `测试企业${n}有限公司`,
    regionCode,
    industryCode: '2614',
    ...extra,
  };
}

export const creditCode = demoCreditCode;

/**
 * The standard cast, for a suite that needs the usual people: Zhangjiagang (county 320582) with
 * its town 320582100000 and an enterprise there; Kunshan (320583), a neighbouring county of the
 * same city, as the place whose people must not see Zhangjiagang's rows; Suzhou city; Jiangsu.
 * Each user is logged in; `cookies.<name>` is their cookie, `ids.<name>` their user id.
 */
export const CAST = {
  province: '320000000000',
  city: '320500000000',
  county: '320582000000',
  town: '320582100000',
  otherCounty: '320583000000',
  otherTown: '320583100000',
} as const;

export type CastName = 'admin' | 'ent' | 'staff' | 'grid' | 'town' | 'county' | 'city' | 'province' | 'inspector' | 'kunshan' | 'otherEnt';

export type CastApp = TestApp & {
  cookies: Record<CastName, string>;
  ids: Record<CastName, string>;
  /** The enterprise in CAST.town (ent and staff belong to it) and one in Kunshan (otherEnt's). */
  enterpriseId: string;
  otherEnterpriseId: string;
  /** A department of the county (safety supervision of manufacturing), the inspector's. */
  departmentId: string;
};

export async function openCastApp(opts: { logStream?: { write(line: string): void } } = {}): Promise<CastApp> {
  const t = await openTestApp(opts);
  const admin = await t.login('admin');
  const make = async (body: Record<string, unknown>) => {
    const res = await t.inject(admin, 'POST', '/api/v1/enterprises', body);
    if (res.statusCode !== 201) throw new Error(`cast enterprise: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const enterpriseId = await make(enterpriseBody(9001, CAST.town));
  const otherEnterpriseId = await make(enterpriseBody(9002, CAST.otherTown));
  const departmentId = await makeDepartment(t.db, '张家港市应急管理局', CAST.county, ['C']);
  const specs: Record<Exclude<CastName, 'admin'>, Omit<UserSpec, 'username'>> = {
    ent: { role: 'enterpriseAdmin', enterpriseId },
    staff: { role: 'enterpriseStaff', enterpriseId },
    grid: { role: 'gridWorker', regionCode: CAST.town },
    town: { role: 'townshipSupervisor', regionCode: CAST.town },
    county: { role: 'countySupervisor', regionCode: CAST.county },
    city: { role: 'citySupervisor', regionCode: CAST.city },
    province: { role: 'provinceSupervisor', regionCode: CAST.province },
    inspector: { role: 'departmentInspector', regionCode: CAST.county, departmentId },
    kunshan: { role: 'countySupervisor', regionCode: CAST.otherCounty },
    otherEnt: { role: 'enterpriseAdmin', enterpriseId: otherEnterpriseId },
  };
  const ids = { admin: '' } as Record<CastName, string>;
  const cookies = { admin } as Record<CastName, string>;
  const [adminRow] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin'");
  ids.admin = adminRow?.id ?? '';
  for (const [name, spec] of Object.entries(specs) as [Exclude<CastName, 'admin'>, Omit<UserSpec, 'username'>][]) {
    ids[name] = await makeUser(t.db, { username: `cast-${name}`, ...spec });
    cookies[name] = await t.login(`cast-${name}`);
  }
  return { ...t, cookies, ids, enterpriseId, otherEnterpriseId, departmentId };
}

/**
 * A whistleblower's report as the public page sends it (the proof of work solved), a hazard in a
 * warehouse unless `body` says otherwise; the receipt, or a thrown error when it is not accepted.
 */
export async function submitPublicReport(app: FastifyInstance, body: Record<string, unknown> = {}): Promise<string> {
  const c = (await app.inject({ url: '/api/public/reports/challenge' })).json();
  const res = await app.inject({
    method: 'POST',
    url: '/api/public/reports',
    payload: {
      category: 'hazard',
      description: '仓库消防通道被货物堵死，灭火器过期',
      ...body,
      pow: { challenge: c.challenge, nonce: solve(c.challenge, c.bits) },
    },
  });
  if (res.statusCode !== 201) throw new Error(`public report: ${res.statusCode} ${res.body}`);
  return res.json().receipt as string;
}

/** A multipart/form-data body with one file in the field `file`, as a browser's upload sends it. */
export function multipartFile(filename: string, content: Buffer, contentType: string) {
  const boundary = '----taishan-test-upload';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
