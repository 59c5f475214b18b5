// Accident statistics on a fixture inserted with SQL over two years: every figure the API gives
// equals the same figure counted twice independently — by a direct SQL count in this file and by
// summing the fixture in JavaScript — for each grouping; near-misses apart, unknown figures as 0,
// Beijing days at the year's edges; the previous-year column, the arrows and 双下降 (true for
// Zhangjiagang, false for Kunshan); a county sees only its own (its townships as rows), the city
// its counties; who is refused; the trend, the 较大及以上 list and the Excel read back; a bad period
// is a 400 naming the field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { CAST, type CastApp, openCastApp } from '../../test/harness.ts';
import type { AccidentStats } from './stats.ts';

type Fixture = {
  region: string;
  at: string;
  grade?: 'ordinary' | 'major' | 'serious';
  deaths?: number | null;
  serious?: number | null;
  minor?: number | null;
  missing?: number | null;
  loss?: number | null;
  nearMiss?: boolean;
  type?: string | null;
  stat?: string | null;
  industry?: string | null;
};

const MEASURES = ['accidents', 'deaths', 'seriousInjuries', 'minorInjuries', 'missing', 'directLossWanYuan'] as const;
type Figures = Record<(typeof MEASURES)[number], number>;

describe('accident statistics', () => {
  let t: CastApp;
  let otherTown: string;
  const fixtures: Fixture[] = [];

  before(async () => {
    t = await openCastApp();
    await t.db.query("UPDATE departments SET industries = '{26}' WHERE id = $1", [t.departmentId]);
    t.cookies.inspector = await t.login('cast-inspector'); // a new session reads the department's industries
    const [town] = await t.db.query<{ code: string }>(
      'SELECT code FROM regions WHERE parent_code = $1 AND code <> $2 ORDER BY code LIMIT 1',
      [CAST.county, CAST.town],
    );
    otherTown = town?.code as string;
    const z = CAST.town;
    const k = CAST.otherTown;
    fixtures.push(
      // Zhangjiagang 2025: 3 accidents, 4 deaths (one accident's figures unknown yet), a near-miss.
      {
        region: z,
        at: '2025-03-10T10:00:00+08:00',
        deaths: 1,
        serious: 0,
        minor: 2,
        missing: 0,
        loss: 120.5,
        type: 'machinery',
        stat: 'industryTrade',
        industry: '2614',
      },
      {
        region: otherTown,
        at: '2025-01-01T00:10:00+08:00',
        deaths: null,
        serious: 1,
        minor: null,
        missing: null,
        loss: null,
        type: 'fallFromHeight',
        stat: 'construction',
        industry: '4700',
      },
      {
        region: z,
        at: '2025-07-05T14:00:00+08:00',
        grade: 'major',
        deaths: 3,
        serious: 2,
        minor: 5,
        missing: 1,
        loss: 800,
        type: 'poisoningAsphyxiation',
        stat: 'chemicals',
        industry: '2614',
      },
      {
        region: z,
        at: '2025-08-08T09:00:00+08:00',
        nearMiss: true,
        deaths: 0,
        serious: 0,
        minor: 0,
        loss: 5,
        type: 'fire',
        stat: 'chemicals',
        industry: '2614',
      },
      // Zhangjiagang 2024: 4 accidents, 8 deaths (the last one on 31 December in Beijing), a near-miss.
      {
        region: z,
        at: '2024-12-31T23:50:00+08:00',
        deaths: 2,
        serious: 0,
        minor: 1,
        missing: 0,
        loss: 50,
        type: 'vehicle',
        stat: 'roadTraffic',
        industry: '5430',
      },
      {
        region: z,
        at: '2024-03-01T08:00:00+08:00',
        deaths: 1,
        serious: 0,
        minor: 1,
        missing: 0,
        loss: 30,
        type: 'machinery',
        stat: 'industryTrade',
        industry: '2614',
      },
      {
        region: otherTown,
        at: '2024-05-01T16:00:00+08:00',
        deaths: 1,
        serious: 0,
        minor: 0,
        missing: 0,
        loss: 10.25,
        type: 'fallFromHeight',
        stat: 'construction',
        industry: '4700',
      },
      {
        region: z,
        at: '2024-06-01T11:00:00+08:00',
        grade: 'major',
        deaths: 4,
        serious: 3,
        minor: 0,
        missing: 2,
        loss: 1200,
        type: 'poisoningAsphyxiation',
        stat: 'chemicals',
        industry: '2614',
      },
      { region: z, at: '2024-09-09T09:00:00+08:00', nearMiss: true, deaths: 0, type: 'collapse', stat: 'construction', industry: '4700' },
      // Kunshan: more accidents in 2025 than in 2024 (no 双下降), fewer deaths.
      {
        region: k,
        at: '2025-02-02T10:00:00+08:00',
        deaths: 1,
        serious: 1,
        minor: 0,
        missing: 0,
        loss: 40,
        type: 'lifting',
        stat: 'industryTrade',
        industry: '3360',
      },
      {
        region: k,
        at: '2025-04-02T10:00:00+08:00',
        deaths: 0,
        serious: 0,
        minor: 3,
        missing: 0,
        loss: 2,
        type: 'objectStrike',
        stat: null,
        industry: '3360',
      },
      {
        region: k,
        at: '2024-04-02T10:00:00+08:00',
        deaths: 2,
        serious: 0,
        minor: 0,
        missing: 0,
        loss: 60,
        type: 'lifting',
        stat: 'industryTrade',
        industry: '3360',
      },
      // Registered at the city itself, and one at the very start of 2026 in Beijing (UTC's 2025).
      {
        region: CAST.city,
        at: '2025-10-01T10:00:00+08:00',
        deaths: 0,
        serious: 0,
        minor: 1,
        missing: 0,
        loss: 3,
        type: 'electrocution',
        stat: 'other',
        industry: null,
      },
      {
        region: z,
        at: '2026-01-01T00:05:00+08:00',
        deaths: 1,
        serious: 0,
        minor: 0,
        missing: 0,
        loss: 1,
        type: 'machinery',
        stat: 'industryTrade',
        industry: '2614',
      },
      // Beijing: never in Jiangsu's figures.
      {
        region: '110101000000',
        at: '2025-05-05T10:00:00+08:00',
        deaths: 9,
        serious: 0,
        minor: 0,
        missing: 0,
        loss: 9,
        type: 'fire',
        stat: 'fire',
        industry: '5212',
      },
    );
    let seq = 0;
    for (const f of fixtures) {
      seq++;
      const grade = f.grade ?? 'ordinary';
      await t.db.query(
        `INSERT INTO accidents (number, region_code, unit_name, industry_code, stat_industry, type, near_miss, occurred_at, learned_at,
                                reported_at, reporter_kind, place, description, deaths, serious_injuries, minor_injuries, missing,
                                direct_loss_wan_yuan, grade, first_grade, grades, investigating_level)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8, 'official', '厂区', '测试事故', $9, $10, $11, $12, $13, $14, $14,
                 jsonb_build_array(jsonb_build_object('grade', $14::text, 'at', $8::timestamptz)), $15)`,
        [
          `SG${f.region.slice(0, 6)}${f.at.slice(0, 4)}-${String(seq).padStart(4, '0')}`,
          f.region,
          `测试单位${seq}`,
          f.industry ?? null,
          f.stat ?? null,
          f.type ?? null,
          f.nearMiss ?? false,
          f.at,
          f.deaths ?? null,
          f.serious ?? null,
          f.minor ?? null,
          f.missing ?? null,
          f.loss ?? null,
          grade,
          grade === 'major' ? 'city' : 'county',
        ],
      );
    }
  });
  after(() => t.close());

  const get = (cookie: string, path: string) => t.inject(cookie, 'GET', path);
  const stats = async (cookie: string, qs: string) => {
    const res = await get(cookie, `/api/v1/accidents/stats?${qs}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as AccidentStats;
  };

  /** The first independent count: SQL written here, Beijing days as literal offsets. */
  const sqlCount = async (prefix: string, year: number, where = 'true'): Promise<Figures & { nearMisses: number }> => {
    const [r] = await t.db.query<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE NOT near_miss)::int AS accidents,
              coalesce(sum(deaths) FILTER (WHERE NOT near_miss), 0)::int AS deaths,
              coalesce(sum(serious_injuries) FILTER (WHERE NOT near_miss), 0)::int AS "seriousInjuries",
              coalesce(sum(minor_injuries) FILTER (WHERE NOT near_miss), 0)::int AS "minorInjuries",
              coalesce(sum(missing) FILTER (WHERE NOT near_miss), 0)::int AS missing,
              coalesce(sum(direct_loss_wan_yuan) FILTER (WHERE NOT near_miss), 0)::float8 AS "directLossWanYuan",
              count(*) FILTER (WHERE near_miss)::int AS "nearMisses"
         FROM accidents
        WHERE region_code LIKE $1 || '%' AND occurred_at >= ($2 || '-01-01T00:00:00+08:00')::timestamptz
          AND occurred_at < (($2::int + 1)::text || '-01-01T00:00:00+08:00')::timestamptz AND ${where}`,
      [prefix, String(year)],
    );
    return r as Figures & { nearMisses: number };
  };

  /** The second: the fixture summed in JavaScript (a Beijing year is the ISO string's year: all are +08:00). */
  const jsCount = (prefix: string, year: number, keep: (f: Fixture) => boolean = () => true): Figures => {
    const rows = fixtures.filter((f) => f.region.startsWith(prefix) && f.at.startsWith(String(year)) && !f.nearMiss && keep(f));
    const sum = (g: (f: Fixture) => number | null | undefined) => rows.reduce((s, f) => s + (g(f) ?? 0), 0);
    return {
      accidents: rows.length,
      deaths: sum((f) => f.deaths),
      seriousInjuries: sum((f) => f.serious),
      minorInjuries: sum((f) => f.minor),
      missing: sum((f) => f.missing),
      directLossWanYuan: Math.round(sum((f) => f.loss) * 100) / 100,
    };
  };
  const pick = (f: Figures & Record<string, number>): Figures => Object.fromEntries(MEASURES.map((m) => [m, f[m]])) as Figures;

  test('a county’s year: the totals equal a direct count and the fixture’s sum; near-misses apart; 双下降', async () => {
    const s = await stats(t.cookies.county, 'period=2025');
    assert.deepEqual(s.period, { from: '2025-01-01', to: '2025-12-31' });
    assert.deepEqual(s.previousPeriod, { from: '2024-01-01', to: '2024-12-31' });
    const sql25 = await sqlCount('320582', 2025);
    const sql24 = await sqlCount('320582', 2024);
    assert.deepEqual(s.total.current, pick(sql25));
    assert.deepEqual(s.total.current, jsCount('320582', 2025));
    assert.deepEqual(s.total.previous, pick(sql24));
    assert.deepEqual(s.total.previous, jsCount('320582', 2024));
    // Read by hand from the fixture, so a shared mistake of both counts shows too.
    assert.deepEqual(s.total.current, {
      accidents: 3,
      deaths: 4,
      seriousInjuries: 3,
      minorInjuries: 7,
      missing: 1,
      directLossWanYuan: 920.5,
    });
    assert.deepEqual(s.total.previous, {
      accidents: 4,
      deaths: 8,
      seriousInjuries: 3,
      minorInjuries: 2,
      missing: 2,
      directLossWanYuan: 1290.25,
    });
    assert.deepEqual(s.nearMisses, { current: 1, previous: 1 });
    assert.equal(sql25.nearMisses, 1);
    assert.deepEqual(s.total.change.accidents, { current: 3, previous: 4, delta: -1, percent: -25, direction: 'down' });
    assert.deepEqual(s.total.change.deaths, { current: 4, previous: 8, delta: -4, percent: -50, direction: 'down' });
    assert.equal(s.total.change.seriousInjuries.direction, 'flat');
    assert.equal(s.total.change.minorInjuries.direction, 'up');
    assert.equal(s.total.change.minorInjuries.percent, 250);
    assert.equal(s.doubleDecline, true);

    // By township: the two towns of the fixture hold their rows, every other township a zero row.
    const row = (k: string) => s.rows.find((r) => r.key === k);
    assert.deepEqual(row(CAST.town)?.current, jsCount(CAST.town.slice(0, 9), 2025));
    assert.deepEqual(row(otherTown)?.current, jsCount(otherTown.slice(0, 9), 2025));
    assert.deepEqual(row(otherTown)?.previous, jsCount(otherTown.slice(0, 9), 2024));
    assert.equal(row(otherTown)?.change.accidents.direction, 'flat');
    assert.ok(row(CAST.town)?.label.zh, 'the township by its name');
    const [towns] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM regions WHERE parent_code = $1', [CAST.county]);
    assert.equal(s.rows.length, towns?.n, 'one row per township');
    assert.ok(!s.rows.some((r) => r.key.startsWith('320583')), 'Kunshan’s towns are not the county’s rows');
  });

  test('Kunshan: more accidents, fewer deaths — no 双下降; a percent is null when last year was 0', async () => {
    const s = await stats(t.cookies.kunshan, 'period=2025');
    assert.deepEqual(s.total.current, pick(await sqlCount('320583', 2025)));
    assert.deepEqual(s.total.current, jsCount('320583', 2025));
    assert.deepEqual(s.total.previous, jsCount('320583', 2024));
    assert.equal(s.total.change.accidents.direction, 'up');
    assert.equal(s.total.change.deaths.direction, 'down');
    assert.equal(s.doubleDecline, false);
    assert.deepEqual(s.total.change.seriousInjuries, { current: 1, previous: 0, delta: 1, percent: null, direction: 'up' });
    assert.deepEqual(s.nearMisses, { current: 0, previous: 0 });
  });

  test('the city sees its counties as rows and its own level; the province its cities; drilling down', async () => {
    const s = await stats(t.cookies.city, 'period=2025');
    const row = (k: string) => s.rows.find((r) => r.key === k);
    assert.deepEqual(row(CAST.county)?.current, jsCount('320582', 2025));
    assert.deepEqual(row(CAST.otherCounty)?.current, jsCount('320583', 2025));
    assert.deepEqual(row(CAST.otherCounty)?.previous, jsCount('320583', 2024));
    assert.equal(row(CAST.county)?.label.zh, '张家港市');
    const own = row(CAST.city);
    assert.equal(own?.label.zh, '苏州市本级');
    assert.equal(own?.current.accidents, 1);
    assert.deepEqual(s.total.current, pick(await sqlCount('3205', 2025)));
    assert.deepEqual(s.total.current, jsCount('3205', 2025));
    assert.deepEqual(
      s.total.current.accidents,
      s.rows.reduce((n, r) => n + r.current.accidents, 0),
      'the rows add up to the total',
    );

    const province = await stats(t.cookies.province, 'period=2025');
    assert.deepEqual(province.total.current, jsCount('32', 2025));
    assert.deepEqual(province.rows.find((r) => r.key === CAST.city)?.current, jsCount('3205', 2025));
    assert.ok(
      province.rows.every((r) => /^32\d{2}00000000$/.test(r.key)),
      'one row per city',
    );

    const drill = await stats(t.cookies.city, `period=2025&regionCode=${CAST.county.slice(0, 6)}`);
    assert.deepEqual(drill.total.current, jsCount('320582', 2025));
    assert.equal(drill.doubleDecline, true);
  });

  test('by industry, type, grade and month: each row equals a direct count and the fixture’s sum', async () => {
    const industry = await stats(t.cookies.county, 'period=2025&groupBy=industry');
    for (const r of industry.rows) {
      const stat = r.key === '' ? 'stat_industry IS NULL' : `stat_industry = '${r.key}'`;
      assert.deepEqual(r.current, pick(await sqlCount('320582', 2025, stat)), r.key);
      assert.deepEqual(
        r.current,
        jsCount('320582', 2025, (f) => (f.stat ?? '') === r.key),
        r.key,
      );
      assert.deepEqual(
        r.previous,
        jsCount('320582', 2024, (f) => (f.stat ?? '') === r.key),
        r.key,
      );
    }
    assert.deepEqual(
      industry.rows.map((r) => r.key),
      ['chemicals', 'industryTrade', 'construction', 'roadTraffic'],
      'in the catalogue’s order; an industry of last year only keeps its row',
    );
    assert.equal(industry.rows[0]?.label.zh, '危险化学品');
    const road = industry.rows.find((r) => r.key === 'roadTraffic');
    assert.deepEqual(road?.change.accidents, { current: 0, previous: 1, delta: -1, percent: -100, direction: 'down' });

    const kunshanTypes = await stats(t.cookies.kunshan, 'period=2025&groupBy=industry');
    assert.equal(kunshanTypes.rows.find((r) => r.key === '')?.label.zh, '未填报');

    const type = await stats(t.cookies.county, 'period=2025&groupBy=type');
    for (const r of type.rows) {
      assert.deepEqual(r.current, pick(await sqlCount('320582', 2025, `coalesce(type, '') = '${r.key}'`)), r.key);
      assert.deepEqual(
        r.previous,
        jsCount('320582', 2024, (f) => (f.type ?? '') === r.key),
        r.key,
      );
    }
    assert.equal(type.rows.find((r) => r.key === 'poisoningAsphyxiation')?.label.zh, '中毒和窒息');

    const grade = await stats(t.cookies.county, 'period=2025&groupBy=grade');
    assert.deepEqual(
      grade.rows.map((r) => [r.key, r.current.accidents, r.previous.accidents]),
      [
        ['ordinary', 2, 3],
        ['major', 1, 1],
        ['serious', 0, 0],
        ['especiallySerious', 0, 0],
      ],
    );
    for (const r of grade.rows) assert.deepEqual(r.current, pick(await sqlCount('320582', 2025, `grade = '${r.key}'`)), r.key);

    const month = await stats(t.cookies.county, 'period=2025&groupBy=month');
    assert.equal(month.rows.length, 12);
    for (const r of month.rows) {
      const m = Number(r.key.slice(5));
      const inMonth = (y: number) => (f: Fixture) => f.at.startsWith(`${y}-${String(m).padStart(2, '0')}`);
      assert.deepEqual(r.current, jsCount('320582', 2025, inMonth(2025)), r.key);
      assert.deepEqual(r.previous, jsCount('320582', 2024, inMonth(2024)), `${r.key} last year`);
    }
    const row = (k: string) => month.rows.find((r) => r.key === k);
    assert.equal(row('2025-01')?.current.accidents, 1, '00:10 on 1 January in Beijing is 2025');
    assert.equal(row('2025-12')?.previous.deaths, 2, '23:50 on 31 December 2024 in Beijing is last December');
    assert.equal(row('2025-03')?.label.zh, '2025年3月');

    const q = await stats(t.cookies.county, 'from=2025-01-01&to=2025-03-31');
    assert.equal(q.total.current.accidents, 2);
    assert.deepEqual(q.previousPeriod, { from: '2024-01-01', to: '2024-03-31' });
    assert.equal(q.total.previous.accidents, 1);
  });

  test('scope: a county never sees a sibling’s; the level above or a sibling is refused; the department its industries', async () => {
    const s = await stats(t.cookies.county, 'period=2026');
    assert.equal(s.total.current.accidents, 1, 'the 00:05 of 1 January 2026');
    assert.equal((await get(t.cookies.county, `/api/v1/accidents/stats?period=2025&regionCode=${CAST.city}`)).statusCode, 403);
    assert.equal((await get(t.cookies.kunshan, `/api/v1/accidents/stats?period=2025&regionCode=${CAST.county}`)).statusCode, 403);
    assert.equal((await get(t.cookies.kunshan, '/api/v1/accidents/stats/trend?regionCode=320582')).statusCode, 403);

    const dept = await stats(t.cookies.inspector, 'period=2025');
    assert.deepEqual(
      dept.total.current,
      jsCount('320582', 2025, (f) => f.industry?.startsWith('26') ?? false),
    );
    assert.equal(dept.total.current.accidents, 2, 'chemicals only');

    const town = await stats(t.cookies.town, 'period=2025');
    assert.deepEqual(town.total.current, jsCount(CAST.town.slice(0, 9), 2025), 'a township supervisor: the township only');
    for (const who of ['ent', 'staff', 'grid'] as const)
      assert.equal((await get(t.cookies[who], '/api/v1/accidents/stats?period=2025')).statusCode, 403, who);
    assert.equal((await get('', '/api/v1/accidents/stats?period=2025')).statusCode, 401);
    assert.equal((await get(t.cookies.ent, '/api/v1/accidents/stats/serious?period=2025')).statusCode, 403);
  });

  test('the trend, month by month; the list of 较大及以上', async () => {
    const res = await get(t.cookies.county, '/api/v1/accidents/stats/trend?years=3');
    assert.equal(res.statusCode, 200, res.body);
    const { months } = res.json() as { months: { month: string; accidents: number; deaths: number }[] };
    const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    assert.equal(months[0]?.month, `${thisYear - 2}-01`);
    const m = (k: string) => months.find((x) => x.month === k);
    if (thisYear <= 2027) {
      assert.deepEqual(m('2025-07'), { month: '2025-07', accidents: 1, deaths: 3 });
      assert.deepEqual(m('2025-08'), { month: '2025-08', accidents: 0, deaths: 0 }, 'a near-miss is not in the trend');
    }

    const serious = await get(t.cookies.city, '/api/v1/accidents/stats/serious?period=2025');
    assert.equal(serious.statusCode, 200, serious.body);
    const items = serious.json().items as { grade: string; deaths: number; regionName: string }[];
    assert.deepEqual(
      items.map((i) => [i.grade, i.deaths]),
      [['major', 3]],
      'Zhangjiagang’s 较大 of July; not the near-miss, not an ordinary one',
    );
    assert.ok(items[0]?.regionName && items[0].regionName !== CAST.town, 'the region by its name');
  });

  test('a bad period, group or region is a 400 naming the field', async () => {
    const fields = async (url: string) => {
      const res = await get(t.cookies.county, url);
      assert.equal(res.statusCode, 400, url);
      return Object.keys(res.json().error.fields).sort();
    };
    assert.deepEqual(await fields('/api/v1/accidents/stats?period=2025-13'), ['period']);
    assert.deepEqual(await fields('/api/v1/accidents/stats?period=1999'), ['period']);
    assert.deepEqual(await fields('/api/v1/accidents/stats?from=2025-05-01&to=2025-04-01'), ['to']);
    assert.deepEqual(await fields('/api/v1/accidents/stats?from=2025-02-30'), ['from']);
    assert.deepEqual(await fields('/api/v1/accidents/stats?period=2025&groupBy=week'), ['groupBy']);
    assert.deepEqual(await fields('/api/v1/accidents/stats?regionCode=32x'), ['regionCode']);
    assert.deepEqual(await fields('/api/v1/accidents/stats.xlsx?period=2025-Q5'), ['period']);
    assert.deepEqual(await fields('/api/v1/accidents/stats/serious?period=2025-Q5'), ['period']);
    assert.deepEqual(await fields('/api/v1/accidents/stats/trend?years=0'), ['years']);
    const res = await get(t.cookies.county, '/api/v1/accidents/stats?period=2025-13');
    assert.equal(res.json().error.fields.period, '期间格式为 2025、2025-07 或 2025-Q3');
  });

  test('the Excel: the official table, a row per county and the total with last year and the change', async () => {
    const res = await get(t.cookies.city, '/api/v1/accidents/stats.xlsx?period=2025');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('事故统计');
    assert.ok(ws);
    assert.equal(ws.getCell(1, 1).value, '苏州市生产安全事故统计表（2025年）');
    assert.equal(ws.getCell(3, 1).value, '区划');
    assert.equal(ws.getCell(3, 2).value, '事故起数');
    assert.equal(ws.getCell(4, 3).value, '去年同期');
    let total: ExcelJS.Row | undefined;
    let county: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '合计') total = row;
      if (row.getCell(1).value === '张家港市') county = row;
    });
    assert.ok(total && county);
    const all25 = jsCount('3205', 2025);
    const all24 = jsCount('3205', 2024);
    assert.equal(total.getCell(2).value, all25.accidents);
    assert.equal(total.getCell(3).value, all24.accidents);
    assert.equal(total.getCell(5).value, all25.deaths);
    assert.equal(county.getCell(2).value, 3);
    assert.equal(county.getCell(4).value, '-25.0%');
    assert.equal(county.getCell(7).value, '-50.0%');
    const text = JSON.stringify(ws.getSheetValues());
    assert.ok(text.includes('涉险事故：本期 1 起，去年同期 1 起'));
  });
});
