// Demo data that makes every screen alive after `npm start`, for every demo role: the demo
// enterprise (the one `entadmin` and `entstaff` belong to) with hazards in every state, a site
// plan with a four-colour risk map, inspections at every tier (done and planned), self-inspection
// schedules and risk reports; planned inspections for today at every tier in the demo city;
// submitted risk reports for the supervisors; and closed hazards of 2024 and 2025 for statistics.
// Deterministic (a fixed seed; dates relative to today where the workbench needs "today", fixed
// dates for past years) and fast (a few hundred statements). Runs once: it marks itself with the
// demo enterprise's site plan.
// Over the ~450-line mark on purpose: one seed read top to bottom as the story of the demo city;
// split, the order the states depend on would be scattered across files.
import { deflateSync } from 'node:zlib';
import { addDays, confirmingCounty, LEC_DEFAULT_THRESHOLDS, lec } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import type { FileStore } from '../storage/files.ts';
import { todayInShanghai } from '../time.ts';
import { prng } from './seed.ts';

/** The demo enterprise's safety director (安全总监), who is also its `entadmin` account. */
export const DEMO_SAFETY_DIRECTOR = '周建国';

type Ent = { id: string; name: string; region_code: string; industry_code: string };

export async function seedDemoLife(db: Db, files: FileStore): Promise<void> {
  const [own] = await db.query<Ent>(
    `SELECT e.id, e.name, e.region_code, e.industry_code FROM users u JOIN enterprises e ON e.id = u.enterprise_id WHERE u.username = 'entadmin'`,
  );
  if (!own) return;
  const [done] = await db.query('SELECT 1 FROM site_plans WHERE enterprise_id = $1', [own.id]);
  if (done) return;
  const today = todayInShanghai();
  const rand = prng(20261205);
  const users = Object.fromEntries(
    (await db.query<{ username: string; region_code: string | null }>('SELECT username, region_code FROM users')).map((u) => [
      u.username,
      u.region_code ?? '',
    ]),
  );
  const inRegion = async (prefix: string, extra = '', n = 1) =>
    db.query<Ent>(
      `SELECT id, name, region_code, industry_code FROM enterprises WHERE region_code >= $1 AND region_code < $2 AND id <> $3 ${extra}
       ORDER BY credit_code LIMIT ${n}`,
      [prefix, `${prefix}~`, own.id],
    );
  const town = users.township as string;
  const county = (users.county as string).slice(0, 6);
  const county2 = (users.county2 as string).slice(0, 6);
  const city = (users.city as string).slice(0, 4);
  const [townOther] = await inRegion(town.slice(0, 9));
  const [countyChem] = await inRegion(county, "AND industry_code LIKE '26%'");
  const [county2Ent] = await inRegion(county2);
  const [otherCounty] = await db.query<Ent>(
    `SELECT id, name, region_code, industry_code FROM enterprises WHERE region_code >= $1 AND region_code < $2
       AND NOT (region_code >= $3 AND region_code < $4) AND NOT (region_code >= $5 AND region_code < $6) ORDER BY credit_code LIMIT 1`,
    [city, `${city}~`, county, `${county}~`, county2, `${county2}~`],
  );

  // The account `entadmin` is the enterprise's safety director, by name in both places.
  await db.query('UPDATE enterprises SET safety_director = $2, lacks_safety_director = false WHERE id = $1', [
    own.id,
    DEMO_SAFETY_DIRECTOR,
  ]);
  await db.query("UPDATE users SET display_name = $1 WHERE username = 'entadmin'", [DEMO_SAFETY_DIRECTOR]);

  await seedRiskMap(db, files, own);
  const checklist = await fireChecklist(db);
  const inspections = await seedInspections(db, checklist, today, { own, townOther, countyChem, county2Ent, otherCounty });
  await seedOwnHazards(db, own, today, inspections);
  await seedSchedules(db, own, today);
  await seedRiskReports(
    db,
    own,
    [townOther, countyChem, county2Ent].filter((e): e is Ent => !!e),
  );
  await seedPastYears(db, rand);
  if (countyChem) await seedChangeRequest(db, countyChem);
}

/**
 * One change request waiting for the county (issue 22, item 6): a chemical enterprise of the
 * county asks to record fewer employees, which would lift its safety-director requirement.
 */
async function seedChangeRequest(db: Db, e: Ent): Promise<void> {
  const [row] = await db.query<{ employees: number | null }>('SELECT employees FROM enterprises WHERE id = $1', [e.id]);
  const employees = row?.employees ?? 120;
  await db.query(
    `INSERT INTO enterprise_change_requests (enterprise_id, enterprise_name, region_code, industry_code, confirm_region_code, before, changes,
       reason, requester, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '两条生产线停产，从业人员减少，社保名册已更新', '企业管理员', now() - interval '1 day')`,
    [
      e.id,
      e.name,
      e.region_code,
      e.industry_code,
      confirmingCounty(e.region_code),
      JSON.stringify({ employees }),
      JSON.stringify({ employees: Math.max(0, Math.min(employees - 1, 80)) }),
    ],
  );
}

// ---- The four-colour map ----------------------------------------------------------------------

/** Areas of the site plan (0..1 of its width and height) and the risk points in each, one level a colour. */
const AREAS: { name: string; box: [number, number, number, number]; points: { name: string; lec: [number, number, number] }[] }[] = [
  {
    name: '储罐区',
    box: [0.06, 0.55, 0.42, 0.92],
    points: [
      { name: '1号甲醇储罐', lec: [6, 6, 15] }, // 540: major, red
      { name: '储罐区防火堤及围堰', lec: [3, 6, 15] }, // 270: high
    ],
  },
  { name: '合成车间', box: [0.06, 0.08, 0.4, 0.45], points: [{ name: '氯化反应釜', lec: [3, 6, 15] }] }, // 270: high, orange
  { name: '装卸站台', box: [0.5, 0.6, 0.94, 0.92], points: [{ name: '危化品装卸作业', lec: [3, 6, 7] }] }, // 126: moderate, yellow
  { name: '综合办公楼', box: [0.52, 0.08, 0.94, 0.4], points: [{ name: '办公楼电气线路', lec: [1, 6, 7] }] }, // 42: low, blue
];

async function seedRiskMap(db: Db, files: FileStore, own: Ent) {
  const width = 900;
  const height = 600;
  const png = sitePlanPng(
    width,
    height,
    AREAS.map((a) => a.box),
  );
  const key = await files.put('site-plans', png);
  await db.query(
    `INSERT INTO site_plans (enterprise_id, file_key, content_type, width, height, bytes) VALUES ($1, $2, 'image/png', $3, $4, $5)`,
    [own.id, key, width, height, png.length],
  );
  const measures = JSON.stringify([
    { type: 'engineering', description: '设置可燃/有毒气体检测报警与紧急切断', tier: 'company', responsible: DEMO_SAFETY_DIRECTOR },
    { type: 'management', description: '执行操作规程、巡回检查与交接班制度', tier: 'workshop', responsible: '车间主任' },
    { type: 'training', description: '岗位安全培训与应急演练', tier: 'team', responsible: '班组长' },
    { type: 'ppe', description: '按规定佩戴防护用品', tier: 'post', responsible: '岗位操作工' },
  ]);
  for (const a of AREAS) {
    const [x0, y0, x1, y1] = a.box;
    const [area] = await db.query<{ id: string }>(
      'INSERT INTO risk_areas (enterprise_id, name, polygon) VALUES ($1, $2, $3::jsonb) RETURNING id',
      [
        own.id,
        a.name,
        JSON.stringify([
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
        ]),
      ],
    );
    for (const p of a.points) {
      const [L, E, C] = p.lec;
      const r = lec({ L, E, C });
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO risk_points (enterprise_id, name, location, hazard_factors, accident_types, control_measures, area_id, method, score, level,
           assessed_at, review_date)
         VALUES ($1, $2, $3, $4::text[], $5::text[], $6::jsonb, $7, 'lec', $8, $9, now(), $10) RETURNING id`,
        [
          own.id,
          p.name,
          a.name,
          ['易燃易爆或有毒物料'],
          r.level === 'low' ? ['electrocution', 'fire'] : ['fire', 'poisoningAsphyxiation'],
          measures,
          area?.id,
          r.D,
          r.level,
          addDays(todayInShanghai(), 180),
        ],
      );
      await db.query(
        `INSERT INTO risk_assessments (risk_point_id, enterprise_id, method, inputs, result, thresholds, score, level, assessed_by)
         VALUES ($1, $2, 'lec', $3::jsonb, $4::jsonb, $5::jsonb, $6, $7, 'entadmin')`,
        [row?.id, own.id, JSON.stringify({ L, E, C }), JSON.stringify(r), JSON.stringify(LEC_DEFAULT_THRESHOLDS), r.D, r.level],
      );
    }
  }
}

/** A site plan as a PNG: a light ground with a grid, roads, and a dark outline for each building. */
export function sitePlanPng(width: number, height: number, boxes: [number, number, number, number][]): Buffer {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  const set = (x: number, y: number, c: number) => raw.fill(c, y * row + 1 + x * 3, y * row + 1 + x * 3 + 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const road = (y > height * 0.47 && y < height * 0.53) || (x > width * 0.44 && x < width * 0.48);
      set(x, y, road ? 205 : x % 60 === 0 || y % 60 === 0 ? 228 : 246);
    }
  for (const [x0, y0, x1, y1] of boxes) {
    const [a, b, c, d] = [Math.round(x0 * width), Math.round(y0 * height), Math.round(x1 * width) - 1, Math.round(y1 * height) - 1];
    for (let x = a; x <= c; x++) for (const y of [b, b + 1, d - 1, d]) set(x, y, 90);
    for (let y = b; y <= d; y++) for (const x of [a, a + 1, c - 1, c]) set(x, y, 90);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function pngChunk(type: string, data: Buffer) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  let crc = 0xffffffff;
  for (const x of body) crc = (CRC_TABLE[(crc ^ x) & 0xff] as number) ^ (crc >>> 8);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + data.length);
  return out;
}

// ---- Inspections ----------------------------------------------------------------------------------

type Checklist = { id: string; codes: string[] };

async function fireChecklist(db: Db): Promise<Checklist> {
  const [c] = await db.query<{ id: string; items: { code: string }[] }>(
    "SELECT id, items FROM checklist_templates WHERE code = 'fire-general' ORDER BY version DESC LIMIT 1",
  );
  return { id: c?.id as string, codes: (c?.items ?? []).map((i) => i.code) };
}

/**
 * The demo enterprise inspected at every tier (done) and by itself today (planned); today's plans of
 * the township, the county (a chemical enterprise, so the department inspector has one too), the
 * second county and the city. No inspection of the demo enterprise is planned for today or later
 * by government: the browser test plans one itself. Returns the patrol that found a hazard.
 */
async function seedInspections(
  db: Db,
  checklist: Checklist,
  today: string,
  e: { own: Ent; townOther?: Ent; countyChem?: Ent; county2Ent?: Ent; otherCounty?: Ent },
): Promise<{ patrol: string }> {
  const insert = async (
    ent: Ent | undefined,
    tier: string,
    day: string,
    by: string,
    failed: string | null,
    unannounced = false,
    late = false,
  ) => {
    if (!ent) return '';
    // Days gone by were carried out, except a late one (planned, its day passed).
    const submitted = day < today && !late;
    const results = submitted
      ? checklist.codes.map((code) => ({
          itemCode: code,
          result: code === failed ? 'fail' : 'pass',
          note: code === failed ? '疏散通道堆放纸箱，安全出口指示灯不亮' : null,
          photos: [],
        }))
      : [];
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO inspections (enterprise_id, tier, checklist_id, planned_date, unannounced, status, results, location, submitted_at, submitted_by, planned_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11) RETURNING id`,
      [
        ent.id,
        tier,
        checklist.id,
        day,
        unannounced,
        submitted ? 'submitted' : 'planned',
        JSON.stringify(results),
        submitted ? '厂区全域' : null,
        submitted ? `${day}T02:30:00Z` : null,
        submitted ? by : null,
        by,
      ],
    );
    return row?.id as string;
  };
  await insert(e.own, 'self', addDays(today, -7), 'entstaff', null);
  await insert(e.own, 'self', today, 'entadmin', null);
  const patrol = await insert(e.own, 'patrol', addDays(today, -12), 'grid', 'F1');
  await insert(e.own, 'county', addDays(today, -40), 'county', null, true);
  await insert(e.own, 'city', addDays(today, -75), 'city', null);
  await insert(e.townOther, 'patrol', today, 'township', null);
  await insert(e.townOther, 'patrol', addDays(today, -3), 'grid', null, false, true);
  await insert(e.countyChem, 'county', today, 'county', null, true);
  await insert(e.county2Ent, 'county', today, 'county2', null);
  await insert(e.otherCounty, 'city', today, 'city', null);
  return { patrol };
}

// ---- The demo enterprise's hazards --------------------------------------------------------------

type HazardSpec = {
  description: string;
  status: string;
  path: string[];
  level?: 'general' | 'major';
  tier?: string;
  fixes?: boolean;
  note?: boolean;
  deadline: number;
  overdue?: boolean;
  listed?: boolean;
  inspection?: boolean;
  ago: number;
};

const OWN_HAZARDS: HazardSpec[] = [
  { description: '配电室挡鼠板缺失', status: 'reported', path: [], tier: 'self', deadline: 20, ago: 1 },
  { description: '仓库东侧疏散通道堆放纸箱', status: 'reported', path: [], tier: 'patrol', deadline: 15, ago: 2 },
  { description: '灭火器压力不足未更换', status: 'assigned', path: ['assign'], deadline: 10, ago: 4 },
  { description: '可燃气体报警器未按期校验', status: 'assigned', path: ['assign'], fixes: true, deadline: 12, ago: 5 },
  { description: '储罐区静电接地线松动', status: 'rectifying', path: ['assign', 'start'], fixes: true, deadline: 8, ago: 9 },
  {
    description: '安全出口指示灯损坏',
    status: 'pendingAcceptance',
    path: ['assign', 'start', 'submit'],
    tier: 'patrol',
    fixes: true,
    note: true,
    deadline: 3,
    inspection: true,
    ago: 12,
  },
  {
    description: '劳保用品发放记录不全',
    status: 'pendingAcceptance',
    path: ['assign', 'start', 'submit'],
    tier: 'self',
    fixes: true,
    note: true,
    deadline: 5,
    ago: 10,
  },
  {
    description: '特种作业人员证书过期',
    status: 'closed',
    path: ['assign', 'start', 'submit', 'accept'],
    tier: 'county',
    fixes: true,
    note: true,
    deadline: -10,
    ago: 40,
  },
  {
    description: '反应釜安全阀未按期校验',
    status: 'rectifying',
    path: ['assign', 'start'],
    tier: 'county',
    fixes: true,
    deadline: -6,
    overdue: true,
    ago: 30,
  },
  {
    description: '液氯汽化器出口未设置紧急切断阀',
    status: 'rectifying',
    path: ['assign', 'start'],
    level: 'major',
    tier: 'county',
    fixes: true,
    deadline: 45,
    listed: true,
    ago: 20,
  },
];

const STATUS_AFTER: Record<string, string> = { assign: 'assigned', start: 'rectifying', submit: 'pendingAcceptance', accept: 'closed' };
const ACTOR_OF: Record<string, string> = { assign: 'township', start: 'entadmin', submit: 'entadmin', accept: 'county' };

async function seedOwnHazards(db: Db, own: Ent, today: string, inspections: { patrol: string }) {
  for (const h of OWN_HAZARDS) {
    const created = `${addDays(today, -h.ago)}T01:00:00Z`;
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO hazards (enterprise_id, inspection_id, checklist_item, description, location, level, found_tier, found_by, status,
         owner, measures, funds, deadline, contingency, rectification_note, listed_tier, listing_deadline, listing_officer, listed_at,
         overdue, escalated_tier, closed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23) RETURNING id`,
      [
        own.id,
        h.inspection ? inspections.patrol || null : null,
        h.inspection ? 'F1' : null,
        h.description,
        h.level === 'major' ? '液氯汽化区' : '厂区',
        h.level ?? 'general',
        h.tier ?? 'patrol',
        h.tier === 'self' ? 'entstaff' : h.tier === 'county' ? 'county' : h.tier === 'city' ? 'city' : 'grid',
        h.status,
        h.fixes ? DEMO_SAFETY_DIRECTOR : null,
        h.fixes ? '立即整改，整改完成前落实临时管控措施' : null,
        h.fixes ? (h.level === 'major' ? 18 : 0.6) : null,
        addDays(today, h.deadline),
        h.fixes ? '整改期间设专人监护，配齐应急器材' : null,
        h.note ? '已按措施整改完毕，附整改前后照片' : null,
        h.listed ? 'county' : null,
        h.listed ? addDays(today, 60) : null,
        h.listed ? '县应急管理局督办组' : null,
        h.listed ? `${addDays(today, -h.ago + 1)}T02:00:00Z` : null,
        h.overdue ?? false,
        h.overdue ? 'city' : null,
        h.status === 'closed' ? `${addDays(today, h.deadline - 2)}T08:00:00Z` : null,
        created,
      ],
    );
    const at = (i: number) => `${addDays(today, -h.ago + i)}T0${i + 1}:00:00Z`;
    await db.query(
      `INSERT INTO hazard_transitions (hazard_id, action, from_status, to_status, actor, at) VALUES ($1, 'report', NULL, 'reported', $2, $3)`,
      [row?.id, h.tier === 'self' ? 'entstaff' : 'grid', created],
    );
    let from = 'reported';
    for (const [i, action] of h.path.entries()) {
      const to = STATUS_AFTER[action] as string;
      await db.query(
        'INSERT INTO hazard_transitions (hazard_id, action, from_status, to_status, actor, at) VALUES ($1, $2, $3, $4, $5, $6)',
        [row?.id, action, from, to, ACTOR_OF[action], at(i + 1)],
      );
      from = to;
    }
    if (h.listed)
      await db.query(
        `INSERT INTO hazard_transitions (hazard_id, action, from_status, to_status, actor, reason, at) VALUES ($1, 'list', $2, $2, 'county', '重大隐患挂牌督办', $3)`,
        [row?.id, h.status, at(1)],
      );
    if (h.overdue)
      await db.query(
        `INSERT INTO hazard_transitions (hazard_id, action, from_status, to_status, actor, reason, at) VALUES ($1, 'escalate', $2, $2, 'system', '逾期未整改，升级至city', $3)`,
        [row?.id, h.status, `${addDays(today, h.deadline + 1)}T00:10:00Z`],
      );
  }
}

// ---- Schedules and risk reports --------------------------------------------------------------

async function seedSchedules(db: Db, own: Ent, today: string) {
  const rows: [string, string, string, number][] = [
    ['每周消防安全自查', 'fire-general', 'weekly', 3],
    ['每月危险化学品重大隐患自查', 'chem-major-2017', 'monthly', 12],
    ['每季度工贸重大隐患专项自查', 'gm-major-general-2023', 'quarterly', 40],
  ];
  for (const [name, code, frequency, inDays] of rows)
    await db.query(
      `INSERT INTO inspection_schedules (enterprise_id, name, checklist_code, frequency, start_date, next_date, created_by)
       VALUES ($1, $2, $3, $4, $5, $5, 'entadmin')`,
      [own.id, name, code, frequency, addDays(today, inDays)],
    );
}

/** The demo enterprise's report of last year, acknowledged; others' waiting for the supervisors. */
async function seedRiskReports(db: Db, own: Ent, others: Ent[]) {
  const items = await db.query<{ id: string; name: string; level: string; score: number }>(
    "SELECT id, name, level, score FROM risk_points WHERE enterprise_id = $1 AND level IN ('major', 'high') ORDER BY level = 'major' DESC, name",
    [own.id],
  );
  await db.query(
    `INSERT INTO risk_reports (enterprise_id, status, items, note, submitted_at, submitted_by, decided_at, decided_by, created_at)
     VALUES ($1, 'acknowledged', $2::jsonb, '2025年度重大、较大风险报告', '2025-12-20T02:00:00Z', 'entadmin', '2025-12-23T03:00:00Z', 'county', '2025-12-19T02:00:00Z')`,
    [
      own.id,
      JSON.stringify(
        items.map((p) => ({ riskPointId: p.id, name: p.name, level: p.level, method: 'lec', score: p.score, accidentTypes: [] })),
      ),
    ],
  );
  for (const e of others)
    await db.query(
      `INSERT INTO risk_reports (enterprise_id, status, note, submitted_at, submitted_by) VALUES ($1, 'submitted', '年度重大、较大风险报告', now(), 'demo')`,
      [e.id],
    );
}

// ---- Past years, for statistics -----------------------------------------------------------------

const PAST = ['消防通道堆放杂物', '应急照明不亮', '安全警示标志缺失', '电气线路私拉乱接', '动火作业审批不规范', '受限空间未检测即进入'];

/**
 * Hazards found and closed in 2024 and 2025 across the demo city (some closed after their
 * deadline), for dashboards and rates by period. Two statements, not one per hazard: a start of
 * `npm start` should not wait for round trips.
 */
async function seedPastYears(db: Db, rand: () => number) {
  const enterprises = await db.query<{ id: string }>('SELECT id FROM enterprises ORDER BY created_at, id LIMIT 80');
  const rows: { e: string; what: string; level: string; tier: string; deadline: string; found: string; closed: string }[] = [];
  for (const year of [2024, 2025])
    for (const [i, e] of enterprises.entries()) {
      const found = addDays(`${year}-01-01`, Math.floor(rand() * 330));
      const deadline = addDays(found, 15 + Math.floor(rand() * 30));
      rows.push({
        e: e.id,
        what: PAST[(i + year) % PAST.length] as string,
        level: i % 17 === 0 ? 'major' : 'general',
        tier: ['self', 'patrol', 'county', 'city'][i % 4] as string,
        deadline,
        found: `${found}T02:00:00Z`,
        closed: `${addDays(deadline, rand() < 0.15 ? 5 : -3)}T06:00:00Z`,
      });
    }
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  const made = await db.query<{ id: string; created_at: string | Date; closed_at: string | Date }>(
    `INSERT INTO hazards (enterprise_id, description, location, level, found_tier, found_by, status, owner, measures, funds, deadline,
       contingency, rectification_note, closed_at, created_at, updated_at)
     SELECT e, what, '厂区', level, tier, 'demo', 'closed', '安全员', '按规定整改并复查', 1, deadline, '整改期间设专人监护', '已整改完毕',
       closed, found, closed
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::timestamptz[], $7::timestamptz[])
       AS x(e, what, level, tier, deadline, found, closed)
     RETURNING id, created_at, closed_at`,
    [col('e'), col('what'), col('level'), col('tier'), col('deadline'), col('found'), col('closed')],
  );
  const at = (d: string | Date) => new Date(d).toISOString();
  await db.query(
    `INSERT INTO hazard_transitions (hazard_id, action, from_status, to_status, actor, at)
     SELECT id, 'report', NULL, 'reported', 'demo', found FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, found)
     UNION ALL
     SELECT id, 'accept', 'pendingAcceptance', 'closed', 'demo', closed FROM unnest($1::uuid[], $3::timestamptz[]) AS y(id, closed)`,
    [made.map((h) => h.id), made.map((h) => at(h.created_at)), made.map((h) => at(h.closed_at))],
  );
}
