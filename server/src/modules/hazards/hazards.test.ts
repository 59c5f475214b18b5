import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { HAZARD_STATUSES } from '@taishan/domain';
import ExcelJS from 'exceljs';
import { readScoped } from '../../db/scope.ts';
import { type CastApp, enterpriseBody, makeDepartment, makeUser, openCastApp } from '../../test/harness.ts';
import { pdfObjects, pdfText } from '../../test/pdf.ts';
import { makePng } from '../../test/png.ts';
import { shanghaiTime, todayInShanghai } from '../../time.ts';
import { escalateOverdue } from './escalation.ts';

const TOWN = '320582100000';

// A real image, which the dossier draws.
const png = () => makePng(40, 30);
function multipart(content: Buffer) {
  const boundary = '----taishan-hazard';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const FIXES = {
  owner: '李安全',
  measures: '更换泄漏阀门并加装检测报警',
  funds: 3.5,
  deadline: '2026-12-31',
  contingency: '停用该储罐，设置警戒区',
};

// Each test sets up what it needs, so that any one passes alone (--test-name-pattern). A hazard
// another test also makes (an inspection's, a closed one, ...) is made once per run by a fixture
// below, or taken from the test that made it when that ran first.
describe('hazard investigation and remediation', () => {
  let t: CastApp;
  let admin: string;
  let ent: string;
  let town: string;
  let county: string;
  let city: string;
  let kunshan: string;
  let enterpriseId: string;
  const inject = (cookie: string, method: string, url: string, payload?: unknown) => t.inject(cookie, method, url, payload);
  const step = (cookie: string, id: string, action: string, extra: object = {}) =>
    inject(cookie, 'POST', `/api/v1/hazards/${id}/transitions`, { action, ...extra });

  before(async () => {
    // The standard cast: its enterprise is in the town (杨舍镇, 320582100000) of 张家港市.
    t = await openCastApp();
    ({ admin, ent, town, county, city, kunshan } = t.cookies);
    enterpriseId = t.enterpriseId;
  });
  after(() => t.close());

  const uploadTo = (url: string, cookie: string) => {
    const f = multipart(png());
    return t.app.inject({ method: 'POST', url, headers: { cookie, ...f.headers }, payload: f.payload });
  };
  const report = async (cookie: string, body: object) => {
    const res = await inject(cookie, 'POST', '/api/v1/hazards', { enterpriseId, ...body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; number: string; foundTier: string };
  };
  const chemChecklist = async () =>
    (await inject(town, 'GET', '/api/v1/checklists')).json().items.find((c: { code: string }) => c.code === 'chem-major-2017') as {
      id: string;
      items: { code: string }[];
    };

  // ---- Fixtures: made once per run, by the first test that needs them ----
  const once = <T>(make: () => Promise<T>) => {
    let made: Promise<T> | undefined;
    return { get: () => (made ??= make()), set: (v: T) => (made ??= Promise.resolve(v)) };
  };
  /** A township patrol's inspection of the chemicals checklist with C12 failed (a photo) and C06 n/a: its major hazard. */
  const inspectedHazard = once(async () => {
    const chem = await chemChecklist();
    const plan = await inject(town, 'POST', '/api/v1/inspections', {
      enterpriseIds: [enterpriseId],
      tier: 'patrol',
      checklistId: chem.id,
      plannedDate: '2026-11-23',
      unannounced: true,
    });
    const insp = plan.json().items[0];
    const photo = (await uploadTo(`/api/v1/inspections/${insp.id}/photos`, town)).json().key;
    const results = chem.items.map((i) => ({
      itemCode: i.code,
      result: i.code === 'C12' ? 'fail' : i.code === 'C06' ? 'na' : 'pass',
      note: i.code === 'C12' ? '罐区未设可燃气体报警' : null,
      photos: i.code === 'C12' ? [photo] : [],
    }));
    await inject(town, 'PUT', `/api/v1/inspections/${insp.id}/results`, { results, location: '罐区' });
    const sub = await inject(town, 'POST', `/api/v1/inspections/${insp.id}/submit`, {});
    assert.equal(sub.statusCode, 200, sub.body);
    return sub.json().hazards[0].id as string;
  });
  /** A general hazard taken round the whole loop: reported on patrol, fixed, sent back once, accepted. */
  const closedHazard = once(async () => {
    const { id } = await report(town, { description: '消防通道堆放杂物', location: '仓库东侧' });
    await step(town, id, 'assign');
    await inject(ent, 'PATCH', `/api/v1/hazards/${id}`, FIXES);
    await step(ent, id, 'start');
    await inject(ent, 'PATCH', `/api/v1/hazards/${id}`, { rectificationNote: '已清理并划线' });
    await uploadTo(`/api/v1/hazards/${id}/photos`, ent);
    await step(ent, id, 'submit');
    await step(town, id, 'sendBack', { reason: '仍有杂物' });
    await step(ent, id, 'submit');
    assert.equal((await step(town, id, 'accept')).json().status, 'closed');
    return id;
  });
  /** A major hazard listed by the city and cancelled by it. */
  const cancelledHazard = once(async () => {
    const { id } = await report(town, { description: '重大隐患撤销测试', level: 'major' });
    await inject(city, 'POST', `/api/v1/hazards/${id}/listing`, { deadline: '2027-01-31', officer: '王督办' });
    assert.equal((await step(city, id, 'cancel', { reason: '重复登记' })).json().status, 'cancelled');
    return id;
  });
  /**
   * Two overdue hazards escalated: one found by a 塘桥镇 enterprise itself (→ the township), one
   * on patrol in 金湖县 (→ the county); with the people of those places and of their siblings.
   */
  const escalatedHazards = once(async () => {
    // 杨舍镇 320582100 and 塘桥镇 320582101; 盱眙县 320830 and 金湖县 320831: trimming the zeros of
    // the first of each pair (3205821, 32083) matched the second.
    const tangqiaoEnterprise = (await inject(admin, 'POST', '/api/v1/enterprises', enterpriseBody(4, '320582101000'))).json().id;
    const jinhuEnterprise = (await inject(admin, 'POST', '/api/v1/enterprises', enterpriseBody(5, '320831001000'))).json().id;
    await makeUser(t.db, { username: 'tangqiao', role: 'townshipSupervisor', regionCode: '320582101000' });
    await makeUser(t.db, { username: 'tqent', role: 'enterpriseAdmin', enterpriseId: tangqiaoEnterprise });
    await makeUser(t.db, { username: 'licheng', role: 'townshipSupervisor', regionCode: '320831001000' });
    await makeUser(t.db, { username: 'jinhu', role: 'countySupervisor', regionCode: '320831000000' });
    await makeUser(t.db, { username: 'xuyi', role: 'countySupervisor', regionCode: '320830000000' });
    const [tangqiao, tqent, licheng, jinhu, xuyi] = (await Promise.all(
      ['tangqiao', 'tqent', 'licheng', 'jinhu', 'xuyi'].map((u) => t.login(u)),
    )) as [string, string, string, string, string];
    // Found by the enterprise itself → escalates to the township; found on patrol → to the county.
    const selfFound = (
      await inject(tqent, 'POST', '/api/v1/hazards', {
        enterpriseId: tangqiaoEnterprise,
        description: '塘桥逾期隐患',
        ...FIXES,
        deadline: '2026-01-01',
      })
    ).json();
    const patrolFound = (
      await inject(licheng, 'POST', '/api/v1/hazards', {
        enterpriseId: jinhuEnterprise,
        description: '金湖逾期隐患',
        ...FIXES,
        deadline: '2026-01-01',
      })
    ).json();
    const escalatedNow = await escalateOverdue(t.db, '2026-11-23');
    return { selfFound, patrolFound, escalatedNow, cookies: { tangqiao, jinhu, xuyi } };
  });
  /** Hazards of several kinds in scope, for the tests that read lists, totals and counts. */
  const variety = once(async () => {
    await Promise.all([inspectedHazard.get(), closedHazard.get(), cancelledHazard.get()]);
    const { id } = await report(town, { description: '液氯储罐区未设置独立安全仪表系统（挂牌）', level: 'major' });
    await inject(city, 'POST', `/api/v1/hazards/${id}/listing`, { deadline: '2027-01-31', officer: '王督办' });
    await report(ent, { description: '企业自查：配电箱门未关', ...FIXES });
  });

  test('built-in checklists are loaded; admins publish new versions; others may not', async () => {
    const list = (await inject(town, 'GET', '/api/v1/checklists')).json();
    const byCode = Object.fromEntries(list.items.map((c: { code: string; items: unknown[] }) => [c.code, c]));
    assert.equal(byCode['chem-major-2017'].items.length, 20);
    assert.equal(byCode['gm-major-general-2023'].items.length, 3);
    assert.equal(byCode['gm-major-special-2023'].items.length, 14);
    assert.ok(byCode['fire-general'].items.every((i: { majorCriterion: boolean }) => !i.majorCriterion));
    const v2 = {
      code: 'fire-general',
      name: '消防安全通用检查表（第2版）',
      items: [{ code: 'F1', text: '疏散通道畅通', majorCriterion: false }],
    };
    assert.equal((await inject(county, 'POST', '/api/v1/checklists', v2)).statusCode, 403);
    const pub = await inject(admin, 'POST', '/api/v1/checklists', v2);
    assert.equal(pub.statusCode, 201);
    assert.equal(pub.json().version, 2);
    const dup = await inject(admin, 'POST', '/api/v1/checklists', { ...v2, items: [v2.items[0], v2.items[0]] });
    assert.equal(dup.statusCode, 400);
  });

  test('two admins publishing from the same version: one is version 3, the other is told to edit the latest', async () => {
    // A checklist of its own, at version 2.
    const code = 'race-general';
    const v1 = { code, name: '竞态测试检查表', items: [{ code: 'F1', text: '疏散通道畅通' }], baseVersion: 0 };
    assert.equal((await inject(admin, 'POST', '/api/v1/checklists', v1)).statusCode, 201);
    assert.equal((await inject(admin, 'POST', '/api/v1/checklists', { ...v1, baseVersion: 1 })).statusCode, 201);
    const from2 = {
      code,
      name: '消防安全通用检查表（第3版）',
      items: [{ code: 'F1', text: '疏散通道畅通' }],
      baseVersion: 2,
    };
    const both = await Promise.all([
      inject(admin, 'POST', '/api/v1/checklists', from2),
      inject(admin, 'POST', '/api/v1/checklists', { ...from2, items: [{ code: 'F2', text: '灭火器有效' }] }),
    ]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [201, 409]);
    const [won, lost] = [201, 409].map((code) => both.find((r) => r.statusCode === code)?.json());
    assert.equal(won.version, 3);
    assert.match(lost.error.message, /第 3 版.*第 2 版/);
    const taken = await inject(admin, 'POST', '/api/v1/checklists', { ...from2, baseVersion: 0 });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.json().error.message, /race-general/);
    const versions = (await inject(town, 'GET', '/api/v1/checklists?all=true'))
      .json()
      .items.filter((c: { code: string }) => c.code === code);
    assert.deepEqual(
      versions.map((c: { version: number }) => c.version),
      [3, 2, 1],
    );
    // Without a base version (an API client that knows what it does), publishes queue and each gets the next number.
    const { baseVersion: _, ...unbased } = from2;
    const queued = await Promise.all([1, 2].map(() => inject(admin, 'POST', '/api/v1/checklists', unbased)));
    assert.deepEqual(queued.map((r) => r.json().version).sort(), [4, 5]);
  });

  test('township patrol fails an item with a photo → hazard; the record is then immutable', async () => {
    const chem = (await inject(town, 'GET', '/api/v1/checklists')).json().items.find((c: { code: string }) => c.code === 'chem-major-2017');
    const plan = await inject(town, 'POST', '/api/v1/inspections', {
      enterpriseIds: [enterpriseId],
      tier: 'patrol',
      checklistId: chem.id,
      plannedDate: '2026-11-23',
      unannounced: true,
    });
    assert.equal(plan.statusCode, 201, plan.body);
    const insp = plan.json().items[0];
    assert.equal(insp.unannounced, true);
    assert.equal(
      (
        await inject(ent, 'POST', '/api/v1/inspections', {
          enterpriseIds: [enterpriseId],
          tier: 'patrol',
          checklistId: chem.id,
          plannedDate: '2026-11-23',
        })
      ).statusCode,
      403,
    );
    const f = multipart(png());
    const photo = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inspections/${insp.id}/photos`,
      headers: { cookie: town, ...f.headers },
      payload: f.payload,
    });
    assert.equal(photo.statusCode, 201, photo.body);
    const results = chem.items.map((i: { code: string }) => ({
      itemCode: i.code,
      result: i.code === 'C12' ? 'fail' : i.code === 'C06' ? 'na' : 'pass',
      note: i.code === 'C12' ? '罐区未设可燃气体报警' : null,
      photos: i.code === 'C12' ? [photo.json().key] : [],
    }));
    const early = await inject(town, 'POST', `/api/v1/inspections/${insp.id}/submit`, {});
    assert.equal(early.statusCode, 400, 'every item must be checked first');
    assert.equal((await inject(town, 'PUT', `/api/v1/inspections/${insp.id}/results`, { results, location: '罐区' })).statusCode, 200);
    const sub = await inject(town, 'POST', `/api/v1/inspections/${insp.id}/submit`, {});
    assert.equal(sub.statusCode, 200, sub.body);
    assert.equal(sub.json().hazards.length, 1);
    const h = sub.json().hazards[0];
    assert.deepEqual(
      [h.level, h.foundTier, h.status, h.evidence.length],
      ['major', 'patrol', 'reported', 1],
      'a failed major-hazard criterion proposes major',
    );
    assert.equal((await inject(town, 'PUT', `/api/v1/inspections/${insp.id}/results`, { results })).statusCode, 409);
    assert.equal((await inject(town, 'POST', `/api/v1/inspections/${insp.id}/submit`, {})).statusCode, 409);
    inspectedHazard.set(h.id);
    const img = await t.app.inject({ url: `/api/v1/hazards/${h.id}/${h.evidence[0]}`, headers: { cookie: ent } });
    assert.equal(img.statusCode, 200);
    assert.equal((await inject(kunshan, 'GET', `/api/v1/inspections/${insp.id}`)).statusCode, 404);
    assert.equal((await inject(kunshan, 'GET', `/api/v1/hazards/${h.id}`)).statusCode, 404);
  });

  test('general hazard loop: five fixes required, note required, the finding tier accepts, history kept', async () => {
    const created = await inject(town, 'POST', '/api/v1/hazards', { enterpriseId, description: '消防通道堆放杂物', location: '仓库东侧' });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    assert.equal(created.json().foundTier, 'patrol');
    assert.equal((await step(ent, id, 'assign')).statusCode, 403);
    assert.equal((await step(town, id, 'assign')).json().status, 'assigned');
    const noFixes = await step(ent, id, 'start');
    assert.equal(noFixes.statusCode, 400);
    assert.deepEqual(Object.keys(noFixes.json().error.fields).sort(), ['contingency', 'deadline', 'funds', 'measures', 'owner']);
    assert.equal((await inject(town, 'PATCH', `/api/v1/hazards/${id}`, FIXES)).statusCode, 403, 'the enterprise fills its five fixes');
    assert.equal((await inject(ent, 'PATCH', `/api/v1/hazards/${id}`, FIXES)).statusCode, 200);
    assert.equal((await step(ent, id, 'start')).json().status, 'rectifying');
    assert.equal((await step(ent, id, 'submit')).statusCode, 400);
    await inject(ent, 'PATCH', `/api/v1/hazards/${id}`, { rectificationNote: '已清理并划线' });
    const f = multipart(png());
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/hazards/${id}/photos`,
          headers: { cookie: ent, ...f.headers },
          payload: f.payload,
        })
      ).statusCode,
      201,
    );
    assert.equal((await step(ent, id, 'submit')).json().status, 'pendingAcceptance');
    const refused = await step(ent, id, 'accept');
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(refused.json().error.allowedActions, []);
    assert.equal((await step(town, id, 'sendBack')).statusCode, 400, 'a reason is required');
    assert.equal((await step(town, id, 'sendBack', { reason: '仍有杂物' })).json().status, 'rectifying');
    await step(ent, id, 'submit');
    const closed = await step(town, id, 'accept');
    assert.equal(closed.json().status, 'closed');
    closedHazard.set(id);
    assert.deepEqual(
      closed.json().transitions.map((x: { action: string }) => x.action),
      ['report', 'assign', 'start', 'submit', 'sendBack', 'submit', 'accept'],
    );
    const again = await step(town, id, 'accept');
    assert.equal(again.statusCode, 409);
    assert.deepEqual(again.json().error.allowedActions, []);
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'hazard.%' ORDER BY seq",
      [id],
    );
    assert.ok(audit.length >= 9);
  });

  test('the dossier is one PDF: the hazard, its inspection, five fixes, every transition, acceptance, photos; scoped', async () => {
    const dossier = async (cookie: string, id: string) => {
      const r = await t.app.inject({ url: `/api/v1/hazards/${id}/dossier.pdf`, headers: { cookie } });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.headers['content-type'], 'application/pdf');
      assert.match(String(r.headers['content-disposition']), /^attachment; filename="hazard-[0-9a-f]{8}\.pdf"; filename\*=UTF-8''/);
      assert.equal(r.rawPayload.subarray(0, 5).toString(), '%PDF-');
      return { text: pdfText(r.rawPayload, true), images: pdfObjects(r.rawPayload, 'Image') };
    };
    const closedId = await closedHazard.get();
    const inspectedId = await inspectedHazard.get();
    const loop = await dossier(town, closedId);
    // Its official number (一患一档's 档案编号), issued on first generation and the same on the next.
    const serial = (text: string) => /隐患档第\s*(\d+)\s*号/.exec(text.replace(/\s+/g, ' '))?.[1];
    assert.ok(serial(loop.text), 'the dossier carries its number');
    assert.equal(serial((await dossier(county, closedId)).text), serial(loop.text));
    for (const s of ['隐患档案（一患一档）', '消防通道堆放杂物', '仓库东侧', '一般隐患', '镇办巡查', '直接登记'])
      assert.ok(loop.text.includes(s), s);
    for (const s of [FIXES.owner, FIXES.measures, FIXES.contingency, FIXES.deadline, '已清理并划线']) assert.ok(loop.text.includes(s), s);
    for (const s of ['上报', '交办整改', '开始整改', '提交验收', '退回整改', '理由：仍有杂物', '已销号', '第1页/共'])
      assert.ok(loop.text.includes(s), s);
    assert.match(loop.text, /验收.*于\d{4}-\d{2}-\d{2}\d{2}:\d{2}:\d{2}验收销号/, 'who accepted and when (Beijing time)');
    assert.equal(loop.images, 1, 'the proof of rectification');

    const found = await dossier(ent, inspectedId);
    for (const s of ['重大隐患', '镇办巡查（四不两直）', 'C12：不合格，罐区未设可燃气体报警', '罐区', '尚未验收', '检查照片1'])
      assert.ok(found.text.includes(s), s);
    assert.equal(found.images, 1, "the inspection's photo is the hazard's evidence: drawn once");

    assert.equal((await t.app.inject({ url: `/api/v1/hazards/${closedId}/dossier.pdf`, headers: { cookie: kunshan } })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/api/v1/hazards/${closedId}/dossier.pdf` })).statusCode, 401);
  });

  test('major hazard: listed by the city; the enterprise, township and county cannot close it; the city does', async () => {
    const id = (
      await inject(town, 'POST', '/api/v1/hazards', { enterpriseId, description: '液氯储罐区未设置独立安全仪表系统', level: 'major' })
    ).json().id;
    assert.equal(
      (await inject(town, 'POST', `/api/v1/hazards/${id}/listing`, { deadline: '2027-01-31', officer: '王督办' })).statusCode,
      403,
    );
    const listed = await inject(city, 'POST', `/api/v1/hazards/${id}/listing`, { deadline: '2027-01-31', officer: '王督办' });
    assert.equal(listed.json().listedTier, 'city');
    assert.equal((await inject(county, 'GET', '/api/v1/hazards?listed=city')).json().total, 1);
    await step(town, id, 'assign');
    await inject(ent, 'PATCH', `/api/v1/hazards/${id}`, { ...FIXES, rectificationNote: '已增设SIS' });
    await step(ent, id, 'start');
    await step(ent, id, 'submit');
    for (const c of [ent, town, county]) assert.equal((await step(c, id, 'accept')).statusCode, 403);
    assert.equal((await step(city, id, 'accept')).json().status, 'closed');
  });

  test('a major hazard listed by the city is cancelled by the city, not by the township or the county', async () => {
    const id = (await inject(town, 'POST', '/api/v1/hazards', { enterpriseId, description: '重大隐患撤销测试', level: 'major' })).json().id;
    assert.equal(
      (await inject(city, 'POST', `/api/v1/hazards/${id}/listing`, { deadline: '2027-01-31', officer: '王督办' })).json().listedTier,
      'city',
    );
    for (const [who, c] of Object.entries({ ent, town, county })) {
      const seen = (await inject(c, 'GET', `/api/v1/hazards/${id}`)).json();
      assert.ok(!seen.allowedActions.includes('cancel'), `${who} is not offered cancel`);
      const refused = await step(c, id, 'cancel', { reason: '重复登记' });
      assert.equal(refused.statusCode, 403, who);
      assert.ok(!refused.json().error.allowedActions.includes('cancel'), who);
    }
    assert.ok((await inject(city, 'GET', `/api/v1/hazards/${id}`)).json().allowedActions.includes('cancel'));
    const cancelled = await step(city, id, 'cancel', { reason: '重复登记' });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json().status, 'cancelled');
    cancelledHazard.set(id);
  });

  test('two users acting on the same hazard at once: exactly one transition wins, the other gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const id = (await inject(town, 'POST', '/api/v1/hazards', { enterpriseId, description: `并发测试${round}`, ...FIXES })).json().id;
      await step(town, id, 'assign');
      await step(ent, id, 'start');
      await inject(ent, 'PATCH', `/api/v1/hazards/${id}`, { rectificationNote: '完成' });
      await step(ent, id, 'submit');
      const [a, b] = await Promise.all([step(town, id, 'accept'), step(county, id, 'sendBack', { reason: '不合格' })]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409], `round ${round}`);
      const rows = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM hazard_transitions WHERE hazard_id = $1 AND action IN ('accept', 'sendBack')",
        [id],
      );
      assert.equal(rows[0]?.n, 1);
    }
  });

  test('overdue hazards escalate one tier up with inbox notices to the right people', async () => {
    const id = (
      await inject(town, 'POST', '/api/v1/hazards', { enterpriseId, description: '逾期测试隐患', ...FIXES, deadline: '2026-01-01' })
    ).json().id;
    await step(town, id, 'assign');
    const n = await escalateOverdue(t.db, '2026-11-23');
    assert.ok(n >= 1);
    const h = (await inject(county, 'GET', `/api/v1/hazards/${id}`)).json();
    assert.deepEqual([h.overdue, h.escalatedTier], [true, 'county']);
    assert.equal(h.transitions.at(-1).action, 'escalate');
    const inbox = (await inject(county, 'GET', '/api/v1/notifications')).json();
    assert.ok(inbox.items.some((x: { link: string }) => x.link === `/hazards/${id}`));
    assert.ok((await inject(ent, 'GET', '/api/v1/notifications')).json().items.some((x: { link: string }) => x.link === `/hazards/${id}`));
    assert.equal((await inject(kunshan, 'GET', '/api/v1/notifications')).json().items.length, 0, 'another county hears nothing');
    assert.equal(await escalateOverdue(t.db, '2026-11-23'), 0, 'escalates once');
    const overdue = (await inject(county, 'GET', '/api/v1/hazards?overdue=true')).json();
    assert.equal(overdue.total, 1);
    const note = inbox.items[0];
    assert.equal((await inject(county, 'POST', `/api/v1/notifications/${note.id}/read`)).statusCode, 204);
    assert.equal((await inject(kunshan, 'POST', `/api/v1/notifications/${note.id}/read`)).statusCode, 404);
  });

  test('dashboard counts by status, level and overdue per sub-region', async () => {
    await variety.get();
    const d = (await inject(county, 'GET', '/api/v1/hazard-dashboard')).json();
    const all = (await inject(county, 'GET', '/api/v1/hazards?pageSize=200')).json().items as {
      status: string;
      level: string;
      overdue: boolean;
    }[];
    assert.equal(d.totals.closed, all.filter((h) => h.status === 'closed').length);
    assert.equal(d.totals.major, all.filter((h) => h.level === 'major').length);
    assert.equal(d.totals.overdue, all.filter((h) => h.overdue).length);
    const town = d.byRegion.find((r: { code: string }) => r.code === TOWN);
    assert.equal(town.major + town.general, all.length);
    const other = (await inject(kunshan, 'GET', '/api/v1/hazard-dashboard')).json();
    assert.equal(other.totals.major + other.totals.general, 0);
    // The city's dashboard, by county (from the counts per county): each county as its own list has it.
    const byCounty = (await inject(city, 'GET', '/api/v1/hazard-dashboard')).json().byRegion as {
      code: string;
      major?: number;
      general?: number;
      overdue?: number;
    }[];
    const mine = byCounty.find((r) => r.code === '320582000000');
    assert.deepEqual([mine?.major, mine?.general, mine?.overdue], [d.totals.major, d.totals.general, d.totals.overdue]);
    assert.ok(byCounty.length > 1);
  });

  test('the list pages by deadline and keeps its total on every page, past the end and with nothing in scope', async () => {
    const list = async (actor: string, q: string) => (await inject(actor, 'GET', `/api/v1/hazards?sort=deadline&${q}`)).json();
    await variety.get();
    const all = await list(county, 'pageSize=200');
    assert.ok(all.total >= 3, 'several hazards');
    assert.equal(all.items.length, all.total);
    assert.equal(all.totalCapped, false);
    const byPage = [];
    for (let page = 1; page <= all.total; page++) {
      const one = await list(county, `pageSize=1&page=${page}`);
      assert.equal(one.total, all.total, `page ${page} reports the whole total`);
      assert.equal(one.items.length, 1);
      byPage.push(one.items[0].id);
    }
    assert.deepEqual(
      byPage,
      all.items.map((h: { id: string }) => h.id),
      'pages follow the same order',
    );
    const past = await list(county, `pageSize=1&page=${all.total + 1}`);
    assert.deepEqual([past.items, past.total, past.page], [[], all.total, all.total + 1]);
    const none = await list(kunshan, 'pageSize=20');
    assert.deepEqual([none.items, none.total, none.totalCapped], [[], 0, false]);
  });

  test('each list filter selects exactly the hazards whose fields match it', async () => {
    type Item = { id: string; level: string; foundTier: string; status: string; listedTier: string | null; overdue: boolean };
    await variety.get();
    const list = async (q: string) => (await inject(city, 'GET', `/api/v1/hazards?pageSize=200&${q}`)).json();
    const all: Item[] = (await list('')).items;
    const open = (h: Item) => !['closed', 'cancelled'].includes(h.status);
    const cases: [string, (h: Item) => boolean][] = [
      ['level=major', (h) => h.level === 'major'],
      ['level=general', (h) => h.level === 'general'],
      ['tier=patrol', (h) => h.foundTier === 'patrol'],
      ['tier=self', (h) => h.foundTier === 'self'],
      ['status=open', open],
      ...HAZARD_STATUSES.map((s): [string, (h: Item) => boolean] => [`status=${s}`, (h) => h.status === s]),
      ['listed=true', (h) => h.listedTier !== null],
      ['listed=false', (h) => h.listedTier === null],
      ['listed=city', (h) => h.listedTier === 'city'],
      ['listed=county', (h) => h.listedTier === 'county'],
      ['overdue=true', (h) => h.overdue],
      ['status=open&level=major&listed=city', (h) => open(h) && h.level === 'major' && h.listedTier === 'city'],
      ['status=open&tier=patrol&overdue=false', (h) => open(h) && h.foundTier === 'patrol' && !h.overdue],
    ];
    const ids = (items: Item[]) => items.map((h) => h.id).sort();
    for (const [q, match] of cases) {
      const got = await list(q);
      assert.deepEqual(ids(got.items), ids(all.filter(match)), q);
      assert.equal(got.total, all.filter(match).length, q);
    }
    assert.ok(all.some((h) => h.level === 'major') && all.some((h) => h.listedTier === 'city'), 'a listed major hazard is among them');
    // The total agrees with the page for every way it is counted: whole counties' counts (city and
    // county supervisors, a county region filter), townships' counts (a township supervisor, a
    // township filter) and counting the hazards (a tier filter).
    for (const [who, cookie] of Object.entries({ city, county, town }))
      for (const region of ['', 'region=320582000000', `region=${TOWN}`, 'region=320583000000'])
        for (const q of ['', 'status=open', 'status=open&level=major', 'overdue=false&listed=true', 'status=closed', 'tier=patrol']) {
          const got = (await inject(cookie, 'GET', `/api/v1/hazards?pageSize=200&${region}&${q}`)).json();
          assert.equal(got.total, got.items.length, `${who} ${region} ${q}`);
        }
    assert.ok((await list('region=320582000000&status=open')).total > 0);
    // Enumerated filters are written into the SQL: anything else is refused before it gets there.
    const bad = await inject(city, 'GET', "/api/v1/hazards?level=major'--");
    assert.equal(bad.statusCode, 400);
  });

  test('the two lists export as one workbook, scoped', async () => {
    await variety.get();
    const x = await inject(county, 'GET', '/api/v1/hazards/export');
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['隐患清单', '制度措施清单'],
    );
    const listed = (await inject(county, 'GET', '/api/v1/hazards')).json();
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    assert.equal(sheet.rowCount - 1, listed.total);
    // Registration times in Beijing time, written as the dossier writes them.
    const header = (sheet.getRow(1).values as string[]).indexOf('登记时间');
    const created = (sheet.getColumn(header).values as string[]).slice(2);
    assert.ok(
      created.every((c) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(c)),
      created.join(),
    );
    assert.ok(created.includes(shanghaiTime(listed.items[0].createdAt)));
    assert.equal((await inject(kunshan, 'GET', '/api/v1/hazards')).json().total, 0);
  });

  test('hazards follow their enterprise when it moves county; scope and filters use the new place', async () => {
    const e2 = (await inject(admin, 'POST', '/api/v1/enterprises', enterpriseBody(2, TOWN))).json();
    const h = (
      await inject(county, 'POST', '/api/v1/hazards', { enterpriseId: e2.id, description: '配电箱未接地', level: 'general' })
    ).json();
    const open = (c: string) => inject(c, 'GET', `/api/v1/hazards?status=open&enterpriseId=${e2.id}`);
    assert.equal((await open(county)).json().total, 1);
    assert.equal((await open(kunshan)).json().total, 0);
    assert.equal((await inject(kunshan, 'GET', `/api/v1/hazards/${h.id}`)).statusCode, 404);

    const moved = await inject(admin, 'PATCH', `/api/v1/enterprises/${e2.id}`, { regionCode: '320583100000', version: e2.version });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal((await open(county)).json().total, 0);
    assert.equal((await inject(county, 'GET', `/api/v1/hazards/${h.id}`)).statusCode, 404);
    const there = (await open(kunshan)).json();
    assert.equal(there.total, 1);
    assert.equal(there.items[0].regionCode, '320583100000');
    assert.equal((await inject(kunshan, 'GET', '/api/v1/hazards?region=320583100000&status=open')).json().total, 1);
    assert.equal(
      (await inject(city, 'GET', '/api/v1/hazards?region=320582&status=open')).json().items.some((x: { id: string }) => x.id === h.id),
      false,
    );
    // The moved hazard counts in its new county's dashboard.
    const dash = (await inject(kunshan, 'GET', '/api/v1/hazard-dashboard')).json();
    assert.equal(dash.totals.reported, 1);

    // Its name is copied onto its hazards too (migration 015) and follows a rename.
    assert.equal(there.items[0].enterpriseName, e2.name);
    const renamed = await inject(admin, 'PATCH', `/api/v1/enterprises/${e2.id}`, {
      name: '昆山更名化工有限公司',
      version: moved.json().version,
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal((await open(kunshan)).json().items[0].enterpriseName, '昆山更名化工有限公司');
    assert.equal((await inject(kunshan, 'GET', `/api/v1/hazards/${h.id}`)).json().enterpriseName, '昆山更名化工有限公司');
  });

  test('every hazard has the number of its county and Beijing year: consecutive, also when created at once, and shown wherever it is named', async () => {
    const year = todayInShanghai().slice(0, 4);
    const serialIn = (county: string, n: string | null) => {
      const m = new RegExp(`^${county}〔${year}〕隐患第 (\\d{4,}) 号$`).exec(n ?? '');
      assert.ok(m, `${n} is a number of ${county}`);
      return Number(m[1]);
    };
    type Item = { id: string; number: string; enterpriseId: string };
    const all = async () => (await inject(city, 'GET', '/api/v1/hazards?pageSize=200')).json().items as Item[];
    // Every hazard of 张家港市 so far, numbered 1…n without a gap (the one that moved to 昆山市 keeps its number).
    const before = (await all()).filter((h) => h.number.startsWith('张家港市'));
    const serials = before.map((h) => serialIn('张家港市', h.number)).sort((a, b) => a - b);
    assert.deepEqual(
      serials,
      serials.map((_, i) => i + 1),
    );
    // Ten created at once in the county: the next ten numbers, each once.
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        inject(town, 'POST', '/api/v1/hazards', { enterpriseId, description: `同时登记${i}`, location: '仓库' }),
      ),
    );
    assert.deepEqual(
      created.map((r) => r.statusCode),
      Array(10).fill(201),
    );
    assert.deepEqual(
      created.map((r) => serialIn('张家港市', r.json().number)).sort((a, b) => a - b),
      Array.from({ length: 10 }, (_, i) => serials.length + i + 1),
    );
    // Another county counts its own from 1.
    const kunshanEnterprise = (await inject(admin, 'POST', '/api/v1/enterprises', enterpriseBody(3, '320583100000'))).json().id;
    const first = await inject(kunshan, 'POST', '/api/v1/hazards', { enterpriseId: kunshanEnterprise, description: '昆山第一条' });
    assert.equal(first.json().number, `昆山市〔${year}〕隐患第 0001 号`);

    // Shown: the list, the detail, the dossier, both sheets of the workbook, the inspection's hazards.
    const one = created[0]?.json() as Item & { description: string };
    assert.equal((await all()).find((h) => h.id === one.id)?.number, one.number);
    assert.equal((await inject(town, 'GET', `/api/v1/hazards/${one.id}`)).json().number, one.number);
    const pdf = await t.app.inject({ url: `/api/v1/hazards/${one.id}/dossier.pdf`, headers: { cookie: town } });
    assert.ok(pdfText(pdf.rawPayload).includes(one.number.replace(/\s/g, '')));
    assert.ok(decodeURIComponent(String(pdf.headers['content-disposition'])).includes(one.number));
    const x = await inject(county, 'GET', '/api/v1/hazards/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    for (const sheet of wb.worksheets) {
      const column = (sheet.getRow(1).values as string[]).indexOf('隐患编号');
      assert.ok(column > 0, sheet.name);
      assert.ok((sheet.getColumn(column).values as string[]).includes(one.number), sheet.name);
    }
    const inspection = await t.db.query<{ inspection_id: string; number: string }>(
      'SELECT inspection_id, number FROM hazards WHERE id = $1',
      [await inspectedHazard.get()],
    );
    const detail = (await inject(town, 'GET', `/api/v1/inspections/${inspection[0]?.inspection_id}`)).json();
    assert.equal(detail.hazards[0].number, inspection[0]?.number);
  });

  test('overdue notices reach the supervisors of the place, not those of a sibling township or county', async () => {
    const { selfFound, patrolFound, escalatedNow, cookies } = await escalatedHazards.get();
    const { tangqiao, jinhu, xuyi } = cookies;
    assert.deepEqual([selfFound.foundTier, patrolFound.foundTier], ['self', 'patrol']);
    assert.ok(escalatedNow >= 2);
    const notices = async (cookie: string) =>
      (await inject(cookie, 'GET', '/api/v1/notifications')).json().items as { link: string; title: string }[];
    const told = async (cookie: string, h: { id: string }) => (await notices(cookie)).some((n) => n.link === `/hazards/${h.id}`);
    assert.equal(await told(tangqiao, selfFound), true);
    assert.equal(await told(town, selfFound), false, '杨舍镇 is not told of 塘桥镇');
    assert.equal(await told(jinhu, patrolFound), true);
    assert.equal(await told(xuyi, patrolFound), false, '盱眙县 is not told of 金湖县');
    // The notice names the hazard by its number.
    const notice = (await notices(jinhu)).find((n) => n.link === `/hazards/${patrolFound.id}`);
    assert.equal(notice?.title, `隐患逾期未整改：${patrolFound.number} 金湖逾期隐患`);
  });

  test('the dossier of an escalated, listed hazard names every step, tier and person in Chinese: no codes', async () => {
    // People as they are named (test users are made with their login name as their name).
    const id = (await escalatedHazards.get()).selfFound.id;
    for (const [u, name] of Object.entries({ tqent: '周企业', tangqiao: '吴镇长', 'cast-city': '郑市督' }))
      await t.db.query('UPDATE users SET display_name = $2 WHERE username = $1', [u, name]);
    assert.equal(
      (await inject(city, 'POST', `/api/v1/hazards/${id}/listing`, { deadline: '2027-01-31', officer: '王督办' })).statusCode,
      403,
    );
    await t.db.query("UPDATE hazards SET level = 'major' WHERE id = $1", [id]);
    assert.equal(
      (await inject(city, 'POST', `/api/v1/hazards/${id}/listing`, { deadline: '2027-01-31', officer: '王督办' })).statusCode,
      200,
    );
    assert.equal((await step(await t.login('tangqiao'), id, 'assign')).statusCode, 200);
    const r = await t.app.inject({ url: `/api/v1/hazards/${id}/dossier.pdf`, headers: { cookie: city } });
    assert.equal(r.statusCode, 200);
    const text = pdfText(r.rawPayload);
    for (const s of [
      '上报',
      '逾期升级',
      '升级至镇（街道）级',
      '系统自动处理',
      '挂牌督办',
      '交办整改',
      '周企业（企业管理员）',
      '吴镇长（镇（街道）监管人员）',
      '郑市督（市级监管人员）',
      '企业自查',
      '镇（街道）级',
    ])
      assert.ok(text.includes(s), s);
    for (const code of ['patrol', 'report', 'escalate', 'city', 'county', 'self', 'demo', 'system', 'hazard', 'list', 'assign', 'major'])
      assert.ok(!text.toLowerCase().includes(code), `${code} in the dossier`);
    assert.doesNotMatch(text, /[A-Za-z]{2,}/, 'no word of Latin letters at all');
  });

  test("an inspection's results hold only photos uploaded to it; closed hazards take no more photos", async () => {
    const chem = (await inject(town, 'GET', '/api/v1/checklists')).json().items.find((c: { code: string }) => c.code === 'chem-major-2017');
    const plan = async () =>
      (
        await inject(town, 'POST', '/api/v1/inspections', {
          enterpriseIds: [enterpriseId],
          tier: 'patrol',
          checklistId: chem.id,
          plannedDate: '2026-11-30',
        })
      ).json().items[0].id as string;
    const [a, b] = [await plan(), await plan()];
    const upload = async (url: string, cookie = town) => {
      const f = multipart(png());
      return t.app.inject({ method: 'POST', url, headers: { cookie, ...f.headers }, payload: f.payload });
    };
    const ofA = (await upload(`/api/v1/inspections/${a}/photos`)).json().key;
    const ofB = (await upload(`/api/v1/inspections/${b}/photos`)).json().key;
    const results = (photos: string[]) => ({ results: [{ itemCode: chem.items[0].code, result: 'fail', note: null, photos }] });
    const foreign = await inject(town, 'PUT', `/api/v1/inspections/${b}/results`, results([ofB, ofA]));
    assert.equal(foreign.statusCode, 400, "another inspection's photo");
    assert.ok(foreign.json().error.fields.results);
    assert.equal((await inject(town, 'PUT', `/api/v1/inspections/${b}/results`, results([`photos/${randomUUID()}`]))).statusCode, 400);
    assert.equal((await inject(town, 'PUT', `/api/v1/inspections/${b}/results`, results([ofB]))).statusCode, 200);
    assert.equal((await inject(town, 'PUT', `/api/v1/inspections/${a}/results`, results([ofA]))).statusCode, 200);

    // Closed (accepted) and cancelled: no evidence from government, no proof from the enterprise.
    const [closedId, cancelledId] = [await closedHazard.get(), await cancelledHazard.get()];
    for (const [id, cookie] of [
      [closedId, town],
      [closedId, ent],
      [cancelledId, city],
    ] as const)
      assert.equal((await upload(`/api/v1/hazards/${id}/photos`, cookie)).statusCode, 409);
    const open = (await inject(town, 'POST', '/api/v1/hazards', { enterpriseId, description: '仍在整改的隐患' })).json().id;
    assert.equal((await upload(`/api/v1/hazards/${open}/photos`)).statusCode, 201, 'evidence while open');
  });

  test('the maintained dashboard counts equal a recount after reports, steps, escalation (and, after the tests above, a move)', async () => {
    await Promise.all([variety.get(), escalatedHazards.get()]);
    // And one in 昆山市, a second county of the city.
    assert.equal(
      (await inject(kunshan, 'POST', '/api/v1/hazards', { enterpriseId: t.otherEnterpriseId, description: '昆山：消防栓被遮挡' }))
        .statusCode,
      201,
    );
    const key = 'county_code, region_code, industry, status, level, overdue, listed';
    const kept = await t.db.query(`SELECT ${key}, n FROM hazard_counts WHERE n <> 0 ORDER BY ${key}`);
    const recount = await t.db.query(
      `SELECT county_code, region_code, left(industry_code, 2) AS industry, status, level, overdue, listed_tier IS NOT NULL AS listed, count(*)::int AS n
       FROM hazards GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    );
    assert.ok(recount.length > 3);
    assert.deepEqual(kept, recount);
    // And without the industry division (what supervisors not limited to industries read).
    const areaKey = 'county_code, region_code, status, level, overdue, listed';
    const keptByArea = await t.db.query(`SELECT ${areaKey}, n FROM hazard_area_counts WHERE n <> 0 ORDER BY ${areaKey}`);
    const recountByArea = await t.db.query(
      `SELECT county_code, region_code, status, level, overdue, listed_tier IS NOT NULL AS listed, count(*)::int AS n
       FROM hazards GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    );
    assert.deepEqual(keptByArea, recountByArea);
    // And for whole counties (the county supervisor's list total).
    const countyKey = 'county_code, status, level, overdue, listed';
    const keptByCounty = await t.db.query(`SELECT ${countyKey}, n FROM hazard_county_counts WHERE n <> 0 ORDER BY ${countyKey}`);
    const recountByCounty = await t.db.query(
      `SELECT county_code, status, level, overdue, listed_tier IS NOT NULL AS listed, count(*)::int AS n
       FROM hazards GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    );
    assert.deepEqual(keptByCounty, recountByCounty);
    // Row-level security: whole counties within the reader's area; a township supervisor reads none.
    const countiesSeen = async (regionPrefix: string) =>
      readScoped(t.db, { regionPrefix, industries: null, enterpriseId: null }, (tx) =>
        tx.query<{ county_code: string }>('SELECT DISTINCT county_code FROM hazard_county_counts ORDER BY 1'),
      );
    assert.deepEqual(await countiesSeen('320582'), [{ county_code: '320582' }]);
    assert.deepEqual(await countiesSeen(TOWN.slice(0, 9)), []);
    assert.ok((await countiesSeen('3205')).length >= 2);

    // A county department's inspector, limited to its industry divisions, counts only their hazards.
    const [div] = await t.db.query<{ d: string }>(
      "SELECT left(industry_code, 2) AS d FROM hazards WHERE county_code = '320582' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
    );
    const countyTotal = async (cookie: string) => {
      const totals = (await inject(cookie, 'GET', '/api/v1/hazard-dashboard')).json().totals;
      return HAZARD_STATUSES.reduce((a, st) => a + totals[st], 0);
    };
    for (const [name, industries] of [
      ['industry-in', [div?.d as string]],
      ['industry-out', ['01']],
    ] as const) {
      const departmentId = await makeDepartment(t.db, name, '320582000000', [...industries]);
      await makeUser(t.db, { username: name, role: 'departmentInspector', regionCode: '320582000000', departmentId });
      const [expected] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM hazards WHERE county_code = '320582' AND left(industry_code, 2) = ANY($1::text[])",
        [industries],
      );
      const cookie = await t.login(name);
      assert.equal(await countyTotal(cookie), expected?.n, name);
      // Its list counts its hazards (the maintained area counts are not for it).
      assert.equal((await inject(cookie, 'GET', '/api/v1/hazards?pageSize=1')).json().total, expected?.n, name);
    }
    const [inCounty] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM hazards WHERE county_code = '320582'");
    assert.ok((inCounty?.n ?? 0) > 0);
    assert.equal(await countyTotal(county), inCounty?.n);
    // An enterprise account's dashboard counts its own hazards only.
    const own = (await inject(ent, 'GET', '/api/v1/hazard-dashboard')).json().totals;
    const [mine] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hazards WHERE enterprise_id = $1', [enterpriseId]);
    assert.equal(
      Object.values(HAZARD_STATUSES).reduce((a, st) => a + own[st], 0),
      mine?.n,
    );
  });
});
