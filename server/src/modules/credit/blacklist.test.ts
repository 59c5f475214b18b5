// The serious-discredit list through the HTTP API, on both databases: candidates proposed from real
// rows (a 重大 accident reported by the county, a 谎报 recorded on another, an Art. 114 case fined at
// the aggravated tier) exactly once however often the events are scanned; the listing's steps with
// the numbered notice and decision (PDF), the objection window, four eyes, the enterprise's class
// recomputed and the partner departments notified; early removal refused before 12 months; another
// county neither sees nor acts; bad input is a bilingual 400 with nothing written; the public list
// shows only current entries with ID numbers masked, and expiry by the system takes an entry off it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readScoped } from '../../db/scope.ts';
import { CAST, type CastApp, enterpriseBody, makeUser, openCastApp } from '../../test/harness.ts';
import { expireBlacklistEntries } from './blacklist-jobs.ts';
import { isListed } from './blacklist-store.ts';
import { blacklistWorkItems } from './blacklist-workbench.ts';

const ID = '320582198001011234';

describe('blacklist', () => {
  let t: CastApp;
  let county2: string;
  let county2Id: string;
  before(async () => {
    t = await openCastApp();
    county2Id = await makeUser(t.db, { username: 'cast-county2', role: 'countySupervisor', regionCode: CAST.county });
    county2 = await t.login('cast-county2');
  });
  after(() => t.close());

  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  const report = async (cookie: string, body: Record<string, unknown>) => {
    const res = await t.inject(cookie, 'POST', '/api/v1/accidents', {
      occurredAt: ago(3_600_000),
      place: '一号车间',
      description: '反应釜爆炸',
      ...body,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const list = async (cookie: string, query = '') => (await t.inject(cookie, 'GET', `/api/v1/blacklist${query}`)).json();
  const get = async (cookie: string, id: string) => (await t.inject(cookie, 'GET', `/api/v1/blacklist/${id}`)).json();
  const step = async (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const version = (await get(cookie, id)).version;
    return t.inject(cookie, 'POST', `/api/v1/blacklist/${id}/steps/${action}`, { version, ...body });
  };
  const ok = async (cookie: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await step(cookie, id, action, body);
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    return res.json();
  };
  /** The objection window as if it had ended yesterday (the clock cannot be moved through HTTP). */
  const endWindow = (id: string) =>
    t.db.query(`UPDATE credit_blacklist_entries SET objection_due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 1 WHERE id = $1`, [id]);

  let serious: { id: string; number: string };
  let majorEntry: string;
  let fineEntry: string;
  let concealedEntry: string;

  test('candidates from real rows: a 重大 accident, a 谎报, an Art. 114 fine of 2–5 times; once only', async () => {
    serious = await report(t.cookies.county, { enterpriseId: t.enterpriseId, regionCode: CAST.town, deaths: 10 });
    const ordinary = await report(t.cookies.county, { enterpriseId: t.enterpriseId, regionCode: CAST.town, deaths: 1 });
    const acc = (await t.inject(t.cookies.county, 'GET', `/api/v1/accidents/${ordinary.id}`)).json();
    const fault = await t.inject(t.cookies.county, 'POST', `/api/v1/accidents/${ordinary.id}/steps/markFault`, {
      version: acc.version,
      fault: 'false',
      evidence: '核查发现实际死亡2人，单位报告1人',
    });
    assert.equal(fault.statusCode, 200, fault.body);
    await t.db.query(
      `INSERT INTO enforcement_cases (enterprise_id, title, article, tier, status, decision_due_on, decided_at, fine_yuan)
       VALUES ($1, '发生较大事故，情节特别严重', '114', 'aggravated', 'decided', current_date + 60, now(), 5000000),
              ($1, '未按规定开展培训', '97', 'first', 'decided', current_date + 60, now(), 20000),
              ($1, '发生一般事故', '114', 'aggravated', 'review', current_date + 60, NULL, NULL)`,
      [t.enterpriseId],
    );
    // Kunshan's 重大 accident is Kunshan's candidate, not Zhangjiagang's.
    await report(t.cookies.kunshan, { enterpriseId: t.otherEnterpriseId, regionCode: CAST.otherTown, deaths: 12 });

    const scan = await t.inject(t.cookies.county, 'POST', '/api/v1/blacklist/scan');
    assert.equal(scan.statusCode, 200, scan.body);
    assert.equal(scan.json().created, 3);
    const again = await t.inject(t.cookies.county, 'POST', '/api/v1/blacklist/scan');
    assert.equal(again.json().created, 0);

    const c = await list(t.cookies.county, '?view=candidates');
    assert.equal(c.total, 3);
    const by = (reason: string) => c.items.find((i: { reason: string }) => i.reason === reason);
    assert.deepEqual(c.items.map((i: { reason: string }) => i.reason).sort(), ['concealedAccident', 'majorAccident', 'multipleFine']);
    assert.equal(by('majorAccident').sourceType, 'accident');
    assert.equal(by('majorAccident').sourceRef, serious.number);
    assert.equal(by('majorAccident').subjectName, '测试企业9001有限公司');
    assert.equal(by('concealedAccident').sourceId, ordinary.id);
    assert.equal(by('multipleFine').sourceType, 'case');
    assert.deepEqual(by('majorAccident').allowedActions, ['notify', 'drop']);
    majorEntry = by('majorAccident').id;
    fineEntry = by('multipleFine').id;
    concealedEntry = by('concealedAccident').id;

    // The hourly job proposes the rest of the country (Kunshan's) and nothing twice.
    await expireBlacklistEntries(t.db);
    assert.equal((await list(t.cookies.kunshan, '?view=candidates')).total, 1);
    assert.equal((await list(t.cookies.county, '?view=candidates')).total, 3);
  });

  test('another county neither sees nor acts; an enterprise sees only its own', async () => {
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/blacklist/${majorEntry}`)).statusCode, 404);
    const res = await t.inject(t.cookies.kunshan, 'POST', `/api/v1/blacklist/${majorEntry}/steps/notify`, { version: 1 });
    assert.equal(res.statusCode, 404);
    // Kunshan's enterprise sees its own candidate, never Zhangjiagang's.
    const other = await list(t.cookies.otherEnt);
    assert.equal(other.total, 1);
    assert.equal(other.items[0].subjectName, '测试企业9002有限公司');
    assert.equal((await list(t.cookies.ent)).total, 3);
    assert.deepEqual((await get(t.cookies.ent, majorEntry)).allowedActions, []);
    // A township reads but does not act.
    const town = await t.inject(t.cookies.town, 'POST', `/api/v1/blacklist/${majorEntry}/steps/notify`, { version: 1 });
    assert.equal(town.statusCode, 403);
  });

  test('bad input is a bilingual 400 and writes nothing', async () => {
    const before = (await list(t.cookies.county)).total;
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/blacklist', { subjectType: 'person', reason: 'desertion', facts: '' });
    assert.equal(res.statusCode, 400);
    const e = res.json().error;
    assert.ok(e.fields.personName && e.fields.personIdNumber && e.fields.penaltyDecisionRef && e.fields.facts, res.body);
    assert.ok(e.fieldMessages.personIdNumber.zh && e.fieldMessages.personIdNumber.en);
    const badStep = await t.inject(t.cookies.county, 'POST', `/api/v1/blacklist/${majorEntry}/steps/drop`, { version: 1, reason: '' });
    assert.equal(badStep.statusCode, 400);
    assert.ok(badStep.json().error.fieldMessages.reason.en);
    // A unit outside the Decree's industries (construction) is not proposed.
    const site = await t.inject(t.cookies.admin, 'POST', '/api/v1/enterprises', enterpriseBody(9003, CAST.town, { industryCode: '4700' }));
    assert.equal(site.statusCode, 201, site.body);
    const outside = await t.inject(t.cookies.county, 'POST', '/api/v1/blacklist', {
      subjectType: 'unit',
      reason: 'otherSerious',
      enterpriseId: site.json().id,
      penaltyDecisionRef: '（张家港）应急罚〔2026〕5号',
      facts: '违法分包',
    });
    assert.equal(outside.statusCode, 400);
    assert.match(outside.json().error.fieldMessages.enterpriseId.en, /outside the scope of the Decree/);
    const unknown = await t.inject(t.cookies.county, 'POST', `/api/v1/blacklist/${majorEntry}/steps/explode`, {});
    assert.equal(unknown.statusCode, 400);
    const badQuery = await t.inject(t.cookies.county, 'GET', '/api/v1/blacklist?reason=nope');
    assert.equal(badQuery.statusCode, 400);
    assert.equal((await list(t.cookies.county)).total, before);
    assert.equal((await get(t.cookies.county, majorEntry)).status, 'candidate');
  });

  test('告知 → objection window → decision by another person → listed 3 years, class and partners', async () => {
    const noticed = await ok(t.cookies.county, majorEntry, 'notify');
    assert.equal(noticed.status, 'noticed');
    assert.ok(noticed.objectionDueOn > new Date().toISOString().slice(0, 10));
    const notice = noticed.documents.find((d: { kind: string }) => d.kind === 'creditNotice');
    assert.match(notice.number, /^（.+）应急失告〔\d{4}〕\d+号$/);
    const pdf = await t.inject(t.cookies.county, 'GET', `/api/v1/blacklist/documents/${notice.id}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF');
    assert.equal((await t.inject(t.cookies.kunshan, 'GET', `/api/v1/blacklist/documents/${notice.id}/pdf`)).statusCode, 404);

    // The party may object while the window runs; the department may not decide yet.
    assert.deepEqual((await get(t.cookies.ent, majorEntry)).allowedActions, ['recordObjection']);
    const early = await step(county2, majorEntry, 'decide');
    assert.equal(early.statusCode, 409);
    assert.deepEqual(early.json().error.allowedActions, ['recordObjection', 'drop']);
    const objecting = await ok(t.cookies.ent, majorEntry, 'recordObjection', { objection: '事故等级认定有误' });
    assert.equal(objecting.status, 'objecting');
    const rejected = await ok(t.cookies.county, majorEntry, 'handleObjection', { upheld: false, reply: '经核实，死亡10人，等级认定无误' });
    assert.equal(rejected.status, 'noticed');
    // Four eyes on a rule-proposed entry: the one who sent the notice may not decide; another may.
    assert.ok(!rejected.allowedActions.includes('decide'), 'the notifier may not decide');
    assert.equal((await step(t.cookies.county, majorEntry, 'decide')).statusCode, 403);
    assert.ok((await get(county2, majorEntry)).allowedActions.includes('decide'));

    const listed = await ok(county2, majorEntry, 'decide');
    assert.equal(listed.status, 'listed');
    assert.equal(listed.decidedByName !== null, true);
    const expected = new Date(listed.listedAt);
    expected.setUTCFullYear(expected.getUTCFullYear() + 3);
    assert.equal(listed.expiresAt, expected.toISOString());
    assert.equal(listed.partnerNotices.length, 6);
    assert.equal(listed.partnerNotices[0].department, '行业主管部门');
    assert.match(listed.decisionNumber, /^（.+）应急失决〔\d{4}〕\d+号$/);
    assert.ok(await readScoped(t.db, { regionPrefix: '', industries: null, enterpriseId: null }, (tx) => isListed(tx, t.enterpriseId)));
    assert.equal(
      await readScoped(t.db, { regionPrefix: '', industries: null, enterpriseId: null }, (tx) => isListed(tx, t.otherEnterpriseId)),
      false,
    );
    // Early removal is not open before 12 months.
    assert.deepEqual((await get(t.cookies.ent, majorEntry)).allowedActions, []);
    const apply = await step(t.cookies.ent, majorEntry, 'applyRemoval', { statement: '已整改', checklist: {} });
    assert.equal(apply.statusCode, 409);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [majorEntry]);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['blacklist.propose', 'blacklist.notify', 'blacklist.recordObjection', 'blacklist.handleObjection', 'blacklist.decide'],
    );
  });

  test('an objection upheld drops the candidate; a drop needs a reason', async () => {
    await ok(t.cookies.county, concealedEntry, 'notify');
    await ok(t.cookies.ent, concealedEntry, 'recordObjection', { objection: '已如实报告，系统录入有误' });
    const dropped = await ok(t.cookies.county, concealedEntry, 'handleObjection', { upheld: true, reply: '异议成立' });
    assert.equal(dropped.status, 'dropped');
    assert.deepEqual(dropped.allowedActions, []);
    const d = await ok(t.cookies.county, fineEntry, 'drop', { reason: '已在市级列入' });
    assert.equal(d.status, 'dropped');
  });

  let personEntry: string;
  test('a person proposed by hand: the proposer may not decide (four eyes); ID numbers masked except to the deciding county', async () => {
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/blacklist', {
      subjectType: 'person',
      reason: 'desertion',
      enterpriseId: t.enterpriseId,
      personName: '王某某',
      personIdNumber: ID,
      personRole: 'principal',
      penaltyDecisionRef: '（张家港）应急罚〔2026〕8号',
      facts: '事故发生后擅离职守',
    });
    assert.equal(res.statusCode, 201, res.body);
    personEntry = res.json().id;
    assert.equal(res.json().personIdNumber, ID);
    const dup = await t.inject(t.cookies.county, 'POST', '/api/v1/blacklist', {
      subjectType: 'person',
      reason: 'desertion',
      enterpriseId: t.enterpriseId,
      personName: '王某某',
      personIdNumber: ID,
      penaltyDecisionRef: '（张家港）应急罚〔2026〕8号',
      facts: '重复提出',
    });
    assert.equal(dup.statusCode, 409);
    assert.equal((await get(t.cookies.city, personEntry)).personIdNumber, '3205**********1234');
    assert.equal(
      (await list(t.cookies.ent)).items.some((i: { id: string }) => i.id === personEntry),
      false,
    );
    await ok(t.cookies.county, personEntry, 'notify');
    await endWindow(personEntry);
    const self = await step(t.cookies.county, personEntry, 'decide');
    assert.equal(self.statusCode, 403);
    const listed = await ok(county2, personEntry, 'decide');
    assert.equal(listed.status, 'listed');
    // A person's listing does not list the unit by itself.
    assert.equal(
      (
        await t.db.query<{ enterprise_id: string | null }>('SELECT enterprise_id FROM credit_blacklist_entries WHERE id = $1', [
          personEntry,
        ])
      )[0]?.enterprise_id,
      null,
    );
    assert.ok(county2Id);
  });

  test('the 工作台 counts equal the lists they open', async () => {
    const county = {
      id: 'x',
      username: 'cast-county',
      role: 'countySupervisor' as const,
      scope: { regionPrefix: '320582', industries: null, enterpriseId: null },
    };
    const items = await readScoped(t.db, county.scope, (tx) => blacklistWorkItems(county, county.scope, tx));
    assert.deepEqual(
      items.map((i) => i.kind),
      ['blacklist.toDecide', 'blacklist.windowEnded', 'blacklist.removalApplied', 'blacklist.expiring'],
    );
    for (const i of items) {
      const qs = new URLSearchParams(i.query as Record<string, string>).toString();
      assert.equal((await list(t.cookies.county, `?${qs}`)).total, i.count, i.kind);
    }
  });

  test('the public list: current entries only, ID numbers masked, no login; expiry takes an entry off', async () => {
    const res = await t.app.inject({ url: '/api/public/blacklist' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.total, 2);
    assert.ok(!res.body.includes(ID), 'an unmasked ID number on the public list');
    const person = body.items.find((i: { subjectType: string }) => i.subjectType === 'person');
    assert.equal(person.idNumber, '3205**********1234');
    assert.equal(person.uscc, null);
    const unit = body.items.find((i: { subjectType: string }) => i.subjectType === 'unit');
    assert.equal(unit.name, '测试企业9001有限公司');
    assert.match(unit.decisionNumber, /应急失决/);
    assert.equal(unit.reason, 'majorAccident');
    assert.equal((await t.app.inject({ url: '/api/public/blacklist?regionCode=320583' })).json().total, 0);
    assert.equal((await t.app.inject({ url: '/api/public/blacklist?regionCode=320582' })).json().total, 2);
    assert.equal((await t.app.inject({ url: '/api/public/blacklist?regionCode=abc' })).statusCode, 400);

    // The term ends: a listing past expires_at is never shown, even before the job runs; the job moves it.
    await t.db.query(
      `UPDATE credit_blacklist_entries SET expires_at = now() - interval '1 minute', listed_at = now() - interval '3 years 1 minute' WHERE id = $1`,
      [majorEntry],
    );
    assert.equal((await t.app.inject({ url: '/api/public/blacklist' })).json().total, 1);
    assert.equal(await expireBlacklistEntries(t.db), 1);
    assert.equal(await expireBlacklistEntries(t.db), 0);
    const expired = await get(t.cookies.county, majorEntry);
    assert.equal(expired.status, 'expired');
    assert.deepEqual(expired.allowedActions, []);
    const [a] = await t.db.query<{ actor_name: string; action: string }>(
      `SELECT actor_name, action FROM audit_events WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [majorEntry],
    );
    assert.equal(a?.action, 'blacklist.expire');
    assert.equal(a?.actor_name, 'system');
    const pub = await t.app.inject({ url: '/api/public/blacklist' });
    assert.ok(!pub.json().items.some((i: { id: string }) => i.id === majorEntry));
    assert.ok(!pub.body.includes(ID));
  });

  test('early removal after 12 months, then revoked for deceit with the original expiry', async () => {
    // Listed 13 months ago (the clock cannot be moved through HTTP: the dates are set back).
    await t.db.query(
      `UPDATE credit_blacklist_entries SET listed_at = now() - interval '13 months', expires_at = now() - interval '13 months' + interval '3 years' WHERE id = $1`,
      [personEntry],
    );
    const before = await get(t.cookies.county, personEntry);
    assert.deepEqual(before.allowedActions, ['applyRemoval']);
    await ok(t.cookies.county, personEntry, 'applyRemoval', {
      statement: '当事人书面申请提前移出',
      checklist: { penaltyPerformed: true, rectified: true, commitment: true, noNewViolation: true },
    });
    // Who recorded the application does not approve it; an unmet condition is a field error.
    assert.equal((await step(t.cookies.county, personEntry, 'approveRemoval', { checklist: {} })).statusCode, 403);
    const unmet = await step(county2, personEntry, 'approveRemoval', { checklist: { penaltyPerformed: true } });
    assert.equal(unmet.statusCode, 400);
    assert.ok(unmet.json().error.fields['checklist.rectified']);
    const removed = await ok(county2, personEntry, 'approveRemoval', {
      checklist: { penaltyPerformed: true, rectified: true, commitment: true, noNewViolation: true },
    });
    assert.equal(removed.status, 'earlyRemoved');
    assert.ok(removed.documents.some((d: { kind: string; number: string }) => d.kind === 'creditRemoval' && /应急失移/.test(d.number)));
    assert.equal((await t.app.inject({ url: '/api/public/blacklist' })).json().total, 0);
    const revoked = await ok(county2, personEntry, 'revokeRemoval', { reason: '整改材料系伪造' });
    assert.equal(revoked.status, 'listed');
    assert.equal(revoked.expiresAt, before.expiresAt);
    assert.equal((await t.app.inject({ url: '/api/public/blacklist' })).json().total, 1);
  });
  test('an agency: proposed from a report found false, and by hand from the intermediaries directory', async () => {
    const [agency] = await t.db.query<{ id: string }>(
      `INSERT INTO intermediaries (name, uscc, kind, region_code) VALUES ('张家港安评技术服务有限公司', '91320582MA1XXXXX1A', 'evaluation', $1) RETURNING id`,
      [CAST.county],
    );
    await t.db.query(
      `INSERT INTO intermediary_reports (intermediary_id, region_code, enterprise_name, title, report_date, conclusion, false_found_at, false_reason)
       VALUES ($1, $2, '某化工企业', '某化工企业安全现状评价报告', current_date - 30, 'pass', now() - interval '1 day', '检测数据系编造')`,
      [agency?.id, CAST.county],
    );
    const scan = await t.inject(t.cookies.county, 'POST', '/api/v1/blacklist/scan');
    assert.equal(scan.json().created, 1);
    const found = await list(t.cookies.county, '?reason=agencyFraud');
    assert.equal(found.total, 1);
    assert.deepEqual(
      [
        found.items[0].subjectType,
        found.items[0].subjectName,
        found.items[0].sourceType,
        found.items[0].enterpriseId,
        found.items[0].intermediaryId,
      ],
      ['agency', '张家港安评技术服务有限公司', 'report', null, agency?.id],
    );
    const body = {
      subjectType: 'agency',
      reason: 'otherSerious',
      intermediaryId: agency?.id,
      penaltyDecisionRef: '（张家港）应急罚〔2026〕12号',
      facts: '出借资质给无资质人员从事评价活动',
    };
    // Kunshan cannot see the agency: its proposal is refused field by field.
    const outside = await t.inject(t.cookies.kunshan, 'POST', '/api/v1/blacklist', body);
    assert.equal(outside.statusCode, 400);
    assert.ok(outside.json().error.fieldMessages.intermediaryId.en);
    const res = await t.inject(t.cookies.county, 'POST', '/api/v1/blacklist', body);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().subjectUscc, '91320582MA1XXXXX1A');
    assert.equal(res.json().reasonProvisional, true);
  });
});
