// Enforcement statistics on a small fixture inserted with SQL: exact counts and rates for a county
// and a year (Beijing days at the edges), by township, month and industry; another county's rows
// never counted; the department inspector's industries; who is refused; the Excel and the monthly
// case report read back; a bad period is a 400 naming the field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EnforcementStats } from '@taishan/domain';
import ExcelJS from 'exceljs';
import { CAST, type CastApp, enterpriseBody, openCastApp } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf.ts';
import { hazardLink } from './stats.ts';

describe('enforcement statistics', () => {
  let t: CastApp;
  let e2: string;
  let otherTown: string;
  let hazardsKnown: boolean;

  const inspection = async (
    enterpriseId: string,
    startedAt: string | null,
    f: {
      status?: string;
      violations?: number;
      hazards?: number;
      unannounced?: boolean;
      covert?: boolean;
      source?: string;
      plannedOn?: string;
    } = {},
  ) => {
    const [r] = await t.db.query<{ id: string }>(
      `INSERT INTO enforcement_inspections (enterprise_id, source, unannounced, covert, status, planned_on, started_at, violations, hazards_found)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        enterpriseId,
        f.source ?? 'adhoc',
        f.unannounced ?? false,
        f.covert ?? false,
        f.status ?? 'recorded',
        f.plannedOn ?? null,
        startedAt,
        f.violations ?? 0,
        f.hazards ?? 0,
      ],
    );
    return r?.id as string;
  };
  const kase = async (
    enterpriseId: string,
    filedAt: string,
    f: {
      inspectionId?: string;
      decidedAt?: string;
      fine?: number;
      paid?: number;
      article?: string;
      suspension?: boolean;
      transferred?: boolean;
      title?: string;
    } = {},
  ) => {
    const [r] = await t.db.query<{ id: string }>(
      `INSERT INTO enforcement_cases (enterprise_id, inspection_id, title, article, status, filed_at, decision_due_on, decided_at, fine_yuan, paid_yuan, suspension, transferred)
       VALUES ($1, $2, $3, $4, $5, $6, ($6::timestamptz + interval '90 days')::date, $7, $8, $9, $10, $11) RETURNING id`,
      [
        enterpriseId,
        f.inspectionId ?? null,
        f.title ?? '未按规定配备消防设施',
        f.article ?? null,
        f.decidedAt ? 'decided' : 'filed',
        filedAt,
        f.decidedAt ?? null,
        f.fine ?? null,
        f.paid ?? 0,
        f.suspension ?? false,
        f.transferred ?? false,
      ],
    );
    return r?.id as string;
  };

  before(async () => {
    t = await openCastApp();
    hazardsKnown = (await hazardLink(t.db)) !== null;
    // The county's department supervises chemicals (division 26): the cast's enterprise, not e2's construction.
    await t.db.query("UPDATE departments SET industries = '{26}' WHERE id = $1", [t.departmentId]);
    t.cookies.inspector = await t.login('cast-inspector'); // a new session reads the department's industries
    const [town] = await t.db.query<{ code: string }>(
      'SELECT code FROM regions WHERE parent_code = $1 AND code <> $2 ORDER BY code LIMIT 1',
      [CAST.county, CAST.town],
    );
    otherTown = town?.code as string;
    const res = await t.inject(t.cookies.admin, 'POST', '/api/v1/enterprises', {
      ...enterpriseBody(9003, otherTown, { industryCode: '4700' }),
      name: '张家港建工有限公司',
    });
    assert.equal(res.statusCode, 201, res.body);
    e2 = res.json().id;
    const e1 = t.enterpriseId;

    // Zhangjiagang, 2025 (Beijing days; the edges of the year and of March are UTC's day before).
    const i1 = await inspection(e1, '2025-03-10T10:00:00+08:00', {
      status: 'closed',
      violations: 2,
      hazards: 3,
      unannounced: true,
      source: 'plan',
      plannedOn: '2025-03-10',
    });
    await inspection(e1, '2025-03-31T23:30:00+08:00', { hazards: 1, covert: true, source: 'draw' });
    const i3 = await inspection(e2, '2025-04-01T00:30:00+08:00', { violations: 1, covert: true });
    await inspection(e2, '2025-05-05T09:00:00+08:00', { status: 'cancelled', violations: 5 });
    await inspection(e1, null, { status: 'planned', source: 'plan', plannedOn: '2025-06-01' });
    await inspection(e1, '2025-01-01T00:10:00+08:00', {});
    await inspection(e1, '2024-12-31T23:50:00+08:00', { violations: 7, covert: true });
    // Kunshan, the same year: never in Zhangjiagang's figures.
    await inspection(t.otherEnterpriseId, '2025-03-15T10:00:00+08:00', { status: 'closed', violations: 4, covert: true });

    const c1 = await kase(e1, '2025-03-12T09:00:00+08:00', {
      inspectionId: i1,
      decidedAt: '2025-04-20T15:00:00+08:00',
      fine: 20_000,
      paid: 20_000,
      article: '101',
      title: '未对重大危险源登记建档',
    });
    await kase(e2, '2025-04-02T09:00:00+08:00', {
      inspectionId: i3,
      decidedAt: '2025-04-28T10:00:00+08:00',
      fine: 50_000.5,
      paid: 10_000,
      article: '102',
      suspension: true,
      title: '未采取措施消除事故隐患',
    });
    await kase(e1, '2025-05-10T09:00:00+08:00', { transferred: true });
    // Filed in 2024, decided in 2025; paid with a late fee on top (the fine counts, not the fee).
    await kase(e2, '2024-12-20T09:00:00+08:00', { decidedAt: '2025-01-15T09:00:00+08:00', fine: 3_000, paid: 5_000, article: '97' });
    await kase(t.otherEnterpriseId, '2025-03-20T09:00:00+08:00', { decidedAt: '2025-04-10T09:00:00+08:00', fine: 99_999 });
    await t.db.query(
      `INSERT INTO enforcement_documents (kind, number, serial, year, issuer_key, enterprise_id, case_id, content)
       VALUES ('penaltyDecision', '（张家港市）应急罚〔2025〕3号', 3, 2025, '320582', $1, $2, '{}')`,
      [e1, c1],
    );
  });
  after(() => t.close());

  const get = async (cookie: string, qs: string) => t.inject(cookie, 'GET', `/api/v1/enforcement/stats?${qs}`);
  const stats = async (cookie: string, qs: string) => {
    const res = await get(cookie, qs);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as EnforcementStats;
  };

  test('a county’s year: exact counts and rates; cancelled, planned-only and last year’s rows not counted', async () => {
    const s = await stats(t.cookies.county, 'period=2025');
    assert.deepEqual(s.period, { from: '2025-01-01', to: '2025-12-31', label: '2025年' });
    assert.equal(s.region.name, '张家港市');
    const { totals } = s;
    assert.deepEqual(
      {
        inspections: totals.inspections,
        enterprises: totals.enterprises,
        unannounced: totals.unannounced,
        covert: totals.covert,
        withViolations: totals.withViolations,
        violations: totals.violations,
        hazardsFound: totals.hazardsFound,
        cases: totals.cases,
        decisions: totals.decisions,
        finesDecided: totals.finesDecided,
        finesCollected: totals.finesCollected,
        suspensions: totals.suspensions,
        transfers: totals.transfers,
        planned: totals.planned,
        planDone: totals.planDone,
        covertQuota: totals.covertQuota,
      },
      {
        inspections: 4,
        enterprises: 2,
        unannounced: 1,
        covert: 2,
        withViolations: 2,
        violations: 3,
        hazardsFound: 4,
        cases: 3,
        decisions: 3,
        finesDecided: 73_000.5,
        finesCollected: 33_000,
        suspensions: 1,
        transfers: 1,
        planned: 2,
        planDone: 1,
        covertQuota: 3,
      },
    );
    assert.equal(totals.hazardsFixed, hazardsKnown ? 0 : null);
    assert.equal(totals.filingRate, 3 / 2);
    assert.equal(totals.penaltyRate, 1);
    assert.equal(totals.collectionRate, 33_000 / 73_000.5);
    assert.equal(totals.planCompletion, 0.5);
    assert.equal(totals.quotaCompletion, 2 / 3);
    assert.deepEqual(s.quotas, { county: 3, city: 5, provisional: true });

    // By township: the two towns hold what their enterprises did.
    const town = (code: string) => s.groups.find((g) => g.key === code);
    assert.equal(town(CAST.town)?.inspections, 3);
    assert.equal(town(otherTown)?.inspections, 1);
    assert.equal(town(otherTown)?.cases, 1);
    assert.equal(town(CAST.town)?.covertQuota, null, 'a township owes no quota');
  });

  test('by month: each measure in the month of its own moment, Beijing time; empty months are zero, rates —', async () => {
    const s = await stats(t.cookies.county, 'period=2025&groupBy=month');
    assert.equal(s.groups.length, 12);
    const month = (m: string) => s.groups.find((g) => g.key === m);
    assert.equal(month('2025-01')?.inspections, 1, '00:10 on 1 January in Beijing is 2025');
    assert.equal(month('2025-01')?.decisions, 1);
    assert.equal(month('2025-03')?.inspections, 2, '23:30 on 31 March in Beijing is March');
    assert.equal(month('2025-04')?.inspections, 1, '00:30 on 1 April in Beijing is April, though UTC’s March');
    assert.equal(month('2025-03')?.cases, 1);
    assert.equal(month('2025-04')?.decisions, 2);
    assert.equal(month('2025-04')?.finesDecided, 70_000.5);
    assert.equal(month('2025-06')?.planned, 1);
    assert.equal(month('2025-06')?.planDone, 0);
    assert.equal(month('2025-08')?.inspections, 0);
    assert.equal(month('2025-08')?.filingRate, null);
    assert.equal(month('2025-03')?.name, '2025年3月');
    assert.equal(s.totals.enterprises, 2, 'distinct enterprises over the year, not the sum of the months');

    const q1 = await stats(t.cookies.county, 'from=2025-01-01&to=2025-03-31');
    assert.equal(q1.totals.inspections, 3);
    assert.equal(q1.period.label, '2025年第一季度');
  });

  test('by industry division', async () => {
    const s = await stats(t.cookies.county, 'period=2025&groupBy=industry');
    assert.deepEqual(
      s.groups.map((g) => [g.key, g.inspections, g.cases]),
      [
        ['26', 3, 2],
        ['47', 1, 1],
      ],
    );
    assert.equal(s.groups[0]?.name, '化学原料和化学制品制造业');
  });

  test('scope: Kunshan never counts Zhangjiagang; the city sees both; the department its industries; others refused', async () => {
    const kunshan = await stats(t.cookies.kunshan, 'period=2025');
    assert.equal(kunshan.totals.inspections, 1);
    assert.equal(kunshan.totals.decisions, 1);
    assert.equal(kunshan.totals.finesDecided, 99_999);
    assert.equal((await get(t.cookies.kunshan, `period=2025&regionCode=${CAST.county}`)).statusCode, 403);
    assert.equal((await get(t.cookies.county, `period=2025&regionCode=${CAST.city}`)).statusCode, 403, 'not the level above');

    const city = await stats(t.cookies.city, 'period=2025');
    assert.equal(city.totals.inspections, 5);
    const county = (code: string) => city.groups.find((g) => g.key === code);
    assert.equal(county(CAST.county)?.inspections, 4);
    assert.equal(county(CAST.otherCounty)?.inspections, 1);
    assert.equal(county(CAST.county)?.covertQuota, 3);
    const [organs] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM regions WHERE code LIKE '3205%' AND level = 'county' AND name <> '市辖区'",
    );
    assert.equal(city.totals.covertQuota, 5 + 3 * (organs?.n ?? 0), 'the city’s own quota and each county’s');

    const drill = await stats(t.cookies.city, `period=2025&regionCode=${CAST.county}`);
    assert.equal(drill.totals.inspections, 4);

    const dept = await stats(t.cookies.inspector, 'period=2025');
    assert.equal(dept.totals.inspections, 3, 'chemicals only');
    assert.equal(dept.totals.cases, 2);
    assert.equal(dept.totals.covertQuota, null, 'a department’s view has no area quota');

    for (const who of ['ent', 'staff', 'town', 'grid'] as const)
      assert.equal((await get(t.cookies[who], 'period=2025')).statusCode, 403, who);
    assert.equal((await get('', 'period=2025')).statusCode, 401);
    assert.equal((await t.inject(t.cookies.ent, 'GET', '/api/v1/enforcement/monthly-report.pdf?month=2025-04')).statusCode, 403);
  });

  test('a bad period, group or month is a 400 naming the field', async () => {
    const fields = async (url: string) => {
      const res = await t.inject(t.cookies.county, 'GET', url);
      assert.equal(res.statusCode, 400, url);
      return Object.keys(res.json().error.fields).sort();
    };
    assert.deepEqual(await fields('/api/v1/enforcement/stats?period=2025-13'), ['period']);
    assert.deepEqual(await fields('/api/v1/enforcement/stats?from=2025-05-01&to=2025-04-01'), ['to']);
    assert.deepEqual(await fields('/api/v1/enforcement/stats?from=2025-02-30'), ['from']);
    assert.deepEqual(await fields('/api/v1/enforcement/stats?from=2025/01/01&groupBy=week'), ['from', 'groupBy']);
    assert.deepEqual(await fields('/api/v1/enforcement/stats?regionCode=32x'), ['regionCode']);
    assert.deepEqual(await fields('/api/v1/enforcement/stats.xlsx?period=2025-Q5'), ['period']);
    assert.deepEqual(await fields('/api/v1/enforcement/monthly-report.pdf?month=2025-13'), ['month']);
    assert.deepEqual(await fields('/api/v1/enforcement/monthly-report.pdf'), ['month']);
    const res = await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/stats?period=2025-13');
    assert.equal(res.json().error.fields.period, '期间格式为 2025、2025-07 或 2025-Q3');
  });

  test('the Excel: a row per township and the total, rates as percentages, the definitions', async () => {
    const res = await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/stats.xlsx?period=2025');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('执法统计');
    assert.ok(ws);
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    assert.equal(header[0], '区划');
    const col = (name: string) => header.indexOf(name) + 1;
    let total: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '合计') total = row;
    });
    assert.ok(total);
    assert.equal(total.getCell(col('检查次数')).value, 4);
    assert.equal(total.getCell(col('立案率')).value, 1.5);
    assert.equal(total.getCell(col('立案率')).numFmt, '0.0%');
    assert.equal(total.getCell(col('罚款金额（元）')).value, 73_000.5);
    assert.ok(String(ws.getRow(1).getCell(1).value).includes('张家港市执法统计（2025年）'));
    const defs = wb.getWorksheet('指标说明');
    const text = JSON.stringify(defs?.getSheetValues());
    assert.ok(text.includes('立案率 = 期间内立案数 ÷ 期间内发现违法行为的检查次数'));
  });

  test('the monthly case report: the month’s figures and its decided cases (number, party, article, penalty), Chinese, Beijing dates', async () => {
    const res = await t.inject(t.cookies.county, 'GET', '/api/v1/enforcement/monthly-report.pdf?month=2025-04');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const text = pdfText(res.rawPayload);
    for (const s of [
      '执法案例月度报告',
      '张家港市应急管理局',
      '2025年4月',
      '（张家港市）应急罚〔2025〕3号',
      '测试企业9001有限公司',
      '第101条',
      '罚款20,000元（2.00万元）',
      '2025年4月20日',
      '张家港建工有限公司',
      '第102条',
      '罚款50,000.50元（5.00万元）',
      '责令停产停业整顿',
      '作出处罚决定2件',
      '共2件',
    ])
      assert.ok(text.includes(s), s);
    assert.ok(!text.includes('99,999'), 'Kunshan’s case is not in Zhangjiagang’s report');

    const dept = await t.inject(
      t.cookies.county,
      'GET',
      `/api/v1/enforcement/monthly-report.pdf?month=2025-04&departmentId=${t.departmentId}`,
    );
    assert.equal(dept.statusCode, 200);
    const deptText = pdfText(dept.rawPayload);
    assert.ok(deptText.includes('张家港市应急管理局'), 'the department’s name heads it');
    assert.ok(deptText.includes('本月无作出行政处罚决定的案件'), 'no case was decided by the department');
    assert.equal(
      (await t.inject(t.cookies.kunshan, 'GET', `/api/v1/enforcement/monthly-report.pdf?month=2025-04&departmentId=${t.departmentId}`))
        .statusCode,
      404,
      'another county’s department',
    );
  });
});
