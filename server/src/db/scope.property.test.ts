// Randomised jurisdiction test: ≥ 10,000 API requests by random users of every role against random
// records across regions. The expected visibility is computed here independently of the server's
// scope code, and every answer — read, list, update, delete, create — must agree: zero cross-scope
// reads or writes, and nothing in scope hidden.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Role } from '@taishan/domain';
import fc from 'fast-check';
import { creditCode, makeDepartment, makeUser, openTestApp, type TestApp } from '../test/harness.ts';

type Rec = { id: string; region: string; industry: string; alive: boolean };
type User = { name: string; role: Role; cookie: string; region: string | null; industries: string[] | null; enterpriseId: string | null };

const INDUSTRIES = ['2614', '0610', '4700', '3120', '1713', '5430'];
const GOVERNMENT: Role[] = ['provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor', 'gridWorker'];

/** Independent statement of the rule: who may see a record. */
function visible(u: User, r: Rec): boolean {
  if (!r.alive) return false;
  switch (u.role) {
    case 'platformAdmin':
      return true;
    case 'enterpriseAdmin':
    case 'enterpriseStaff':
      return r.id === u.enterpriseId;
    case 'departmentInspector':
      return r.region.startsWith(significant(u.region ?? 'x')) && (u.industries ?? []).includes(r.industry.slice(0, 2));
    default:
      return r.region.startsWith(significant(u.region ?? 'x'));
  }
}
const significant = (code: string) =>
  code
    .replace(/(000)+$/, '')
    .replace(/^(\d{2})0000$/, '$1')
    .replace(/^(\d{4})00$/, '$1');
const mayWrite = (u: User) =>
  ['platformAdmin', 'provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor', 'enterpriseAdmin'].includes(u.role);
const mayDelete = (u: User) => ['platformAdmin', 'provinceSupervisor', 'citySupervisor', 'countySupervisor'].includes(u.role);
const mayCreate = (u: User) => ['platformAdmin', ...GOVERNMENT.filter((r) => r !== 'gridWorker')].includes(u.role);

describe('jurisdiction scope (property)', () => {
  let t: TestApp;
  const users: User[] = [];
  const recs: Rec[] = [];
  let townships: string[] = [];
  let serial = 1000;
  let requests = 0;

  before(async () => {
    t = await openTestApp();
    // Places: townships of two counties of Suzhou, one of Nanjing, one district of Beijing.
    const counties = ['320582000000', '320583000000', '320102000000', '110101000000'];
    townships = (
      await t.db.query<{ code: string }>(
        "SELECT code FROM regions WHERE parent_code = ANY($1::text[]) AND level = 'township' ORDER BY code",
        [counties],
      )
    ).map((r) => r.code);
    const rand = fc.sample(fc.integer({ min: 0, max: 1_000_000 }), { numRuns: 400, seed: 42 });
    let k = 0;
    const next = (n: number) => (rand[k++ % rand.length] as number) % n;
    for (let i = 0; i < 120; i++) {
      const region = townships[next(townships.length)] as string;
      const industry = INDUSTRIES[next(INDUSTRIES.length)] as string;
      const [row] = await t.db.query<{ id: string }>(
        `INSERT INTO enterprises (credit_code, name, region_code, industry_code) VALUES ($1, $2, $3, $4) RETURNING id`,
        [creditCode(i + 1, region.slice(0, 6)), `企业${i}`, region, industry],
      );
      recs.push({ id: row?.id ?? '', region, industry, alive: true });
    }
    const homes: Record<string, string[]> = {
      provinceSupervisor: ['320000000000', '110000000000'],
      citySupervisor: ['320500000000', '320100000000'],
      countySupervisor: counties,
      townshipSupervisor: townships.slice(0, 6),
      gridWorker: townships.slice(3, 9),
    };
    let n = 0;
    const add = async (role: Role, region: string | null, extra: Partial<User> = {}, departmentId?: string) => {
      const name = `u${n++}`;
      await makeUser(t.db, {
        username: name,
        role,
        regionCode: region,
        enterpriseId: extra.enterpriseId ?? null,
        departmentId: departmentId ?? null,
      });
      users.push({ name, role, cookie: await t.login(name), region, industries: null, enterpriseId: null, ...extra });
    };
    await add('platformAdmin', null);
    for (const [role, regions] of Object.entries(homes)) for (const region of regions) await add(role as Role, region);
    for (const [region, industries] of [
      ['320500000000', ['26', '31']],
      ['320582000000', ['47']],
      ['110101000000', ['06', '26']],
    ] as const) {
      const dept = await makeDepartment(t.db, `部门${region}`, region, [...industries]);
      await add('departmentInspector', region, { industries: [...industries] }, dept);
    }
    for (const r of recs.slice(0, 6)) {
      await add('enterpriseAdmin', r.region, { enterpriseId: r.id });
      await add('enterpriseStaff', r.region, { enterpriseId: r.id });
    }
  });
  after(() => t.close());

  const cmd = fc.record({
    user: fc.nat(),
    rec: fc.nat(),
    op: fc.constantFrom('get', 'get', 'get', 'list', 'patch', 'patch', 'delete', 'create'),
    page: fc.integer({ min: 1, max: 3 }),
    region: fc.nat(),
  });

  test('10,000 random requests: zero cross-scope reads or writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 50, maxLength: 50 }), async (cmds) => {
        for (const c of cmds) {
          const u = users[c.user % users.length] as User;
          const r = recs[c.rec % recs.length] as Rec;
          const headers = { cookie: u.cookie };
          requests++;
          if (c.op === 'get') {
            const res = await t.app.inject({ url: `/api/v1/enterprises/${r.id}`, headers });
            assert.equal(res.statusCode, visible(u, r) ? 200 : 404, `${u.role} ${u.region} GET ${r.region}`);
          } else if (c.op === 'list') {
            const res = await t.app.inject({ url: `/api/v1/enterprises?pageSize=200&page=${c.page}`, headers });
            assert.equal(res.statusCode, 200);
            const body = res.json();
            const expected = recs.filter((x) => visible(u, x));
            assert.equal(body.total, expected.length, `${u.role} ${u.region} list total`);
            const ids = new Set(expected.map((x) => x.id));
            for (const item of body.items) assert.ok(ids.has(item.id), `${u.role} sees out-of-scope ${item.regionCode}`);
          } else if (c.op === 'patch') {
            const phone = `1${String(c.region).padStart(10, '0').slice(-10)}`;
            const res = await t.app.inject({
              method: 'PATCH',
              url: `/api/v1/enterprises/${r.id}`,
              headers,
              payload: { contactPhone: phone },
            });
            const [row] = await t.db.query<{ contact_phone: string | null }>('SELECT contact_phone FROM enterprises WHERE id = $1', [r.id]);
            if (!visible(u, r)) {
              assert.equal(res.statusCode, 404, `${u.role} PATCH out of scope`);
              if (row) assert.notEqual(row.contact_phone, phone === row.contact_phone ? '' : phone);
            } else {
              assert.equal(res.statusCode, mayWrite(u) ? 200 : 403, `${u.role} PATCH in scope`);
              if (mayWrite(u)) assert.equal(row?.contact_phone, phone);
            }
          } else if (c.op === 'delete') {
            const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/enterprises/${r.id}`, headers });
            const exists = (await t.db.query('SELECT 1 FROM enterprises WHERE id = $1', [r.id])).length > 0;
            if (!visible(u, r)) {
              assert.equal(res.statusCode, 404);
              assert.equal(exists, r.alive);
            } else if (!mayDelete(u)) {
              assert.equal(res.statusCode, 403);
              assert.equal(exists, true);
            } else if (res.statusCode === 409) {
              assert.equal(exists, true); // still referenced by an enterprise account
            } else {
              assert.equal(res.statusCode, 204);
              assert.equal(exists, false);
              r.alive = false;
            }
          } else {
            const region = townships[c.region % townships.length] as string;
            const industry = INDUSTRIES[c.region % INDUSTRIES.length] as string;
            const code = creditCode(++serial, region.slice(0, 6));
            const res = await t.app.inject({
              method: 'POST',
              url: '/api/v1/enterprises',
              headers,
              payload: { creditCode: code, name: `新企业${serial}`, regionCode: region, industryCode: industry },
            });
            const probe: Rec = { id: '', region, industry, alive: true };
            const allowed = mayCreate(u) && visible({ ...u, role: u.role }, probe);
            const [row] = await t.db.query<{ id: string }>('SELECT id FROM enterprises WHERE credit_code = $1', [code]);
            assert.equal(res.statusCode, allowed ? 201 : 403, `${u.role} ${u.region} create in ${region}`);
            assert.equal(Boolean(row), allowed);
            if (row) recs.push({ id: row.id, region, industry, alive: true });
          }
        }
      }),
      { numRuns: 200, seed: 20261123, endOnFailure: true, includeErrorInReport: true },
    );
    assert.ok(requests >= 10_000, `${requests} requests`);
  });

  test('second wall: with the first wall skipped, row-level security still hides other regions', async () => {
    const { withScope } = await import('./scope.ts');
    const rows = await withScope(t.db, { regionPrefix: '320582', industries: null, enterpriseId: null }, (tx) =>
      tx.query<{ region_code: string }>('SELECT region_code FROM enterprises'),
    );
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.region_code.startsWith('320582')));
    const updated = await withScope(t.db, { regionPrefix: '320582', industries: null, enterpriseId: null }, (tx) =>
      tx.query<{ id: string }>("UPDATE enterprises SET name = name WHERE region_code NOT LIKE '320582%' RETURNING id"),
    );
    assert.equal(updated.length, 0);
    await assert.rejects(
      withScope(t.db, { regionPrefix: '320582', industries: null, enterpriseId: null }, (tx) =>
        tx.query("INSERT INTO enterprises (credit_code, name, region_code, industry_code) VALUES ('X', 'x', '110101000000', '26')"),
      ),
      /row-level security/,
    );
    const { readScoped } = await import('./scope.ts');
    const county = { regionPrefix: '320582', industries: null, enterpriseId: null };
    const read = await readScoped(t.db, county, (tx) => tx.query<{ region_code: string }>('SELECT region_code FROM enterprises'));
    assert.ok(read.length > 0 && read.every((r) => r.region_code.startsWith('320582')));
    await assert.rejects(
      readScoped(t.db, county, (tx) => tx.query("UPDATE enterprises SET name = name WHERE region_code LIKE '320582%'")),
      /read-only/,
    );
    // The pinned read connection, reused by another scope, takes that scope and not the last one.
    const beijing = await readScoped(t.db, { regionPrefix: '11', industries: null, enterpriseId: null }, (tx) =>
      tx.query<{ region_code: string }>('SELECT region_code FROM enterprises'),
    );
    assert.ok(beijing.every((r) => r.region_code.startsWith('11')));
    const industryRows = await withScope(t.db, { regionPrefix: '', industries: ['47'], enterpriseId: null }, (tx) =>
      tx.query<{ industry_code: string }>('SELECT industry_code FROM enterprises'),
    );
    assert.ok(industryRows.every((r) => r.industry_code.startsWith('47')));
  });
});
