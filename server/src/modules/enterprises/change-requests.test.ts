// 企业监管要素变更申请 (issue 22, item 6): an enterprise admin could change its own industry,
// high-risk fields and employees, leaving its industry inspector's view and clearing the
// safety-director flag. Now it asks; its county (for a move, the receiving county) confirms.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type CastApp, enterpriseBody, makeDepartment, makeUser, openCastApp } from '../../test/harness.ts';

const COUNTY = '320582000000'; // 张家港市
const TOWN = '320582100000';
const KUNSHAN = '320583000000';
const KUNSHAN_TOWN = '320583100000';
const CHANGSHU = '320581000000';

describe('enterprise change requests (监管要素变更申请)', () => {
  let t: CastApp;
  const c: Record<string, string> = {};
  const inject = async (user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: c[user] as string }, ...(payload ? { payload } : {}) });
  const audits = async (action: string, entityId: string) =>
    (
      await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND entity_id = $2', [
        action,
        entityId,
      ])
    )[0]?.n;
  const row = async (id: string) =>
    (
      await t.db.query<Record<string, unknown>>(
        'SELECT region_code, industry_code, high_risk, employees, revenue_wan, lacks_safety_director, version FROM enterprises WHERE id = $1',
        [id],
      )
    )[0];
  const notices = async (username: string, kind: string) =>
    t.db.query<{ title: string; link: string | null }>(
      'SELECT n.title, n.link FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.kind = $2',
      [CAST_USERNAMES[username] ?? username, kind],
    );

  /** A chemical enterprise of 150 people without a safety director (flagged), with its own admin. */
  async function chemical(n: number) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: { cookie: c.admin as string },
      payload: enterpriseBody(n, TOWN, { employees: 150, highRisk: ['hazardousChemicals'] }),
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id as string;
    await makeUser(t.db, { username: `ent${n}`, role: 'enterpriseAdmin', enterpriseId: id });
    c[`ent${n}`] = await t.login(`ent${n}`);
    return id;
  }

  /** The standard cast's people this suite names (their usernames in the cast), and two more. */
  const CAST_USERNAMES: Record<string, string> = { county: 'cast-county', kunshan: 'cast-kunshan', town: 'cast-town', city: 'cast-city' };
  before(async () => {
    t = await openCastApp();
    for (const name of ['admin', 'county', 'kunshan', 'town', 'city'] as const) c[name] = t.cookies[name];
    const dept = await makeDepartment(t.db, '危化品科', '320500000000', ['26']);
    const users: Parameters<typeof makeUser>[1][] = [
      { username: 'changshu', role: 'countySupervisor', regionCode: CHANGSHU },
      { username: 'chem', role: 'departmentInspector', regionCode: '320500000000', departmentId: dept },
    ];
    for (const u of users) {
      await makeUser(t.db, u);
      c[u.username] = await t.login(u.username);
    }
  });
  after(() => t.close());

  test('the enterprise cannot change its supervision fields itself: 403 naming the way, nothing changes', async () => {
    const id = await chemical(1);
    const before = await row(id);
    const attempts: [string, unknown][] = [
      ['industryCode', '4700'],
      ['highRisk', []],
      ['employees', 20],
      ['revenueWan', 10],
      ['regionCode', '320582101000'],
    ];
    for (const [field, value] of attempts) {
      const res = await inject('ent1', 'PATCH', `/api/v1/enterprises/${id}`, { [field]: value, safetyDirector: null });
      assert.equal(res.statusCode, 403, `${field}: ${res.body}`);
      const err = res.json().error;
      assert.match(err.message, /变更申请/);
      assert.ok(err.fields[field], `${field} is named`);
    }
    assert.deepEqual(await row(id), before, 'nothing written');
    assert.equal(await audits('enterprise.update', id), 0);
    // The same values again, and fields that do not decide supervision, are still the enterprise's.
    const ok = await inject('ent1', 'PATCH', `/api/v1/enterprises/${id}`, {
      employees: 150,
      highRisk: ['hazardousChemicals'],
      contactPhone: '0512-1234567',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().lacksSafetyDirector, true);
    // The department still sees it; a regulator changes the fields directly.
    assert.equal((await inject('chem', 'GET', `/api/v1/enterprises/${id}`)).statusCode, 200);
    const byTown = await inject('town', 'PATCH', `/api/v1/enterprises/${id}`, { employees: 160 });
    assert.equal(byTown.statusCode, 200, byTown.body);
  });

  test('request → the county approves: the fields change, the flag follows, every step audited and told', async () => {
    const id = await chemical(2);
    const res = await inject('ent2', 'POST', `/api/v1/enterprises/${id}/change-requests`, {
      changes: { industryCode: '4700', highRisk: [], employees: 80 },
      reason: '已转产为建筑施工',
    });
    assert.equal(res.statusCode, 201, res.body);
    const req = res.json();
    assert.equal(req.status, 'pending');
    assert.deepEqual(req.allowedActions, ['withdraw']);
    assert.deepEqual(req.changes, { industryCode: '4700', highRisk: [], employees: 80 });
    assert.deepEqual(req.before, { industryCode: '2614', highRisk: ['hazardousChemicals'], employees: 150 });
    assert.equal(req.confirmRegionCode, COUNTY);
    assert.equal(await audits('enterpriseChange.request', id), 1);
    assert.deepEqual(
      (await notices('county', 'enterpriseChangeRequested')).map((n) => n.link),
      ['/enterprises/changes?toConfirm=true'],
    );
    // Nothing has changed yet.
    assert.equal((await row(id))?.industry_code, '2614');
    // One request at a time.
    const again = await inject('ent2', 'POST', `/api/v1/enterprises/${id}/change-requests`, {
      changes: { employees: 70 },
      reason: '再减员',
    });
    assert.equal(again.statusCode, 409);

    // The county sees it waiting for it; the township sees it but does not decide; another county sees nothing.
    const mine = (await inject('county', 'GET', '/api/v1/enterprise-change-requests?toConfirm=true')).json();
    assert.deepEqual(
      mine.items.map((x: { id: string }) => x.id),
      [req.id],
    );
    assert.deepEqual(mine.items[0].allowedActions, ['approve', 'reject']);
    const town = (await inject('town', 'GET', `/api/v1/enterprise-change-requests?enterpriseId=${id}`)).json();
    assert.deepEqual(town.items[0].allowedActions, []);
    assert.equal((await inject('town', 'POST', `/api/v1/enterprise-change-requests/${req.id}/approve`, {})).statusCode, 403);
    assert.equal((await inject('kunshan', 'GET', '/api/v1/enterprise-change-requests')).json().total, 0);
    assert.equal((await inject('kunshan', 'POST', `/api/v1/enterprise-change-requests/${req.id}/approve`, {})).statusCode, 404);
    assert.equal((await inject('ent2', 'POST', `/api/v1/enterprise-change-requests/${req.id}/approve`, {})).statusCode, 403);
    assert.equal((await row(id))?.industry_code, '2614');

    const ok = await inject('county', 'POST', `/api/v1/enterprise-change-requests/${req.id}/approve`, { note: '核实属实' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'approved');
    assert.deepEqual(ok.json().allowedActions, []);
    const after = await row(id);
    assert.equal(after?.industry_code, '4700');
    assert.deepEqual(after?.high_risk, []);
    assert.equal(after?.employees, 80);
    assert.equal(after?.lacks_safety_director, false);
    assert.equal(await audits('enterpriseChange.approve', id), 1);
    assert.equal((await notices('ent2', 'enterpriseChangeDecided')).length, 1);
    // Now (and only now, confirmed by the county) it leaves the chemical department's view.
    assert.equal((await inject('chem', 'GET', `/api/v1/enterprises/${id}`)).statusCode, 404);
    // A decided request is decided.
    assert.equal((await inject('county', 'POST', `/api/v1/enterprise-change-requests/${req.id}/reject`, { note: 'x' })).statusCode, 409);
  });

  test('a move: only the receiving county confirms; the county it leaves is told and no longer sees it', async () => {
    const id = await chemical(3);
    const res = await inject('ent3', 'POST', `/api/v1/enterprises/${id}/change-requests`, {
      changes: { regionCode: KUNSHAN_TOWN },
      reason: '整体搬迁至昆山',
    });
    assert.equal(res.statusCode, 201, res.body);
    const req = res.json();
    assert.equal(req.confirmRegionCode, KUNSHAN);
    assert.equal((await notices('kunshan', 'enterpriseChangeRequested')).length, 1);
    // The county it leaves sees the request and cannot decide; a third county sees nothing.
    const old = (await inject('county', 'GET', `/api/v1/enterprise-change-requests?enterpriseId=${id}`)).json();
    assert.deepEqual(old.items[0].allowedActions, []);
    assert.equal((await inject('county', 'GET', '/api/v1/enterprise-change-requests?toConfirm=true')).json().total, 0);
    assert.equal((await inject('county', 'POST', `/api/v1/enterprise-change-requests/${req.id}/approve`, {})).statusCode, 403);
    assert.equal((await inject('changshu', 'GET', '/api/v1/enterprise-change-requests')).json().total, 0);
    assert.equal((await inject('changshu', 'POST', `/api/v1/enterprise-change-requests/${req.id}/approve`, {})).statusCode, 404);
    // Kunshan cannot see the enterprise yet, but sees and confirms the request.
    assert.equal((await inject('kunshan', 'GET', `/api/v1/enterprises/${id}`)).statusCode, 404);
    const waiting = (await inject('kunshan', 'GET', '/api/v1/enterprise-change-requests?toConfirm=true')).json();
    assert.equal(waiting.total, 1);
    assert.equal(waiting.items[0].enterpriseName, '测试企业3有限公司');
    const ok = await inject('kunshan', 'POST', `/api/v1/enterprise-change-requests/${req.id}/approve`, {});
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await row(id))?.region_code, KUNSHAN_TOWN);
    assert.equal((await inject('kunshan', 'GET', `/api/v1/enterprises/${id}`)).statusCode, 200);
    assert.equal((await inject('county', 'GET', `/api/v1/enterprises/${id}`)).statusCode, 404);
    const told = await notices('county', 'enterpriseMovedOut');
    assert.equal(told.length, 1);
    assert.match(told[0]?.title ?? '', /测试企业3有限公司.*迁出/);
    assert.equal((await notices('kunshan', 'enterpriseMovedOut')).length, 0);
    const [audit] = await t.db.query<{ region_code: string }>(
      "SELECT region_code FROM audit_events WHERE action = 'enterpriseChange.approve' AND entity_id = $1",
      [id],
    );
    assert.equal(audit?.region_code, KUNSHAN_TOWN);
  });

  test('reject needs a reason and changes nothing; the enterprise withdraws; the city above decides too', async () => {
    const id = await chemical(4);
    const ask = async (employees: number) => {
      const res = await inject('ent4', 'POST', `/api/v1/enterprises/${id}/change-requests`, { changes: { employees }, reason: '人员变动' });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const first = await ask(90);
    const noReason = await inject('county', 'POST', `/api/v1/enterprise-change-requests/${first}/reject`, {});
    assert.equal(noReason.statusCode, 400);
    assert.ok(noReason.json().error.fields.note);
    const rejected = await inject('county', 'POST', `/api/v1/enterprise-change-requests/${first}/reject`, { note: '社保名册仍为 150 人' });
    assert.equal(rejected.statusCode, 200);
    assert.equal(rejected.json().status, 'rejected');
    assert.equal((await row(id))?.employees, 150);
    assert.equal(await audits('enterpriseChange.reject', id), 1);

    const second = await ask(95);
    assert.equal((await inject('county', 'POST', `/api/v1/enterprise-change-requests/${second}/withdraw`, {})).statusCode, 403);
    const withdrawn = await inject('ent4', 'POST', `/api/v1/enterprise-change-requests/${second}/withdraw`, {});
    assert.equal(withdrawn.statusCode, 200);
    assert.equal(withdrawn.json().status, 'withdrawn');
    assert.equal((await inject('county', 'POST', `/api/v1/enterprise-change-requests/${second}/approve`, {})).statusCode, 409);
    assert.equal(await audits('enterpriseChange.withdraw', id), 1);
    assert.equal((await row(id))?.employees, 150);

    const third = await ask(99);
    const byCity = await inject('city', 'POST', `/api/v1/enterprise-change-requests/${third}/approve`, {});
    assert.equal(byCity.statusCode, 200, byCity.body);
    assert.equal((await row(id))?.employees, 99);
    assert.equal((await row(id))?.lacks_safety_director, false);
  });

  test('bad requests: 400 with field messages, nothing written; only the enterprise’s own admin asks', async () => {
    const id = await chemical(5);
    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise_change_requests'))[0]?.n;
    const before = await count();
    const cases: [object, string][] = [
      [{ changes: {}, reason: '无' }, 'changes'],
      [{ changes: { employees: 150 }, reason: '相同' }, 'changes'],
      [{ changes: { industryCode: '9999' }, reason: '无' }, 'changes.industryCode'],
      [{ changes: { regionCode: '329999000000' }, reason: '无' }, 'regionCode'],
      [{ changes: { employees: 10 } }, 'reason'],
      [{ changes: { name: '改名' }, reason: '无' }, 'changes'],
    ];
    for (const [body, field] of cases) {
      const res = await inject('ent5', 'POST', `/api/v1/enterprises/${id}/change-requests`, body);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      const fields = res.json().error.fieldMessages ?? {};
      assert.ok(
        Object.keys(fields).some((k) => k.startsWith(field)),
        `${field} in ${JSON.stringify(fields)}`,
      );
      for (const m of Object.values(fields) as { zh: string; en: string }[]) assert.ok(m.zh && m.en);
    }
    assert.equal(
      (await inject('county', 'POST', `/api/v1/enterprises/${id}/change-requests`, { changes: { employees: 1 }, reason: 'x' })).statusCode,
      403,
    );
    assert.equal(
      (await inject('ent1', 'POST', `/api/v1/enterprises/${id}/change-requests`, { changes: { employees: 1 }, reason: 'x' })).statusCode,
      404,
    );
    assert.equal(await count(), before);
  });

  test('the workbench of the confirming county counts what its list shows', async () => {
    const id = await chemical(6);
    await inject('ent6', 'POST', `/api/v1/enterprises/${id}/change-requests`, { changes: { revenueWan: 100 }, reason: '营收下降' });
    for (const user of ['county', 'kunshan', 'city', 'town', 'ent6']) {
      const wb = (await inject(user, 'GET', '/api/v1/workbench')).json();
      const item = wb.items.find((i: { kind: string }) => i.kind === 'enterpriseChanges.toConfirm');
      if (user === 'town' || user === 'ent6') {
        assert.equal(item, undefined, user);
        continue;
      }
      const list = (await inject(user, 'GET', `${item.apiPath}?${new URLSearchParams(item.query)}`)).json();
      assert.equal(item.count, list.total, user);
      assert.equal(item.count, user === 'kunshan' ? 0 : 1, user);
    }
  });
});
