// Demo data (issue 26): last year's assessment with grades, a veto, a bulletin. Owner: assessment.
// 宿迁 (the demo city) keeps a county template (version 1, the default items with a note); its
// counties' 2025 sheets were computed, scored, submitted and confirmed — one of them, 宿城区 (the
// demo county), 不合格 with its written fix plan still owed (due within the month of the
// confirmation); this year's sheets are open in draft (the county account computes its own from
// the live records). The 2025 figures are frozen on the sheets as they stood at the computation.
// A county official is barred (一票否决) for an accident of the county, and the city issued the
// bulletin of the last ended quarter from the live records. Idempotent.
import {
  type AssessmentInputs,
  DEFAULT_ASSESSMENT_ITEMS,
  DOCUMENT_TYPES,
  fixPlanDue,
  gradeOf,
  lastEndedQuarter,
  quarterPeriod,
  rankBulletin,
  scoreSheet,
  vetoPeriod,
} from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { readScoped } from '../db/scope.ts';
import { newDocumentNumber } from '../documents/numbers.ts';
import { bulletinRows } from '../modules/accountability/assessment-figures.ts';
import { todayInShanghai } from '../time.ts';
import { DEMO_CITY } from './seed.ts';

const DAY = 86_400_000;

/** 2025's figures by county code (the rest of the city's children get the last row's shape). */
const FIGURES: Record<string, { inputs: AssessmentInputs; manual: [number, number, number] }> = {
  // 宿城区: more accidents and deaths than 2024, a third of the plan undone → 不合格.
  '321302000000': {
    inputs: {
      hazards: { found: 412, closed: 318, due: 380, closedOnTime: 221 },
      accidents: { current: 9, previous: 6 },
      deaths: { current: 7, previous: 4 },
      inspections: { planned: 260, done: 171 },
      reports: { due: 58, onTime: 41 },
      alarms: { raised: 126, onTime: 83 },
    },
    manual: [4, 4, 5],
  },
  '321311000000': {
    inputs: {
      hazards: { found: 356, closed: 341, due: 330, closedOnTime: 296 },
      accidents: { current: 4, previous: 5 },
      deaths: { current: 3, previous: 4 },
      inspections: { planned: 210, done: 205 },
      reports: { due: 44, onTime: 42 },
      alarms: { raised: 98, onTime: 91 },
    },
    manual: [8, 8.5, 8],
  },
  '321322000000': {
    inputs: {
      hazards: { found: 620, closed: 570, due: 600, closedOnTime: 492 },
      accidents: { current: 12, previous: 11 },
      deaths: { current: 10, previous: 9 },
      inspections: { planned: 400, done: 352 },
      reports: { due: 96, onTime: 85 },
      alarms: { raised: 210, onTime: 180 },
    },
    manual: [8, 7.5, 8],
  },
  '321323000000': {
    inputs: {
      hazards: { found: 380, closed: 300, due: 350, closedOnTime: 240 },
      accidents: { current: 8, previous: 6 },
      deaths: { current: 6, previous: 5 },
      inspections: { planned: 240, done: 190 },
      reports: { due: 60, onTime: 45 },
      alarms: { raised: 120, onTime: 90 },
    },
    manual: [7, 6, 6],
  },
  '321324000000': {
    inputs: {
      hazards: { found: 450, closed: 420, due: 430, closedOnTime: 370 },
      accidents: { current: 6, previous: 7 },
      deaths: { current: 5, previous: 6 },
      inspections: { planned: 300, done: 280 },
      reports: { due: 70, onTime: 63 },
      alarms: { raised: 140, onTime: 128 },
    },
    manual: [7, 7, 7],
  },
};
const NOTES = ['责任清单基本健全，个别部门职责交叉未厘清', '执法程序规范，案卷评查发现少量瑕疵', '双重预防机制建设推进中，部分企业未上线'];

export async function seedDemoAssessment(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query('SELECT 1 FROM assessments WHERE region_code >= $1 AND region_code < $2 LIMIT 1', ['3213', '3213~']);
  if (done) return;
  const [city] = await db.query<{ id: string; display_name: string }>("SELECT id, display_name FROM users WHERE username = 'city'");
  const [county] = await db.query<{ id: string; display_name: string; region_code: string }>(
    "SELECT id, display_name, region_code FROM users WHERE username = 'county'",
  );
  if (!city || !county) return;
  const children = await db.query<{ code: string; name: string }>('SELECT code, name FROM regions WHERE parent_code = $1 ORDER BY code', [
    DEMO_CITY,
  ]);
  const today = todayInShanghai(now);
  const year = Number(today.slice(0, 4));
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();

  // The city's template for its counties: version 1, the default sheet adopted with a note.
  await db.query(
    `INSERT INTO assessment_templates (region_code, level, version, items, note, created_by, created_by_name, created_at)
     VALUES ($1, 'county', 1, $2, '采用平台默认评分表（国办发〔2016〕64号评分细则未核实，暂定）', $3, $4, $5)`,
    [DEMO_CITY, JSON.stringify(DEFAULT_ASSESSMENT_ITEMS), city.id, city.display_name, `${year - 1}-12-20T02:00:00Z`],
  );

  // Last year's sheets, confirmed 20 days ago: the fix plan of a 不合格 is due within the month.
  const fallback = FIGURES['321323000000'] as (typeof FIGURES)[string];
  for (const c of children) {
    const f = FIGURES[c.code] ?? fallback;
    const manual = Object.fromEntries(
      DEFAULT_ASSESSMENT_ITEMS.filter((i) => i.source === 'manual').map((i, n) => [
        i.key,
        { points: f.manual[n] ?? 6, note: NOTES[n] ?? '', byName: `${c.name}考核组`, at: at(30) },
      ]),
    );
    const s = scoreSheet(
      DEFAULT_ASSESSMENT_ITEMS,
      f.inputs,
      Object.fromEntries(Object.entries(manual).map(([k, v]) => [k, { points: v.points, note: v.note }])),
    );
    const grade = gradeOf(s.total, { excellent: 90, good: 80, pass: 60 });
    const confirmedOn = todayInShanghai(new Date(at(20)));
    await db.query(
      `INSERT INTO assessments (region_code, year, level, status, template_version, items, inputs, manual, total, grade, computed_at,
                                submitted_at, submitted_by_name, confirmed_at, confirmed_by_name, fix_plan_due, created_at, updated_at, version)
       VALUES ($1, $2, 'county', 'confirmed', 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $11, 6)`,
      [
        c.code,
        year - 1,
        JSON.stringify(DEFAULT_ASSESSMENT_ITEMS),
        JSON.stringify(f.inputs),
        JSON.stringify(manual),
        s.total,
        grade,
        at(35),
        at(27),
        `${c.name}监管员`,
        at(20),
        city.display_name,
        grade === 'fail' ? fixPlanDue(confirmedOn, 1) : null,
        at(40),
      ],
    );
  }

  // This year's, open in draft on the city's template.
  for (const c of children)
    await db.query(
      `INSERT INTO assessments (region_code, year, level, template_version, items, created_at) VALUES ($1, $2, 'county', 1, $3, $4)`,
      [c.code, year, JSON.stringify(DEFAULT_ASSESSMENT_ITEMS), at(5)],
    );

  // The veto: an official of the county held responsible for its deadliest accident of the last year.
  const countyCode = county.region_code;
  const [official] = await db.query<{ id: string; name: string; position: string; region_code: string }>(
    'SELECT id, name, position, region_code FROM officials WHERE region_code = $1 AND active ORDER BY created_at, name LIMIT 1',
    [countyCode],
  );
  const [accident] = await db.query<{ id: string; number: string; occurred_at: Date | string }>(
    `SELECT id, number, occurred_at FROM accidents WHERE region_code >= $1 AND region_code < $2 AND NOT near_miss
        AND occurred_at >= $3 AND occurred_at < $4 ORDER BY deaths DESC NULLS LAST, occurred_at LIMIT 1`,
    [countyCode.slice(0, 6), `${countyCode.slice(0, 6)}~`, at(400), at(45)],
  );
  if (official && accident) {
    const decided = todayInShanghai(new Date(at(40)));
    const p = vetoPeriod(decided, 12);
    await db.query(
      `INSERT INTO assessment_vetoes (official_id, official_name, official_position, region_code, accident_id, reason, starts_on, ends_on, months,
                                      decided_by, decided_by_name, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 12, $9, $10, $11)`,
      [
        official.id,
        official.name,
        official.position,
        official.region_code,
        accident.id,
        `对${accident.number}号事故负有属地监管领导责任，经市纪委监委问责，给予政务警告处分`,
        p.from,
        p.to,
        city.id,
        city.display_name,
        at(40),
      ],
    );
  }

  // The bulletin of the last ended quarter, issued ten days after it ended (or today, if sooner).
  const q = lastEndedQuarter(today);
  const period = quarterPeriod(q.year, q.quarter);
  const issuedAt = new Date(Math.min(now.getTime(), Date.parse(`${period.to}T10:00:00+08:00`) + 10 * DAY));
  const rows = rankBulletin(
    await readScoped(db, { regionPrefix: DEMO_CITY.slice(0, 4), industries: null, enterpriseId: null }, (tx) =>
      bulletinRows(tx, DEMO_CITY, period),
    ),
  );
  if (rows.length) {
    const [region] = await db.query<{ name: string }>('SELECT name FROM regions WHERE code = $1', [DEMO_CITY]);
    const { number } = await newDocumentNumber(db, 'quarterlyBulletin', DEMO_CITY, DOCUMENT_TYPES.quarterlyBulletin.pattern, issuedAt);
    await db.query(
      `INSERT INTO assessment_bulletins (region_code, year, quarter, number, issuer, rows, issued_by, issued_by_name, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        DEMO_CITY,
        q.year,
        q.quarter,
        number,
        `${region?.name ?? '宿迁市'}安全生产委员会办公室`,
        JSON.stringify(rows),
        city.id,
        city.display_name,
        issuedAt.toISOString(),
      ],
    );
  }
}
