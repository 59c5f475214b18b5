import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { CAST, type CastApp, openCastApp } from '../../test/harness.ts';

const TOWN = CAST.town;

/** A PNG header with the given size: enough for the server's sniffing, which reads IHDR. */
function png(width: number, height: number, extra = 0): Buffer {
  const b = Buffer.alloc(33 + extra);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'ascii');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}
function multipart(filename: string, content: Buffer, contentType: string) {
  const boundary = '----taishan-risk';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('risk grading and control', () => {
  // The standard cast: ent keeps the enterprise in Zhangjiagang's town, county supervises it,
  // kunshan (the neighbouring county) must see none of it.
  let t: CastApp;
  let admin: string;
  let ent: string;
  let county: string;
  let other: string;
  let enterpriseId: string;
  let otherEnterpriseId: string;
  const inject = (cookie: string, method: string, url: string, payload?: unknown) => t.inject(cookie, method, url, payload);

  before(async () => {
    t = await openCastApp();
    ({ admin, ent, county, kunshan: other } = t.cookies);
    ({ enterpriseId, otherEnterpriseId } = t);
  });
  after(() => t.close());

  test('calculators over HTTP: exact results; non-table values name the allowed ones', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/calculators/lec', payload: { L: 6, E: 6, C: 15 } });
    assert.equal(r.statusCode, 200);
    assert.deepEqual([r.json().D, r.json().band, r.json().level], [540, 'extreme', 'major']);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/calculators/lec', payload: { L: 5, E: 6, C: 15 } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.fields.L, /10、6、3、1、0\.5、0\.2、0\.1/);
    const lsr = await t.app.inject({ method: 'POST', url: '/api/v1/calculators/ls', payload: { L: 3, S: 3 } });
    assert.deepEqual([lsr.json().R, lsr.json().level], [9, 'high']);
    const g = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calculators/gb18218',
      payload: {
        substances: [
          { name: '液氯', quantityTonnes: 50 },
          { name: '甲醇', quantityTonnes: 300 },
        ],
        peopleWithin500m: 60,
      },
    });
    assert.deepEqual([g.json().S, g.json().R, g.json().grade], [10.6, 60.9, 2]);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calculators/gb18218',
      payload: {
        substances: [
          { name: '不存在的物质', quantityTonnes: 1 },
          { name: '氯', quantityTonnes: -2 },
        ],
        peopleWithin500m: 1,
      },
    });
    assert.equal(unknown.statusCode, 400);
    assert.ok(unknown.json().error.fields['substances.0.name']);
    assert.ok(unknown.json().error.fields['substances.1.quantityTonnes']);
  });

  test('province thresholds: set by admin, applied by the calculator and to assessments; bad thresholds → 400', async () => {
    const bad = await inject(admin, 'PUT', '/api/v1/risk-thresholds/11', {
      lec: { major: 100, high: 200, moderate: 50 },
      ls: { major: 20, high: 9, moderate: 4 },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(
      (
        await inject(county, 'PUT', '/api/v1/risk-thresholds/11', {
          lec: { major: 300, high: 150, moderate: 60 },
          ls: { major: 20, high: 9, moderate: 4 },
        })
      ).statusCode,
      403,
    );
    const ok = await inject(admin, 'PUT', '/api/v1/risk-thresholds/11', {
      lec: { major: 300, high: 150, moderate: 60 },
      ls: { major: 20, high: 9, moderate: 4 },
    });
    assert.equal(ok.statusCode, 200);
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/calculators/lec?province=11', payload: { L: 1, E: 10, C: 15 } });
    assert.equal(r.json().level, 'high'); // D = 150: orange in province 11, yellow by default
    const d = await t.app.inject({ method: 'POST', url: '/api/v1/calculators/lec', payload: { L: 1, E: 10, C: 15 } });
    assert.equal(d.json().level, 'moderate');
  });

  test('risk point: enterprise creates and assesses; reassessment keeps history; supervisors only read', async () => {
    const created = await inject(ent, 'POST', '/api/v1/risk-points', {
      enterpriseId,
      name: '液氯储罐区',
      location: '罐区A',
      activity: '液氯储存与装卸',
      hazardFactors: ['氯气泄漏', '超压'],
      accidentTypes: ['poisoningAsphyxiation', 'vesselExplosion'],
      controlMeasures: [
        { type: 'engineering', description: '设置氯气泄漏检测报警与紧急切断', tier: 'company', responsible: '张三' },
        { type: 'emergency', description: '配备正压式空气呼吸器', tier: 'workshop', responsible: '李四' },
      ],
      reviewDate: '2027-06-30',
      assessment: { method: 'lec', inputs: { L: 3, E: 6, C: 15 } },
    });
    assert.equal(created.statusCode, 201, created.body);
    const p = created.json();
    assert.deepEqual([p.score, p.level, p.colour, p.reviewDate], [270, 'high', 'orange', '2027-06-30']);
    const again = await inject(ent, 'POST', `/api/v1/risk-points/${p.id}/assessments`, { method: 'lec', inputs: { L: 6, E: 6, C: 15 } });
    assert.equal(again.statusCode, 201);
    assert.equal(again.json().level, 'major');
    const detail = (await inject(county, 'GET', `/api/v1/risk-points/${p.id}`)).json();
    assert.deepEqual(
      detail.assessments.map((a: { score: number }) => a.score),
      [540, 270],
    );
    assert.deepEqual(detail.allowedActions, []);
    assert.equal((await inject(county, 'PATCH', `/api/v1/risk-points/${p.id}`, { name: 'x' })).statusCode, 403);
    assert.equal(
      (await inject(county, 'POST', `/api/v1/risk-points/${p.id}/assessments`, { method: 'ls', inputs: { L: 1, S: 1 } })).statusCode,
      403,
    );
    assert.equal((await inject(other, 'GET', `/api/v1/risk-points/${p.id}`)).statusCode, 404);
    const audit = await t.db.query<{ action: string }>('SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq', [p.id]);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['riskPoint.create', 'riskPoint.assess'],
    );
  });

  test('bad risk point input → 400 with fields, nothing saved; another enterprise → 404', async () => {
    const n = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM risk_points'))[0]?.n;
    const before = await n();
    const res = await inject(ent, 'POST', '/api/v1/risk-points', {
      enterpriseId,
      name: '',
      accidentTypes: [],
      controlMeasures: [{ type: 'magic', description: '', tier: 'planet', responsible: '' }],
      assessment: { method: 'lec', inputs: { L: 4, E: 6, C: 15 } },
    });
    assert.equal(res.statusCode, 400);
    const f = res.json().error.fields;
    for (const k of ['name', 'accidentTypes', 'controlMeasures.0.type', 'controlMeasures.0.tier', 'assessment.inputs.L'])
      assert.ok(f[k], `${k} in ${Object.keys(f)}`);
    const foreign = await inject(ent, 'POST', '/api/v1/risk-points', {
      enterpriseId: otherEnterpriseId,
      name: 'x',
      accidentTypes: ['fire'],
    });
    assert.equal(foreign.statusCode, 404);
    assert.equal(await n(), before);
  });

  test('register: filters and Excel export with measures and tiers', async () => {
    await inject(ent, 'POST', '/api/v1/risk-points', {
      enterpriseId,
      name: '配电室',
      accidentTypes: ['electrocution'],
      controlMeasures: [{ type: 'management', description: '持证上岗', tier: 'post', responsible: '王五' }],
      assessment: { method: 'ls', inputs: { L: 2, S: 2 } },
    });
    const list = (await inject(county, 'GET', `/api/v1/risk-points?enterpriseId=${enterpriseId}`)).json();
    assert.deepEqual(
      list.items.map((x: { name: string; level: string }) => [x.name, x.level]),
      [
        ['液氯储罐区', 'major'],
        ['配电室', 'moderate'],
      ],
    );
    assert.equal((await inject(county, 'GET', '/api/v1/risk-points?level=moderate')).json().total, 1);
    assert.equal((await inject(county, 'GET', '/api/v1/risk-points?accidentType=electrocution')).json().total, 1);
    assert.equal((await inject(other, 'GET', '/api/v1/risk-points')).json().total, 0);
    const x = await inject(county, 'GET', `/api/v1/risk-points/export?enterpriseId=${enterpriseId}`);
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.equal(ws?.getCell('C2').value, '液氯储罐区');
    assert.equal(ws?.getCell('J2').value, '重大风险');
    assert.equal(ws?.getCell('K2').value, '红');
    assert.ok(ws);
    const header = (ws.getRow(1).values as string[]).slice(1);
    assert.ok(header.includes('工程技术措施') && header.includes('管控层级') && header.includes('责任人'));
    const row2 = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    assert.ok(row2.some((v) => v.includes('紧急切断')));
    assert.ok(row2.some((v) => v.includes('公司级')));
  });

  test('major hazard installation: evaluated on create, re-evaluated when the inventory changes; list by grade', async () => {
    const c = await inject(ent, 'POST', '/api/v1/major-hazard-installations', {
      enterpriseId,
      name: '液氯罐区',
      substances: [{ name: '氯', quantityTonnes: 4 }],
      peopleWithin500m: 10,
    });
    assert.equal(c.statusCode, 201, c.body);
    assert.deepEqual([c.json().S, c.json().isMajorHazard, c.json().grade], [0.8, false, null]);
    const u = await inject(ent, 'PATCH', `/api/v1/major-hazard-installations/${c.json().id}`, {
      substances: [{ name: '氯', quantityTonnes: 40 }],
    });
    assert.deepEqual([u.json().S, u.json().R, u.json().grade], [8, 32, 3]);
    const list = (await inject(county, 'GET', '/api/v1/major-hazard-installations?grade=3')).json();
    assert.equal(list.total, 1);
    assert.equal((await inject(other, 'GET', '/api/v1/major-hazard-installations')).json().total, 0);
    const bad = await inject(ent, 'PATCH', `/api/v1/major-hazard-installations/${c.json().id}`, {
      substances: [{ name: '氯', quantityTonnes: 'lots' }],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal((await inject(county, 'PATCH', `/api/v1/major-hazard-installations/${c.json().id}`, { name: 'x' })).statusCode, 403);
  });

  test('risk map: site plan upload checks, polygons, area colour = highest level of its points', async () => {
    const up = (cookie: string, f: ReturnType<typeof multipart>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/enterprises/${enterpriseId}/site-plan`,
        headers: { cookie, ...f.headers },
        payload: f.payload,
      });
    const notImage = await up(ent, multipart('plan.png', Buffer.from('not an image at all'), 'image/png'));
    assert.equal(notImage.statusCode, 400);
    assert.ok(notImage.json().error.fields.file);
    const tooBig = await up(ent, multipart('plan.png', png(100, 100, 6 * 1024 * 1024), 'image/png'));
    assert.equal(tooBig.statusCode, 400);
    assert.match(tooBig.json().error.fields.file, /5 MB/);
    assert.equal((await up(county, multipart('plan.png', png(800, 600), 'image/png'))).statusCode, 403);
    const [noPlan] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM site_plans');
    assert.equal(noPlan?.n, 0, 'nothing saved by refused uploads');
    const ok = await up(ent, multipart('plan.png', png(800, 600), 'image/png'));
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual([ok.json().width, ok.json().height], [800, 600]);

    const tri = await inject(ent, 'POST', '/api/v1/risk-areas', {
      enterpriseId,
      name: '罐区A',
      polygon: [
        [0.1, 0.1],
        [0.5, 0.1],
      ],
    });
    assert.equal(tri.statusCode, 400);
    assert.match(tri.json().error.fields.polygon, /3/);
    const out = await inject(ent, 'POST', '/api/v1/risk-areas', {
      enterpriseId,
      name: '罐区A',
      polygon: [
        [0.1, 0.1],
        [1.5, 0.1],
        [0.3, 0.4],
      ],
    });
    assert.equal(out.statusCode, 400);
    const area = await inject(ent, 'POST', '/api/v1/risk-areas', {
      enterpriseId,
      name: '罐区A',
      polygon: [
        [0.1, 0.1],
        [0.5, 0.1],
        [0.5, 0.4],
        [0.1, 0.4],
      ],
    });
    assert.equal(area.statusCode, 201);
    const points = (await inject(ent, 'GET', `/api/v1/risk-points?enterpriseId=${enterpriseId}`)).json().items as {
      id: string;
      level: string;
    }[];
    for (const p of points) await inject(ent, 'PATCH', `/api/v1/risk-points/${p.id}`, { areaId: area.json().id });
    const map = (await inject(county, 'GET', `/api/v1/enterprises/${enterpriseId}/risk-map`)).json();
    assert.equal(map.areas[0].level, 'major');
    assert.equal(map.areas[0].colour, '#e53935');
    assert.equal(map.areas[0].riskPointCount, 2);
    assert.equal(map.canEdit, false);
    const img = await t.app.inject({ url: map.sitePlan.url, headers: { cookie: county } });
    assert.equal(img.headers['content-type'], 'image/png');
    assert.equal((await t.app.inject({ url: map.sitePlan.url, headers: { cookie: other } })).statusCode, 404);
  });

  test('risk report: draft → submitted → returned (reason) → submitted → acknowledged; distribution counts', async () => {
    const draft = await inject(ent, 'POST', '/api/v1/risk-reports', { enterpriseId, note: '2026年第四季度' });
    assert.equal(draft.statusCode, 201);
    const id = draft.json().id;
    assert.equal((await inject(county, 'GET', `/api/v1/risk-reports/${id}`)).statusCode, 404, 'drafts stay with the enterprise');
    const tr = (cookie: string, body: object) => inject(cookie, 'POST', `/api/v1/risk-reports/${id}/transitions`, body);
    assert.equal((await tr(county, { action: 'acknowledge' })).statusCode, 404);
    const sub = await tr(ent, { action: 'submit' });
    assert.equal(sub.statusCode, 200, sub.body);
    assert.equal(sub.json().status, 'submitted');
    assert.deepEqual(
      sub.json().items.map((i: { name: string; level: string }) => [i.name, i.level]),
      [['液氯储罐区', 'major']],
    );
    assert.equal((await tr(ent, { action: 'acknowledge' })).statusCode, 403);
    assert.equal((await tr(county, { action: 'return' })).statusCode, 400);
    const ret = await tr(county, { action: 'return', reason: '请补充应急措施' });
    assert.deepEqual([ret.json().status, ret.json().returnReason], ['returned', '请补充应急措施']);
    assert.equal((await tr(county, { action: 'acknowledge' })).statusCode, 409);
    assert.equal((await tr(ent, { action: 'submit' })).json().status, 'submitted');
    assert.equal((await tr(other, { action: 'acknowledge' })).statusCode, 404);
    const ack = await tr(county, { action: 'acknowledge' });
    assert.equal(ack.json().status, 'acknowledged');
    assert.equal((await tr(county, { action: 'return', reason: 'x' })).statusCode, 409);
    const list = (await inject(county, 'GET', '/api/v1/risk-reports')).json();
    assert.equal(list.total, 1);

    const dist = (await inject(county, 'GET', '/api/v1/risk-distribution')).json();
    assert.deepEqual(dist.totals, { major: 1, high: 0, moderate: 1, low: 0 });
    const town = dist.byRegion.find((r: { code: string }) => r.code === TOWN);
    assert.deepEqual([town.major, town.moderate], [1, 1]);
    assert.deepEqual(
      dist.byIndustry.map((s: { code: string; major: number }) => [s.code, s.major]),
      [['C', 1]],
    );
    assert.equal(dist.enterprises[0].id, enterpriseId);
    const none = (await inject(other, 'GET', '/api/v1/risk-distribution')).json();
    assert.deepEqual(none.totals, { major: 0, high: 0, moderate: 0, low: 0 });
    const cityDist = (await inject(t.cookies.city, 'GET', '/api/v1/risk-distribution')).json();
    const zjg = cityDist.byRegion.find((r: { code: string }) => r.code === CAST.county);
    assert.deepEqual([zjg.major, zjg.moderate], [1, 1]);
  });
});
