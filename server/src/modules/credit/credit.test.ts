// Credit files through the HTTP API: an enterprise reads only its own file, regulators those of
// their jurisdiction (a sibling county gets 404); commitments signed once a year and broken ones
// lowering the level with a history row; intermediaries in scope with their reports, a false one
// lowering the agency's level; the partner query (401 without or with a bad or revoked key, the
// answer with a valid one, every query logged, 429 over the key's rate); bad input is a bilingual
// 400 with nothing written; the 工作台's counts equal their lists' totals; a listing (when the
// blacklist's table is there) flags the directory, raises the class to D and answers listed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withScope } from '../../db/scope.ts';
import { CAST, type CastApp, creditCode, openCastApp } from '../../test/harness.ts';
import { currentObjects } from '../enforcement/draws-store.ts';
import { hasBlacklist, recomputeAllCredit } from './level-store.ts';

const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4));

describe('credit files', () => {
  let t: CastApp;
  before(async () => {
    t = await openCastApp();
  });
  after(() => t.close());

  const file = (who: keyof CastApp['cookies'], id: string) => t.inject(t.cookies[who], 'GET', `/api/v1/credit/files/enterprises/${id}`);

  test('the enterprise reads its own file only; regulators those in their jurisdiction', async () => {
    const own = await file('ent', t.enterpriseId);
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().uscc, creditCode(9001, CAST.town.slice(0, 6)));
    assert.equal((await file('ent', t.otherEnterpriseId)).statusCode, 404);
    assert.equal((await file('otherEnt', t.enterpriseId)).statusCode, 404);
    assert.equal((await file('county', t.enterpriseId)).statusCode, 200);
    assert.equal((await file('city', t.enterpriseId)).statusCode, 200);
    assert.equal((await file('kunshan', t.enterpriseId)).statusCode, 404);
    const list = await t.inject(t.cookies.kunshan, 'GET', '/api/v1/credit/files');
    assert.deepEqual(
      list.json().items.map((i: { enterpriseId: string }) => i.enterpriseId),
      [t.otherEnterpriseId],
    );
    const entList = await t.inject(t.cookies.ent, 'GET', '/api/v1/credit/files');
    assert.equal(entList.json().total, 1);
  });

  test('commitments: signed once a year, shown on the file; a broken one lowers the level with a history row', async () => {
    // The directory's create computed the level: nothing on file but an unsigned year → 95, A.
    let f = (await file('county', t.enterpriseId)).json();
    assert.equal(f.level, 'A');
    assert.equal(f.score, 95);
    assert.equal(f.commitmentSigned, false);
    const sign = await t.inject(t.cookies.ent, 'POST', '/api/v1/credit/commitments', {
      year: YEAR,
      signer: '王建国',
      signerTitle: '总经理',
    });
    assert.equal(sign.statusCode, 201, sign.body);
    assert.match(sign.json().text, new RegExp(`${YEAR}年度安全生产承诺书`));
    assert.equal((await t.inject(t.cookies.ent, 'POST', '/api/v1/credit/commitments', { year: YEAR, signer: '王建国' })).statusCode, 409);
    const past = await t.inject(t.cookies.ent, 'POST', '/api/v1/credit/commitments', { year: YEAR - 2, signer: '王建国' });
    assert.equal(past.statusCode, 400);
    f = (await file('ent', t.enterpriseId)).json();
    assert.equal(f.score, 100);
    assert.equal(f.commitmentSigned, true);
    assert.ok(f.events.some((e: { kind: string }) => e.kind === 'commitment'));
    // The enterprise may not record its own breach.
    const body = { enterpriseId: t.enterpriseId, year: YEAR, reason: '未按承诺落实隐患整改，重大隐患逾期', occurredOn: `${YEAR}-01-02` };
    assert.equal((await t.inject(t.cookies.ent, 'POST', '/api/v1/credit/commitments/breaches', body)).statusCode, 403);
    assert.equal((await t.inject(t.cookies.kunshan, 'POST', '/api/v1/credit/commitments/breaches', body)).statusCode, 404);
    const b1 = await t.inject(t.cookies.county, 'POST', '/api/v1/credit/commitments/breaches', body);
    assert.equal(b1.statusCode, 201, b1.body);
    f = (await file('county', t.enterpriseId)).json();
    assert.equal(f.score, 85);
    assert.equal(f.level, 'B');
    assert.deepEqual(
      f.history.map((h: { fromLevel: string | null; toLevel: string }) => [h.fromLevel, h.toLevel]),
      [
        ['A', 'B'],
        [null, 'A'],
      ],
    );
    assert.match(f.history[0].cause, /违背/);
    const audit = await t.db.query<{ action: string }>("SELECT action FROM audit_events WHERE action LIKE 'credit.%' ORDER BY seq");
    assert.deepEqual(
      audit.map((a) => a.action),
      ['credit.commitmentSign', 'credit.commitmentBreach'],
    );
  });

  test('bad input is a bilingual 400 and writes nothing', async () => {
    const before = await t.db.query('SELECT 1 FROM commitment_breaches');
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/credit/commitments/breaches', {
      enterpriseId: t.enterpriseId,
      year: 'x',
      reason: '短',
      occurredOn: '2026-13-01',
    });
    assert.equal(res.statusCode, 400);
    const fields = res.json().error.fieldMessages;
    assert.ok(fields.reason.zh && fields.reason.en, res.body);
    assert.ok(fields.occurredOn.zh && fields.occurredOn.en);
    assert.ok(fields.year.zh);
    assert.equal((await t.db.query('SELECT 1 FROM commitment_breaches')).length, before.length);
    const bad = await t.inject(t.cookies.county, 'POST', '/api/v1/credit/intermediaries', { name: '某', uscc: '123', kind: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fieldMessages.uscc.en);
    assert.equal((await t.db.query('SELECT 1 FROM intermediaries')).length, 0);
  });

  test('intermediaries in scope; a report found false lowers the agency to C', async () => {
    const body = {
      name: '苏州安泰安全评价有限公司',
      uscc: creditCode(7001, '320582'),
      kind: 'evaluation',
      regionCode: CAST.county,
      qualificationNumber: 'APJ-(苏)-001',
      staff: [{ name: '李安全', qualificationNumber: 'S011032000110192000001' }],
    };
    assert.equal((await t.inject(t.cookies.kunshan, 'POST', '/api/v1/credit/intermediaries', body)).statusCode, 400, 'outside its county');
    assert.equal((await t.inject(t.cookies.ent, 'POST', '/api/v1/credit/intermediaries', body)).statusCode, 403);
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/credit/intermediaries', body);
    assert.equal(res.statusCode, 201, res.body);
    const agency = res.json();
    assert.equal(agency.level, 'A');
    assert.equal((await t.inject(t.cookies.county, 'POST', '/api/v1/credit/intermediaries', body)).statusCode, 400, 'same code twice');
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/credit/intermediaries/${agency.id}`)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.city, 'GET', '/api/v1/credit/intermediaries')).json().total, 1);
    const rep = await t.inject(t.cookies.county, 'POST', `/api/v1/credit/intermediaries/${agency.id}/reports`, {
      enterpriseId: t.enterpriseId,
      enterpriseName: '测试企业9001有限公司',
      title: '安全现状评价报告',
      reportDate: `${YEAR}-03-01`,
      conclusion: 'pass',
    });
    assert.equal(rep.statusCode, 201, rep.body);
    const pub = await t.inject('', 'GET', '/api/v1/public/credit/reports');
    assert.equal(pub.json().total, 1);
    const fal = await t.inject(t.cookies.county, 'POST', `/api/v1/credit/reports/${rep.json().id}/false`, { reason: '现场检测数据系编造' });
    assert.equal(fal.statusCode, 200, fal.body);
    const f = (await t.inject(t.cookies.county, 'GET', `/api/v1/credit/files/intermediaries/${agency.id}`)).json();
    assert.equal(f.score, 70);
    assert.equal(f.level, 'C');
    assert.ok(f.events.some((e: { kind: string }) => e.kind === 'falseReport'));
    const upd = await t.inject(t.cookies.county, 'PUT', `/api/v1/credit/intermediaries/${agency.id}`, {
      ...body,
      name: '苏州安泰评价有限公司',
      version: 1,
    });
    assert.equal(upd.statusCode, 200, upd.body);
    assert.equal(
      (await t.inject(t.cookies.county, 'PUT', `/api/v1/credit/intermediaries/${agency.id}`, { ...body, version: 1 })).statusCode,
      409,
    );
    assert.equal((await t.inject(t.cookies.county, 'DELETE', `/api/v1/credit/intermediaries/${agency.id}`)).statusCode, 200);
    assert.equal((await t.inject(t.cookies.city, 'GET', '/api/v1/credit/intermediaries')).json().total, 0);
  });

  test('partner query: 401 without a key, with a bad or revoked one; answers and logs with a valid one; 429 over its rate', async () => {
    assert.equal((await t.inject(t.cookies.county, 'POST', '/api/v1/credit/partner-keys', { name: '市发改委' })).statusCode, 403);
    const issued = await t.inject(t.cookies.admin, 'POST', '/api/v1/credit/partner-keys', { name: '市发改委信用平台', perMinute: 3 });
    assert.equal(issued.statusCode, 201, issued.body);
    const { key, partnerKey } = issued.json();
    assert.match(key, /^tsk_/);
    const stored = await t.db.query<{ key_hash: string }>('SELECT key_hash FROM partner_keys');
    assert.ok(!JSON.stringify(stored).includes(key), 'only the hash is kept');
    const uscc = creditCode(9001, CAST.town.slice(0, 6));
    const ask = (headers: Record<string, string>, code = uscc) =>
      t.app.inject({ method: 'GET', url: `/api/v1/partner/credit?uscc=${code}`, headers });
    assert.equal((await ask({})).statusCode, 401);
    assert.equal((await ask({ authorization: 'Bearer tsk_nope' })).statusCode, 401);
    const ok = await ask({ authorization: `Bearer ${key}` });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().known, true);
    assert.equal(ok.json().listed, false);
    assert.equal(ok.json().creditLevel, 'B');
    const badCode = await ask({ 'x-api-key': key }, '123');
    assert.equal(badCode.statusCode, 400);
    assert.ok(badCode.json().error.fieldMessages.uscc.zh);
    const unknown = await ask({ 'x-api-key': key }, creditCode(5555, '110101'));
    assert.equal(unknown.json().known, false);
    assert.equal((await ask({ 'x-api-key': key })).statusCode, 429, 'the fourth in a minute');
    const log = await t.db.query<{ outcome: string; key_id: string | null }>('SELECT outcome, key_id FROM partner_queries ORDER BY id');
    assert.deepEqual(
      log.map((l) => l.outcome),
      ['unauthorized', 'unauthorized', 'ok', 'invalid', 'ok', 'rateLimited'],
    );
    const keys = (await t.inject(t.cookies.admin, 'GET', '/api/v1/credit/partner-keys')).json().items;
    // Two answered and the throttled one, which is logged against its key.
    assert.equal(log.at(-1)?.key_id, partnerKey.id);
    assert.equal(keys[0].queries, 3);
    const rev = await t.inject(t.cookies.admin, 'POST', `/api/v1/credit/partner-keys/${partnerKey.id}/revoke`);
    assert.equal(rev.statusCode, 200, rev.body);
    assert.deepEqual(rev.json().allowedActions, []);
    // A second key at a high rate shows the revoked one is refused on its own account.
    const other = (await t.inject(t.cookies.admin, 'POST', '/api/v1/credit/partner-keys', { name: '银保监分局', perMinute: 100 })).json();
    assert.equal((await ask({ authorization: `Bearer ${other.key}` })).statusCode, 200);
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE action LIKE 'credit.partnerKey%' ORDER BY seq",
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['credit.partnerKeyIssue', 'credit.partnerKeyRevoke', 'credit.partnerKeyIssue'],
    );
  });

  test('a revoked key is refused with 401 (its rate not yet reached)', async () => {
    const issued = (
      await t.inject(t.cookies.admin, 'POST', '/api/v1/credit/partner-keys', { name: '人民银行支行', perMinute: 100 })
    ).json();
    const ask = () =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/partner/credit?uscc=${creditCode(9001, '320582')}`,
        headers: { authorization: `Bearer ${issued.key}` },
      });
    assert.equal((await ask()).statusCode, 200);
    await t.inject(t.cookies.admin, 'POST', `/api/v1/credit/partner-keys/${issued.partnerKey.id}/revoke`);
    const res = await ask();
    assert.equal(res.statusCode, 401);
    assert.match(res.json().error.message, /吊销/);
    const [last] = await t.db.query<{ outcome: string }>('SELECT outcome FROM partner_queries ORDER BY id DESC LIMIT 1');
    assert.equal(last?.outcome, 'revoked');
  });

  test('工作台: counts equal their lists; the enterprise sees its unsigned commitment', async () => {
    const count = async (who: 'ent' | 'otherEnt' | 'county' | 'kunshan') => {
      const res = await t.inject(t.cookies[who], 'GET', '/api/v1/workbench');
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as { kind: string; apiPath: string; query: Record<string, string>; count: number }[]).filter((i) =>
        i.kind.startsWith('credit.'),
      );
    };
    for (const who of ['otherEnt', 'ent', 'county', 'kunshan'] as const) {
      const items = await count(who);
      for (const item of items) {
        const qs = new URLSearchParams(item.query as Record<string, string>).toString();
        const list = await t.inject(t.cookies[who], 'GET', `${item.apiPath}?${qs}`);
        assert.equal(list.json().total, item.count, `${who} ${item.kind}`);
      }
      if (who === 'otherEnt') assert.equal(items[0]?.count, 1, 'not signed this year');
      if (who === 'ent') assert.equal(items[0]?.count, 0, 'signed');
    }
  });

  test('a listed enterprise: flagged in the directory, class D, listed to partners, level D', async (ctx) => {
    if (!(await hasBlacklist(t.db))) return ctx.skip('the blacklist table (migration 039) is not in this database yet');
    await t.db.query(
      `INSERT INTO credit_blacklist_entries (subject_type, enterprise_id, subject_name, subject_uscc, reason, source_type, source_ref,
         status, listed_at, expires_at, region_code)
       VALUES ('unit', $1, '测试企业9002有限公司', $3, 'concealedAccident', 'manual', '测试', 'listed', now() - interval '1 day',
               now() + interval '3 years' - interval '1 day', $2)`,
      [t.otherEnterpriseId, CAST.otherTown, creditCode(9002, CAST.otherTown.slice(0, 6))],
    );
    const res = await recomputeAllCredit(t.db);
    assert.ok(res.computed >= 2);
    const f = (await file('kunshan', t.otherEnterpriseId)).json();
    assert.equal(f.level, 'D');
    assert.equal(f.listed, true);
    const dir = await t.inject(t.cookies.kunshan, 'GET', `/api/v1/enterprises/${t.otherEnterpriseId}`);
    assert.equal(dir.json().listed, true);
    const cls = await t.inject(t.cookies.kunshan, 'POST', '/api/v1/enforcement/classes/recompute', { enterpriseId: t.otherEnterpriseId });
    assert.equal(cls.statusCode, 200, cls.body);
    const c = await t.inject(t.cookies.kunshan, 'GET', `/api/v1/enforcement/classes/${t.otherEnterpriseId}`);
    assert.equal(c.json().class, 'D');
    // A class set lower by hand does not lower its draw weight: the draw lists it as D.
    await t.db.query("UPDATE enterprise_classes SET override_class = 'A' WHERE enterprise_id = $1", [t.otherEnterpriseId]);
    const scope = { regionPrefix: '320583', industries: null, enterpriseId: null };
    const objects = await withScope(t.db, scope, (tx) => currentObjects(tx, '320583', {}, { A: 1, B: 2, C: 4, D: 8 }));
    const drawn = objects.find((o) => o.enterpriseId === t.otherEnterpriseId);
    assert.deepEqual([drawn?.class, drawn?.weight], ['D', 8]);
    const key = (await t.inject(t.cookies.admin, 'POST', '/api/v1/credit/partner-keys', { name: '税务局' })).json().key;
    const ans = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner/credit?uscc=${creditCode(9002, CAST.otherTown.slice(0, 6))}`,
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(ans.json().listed, true, ans.body);
    assert.equal(ans.json().creditLevel, 'D');
    assert.match(ans.json().reason, /瞒报/);
    assert.ok(ans.json().listedSince);
  });
  test('a listed agency: answered as listed by its code, kept in the directory; a staff member’s entry does not list it', async (ctx) => {
    if (!(await hasBlacklist(t.db))) return ctx.skip('the blacklist table (migration 039) is not in this database yet');
    const uscc = creditCode(7002, '320582');
    const made = await t.inject(t.cookies.county, 'POST', '/api/v1/credit/intermediaries', {
      name: '苏州恒检检测有限公司',
      uscc,
      kind: 'testing',
      regionCode: CAST.county,
      qualificationNumber: 'JC-(苏)-002',
      staff: [],
    });
    assert.equal(made.statusCode, 201, made.body);
    const agency = made.json();
    const key = (await t.inject(t.cookies.admin, 'POST', '/api/v1/credit/partner-keys', { name: '住建局' })).json().key;
    const ask = async () =>
      (
        await t.app.inject({ method: 'GET', url: `/api/v1/partner/credit?uscc=${uscc}`, headers: { authorization: `Bearer ${key}` } })
      ).json();
    // A staff member of the agency listed as a person: the agency itself is not listed by it.
    await t.db.query(
      `INSERT INTO credit_blacklist_entries (subject_type, intermediary_id, subject_name, person_name, person_id_number, reason,
         source_type, source_ref, status, listed_at, expires_at, region_code)
       VALUES ('person', $1, '王检测', '王检测', '320582199001011234', 'agencyFraud', 'manual', '测试', 'listed',
               now() - interval '1 day', now() + interval '3 years', $2)`,
      [agency.id, CAST.county],
    );
    assert.equal((await ask()).listed, false, "a person's entry listed the agency");
    assert.equal((await t.inject(t.cookies.county, 'GET', `/api/v1/credit/files/intermediaries/${agency.id}`)).json().listed, false);
    // The agency listed by its code: deleting it from the directory is refused, and partners still hear it is listed.
    await t.db.query(
      `INSERT INTO credit_blacklist_entries (subject_type, intermediary_id, subject_name, subject_uscc, reason, source_type, source_ref,
         status, listed_at, expires_at, region_code)
       VALUES ('agency', $1, '苏州恒检检测有限公司', $2, 'agencyFraud', 'manual', '测试', 'listed', now() - interval '1 day',
               now() + interval '3 years', $3)`,
      [agency.id, uscc, CAST.county],
    );
    assert.equal((await ask()).listed, true);
    const del = await t.inject(t.cookies.county, 'DELETE', `/api/v1/credit/intermediaries/${agency.id}`);
    assert.equal(del.statusCode, 409, del.body);
    // Even were its directory row gone, the listed code still answers.
    await t.db.query('UPDATE intermediaries SET deleted_at = now() WHERE id = $1', [agency.id]);
    assert.equal((await ask()).listed, true);
  });
});
