// Handling a report past acceptance: attachments (type, size, location stripped, sealed on
// disk), verification assigned, a hazard created, the reward by the province rule and its
// payment, duplicates merged, custodian-approved identity reveal, statistics, escalation,
// retention and key rotation.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { localFileStore } from '../../storage/files.ts';
import { CAST, type CastApp, enterpriseBody, makeUser, multipartBody, openCastApp, submitPublicReport } from '../../test/harness.ts';
import { escalateOverdueReports, purgeExpiredReports } from './jobs.ts';
import { keysInUse, resealReports } from './rotate.ts';

/** A tiny JPEG whose APP1 (EXIF) segment carries a position. */
function jpegWithLocation() {
  const app1Body = Buffer.from('Exif\0\0GPS-31.2304N-121.4737E');
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16(app1Body.length + 2), app1Body]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  const sos = Buffer.from([0xff, 0xda, 0x00, 0x0c, 0x03, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0, 0xaa, 0xbb, 0xcc, 0xff, 0xd9]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, sof, sos]);
}
function box(type: string, body: Buffer) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length + 8);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}
function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));

describe('report handling', () => {
  // The standard cast (county, city, province, Kunshan as the outsider) and a second county
  // supervisor, county2, who verifies and decides where the first one may not.
  let t: CastApp;
  let s: Record<string, string> = {};
  let entA = '';
  let entB = '';
  const as = (who: string, method: string, url: string, payload?: unknown) => t.inject(s[who] as string, method, url, payload);
  const submit = (body: Record<string, unknown>) => submitPublicReport(t.app, body);
  /** Submits and returns the new report's id and receipt. */
  const newReport = async (body: Record<string, unknown>) => {
    const before = new Set((await t.db.query<{ id: string }>('SELECT id FROM reports')).map((r) => r.id));
    const receipt = await submit(body);
    const ids = (await t.db.query<{ id: string }>('SELECT id FROM reports')).map((r) => r.id);
    return { receipt, id: ids.find((i) => !before.has(i)) as string };
  };
  const step = (who: string, id: string, body: Record<string, unknown>) => as(who, 'POST', `/api/v1/reports/${id}/transitions`, body);

  before(async () => {
    t = await openCastApp();
    s = { ...t.cookies };
    entA = t.enterpriseId;
    entB = (await as('admin', 'POST', '/api/v1/enterprises', enterpriseBody(2, CAST.town))).json().id;
    await makeUser(t.db, { username: 'county2', role: 'countySupervisor', regionCode: CAST.county });
    s.county2 = await t.login('county2');
  });
  after(() => t.close());

  test('attachments: recognised by their bytes, capped, location stripped unless kept, ciphertext on disk', async () => {
    const { id, receipt } = await newReport({ enterpriseId: entA });
    const photo = jpegWithLocation();
    const up = (fields: Record<string, string>, content = photo, filename = '现场.jpg') =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/reports/files',
        ...multipartBody({ content, filename, type: 'image/jpeg' }, fields),
      });
    const res = await up({ receipt });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().files, [{ name: '现场.jpg', size: photo.length - 32, author: 'reporter' }]);
    assert.equal((await up({ receipt, keepLocation: 'true' }, photo, 'evidence.jpg')).statusCode, 201);
    assert.equal((await up({ receipt }, Buffer.from('just text, not a photo'))).statusCode, 400);
    assert.equal((await up({ receipt: '0000 0000 0000 0000 0000' })).statusCode, 404);
    assert.equal(
      (await up({ receipt }, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(21 * 1024 * 1024)]), 'big.pdf')).statusCode,
      400,
    );

    const files = (await as('county', 'GET', `/api/v1/reports/${id}`)).json().files as { id: string; name: string }[];
    const fileId = (name: string) => files.find((f) => f.name === name)?.id;
    const stripped = (await as('county', 'GET', `/api/v1/reports/${id}/files/${fileId('现场.jpg')}`)).rawPayload;
    const kept = (await as('county', 'GET', `/api/v1/reports/${id}/files/${fileId('evidence.jpg')}`)).rawPayload;
    assert.equal(stripped.includes('GPS-31.2304N'), false, 'the position is gone');
    assert.equal(stripped.subarray(0, 2).toString('hex'), 'ffd8');
    assert.ok(stripped.includes(Buffer.from([0xff, 0xc0])), 'the image itself is untouched');
    assert.ok(kept.equals(photo), 'kept as evidence when the reporter chose to');
    assert.equal((await as('kunshan', 'GET', `/api/v1/reports/${id}/files/${files[0]?.id}`)).statusCode, 404);
    for (const f of walk(join(t.filesDir, 'report-files'))) {
      const bytes = readFileSync(f);
      assert.equal(bytes.includes('GPS-31.2304N') || bytes.includes('Exif') || bytes.includes('现场'), false, 'stored bytes are sealed');
    }
  });

  test('a PDF and a video reach the handler without their metadata; WebM is refused at the field (issue 22, item 3)', async () => {
    const { id, receipt } = await newReport({ enterpriseId: entA });
    const doc = await PDFDocument.create();
    doc.setAuthor('王秘密 WangSecret');
    doc.addPage([100, 100]);
    const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    const mov = Buffer.concat([
      box('ftyp', Buffer.from('qt  \0\0\0\0qt  ', 'latin1')),
      box('moov', box('udta', box('©xyz', Buffer.from('+31.2304+121.4737/')))),
      box('mdat', Buffer.from('FRAMES')),
    ]);
    const up = (content: Buffer, filename: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/reports/files',
        ...multipartBody({ content, filename }, { receipt, keepLocation: 'true' }),
      });
    assert.equal((await up(pdf, 'a.pdf')).statusCode, 201);
    assert.equal((await up(mov, 'v.mov')).statusCode, 201);
    const webm = await up(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0, 0, 0, 0, 0]), 'v.webm');
    assert.equal(webm.statusCode, 400);
    assert.match(webm.json().error.fields.file, /MP4 或 MOV/);
    const files = (await as('county', 'GET', `/api/v1/reports/${id}`)).json().files as { id: string; name: string }[];
    assert.deepEqual(files.map((f) => f.name).sort(), ['a.pdf', 'v.mov']);
    for (const f of files) {
      const got = (await as('county', 'GET', `/api/v1/reports/${id}/files/${f.id}`)).rawPayload;
      assert.equal(got.includes('WangSecret') || got.includes('+31.2304'), false, `${f.name} is clean`);
    }
  });

  test('verified by an assignee of the jurisdiction, substantiated into a hazard, rewarded by the province rule, paid', async () => {
    const { id, receipt } = await newReport({ enterpriseId: entA, description: '反应釜安全阀被拆除，无人监护违规作业' });
    assert.equal((await step('county', id, { action: 'accept' })).statusCode, 200);
    assert.equal((await step('county', id, { action: 'verify', assignee: 'cast-kunshan' })).statusCode, 400, 'not of this jurisdiction');
    const verified = await step('county', id, { action: 'verify', assignee: 'county2' });
    assert.equal(verified.json().assignee, 'county2');
    const [notice] = await t.db.query<{ kind: string }>(
      "SELECT kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'county2' AND n.link = $1",
      [`/reports/${id}`],
    );
    assert.equal(notice?.kind, 'reportAssigned');

    const noHazard = await step('county2', id, { action: 'substantiate' });
    assert.equal(noHazard.statusCode, 400, 'a hazard report found true must become a hazard');
    const done = await step('county2', id, { action: 'substantiate', hazard: { description: '反应釜安全阀缺失', level: 'major' } });
    assert.equal(done.statusCode, 200, done.body);
    const hazard = (await as('county', 'GET', `/api/v1/hazards/${done.json().hazardId}`)).json();
    assert.equal(hazard.enterpriseId, entA);
    assert.equal(hazard.level, 'major');
    assert.equal(hazard.status, 'reported');

    const rule = {
      penaltyShare: 0.2,
      minimum: 5000,
      maximum: 200000,
      perConcealedDeath: { ordinary: 30000, major: 40000, serious: 50000, especiallySerious: 60000 },
      concealedMaximum: 300000,
      source: '江苏省安全生产举报奖励办法（测试）',
    };
    assert.equal((await as('county', 'PUT', '/api/v1/report-reward-rules/32', rule)).statusCode, 403);
    assert.equal((await as('admin', 'PUT', '/api/v1/report-reward-rules/32', { ...rule, minimum: 300000 })).statusCode, 400);
    assert.equal((await as('province', 'PUT', '/api/v1/report-reward-rules/32', rule)).statusCode, 200);
    const listed = async (who: Parameters<typeof as>[0]) => (await as(who, 'GET', '/api/v1/report-reward-rules')).json();
    const forProvince = await listed('province');
    assert.deepEqual([forProvince.allowedActions, forProvince.nationalAllowedActions], [['set'], []]);
    assert.deepEqual(forProvince.items.find((r: { province: string }) => r.province === '32').allowedActions, ['edit']);
    const forCounty = await listed('county');
    assert.deepEqual([forCounty.allowedActions, forCounty.nationalAllowedActions], [[], []]);
    assert.deepEqual(forCounty.items.find((r: { province: string }) => r.province === '32').allowedActions, []);
    assert.deepEqual((await listed('admin')).nationalAllowedActions, ['edit']);
    const overridden = await step('county', id, { action: 'decideReward', reward: { penalty: 100000, override: 25000 } });
    assert.equal(overridden.statusCode, 400, 'departing from the rule needs a reason');
    const decided = await step('county', id, { action: 'decideReward', reward: { penalty: 100000 } });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal(decided.json().reward.amount, 20000);
    assert.deepEqual(decided.json().reward.steps, ['行政处罚金额 100,000 元 × 20% = 20,000 元', '奖励金额 20,000 元']);
    assert.match((await as('county', 'GET', `/api/v1/reports/${id}`)).json().rewardBasis, /^江苏省安全生产举报奖励办法（测试）；/);
    assert.equal((await step('county', id, { action: 'payReward' })).statusCode, 400);
    const paid = await step('county', id, { action: 'payReward', payment: { paidOn: '2026-11-20', reference: 'JS-2026-0042' } });
    assert.equal(paid.json().reward.paidOn, '2026-11-20');

    const seen = (await t.app.inject({ method: 'POST', url: '/api/public/reports/follow', payload: { receipt } })).json();
    assert.equal(seen.status, 'rewardPaid');
    assert.equal(seen.reward.amount, 20000);
    assert.equal(JSON.stringify(seen).includes('county2'), false, 'the reporter never sees handler names');
    assert.equal((await step('county', id, { action: 'close' })).json().status, 'closed');
    // A closed report's conversation is over for the handler too (the reply box is gone: 'message' is not allowed).
    assert.deepEqual((await as('county', 'GET', `/api/v1/reports/${id}`)).json().allowedActions, []);
    assert.equal((await as('county', 'POST', `/api/v1/reports/${id}/messages`, { text: '还有补充吗？' })).statusCode, 409);
  });

  test('a duplicate about the same enterprise merges into the open report; its reporter follows the joined one', async () => {
    const first = await newReport({ enterpriseId: entB, description: '夜间偷排废液，车间无人值守' });
    const dup = await newReport({ enterpriseId: entB, description: '晚上偷偷排放废液，气味很大' });
    const other = await newReport({ enterpriseId: entA, description: '另一家企业的问题，与上面无关' });
    assert.equal((await step('county', dup.id, { action: 'merge', into: other.id })).statusCode, 400, 'another enterprise');
    assert.equal((await step('county', dup.id, { action: 'merge', into: dup.id })).statusCode, 400, 'itself');
    assert.equal((await step('county', dup.id, { action: 'merge' })).statusCode, 400);
    assert.equal((await step('county', dup.id, { action: 'merge', into: first.id })).json().status, 'merged');
    assert.deepEqual((await as('county', 'GET', `/api/v1/reports/${first.id}`)).json().mergedReports, [dup.id]);
    await step('county', first.id, { action: 'accept' });
    const seen = (await t.app.inject({ method: 'POST', url: '/api/public/reports/follow', payload: { receipt: dup.receipt } })).json();
    assert.deepEqual([seen.status, seen.outcomeStatus], ['merged', 'accepted']);
    const refused = await step('county', dup.id, { action: 'accept' });
    assert.equal(refused.statusCode, 409);
  });

  test('identity: asked for with a reason, approved by another custodian of the same or a higher tier, then opened by the asker only', async () => {
    const named = await newReport({ enterpriseId: entA, anonymous: false, name: '李实名', phone: '13800001111' });
    const anon = await newReport({ enterpriseId: entA });
    assert.equal(
      (await as('county', 'POST', `/api/v1/reports/${anon.id}/reveal-requests`, { reason: '需要当面核实情况' })).statusCode,
      409,
    );
    assert.equal(
      (await as('kunshan', 'POST', `/api/v1/reports/${named.id}/reveal-requests`, { reason: '需要当面核实情况' })).statusCode,
      404,
    );
    const asked = await as('county', 'POST', `/api/v1/reports/${named.id}/reveal-requests`, { reason: '需要当面核实偷排时间' });
    assert.equal(asked.statusCode, 201);
    const rid = asked.json().id;
    // What each one may do now, sent with the data: the asker no longer asks; another custodian decides.
    const detailFor = async (who: string) => (await as(who, 'GET', `/api/v1/reports/${named.id}`)).json();
    assert.equal((await detailFor('county')).allowedActions.includes('requestReveal'), false, 'one waiting request per asker');
    assert.equal((await detailFor('county2')).allowedActions.includes('requestReveal'), true);
    const inboxLine = async (who: string) =>
      (await as(who, 'GET', '/api/v1/reports')).json().items.find((x: { id: string }) => x.id === named.id);
    assert.deepEqual(
      [
        (await inboxLine('county')).allowedActions.includes('requestReveal'),
        (await inboxLine('county2')).allowedActions.includes('requestReveal'),
      ],
      [false, true],
      'the inbox line says the same',
    );
    assert.deepEqual(
      (await detailFor('county')).reveals.map((v: { allowedActions: string[] }) => v.allowedActions),
      [[]],
    );
    assert.deepEqual(
      (await detailFor('county2')).reveals.map((v: { allowedActions: string[] }) => v.allowedActions),
      [['decide']],
    );
    assert.equal(
      (await as('county', 'POST', `/api/v1/reports/${named.id}/reveal-requests`, { reason: '再次申请查看身份' })).statusCode,
      409,
    );
    assert.equal((await as('county', 'POST', `/api/v1/reveal-requests/${rid}/reveal`)).statusCode, 403, 'not before approval');
    assert.equal(
      (await as('county', 'POST', `/api/v1/reveal-requests/${rid}/decision`, { approve: true })).statusCode,
      403,
      'not by the asker',
    );
    assert.equal((await as('kunshan', 'POST', `/api/v1/reveal-requests/${rid}/decision`, { approve: true })).statusCode, 404);
    assert.deepEqual(
      (await as('county2', 'GET', '/api/v1/reveal-requests')).json().items.map((v: { id: string }) => v.id),
      [rid],
    );
    assert.equal((await as('county', 'GET', '/api/v1/reveal-requests')).json().items.length, 0, 'one never decides one’s own');
    assert.equal(
      (await as('city', 'POST', `/api/v1/reveal-requests/${rid}/decision`, { approve: false })).statusCode,
      400,
      'a refusal needs a reason',
    );
    assert.equal((await as('county2', 'POST', `/api/v1/reveal-requests/${rid}/decision`, { approve: true, note: '同意' })).statusCode, 200);
    assert.equal((await as('county2', 'POST', `/api/v1/reveal-requests/${rid}/reveal`)).statusCode, 403, 'only the asker opens it');
    assert.deepEqual(
      (await detailFor('county')).reveals.map((v: { allowedActions: string[] }) => v.allowedActions),
      [['reveal']],
    );
    const identity = await as('county', 'POST', `/api/v1/reveal-requests/${rid}/reveal`);
    assert.deepEqual(identity.json(), { name: '李实名', phone: '13800001111' });
    // A custodian of a lower tier cannot approve a higher tier's request.
    const cityAsks = (await as('city', 'POST', `/api/v1/reports/${named.id}/reveal-requests`, { reason: '市级督办需要核实' })).json().id;
    assert.equal((await as('county2', 'POST', `/api/v1/reveal-requests/${cityAsks}/decision`, { approve: true })).statusCode, 403);
    assert.equal((await as('province', 'POST', `/api/v1/reveal-requests/${cityAsks}/decision`, { approve: true })).statusCode, 200);

    const events = await t.db.query<{ action: string; actor_name: string; after: unknown }>(
      "SELECT action, actor_name, after FROM audit_events WHERE entity_id = $1 AND action LIKE 'report.reveal%' ORDER BY seq",
      [named.id],
    );
    assert.deepEqual(
      events.map((e) => [e.action, e.actor_name]),
      [
        ['report.revealRequest', 'cast-county'],
        ['report.revealApprove', 'county2'],
        ['report.reveal', 'cast-county'],
        ['report.revealRequest', 'cast-city'],
        ['report.revealApprove', 'cast-province'],
      ],
    );
    const audit = JSON.stringify(await t.db.query('SELECT * FROM audit_events'));
    assert.equal(audit.includes('李实名') || audit.includes('13800001111'), false, 'the identity never enters the audit trail');
  });

  test('statistics per sub-region: received, outcomes, the substantiated share, handling days, rewards', async () => {
    const { id } = await newReport({ enterpriseId: entA, description: '这是一条经核查不属实的举报内容' });
    await step('county', id, { action: 'accept' });
    await step('county', id, { action: 'verify' });
    await step('county', id, { action: 'unsubstantiate', reason: '现场核查未发现问题' });
    const stats = (await as('city', 'GET', '/api/v1/report-stats')).json();
    const zjg = stats.byRegion.find((r: { code: string }) => r.code === '320582000000');
    const [{ n } = { n: 0 }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
    assert.equal(stats.totals.received, n);
    assert.equal(zjg.received, n);
    assert.equal(zjg.substantiated, 1);
    assert.equal(zjg.unsubstantiated, 1);
    assert.equal(zjg.merged, 1);
    assert.equal(zjg.substantiatedRate, 0.5);
    assert.equal(zjg.averageHandlingDays, 0);
    assert.equal(zjg.rewardsDecided, 20000);
    assert.equal(zjg.rewardsPaid, 20000);
    assert.equal((await as('kunshan', 'GET', '/api/v1/report-stats')).json().totals.received, 0);
  });

  test('overdue reports escalate one tier per missed deadline, with notices; a second run changes nothing', async () => {
    const { id } = await newReport({ enterpriseId: entA, description: '一直没人受理的举报，需要升级' });
    const [r] = await t.db.query<{ accept_due: string; conclude_due: string }>(
      'SELECT accept_due::text, conclude_due::text FROM reports WHERE id = $1',
      [id],
    );
    const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    assert.ok((await escalateOverdueReports(t.db, dayAfter(r?.accept_due as string))) >= 1);
    assert.equal(await escalateOverdueReports(t.db, dayAfter(r?.accept_due as string)), 0);
    let row = (await as('city', 'GET', `/api/v1/reports/${id}`)).json();
    assert.deepEqual([row.overdue, row.escalatedTier], ['accept', 'city']);
    assert.equal(
      (await as('city', 'GET', '/api/v1/reports?overdue=true')).json().items.some((x: { id: string }) => x.id === id),
      true,
    );
    const notices = await t.db.query<{ username: string }>(
      "SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.link = $1 AND n.kind = 'reportOverdue' ORDER BY 1",
      [`/reports/${id}`],
    );
    assert.deepEqual(
      notices.map((x) => x.username),
      ['cast-city', 'cast-county', 'county2'],
    );
    await escalateOverdueReports(t.db, dayAfter(r?.conclude_due as string));
    row = (await as('city', 'GET', `/api/v1/reports/${id}`)).json();
    assert.deepEqual([row.overdue, row.escalatedTier], ['conclude', 'province']);
    assert.equal(row.transitions.filter((x: { action: string }) => x.action === 'escalate').length, 2);
  });

  test('retention: untrue reports and their files are deleted after the period; others stay', async () => {
    const { id, receipt } = await newReport({ enterpriseId: entA, description: '不属实的举报，带有一张照片' });
    await t.app.inject({
      method: 'POST',
      url: '/api/public/reports/files',
      ...multipartBody({ content: jpegWithLocation() }, { receipt }),
    });
    await step('county', id, { action: 'accept' });
    await step('county', id, { action: 'verify' });
    await step('county', id, { action: 'unsubstantiate', reason: '查无此事' });
    const [file] = await t.db.query<{ storage_key: string }>('SELECT storage_key FROM report_files WHERE report_id = $1', [id]);
    const path = join(t.filesDir, file?.storage_key as string);
    assert.ok(readFileSync(path).length > 0);
    const files = localFileStore(t.filesDir);
    const total = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports'))[0]?.n;
    const before = await total();
    assert.equal(await purgeExpiredReports(t.db, files, 365), 0, 'not yet');
    const later = new Date(Date.now() + 367 * 86400000).toISOString().slice(0, 10);
    assert.equal(await purgeExpiredReports(t.db, files, 365, later), 2, 'this one and the earlier untrue one');
    assert.equal(await total(), (before as number) - 2);
    for (const table of ['reports', 'report_messages', 'report_files', 'report_transitions'])
      assert.deepEqual(await t.db.query(`SELECT 1 FROM ${table} WHERE ${table === 'reports' ? 'id' : 'report_id'} = $1`, [id]), []);
    assert.throws(() => readFileSync(path), /ENOENT/, 'the stored file is gone');
  });

  test('key rotation re-seals every value; the old key is then unused', async () => {
    const before = (await as('county', 'GET', '/api/v1/reports')).json().items.map((x: { id: string }) => x.id);
    const rotated = t.keyring.rotated();
    const files = localFileStore(t.filesDir);
    const done = await resealReports(t.db, files, rotated);
    assert.ok(done.values > 0);
    assert.deepEqual(await keysInUse(t.db, files), [rotated.currentId]);
    const onlyNew = rotated.keeping([]);
    assert.deepEqual(Object.keys(onlyNew.file.keys), [rotated.currentId]);
    const [r] = await t.db.query<{ id: string; sealed_content: string }>('SELECT id, sealed_content FROM reports WHERE id = $1', [
      before[0],
    ]);
    assert.ok(JSON.parse(onlyNew.open(r?.sealed_content as string, r?.id as string)).description.length > 0);
    assert.equal((await resealReports(t.db, files, rotated)).values, 0, 'a second run has nothing to do');
  });
});
