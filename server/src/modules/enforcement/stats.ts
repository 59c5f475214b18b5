// Enforcement statistics (issue 24 item 9): the counts behind domain's rates, per child region,
// month or industry division of a jurisdiction, for a period of Beijing days — one SQL statement,
// each measure grouped by its own moment (an inspection by when it started, a case by when it was
// filed or decided, a plan inspection by the day it was due), with the jurisdiction's total from
// the same pass (GROUPING SETS: distinct enterprises do not add up over months). Then the Excel
// workbook and the monthly case report (执法案例月度报告) drawn from the same figures.
import {
  type Actor,
  type CovertQuotas,
  covertQuota,
  type EnforcementStats,
  type EnforcementStatsQuery,
  emptyStatsCounts,
  formatCount,
  formatRate,
  formatYuan,
  industryDivision,
  mayViewEnforcementStats,
  monthsOf,
  namedPeriod,
  parseStatsPeriod,
  periodLabel,
  regionPrefix,
  type Scope,
  STATS_COUNT_KEYS,
  STATS_DEFINITIONS,
  type StatsCounts,
  type StatsFigures,
  type StatsGroup,
  type StatsPeriod,
  withStatsRates,
} from '@taishan/domain';
import ExcelJS from 'exceljs';
import type { Db, Queryable } from '../../db/db.ts';
import { readScoped, regionRange, type Scoped, scopeFilter } from '../../db/scope.ts';
import { renderForm } from '../../documents/official-pdf.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { beijingDayStart, chineseDate, shanghaiTime, todayInShanghai } from '../../time.ts';
import { effectiveSetting } from '../settings/service.ts';

// ---------------------------------------------------------------------------------------------
// SQL

/** Appends a parameter, returns its placeholder. */
const param = (params: unknown[], v: unknown) => {
  params.push(v);
  return `$${params.length}`;
};

/**
 * Rows of `alias` under a region prefix, through the county index of migration 030 (county_code,
 * then region_code inside a county), as hazards' hazardRegion does.
 */
export function enforcementArea(alias: string, prefix: string, params: unknown[]): string {
  if (!prefix) return 'true';
  if (prefix.length < 6) return regionRange(`${alias}.county_code`, prefix, params);
  const county = `${alias}.county_code = ${param(params, prefix.slice(0, 6))}`;
  return prefix.length === 6 ? county : `${county} AND ${regionRange(`${alias}.region_code`, prefix, params)}`;
}

/** The caller's scope on `alias` (the data layer's wall; row-level security is the second). */
function scoped(alias: string, scope: Scope, params: unknown[]): string {
  const { regionPrefix: prefix, ...rest } = scope;
  const others = scopeFilter({ regionPrefix: '', ...rest }, params, {
    region: `${alias}.region_code`,
    industry: `${alias}.industry_code`,
    enterpriseId: `${alias}.enterprise_id`,
  });
  return `${enforcementArea(alias, prefix, params)} AND ${others}`;
}

/** A moment's Beijing month, YYYY-MM (China keeps UTC+8 all year). */
const beijingMonth = (column: string) => `to_char((${column} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;

/** The group key of a row of `alias`: its child region's prefix, its Beijing month, or its industry division. */
function groupKey(alias: string, by: StatsGroup, len: number, moment: string, isDate = false): string {
  if (by === 'region') return `left(${alias}.region_code, ${len})`;
  if (by === 'industry') return `left(${alias}.industry_code, 2)`;
  return isDate ? `to_char(${alias}.${moment}, 'YYYY-MM')` : beijingMonth(`${alias}.${moment}`);
}

const COLUMNS = [
  'inspections',
  'enterprises',
  'unannounced',
  'covert',
  'with_violations',
  'violations',
  'hazards_found',
  'hazards_fixed',
  'cases',
  'decisions',
  'fines_decided',
  'fines_collected',
  'suspensions',
  'transfers',
  'planned',
  'plan_done',
] as const;
type Column = (typeof COLUMNS)[number];
const MONEY: Column[] = ['fines_decided', 'fines_collected'];

/** One part of the union: its columns given, every other column 0. Grouped by key and in total (k NULL). */
function part(key: string, from: string, where: string, cols: Partial<Record<Column, string>>) {
  const list = COLUMNS.map((c) => `${cols[c] ?? '0'} AS ${c}`).join(', ');
  return `SELECT ${key} AS k, ${list} FROM ${from} WHERE ${where} GROUP BY GROUPING SETS ((${key}), ())`;
}

export type StatsFilter = {
  /** The jurisdiction's region prefix ('' the country). */
  base: string;
  period: StatsPeriod;
  groupBy: StatsGroup;
  /** The length of a child region's prefix (region grouping). */
  len: number;
  departmentId?: string | null;
  /** How hazards name the inspection that found them; null: they do not (hazards fixed unknown). */
  hazardLink?: string | null;
};

/**
 * The statistics' one statement: per group key (k) and in total (k NULL), every count of
 * domain's StatsCounts. Exported for the benchmark, which runs the same SQL bare.
 */
export function statsSql(scope: Scope, f: StatsFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const start = param(params, beijingDayStart(f.period.from));
  const end = param(params, beijingDayStart(f.period.to, 1));
  const where = (alias: string) => {
    const dept = f.departmentId ? ` AND ${alias}.department_id = ${param(params, f.departmentId)}` : '';
    return `${scoped(alias, scope, params)} AND ${enforcementArea(alias, f.base, params)}${dept}`;
  };
  const inPeriod = (column: string) => `${column} >= ${start}::timestamptz AND ${column} < ${end}::timestamptz`;
  // Inspections: counted per (group, enterprise) and per enterprise alone (both hashable, no sort
  // of a million rows for count(DISTINCT)), then per group: the pairs of a group are its distinct
  // enterprises, and the per-enterprise rows (k NULL) the total's.
  const key = groupKey('i', f.groupBy, f.len, 'started_at');
  const inspections = `SELECT k, ${COLUMNS.map(
    (c) =>
      `${
        c === 'inspections'
          ? 'sum(n)'
          : c === 'enterprises'
            ? 'count(*)'
            : ['unannounced', 'covert', 'with_violations', 'violations', 'hazards_found'].includes(c)
              ? `sum(${c})`
              : '0'
      } AS ${c}`,
  ).join(', ')}
    FROM (SELECT ${key} AS k, count(*) AS n, count(*) FILTER (WHERE i.unannounced) AS unannounced,
                 count(*) FILTER (WHERE i.covert) AS covert, count(*) FILTER (WHERE i.violations > 0) AS with_violations,
                 sum(i.violations) AS violations, sum(i.hazards_found) AS hazards_found
            FROM enforcement_inspections i
           WHERE ${where('i')} AND ${inPeriod('i.started_at')} AND i.status IN ('inProgress', 'recorded', 'closed')
           GROUP BY GROUPING SETS ((${key}, i.enterprise_id), (i.enterprise_id))) p
   GROUP BY k`;
  const parts = [
    inspections,
    part(groupKey('c', f.groupBy, f.len, 'filed_at'), 'enforcement_cases c', `${where('c')} AND ${inPeriod('c.filed_at')}`, {
      cases: 'count(*)',
      transfers: 'count(*) FILTER (WHERE c.transferred)',
    }),
    part(groupKey('c', f.groupBy, f.len, 'decided_at'), 'enforcement_cases c', `${where('c')} AND ${inPeriod('c.decided_at')}`, {
      decisions: 'count(*)',
      fines_decided: 'coalesce(sum(c.fine_yuan), 0)',
      // Fines paid, without late fees or daily penalties: at most the fine itself.
      fines_collected: 'coalesce(sum(least(c.paid_yuan, coalesce(c.fine_yuan, 0))), 0)',
      suspensions: 'count(*) FILTER (WHERE c.suspension)',
    }),
  ];
  const first = param(params, f.period.from);
  const last = param(params, f.period.to);
  parts.push(
    part(
      groupKey('i', f.groupBy, f.len, 'planned_on', true),
      'enforcement_inspections i',
      `${where('i')} AND i.source = 'plan' AND i.planned_on >= ${first}::date AND i.planned_on <= ${last}::date AND i.status <> 'cancelled'`,
      { planned: 'count(*)', plan_done: "count(*) FILTER (WHERE i.status IN ('recorded', 'closed'))" },
    ),
  );
  if (f.hazardLink) {
    // Hazards found by enforcement and closed in the period, in the caller's scope as hazards are.
    const dept = f.departmentId
      ? ` AND EXISTS (SELECT 1 FROM enforcement_inspections i WHERE i.id = h.enforcement_inspection_id AND i.department_id = ${param(params, f.departmentId)})`
      : '';
    parts.push(
      part(
        groupKey('h', f.groupBy, f.len, 'closed_at'),
        'hazards h',
        `${scoped('h', scope, params)} AND ${enforcementArea('h', f.base, params)} AND ${f.hazardLink} AND h.status = 'closed' AND ${inPeriod('h.closed_at')}${dept}`,
        { hazards_fixed: 'count(*)' },
      ),
    );
  }
  const sums = COLUMNS.map((c) => `sum(${c})::${MONEY.includes(c) ? 'float8' : 'int'} AS ${c}`).join(', ');
  return { sql: `SELECT k, ${sums} FROM (${parts.join('\nUNION ALL\n')}) u GROUP BY k`, params };
}

type StatsRow = { k: string | null } & Record<Column, number>;

const round2 = (n: number) => Math.round(n * 100) / 100;

function countsOf(r: StatsRow | undefined, hazardsKnown: boolean): StatsCounts {
  if (!r) return emptyStatsCounts(hazardsKnown ? 0 : null);
  return {
    inspections: r.inspections,
    enterprises: r.enterprises,
    unannounced: r.unannounced,
    covert: r.covert,
    withViolations: r.with_violations,
    violations: r.violations,
    hazardsFound: r.hazards_found,
    hazardsFixed: hazardsKnown ? r.hazards_fixed : null,
    cases: r.cases,
    decisions: r.decisions,
    finesDecided: round2(Number(r.fines_decided)),
    finesCollected: round2(Number(r.fines_collected)),
    suspensions: r.suspensions,
    transfers: r.transfers,
    planned: r.planned,
    planDone: r.plan_done,
  };
}

const sumCounts = (a: StatsCounts, b: StatsCounts): StatsCounts => {
  const out = { ...a };
  for (const k of STATS_COUNT_KEYS) {
    const x = a[k];
    const y = b[k];
    (out as Record<string, number | null>)[k] = x === null || y === null ? null : k.startsWith('fines') ? round2(x + y) : x + y;
  }
  return out;
};

/**
 * How hazards say an enforcement inspection found them, looked up once per database: a link
 * column (the inspections part's migration may add one), else a source column; else none, and
 * "hazards fixed" is unknown (—) rather than a wrong 0.
 */
const hazardLinks = new WeakMap<Queryable, Promise<string | null>>();
export function hazardLink(db: Queryable): Promise<string | null> {
  let p = hazardLinks.get(db);
  if (!p) {
    p = db
      .query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'hazards' AND column_name IN ('enforcement_inspection_id', 'source')`,
      )
      .then((rows) => {
        const names = new Set(rows.map((r) => r.column_name));
        if (names.has('enforcement_inspection_id')) return 'h.enforcement_inspection_id IS NOT NULL';
        if (names.has('source')) return "h.source = 'enforcement'";
        return null;
      });
    hazardLinks.set(db, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// The statistics

type Region = { code: string; name: string; prefix: string; level: string };
type Department = { id: string; name: string; region_code: string };

/** The jurisdiction asked for (its 12-digit code), checked against the caller's scope. */
async function jurisdiction(tx: Scoped, regionCode: string | undefined): Promise<Region> {
  const base = regionCode ? regionPrefix(regionCode.padEnd(12, '0')) : tx.scope.regionPrefix;
  if (!base.startsWith(tx.scope.regionPrefix))
    throw forbidden({ zh: '只能查看本辖区的执法统计', en: 'You may only read the statistics of your own jurisdiction' });
  if (!base) return { code: '', name: '全国', prefix: '', level: 'country' };
  const [r] = await tx.query<Region>('SELECT code, name, prefix, level FROM regions WHERE code = $1', [base.padEnd(12, '0')]);
  if (!r) throw invalid({ regionCode: { zh: '没有这个区划', en: 'No such region' } });
  return r;
}

async function departmentOf(tx: Scoped, id: string | undefined): Promise<Department | null> {
  if (!id) return null;
  const [d] = await tx.query<Department>('SELECT id, name, region_code FROM departments WHERE id = $1', [id]);
  // A department of another jurisdiction is no business of the caller's.
  if (!d?.region_code.startsWith(tx.scope.regionPrefix)) throw notFound();
  return d;
}

async function quotasAt(tx: Queryable, region: string): Promise<CovertQuotas> {
  return {
    county: await effectiveSetting(tx, 'enforcement.covertQuotaCounty', region),
    city: await effectiveSetting(tx, 'enforcement.covertQuotaCity', region),
  };
}

/**
 * The enforcing organs (county- and city-level regions) under each child prefix and in total. A
 * city's 市辖区 entry of GB/T 2260 is a grouping of its districts, not an organ.
 */
async function organs(tx: Scoped, base: string, len: number) {
  const params: unknown[] = [];
  const where = base ? regionRange('code', base, params) : 'true';
  const rows = await tx.query<{ k: string | null; counties: number; cities: number }>(
    `SELECT left(code, ${len}) AS k, count(*) FILTER (WHERE level = 'county')::int AS counties,
            count(*) FILTER (WHERE level = 'city')::int AS cities
       FROM regions WHERE ${where} AND name <> '市辖区' GROUP BY GROUPING SETS ((left(code, ${len})), ())`,
    params,
  );
  return new Map(rows.map((r) => [r.k, { counties: r.counties, cities: r.cities }]));
}

const REGION_ROWS_ALWAYS = 40;

/** The statistics of a jurisdiction and period as the API answers them, in the caller's scope. */
export async function statsIn(tx: Scoped, q: EnforcementStatsQuery, period: StatsPeriod): Promise<EnforcementStats> {
  const region = await jurisdiction(tx, q.regionCode);
  const department = await departmentOf(tx, q.departmentId);
  const base = region.prefix;
  const children =
    q.groupBy === 'region'
      ? base
        ? await tx.query<Region>('SELECT code, name, prefix, level FROM regions WHERE parent_code = $1 ORDER BY code', [
            base.padEnd(12, '0'),
          ])
        : await tx.query<Region>('SELECT code, name, prefix, level FROM regions WHERE parent_code IS NULL ORDER BY code')
      : [];
  const len = children[0]?.prefix.length ?? 12;
  const link = await hazardLink(tx);
  const { sql, params } = statsSql(tx.scope, { base, period, groupBy: q.groupBy, len, departmentId: department?.id, hazardLink: link });
  // Prepared (a generic plan) for a county or smaller: its few thousand rows are read faster
  // without planning a five-part union each time nor starting parallel workers (26 against 44 ms
  // for a county's year over 200,000 inspections). A city's or a province's is planned for its
  // values: the generic plan of a province's three years was slower (1.2 against 0.85 s).
  const rows = await tx.query<StatsRow>(sql, params, { prepare: base.length >= 6 });
  const byKey = new Map(rows.map((r) => [r.k, r]));
  const quotas = await quotasAt(tx, base);
  // The quota is the organs' of the area: not for one department's or one set of industries' view.
  const withQuota = !department && tx.scope.industries === null;
  const organCounts = withQuota && q.groupBy !== 'industry' ? await organs(tx, base, len) : new Map();
  const quotaOf = (k: string | null) => {
    const o = organCounts.get(k);
    return o ? covertQuota(o, quotas, period) : null;
  };
  const figures = (r: StatsRow | undefined, quota: number | null): StatsFigures => withStatsRates(countsOf(r, link !== null), quota);

  let groups: EnforcementStats['groups'] = [];
  if (q.groupBy === 'region') {
    const seen = new Set<string>();
    groups = children
      .map((c) => {
        const key = c.prefix.padEnd(len, '0').slice(0, len);
        seen.add(key);
        const r = byKey.get(key);
        return { shown: !!r || children.length <= REGION_ROWS_ALWAYS, key: c.code, name: c.name, ...figures(r, quotaOf(key)) };
      })
      .filter((g) => g.shown)
      .map(({ shown: _, ...g }) => g);
    // Records registered at the jurisdiction itself (no child region): one row of their own.
    const own = [...byKey.entries()].filter(([k]) => k !== null && !seen.has(k)).map(([, r]) => countsOf(r, link !== null));
    if (own.length)
      groups.push({
        key: region.code || 'own',
        name: `${region.name}本级`,
        ...withStatsRates(own.reduce(sumCounts), null),
      });
  } else if (q.groupBy === 'month') {
    groups = monthsOf(period).map((m) => ({
      key: m,
      name: `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`,
      ...figures(byKey.get(m), null),
    }));
  } else {
    groups = [...byKey.keys()]
      .filter((k): k is string => k !== null)
      .sort()
      .map((k) => ({ key: k, name: industryDivision(k)?.zh ?? `行业 ${k}`, ...figures(byKey.get(k), null) }));
  }
  return {
    region: { code: region.code, name: region.name },
    department: department ? { id: department.id, name: department.name } : null,
    period: { ...period, label: periodLabel(period) },
    groupBy: q.groupBy,
    quotas: { ...quotas, provisional: true },
    totals: figures(byKey.get(null), withQuota ? quotaOf(null) : null),
    groups,
    definitions: STATS_DEFINITIONS,
  };
}

/** Refuses who may not read the statistics (403) and a bad period (400 naming the field). */
export function checkStatsRequest(actor: Actor, q: { period?: string; from?: string; to?: string }): StatsPeriod {
  if (!mayViewEnforcementStats(actor)) throw forbidden();
  const p = parseStatsPeriod(q, todayInShanghai());
  if (!p.ok) throw new AppError('validation_error', undefined, p.fields);
  return p.period;
}

export function enforcementStats(db: Db, actor: Actor, q: EnforcementStatsQuery): Promise<EnforcementStats> {
  const period = checkStatsRequest(actor, q);
  return readScoped(db, actor.scope, (tx) => statsIn(tx, q, period));
}

// ---------------------------------------------------------------------------------------------
// Excel

/** The columns of the workbook and the order of the page's table: label, value, kind. */
export const STATS_COLUMNS: { key: keyof StatsFigures; zh: string; kind: 'count' | 'money' | 'rate' }[] = [
  { key: 'inspections', zh: '检查次数', kind: 'count' },
  { key: 'enterprises', zh: '检查企业数', kind: 'count' },
  { key: 'unannounced', zh: '四不两直', kind: 'count' },
  { key: 'covert', zh: '明查暗访', kind: 'count' },
  { key: 'withViolations', zh: '发现违法的检查', kind: 'count' },
  { key: 'violations', zh: '违法行为', kind: 'count' },
  { key: 'hazardsFound', zh: '发现隐患', kind: 'count' },
  { key: 'hazardsFixed', zh: '整改隐患', kind: 'count' },
  { key: 'cases', zh: '立案数', kind: 'count' },
  { key: 'filingRate', zh: '立案率', kind: 'rate' },
  { key: 'decisions', zh: '处罚决定数', kind: 'count' },
  { key: 'penaltyRate', zh: '处罚率', kind: 'rate' },
  { key: 'finesDecided', zh: '罚款金额（元）', kind: 'money' },
  { key: 'finesCollected', zh: '已缴罚款（元）', kind: 'money' },
  { key: 'collectionRate', zh: '罚款收缴率', kind: 'rate' },
  { key: 'suspensions', zh: '停产停业整顿（关闭）', kind: 'count' },
  { key: 'transfers', zh: '移送司法机关', kind: 'count' },
  { key: 'planned', zh: '计划检查', kind: 'count' },
  { key: 'planDone', zh: '计划已完成', kind: 'count' },
  { key: 'planCompletion', zh: '计划完成率', kind: 'rate' },
  { key: 'covertQuota', zh: '明查暗访任务', kind: 'count' },
  { key: 'quotaCompletion', zh: '明查暗访完成率', kind: 'rate' },
];

const GROUP_HEADERS: Record<StatsGroup, string> = { region: '区划', month: '月份', industry: '行业' };

export async function statsXlsx(s: EnforcementStats, now = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taishan 泰山';
  const ws = wb.addWorksheet('执法统计');
  const title = `${s.department?.name ?? s.region.name}执法统计（${s.period.label}）`;
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([`统计期间：${s.period.from} 至 ${s.period.to}（北京时间）　导出时间：${shanghaiTime(now)}`]);
  const header = ws.addRow([GROUP_HEADERS[s.groupBy], ...STATS_COLUMNS.map((c) => c.zh)]);
  header.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 1 }];
  ws.getColumn(1).width = 22;
  STATS_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 2);
    col.width = Math.max(10, c.zh.length * 2 + 2);
    col.numFmt = c.kind === 'rate' ? '0.0%' : c.kind === 'money' ? '#,##0.00' : '#,##0';
    col.alignment = { horizontal: 'right' };
  });
  const values = (f: StatsFigures) => STATS_COLUMNS.map((c) => f[c.key] ?? '—');
  for (const g of s.groups) ws.addRow([g.name, ...values(g)]);
  ws.addRow(['合计', ...values(s.totals)]).font = { bold: true };
  const defs = wb.addWorksheet('指标说明');
  defs.columns = [
    { header: '指标', key: 'k', width: 16 },
    { header: '定义', key: 'v', width: 100 },
  ];
  defs.getRow(1).font = { bold: true };
  for (const [k, d] of Object.entries(STATS_DEFINITIONS))
    defs.addRow({ k: DEFINITION_NAMES[k as keyof typeof STATS_DEFINITIONS], v: d.zh });
  defs.addRow({ k: '“—”', v: '分母为零（无可计算的数据），不是 0%' });
  defs.addRow({ k: '明查暗访年度任务', v: `县级 ${s.quotas.county} 次，设区市层面 ${s.quotas.city} 次（暂定，系统设置中可调整）` });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const DEFINITION_NAMES: Record<keyof typeof STATS_DEFINITIONS, string> = {
  inspections: '检查次数',
  hazards: '隐患',
  filingRate: '立案率',
  penaltyRate: '处罚率',
  collectionRate: '罚款收缴率',
  planCompletion: '计划完成率',
  quotaCompletion: '明查暗访完成率',
  closures: '停产整顿、移送',
};

// ---------------------------------------------------------------------------------------------
// The monthly case report (执法案例月度报告)

type DecidedCase = {
  id: string;
  enterprise_name: string;
  title: string;
  article: string | null;
  fine_yuan: string | number | null;
  suspension: boolean;
  transferred: boolean;
  decided_on: string;
  decision_number: string | null;
  filing_number: string | null;
};

/** The month's decided cases, in the order they were decided, with the numbers of their documents. */
async function decidedCases(tx: Scoped, base: string, period: StatsPeriod, departmentId: string | null): Promise<DecidedCase[]> {
  const params: unknown[] = [];
  const start = param(params, beijingDayStart(period.from));
  const end = param(params, beijingDayStart(period.to, 1));
  const dept = departmentId ? ` AND c.department_id = ${param(params, departmentId)}` : '';
  const doc = (kind: string) =>
    `(SELECT d.number FROM enforcement_documents d WHERE d.case_id = c.id AND d.kind = '${kind}' ORDER BY d.issued_at DESC LIMIT 1)`;
  return tx.query<DecidedCase>(
    `SELECT c.id, c.enterprise_name, c.title, c.article, c.fine_yuan, c.suspension, c.transferred,
            to_char((c.decided_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') AS decided_on,
            ${doc('penaltyDecision')} AS decision_number, ${doc('caseFiling')} AS filing_number
       FROM enforcement_cases c
      WHERE ${scoped('c', tx.scope, params)} AND ${enforcementArea('c', base, params)}${dept}
        AND c.decided_at >= ${start}::timestamptz AND c.decided_at < ${end}::timestamptz
      ORDER BY c.decided_at, c.id`,
    params,
  );
}

/** A Beijing day as people write it: 2025年11月3日. */

/** The violated article as the report prints it: 《中华人民共和国安全生产法》第一百零一条 → written with digits, 第101条. */
const articleText = (a: string | null) => (a ? `《中华人民共和国安全生产法》第${a}条` : '（未载明）');

function penaltyText(c: DecidedCase): string {
  const parts: string[] = [];
  const fine = c.fine_yuan === null ? 0 : Number(c.fine_yuan);
  if (fine > 0) parts.push(`罚款 ${formatYuan(fine)}`);
  if (c.suspension) parts.push('责令停产停业整顿');
  if (c.transferred) parts.push('移送司法机关');
  return parts.length ? parts.join('；') : '不予罚款';
}

/** The organ a report is of: the department, else the region's 应急管理局 (a province's 应急管理厅). */
const organName = (region: Region, department: Department | null) =>
  department?.name ?? (region.level === 'country' ? '应急管理部' : `${region.name}应急管理${region.level === 'province' ? '厅' : '局'}`);

export type MonthlyReport = { pdf: Buffer; fileName: string };

/** 执法案例月度报告: the month's figures and the list of its decided cases (number, party, article, penalty). */
export async function monthlyReport(
  db: Db,
  actor: Actor,
  q: { month: string; departmentId?: string | undefined; regionCode?: string | undefined },
  now = new Date(),
): Promise<MonthlyReport> {
  if (!mayViewEnforcementStats(actor)) throw forbidden();
  const period = namedPeriod(q.month) as StatsPeriod;
  if (q.month > todayInShanghai(now).slice(0, 7))
    throw invalid({ month: { zh: '月份不能晚于本月', en: 'The month cannot be after this month' } });
  return readScoped(db, actor.scope, async (tx) => {
    const stats = await statsIn(tx, { regionCode: q.regionCode, departmentId: q.departmentId, groupBy: 'month' }, period);
    const region = await jurisdiction(tx, q.regionCode);
    const department = await departmentOf(tx, q.departmentId);
    const cases = await decidedCases(tx, region.prefix, period, department?.id ?? null);
    const t = stats.totals;
    const organ = organName(region, department);
    const cells = [
      { label: '执法机构', value: organ },
      { label: '统计期间', value: `${chineseDate(period.from)}至${chineseDate(period.to)}` },
      {
        label: '执法检查',
        value: `检查 ${formatCount(t.inspections)} 次，涉及企业 ${formatCount(t.enterprises)} 家；其中“四不两直” ${formatCount(t.unannounced)} 次，明查暗访 ${formatCount(t.covert)} 次`,
      },
      {
        label: '发现问题',
        value: `发现违法行为 ${formatCount(t.violations)} 项（${formatCount(t.withViolations)} 次检查），发现隐患 ${formatCount(t.hazardsFound)} 项，整改隐患 ${formatCount(t.hazardsFixed)} 项`,
      },
      {
        label: '立案与处罚',
        value: `立案 ${formatCount(t.cases)} 件，立案率 ${formatRate(t.filingRate)}；作出处罚决定 ${formatCount(t.decisions)} 件，处罚率 ${formatRate(t.penaltyRate)}`,
      },
      {
        label: '罚款',
        value: `决定罚款 ${formatYuan(t.finesDecided)}，已缴纳 ${formatYuan(t.finesCollected)}，收缴率 ${formatRate(t.collectionRate)}`,
      },
      {
        label: '其他措施',
        value: `责令停产停业整顿（关闭） ${formatCount(t.suspensions)} 家，移送司法机关 ${formatCount(t.transfers)} 件`,
      },
      {
        label: '计划执行',
        value: `应检查 ${formatCount(t.planned)} 次，已完成 ${formatCount(t.planDone)} 次，完成率 ${formatRate(t.planCompletion)}`,
      },
      {
        label: '本月处罚案件',
        value: cases.length ? `共 ${cases.length} 件，逐件列明如下` : '本月无作出行政处罚决定的案件',
      },
      ...cases.map((c, i) => ({
        label: `${i + 1}. ${c.decision_number ?? c.filing_number ?? '（未编号）'}`,
        value: [
          `当事人：${c.enterprise_name}`,
          `案由：${c.title}`,
          `违法条款：${articleText(c.article)}`,
          `处罚：${penaltyText(c)}`,
          `决定日期：${chineseDate(c.decided_on)}`,
        ].join('\n'),
      })),
    ];
    const pdf = await renderForm({
      title: '执法案例月度报告',
      number: `${Number(q.month.slice(0, 4))}年${Number(q.month.slice(5))}月`,
      issuer: organ,
      cells,
      date: now,
    });
    return { pdf, fileName: `${organ}执法案例月度报告-${q.month}.pdf` };
  });
}
