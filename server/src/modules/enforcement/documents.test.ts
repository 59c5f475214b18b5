// Enforcement documents: numbered per issuer, kind and year without gaps or duplicates even when
// two officers issue at once; a 责改 carries its 检查记录's number; the PDF prints the frozen
// content; signature and service are recorded once, by the enforcing organ, inside its scope.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '@taishan/domain';
import { withScope } from '../../db/scope.ts';
import { type CastApp, openCastApp } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf.ts';
import { issueDocument } from './documents.ts';

describe('enforcement documents', () => {
  let t: CastApp;
  let county: Actor;
  before(async () => {
    t = await openCastApp();
    county = {
      id: t.ids.county,
      username: 'cast-county',
      role: 'countySupervisor',
      scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
    };
  });
  after(() => t.close());

  const issue = (
    kind: 'inspectionRecord' | 'rectificationOrder' | 'onSiteMeasures',
    extra: { parentId?: string; departmentId?: string } = {},
  ) =>
    withScope(t.db, county.scope, (tx) =>
      issueDocument(tx, county, {
        kind,
        enterpriseId: t.enterpriseId,
        ...extra,
        content: { title: '现场检查记录', cells: [{ label: '检查情况', value: '消防通道堵塞，灭火器过期' }] },
      }),
    );

  test('two officers issuing at once get consecutive numbers, no gap and no duplicate; a 责改 carries the record’s number', async () => {
    const year = new Date().getFullYear();
    const [a, b] = await Promise.all([issue('inspectionRecord'), issue('inspectionRecord')]);
    const numbers = [a.number, b.number].sort();
    assert.deepEqual(numbers, [`（张家港市）应急检记〔${year}〕1号`, `（张家港市）应急检记〔${year}〕2号`]);
    const order = await issue('rectificationOrder', { parentId: a.id });
    assert.equal(order.number, a.number.replace('应急检记', '应急责改'));
    assert.equal(order.parentId, a.id);
    const own = await issue('onSiteMeasures');
    assert.equal(own.number, `（张家港市）应急现决〔${year}〕1号`, 'each kind counts from 1');

    await t.db.query("UPDATE departments SET short_name = '张应急' WHERE id = $1", [t.departmentId]);
    const dept = await issue('inspectionRecord', { departmentId: t.departmentId });
    assert.equal(dept.number, `（张应急）应急检记〔${year}〕1号`, 'a department numbers its own documents under its 简称');
    const deptOrder = await issue('rectificationOrder', { parentId: dept.id });
    assert.equal(deptOrder.number, `（张应急）应急责改〔${year}〕1号`);
    const [audit] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'enforcementDocument.issue'",
    );
    assert.equal(audit?.n, 6);
  });

  test('the PDF prints the number, the organ, the party and the frozen content', async () => {
    const d = await issue('inspectionRecord');
    const res = await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/documents/${d.id}/pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const text = pdfText(res.rawPayload);
    for (const s of [d.number.replace(/\s/g, ''), '张家港市应急管理局', '现场检查记录', '消防通道堵塞，灭火器过期'])
      assert.ok(text.includes(s), s);
  });

  test('signature once, service by the organ; the enterprise reads its own documents; Kunshan sees nothing', async () => {
    const d = await issue('inspectionRecord');
    const url = `/api/v1/enforcement/documents/${d.id}`;
    const servedAt = new Date().toISOString();
    const early = await t.inject(t.cookies.county, 'POST', `${url}/service`, {
      method: 'direct',
      servedAt: '2020-01-01T08:00:00+08:00',
      recipient: '王经理',
      servedBy: [t.ids.county],
    });
    assert.equal(early.statusCode, 400);
    assert.ok(early.json().error.fields.servedAt);
    const bad = await t.inject(t.cookies.county, 'POST', `${url}/service`, { method: 'pigeon', servedAt, recipient: '', servedBy: [] });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['method', 'recipient', 'servedBy']);

    const served = await t.inject(t.cookies.county, 'POST', `${url}/service`, {
      method: 'direct',
      servedAt,
      recipient: '王经理',
      servedBy: [t.ids.county],
    });
    assert.equal(served.statusCode, 200, served.body);
    assert.equal(served.json().services[0].recipient, '王经理');

    const signed = await t.inject(t.cookies.county, 'POST', `${url}/signature`, { signedByName: '王经理', signedAt: servedAt });
    assert.equal(signed.statusCode, 200, signed.body);
    assert.deepEqual(signed.json().allowedActions, ['recordService']);
    const again = await t.inject(t.cookies.county, 'POST', `${url}/signature`, { refused: true, signedAt: servedAt });
    assert.equal(again.statusCode, 409);
    assert.deepEqual(again.json().error.allowedActions, ['recordService']);

    const own = await t.inject(t.cookies.ent, 'GET', url);
    assert.equal(own.statusCode, 200);
    assert.deepEqual(own.json().allowedActions, []);
    assert.equal(
      (await t.inject(t.cookies.ent, 'POST', `${url}/service`, { method: 'direct', servedAt, recipient: 'x', servedBy: [t.ids.ent] }))
        .statusCode,
      403,
    );
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', url)).statusCode, 404);
    assert.equal((await t.inject(t.cookies.otherEnt, 'GET', `${url}/pdf`)).statusCode, 404);
    // Issued and served by a city officer, read by the county: both named (outside the county's view of users).
    const cityActor = {
      ...county,
      id: t.ids.city,
      username: 'cast-city',
      role: 'citySupervisor' as const,
      scope: { ...county.scope, regionPrefix: '3205' },
    };
    const byCity = await withScope(t.db, cityActor.scope, (tx) =>
      issueDocument(tx, cityActor, {
        kind: 'inspectionRecord',
        enterpriseId: t.enterpriseId,
        content: { title: '现场检查记录', cells: [] },
      }),
    );
    const servedByCity = await t.inject(t.cookies.city, 'POST', `/api/v1/enforcement/documents/${byCity.id}/service`, {
      method: 'direct',
      servedAt: new Date().toISOString(),
      recipient: '王经理',
      servedBy: [t.ids.city],
    });
    assert.equal(servedByCity.statusCode, 200, servedByCity.body);
    const read = (await t.inject(t.cookies.county, 'GET', `/api/v1/enforcement/documents/${byCity.id}`)).json();
    assert.ok(read.issuedByName, 'the issuer is named to the county');
    assert.deepEqual(read.services[0].servedByNames, [read.issuedByName]);
    const list = await t.inject(t.cookies.kunshan, 'GET', `/api/v1/enforcement/documents?inspectionId=${d.id}`);
    assert.deepEqual(list.json().items, []);
  });
});
