// Demo data: a city with its counties and townships (real region codes, fictional enterprises),
// a department, and one account of every role. Deterministic, so screenshots and tests agree.
import {
  type Actor,
  CREDIT_CODE_ALPHABET,
  computeCheckCharacter,
  type EnterpriseInput,
  gb18218,
  type HighRiskFlag,
  LEC_DEFAULT_THRESHOLDS,
  lec,
  NATIONAL_SCOPE,
} from '@taishan/domain';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/db.ts';
import { withScope } from '../db/scope.ts';
import { newDocumentNumber } from '../documents/numbers.ts';
import { createIn } from '../modules/enterprises/service.ts';
import { hazardNumberPattern } from '../modules/hazards/store.ts';
import { seedDemoSettings } from './settings.ts';

export const DEMO_CITY = '321300000000'; // 江苏省宿迁市
export const DEMO_PASSWORD = 'Taishan@2026';

/** xorshift32: reproducible demo data without a dependency. */
export function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

const INDUSTRY_MIX: { code: string; flags: HighRiskFlag[]; words: string[] }[] = [
  { code: '2614', flags: ['hazardousChemicals'], words: ['化工', '精细化工', '石化'] },
  { code: '2651', flags: ['hazardousChemicals'], words: ['新材料', '树脂'] },
  { code: '0610', flags: ['mining'], words: ['矿业', '煤业'] },
  { code: '1011', flags: ['mining'], words: ['石材', '砂石'] },
  { code: '4700', flags: ['construction'], words: ['建设工程', '建筑'] },
  { code: '4813', flags: ['construction'], words: ['路桥', '市政工程'] },
  { code: '3120', flags: ['metallurgy'], words: ['钢铁', '特钢'] },
  { code: '3216', flags: ['metallurgy'], words: ['铝业', '有色金属'] },
  { code: '5430', flags: ['transport'], words: ['物流', '运输'] },
  { code: '1330', flags: ['dustExplosion'], words: ['面粉', '粮油'] },
  { code: '1352', flags: ['ammoniaRefrigeration'], words: ['冷链', '食品冷藏'] },
  { code: '3731', flags: ['shipRepair'], words: ['船舶修造'] },
  { code: '1713', flags: [], words: ['纺织', '织造'] },
  { code: '3360', flags: [], words: ['五金', '金属制品'] },
  { code: '5212', flags: [], words: ['商贸', '超市'] },
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['伟', '芳', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超'];
const BRANDS = [
  '恒信',
  '华通',
  '鑫源',
  '瑞丰',
  '宏达',
  '金泰',
  '永安',
  '天成',
  '众诚',
  '利民',
  '海纳',
  '福兴',
  '盛华',
  '长青',
  '嘉禾',
  '东升',
  '新时代',
  '润泽',
  '昌盛',
  '广源',
  '德隆',
  '富强',
  '远航',
  '安泰',
  '中兴',
  '祥和',
  '晨光',
  '汇丰',
  '凯达',
  '佳美',
  '同心',
];
const PLACES = ['洋河', '运河', '骆马湖', '嶂山', '黄河', '古城', '湖滨', '双庄', '新庄', '龙河', '仓集', '来龙'];

/** A credit code that passes GB 32100 (or, with `spoil`, one whose check character is wrong). */
export function demoCreditCode(n: number, region6: string, spoil = false): string {
  let digits = '';
  for (let v = n; v > 0; v = Math.floor(v / 31)) digits = CREDIT_CODE_ALPHABET[v % 31] + digits;
  const org = `MA${digits.padStart(7, '0')}`;
  const first17 = `91${region6}${org}`;
  const check = computeCheckCharacter(first17);
  return first17 + (spoil ? (check === '0' ? '1' : '0') : check);
}

export type DemoAccount = { username: string; role: string; scope: string };

export async function seedDemo(db: Db, opts: { enterprises?: number } = {}): Promise<DemoAccount[]> {
  const [done] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE username = 'admin'");
  if (done && done.n > 0) return demoAccounts(db);
  const rand = prng(20261123);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)] as T;
  const counties = await db.query<{ code: string; name: string }>(
    `SELECT code, name FROM regions r WHERE parent_code = $1 AND level = 'county'
       AND EXISTS (SELECT 1 FROM regions t WHERE t.parent_code = r.code) ORDER BY code LIMIT 4`,
    [DEMO_CITY],
  );
  if (counties.length < 3) throw new Error(`demo city ${DEMO_CITY} needs ≥ 3 counties in regions`);
  const townships = await db.query<{ code: string; name: string; parent_code: string }>(
    "SELECT code, name, parent_code FROM regions WHERE parent_code = ANY($1::text[]) AND level = 'township' ORDER BY code",
    [counties.map((c) => c.code)],
  );
  if (townships.length < 12) throw new Error('demo city needs ≥ 12 townships');

  const hash = await hashPassword(DEMO_PASSWORD);
  const [adminRow] = await db.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash, role) VALUES ('admin', '平台管理员', $1, 'platformAdmin') RETURNING id`,
    [hash],
  );
  const admin: Actor = { id: adminRow?.id ?? '', username: 'admin', role: 'platformAdmin', scope: NATIONAL_SCOPE };

  const firstEnterprise: { id?: string } = {};
  const total = opts.enterprises ?? 240;
  for (let i = 0; i < total; i++) {
    const town = townships[i % townships.length] as (typeof townships)[number];
    const mix = INDUSTRY_MIX[i % INDUSTRY_MIX.length] as (typeof INDUSTRY_MIX)[number];
    const big = rand() < 0.35;
    const employees = big ? 100 + Math.floor(rand() * 900) : 5 + Math.floor(rand() * 90);
    const input: EnterpriseInput = {
      creditCode: demoCreditCode(i + 1, town.code.slice(0, 6), i % 37 === 5),
      name: `宿迁${PLACES[Math.floor(i / BRANDS.length) % PLACES.length]}${BRANDS[i % BRANDS.length]}${pick(mix.words)}有限公司`,
      address: `${town.name}${pick(PLACES)}路${1 + Math.floor(rand() * 300)}号`,
      regionCode: town.code,
      industryCode: mix.code,
      employees,
      revenueWan: Math.round((big ? 1500 + rand() * 20000 : 50 + rand() * 1800) * 10) / 10,
      highRisk: mix.flags,
      legalRepresentative: pick([...SURNAMES]) + pick(GIVEN) + pick(GIVEN),
      // Some large high-risk enterprises lack a safety director, so the flag shows in the demo.
      safetyDirector: rand() < 0.6 ? pick([...SURNAMES]) + pick(GIVEN) : null,
      contactPhone: `0527-8${String(1000000 + Math.floor(rand() * 8999999)).slice(0, 7)}`,
    };
    const row = await withScope(db, admin.scope, (tx) => createIn(tx, admin, input));
    if (i === 0) firstEnterprise.id = row.id;
  }

  await seedDemoRisks(db, rand);
  await seedDemoHazards(db, rand);

  const [dept] = await db.query<{ id: string }>(
    `INSERT INTO departments (name, short_name, region_code, industries)
     VALUES ('宿迁市应急管理局危险化学品安全监督管理科', '宿应急', $1, '{25,26,27,28}') RETURNING id`,
    [DEMO_CITY],
  );
  await db.query(`INSERT INTO departments (name, region_code, industries) VALUES ('宿迁市住房和城乡建设局', $1, '{47,48,49,50}')`, [
    DEMO_CITY,
  ]);
  const [county1, county2] = counties as [(typeof counties)[0], (typeof counties)[0]];
  const town1 = townships.find((t) => t.parent_code === county1.code) as (typeof townships)[0];
  const users: [string, string, string, string | null, string | null, string | null][] = [
    ['province', '省级监管员', 'provinceSupervisor', '320000000000', null, null],
    ['city', '市级监管员', 'citySupervisor', DEMO_CITY, null, null],
    ['county', `${county1.name}监管员`, 'countySupervisor', county1.code, null, null],
    ['county2', `${county2.name}监管员`, 'countySupervisor', county2.code, null, null],
    ['township', `${town1.name}监管员`, 'townshipSupervisor', town1.code, null, null],
    ['grid', `${town1.name}网格员`, 'gridWorker', town1.code, null, null],
    ['inspector', '危化品科执法员', 'departmentInspector', DEMO_CITY, dept?.id ?? null, null],
    ['entadmin', '企业安全总监', 'enterpriseAdmin', town1.code, null, firstEnterprise.id ?? null],
    ['entstaff', '企业安全员', 'enterpriseStaff', town1.code, null, firstEnterprise.id ?? null],
  ];
  for (const [username, name, role, region, deptId, entId] of users) {
    await db.query(
      `INSERT INTO users (username, display_name, password_hash, role, region_code, department_id, enterprise_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [username, name, hash, role, region, deptId, entId],
    );
  }
  await seedDemoSettings(db, DEMO_CITY);
  return demoAccounts(db);
}

export async function demoAccounts(db: Db): Promise<DemoAccount[]> {
  const rows = await db.query<{ username: string; role: string; scope: string | null }>(
    `SELECT u.username, u.role, coalesce(e.name, d.name, r.name, '全国') AS scope FROM users u
     LEFT JOIN regions r ON r.code = u.region_code LEFT JOIN departments d ON d.id = u.department_id
     LEFT JOIN enterprises e ON e.id = u.enterprise_id
     WHERE u.username IN ('admin','province','city','county','county2','township','grid','inspector','entadmin','entstaff','clinic','cdc','hospadmin')
     ORDER BY u.created_at, u.username`,
  );
  return rows.map((r) => ({ username: r.username, role: r.role, scope: r.scope ?? '' }));
}

/** Risk points with LEC or LS assessments on the high-risk demo enterprises, and GB 18218 units
 * for the chemical ones, so the register, the distribution and the installation list are alive. */
async function seedDemoRisks(db: Db, rand: () => number) {
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)] as T;
  const enterprises = await db.query<{ id: string; high_risk: string[] }>(
    "SELECT id, high_risk FROM enterprises WHERE high_risk <> '{}' ORDER BY created_at, id LIMIT 120",
  );
  const POINTS: Record<string, { name: string; accidents: string[]; factor: string }[]> = {
    hazardousChemicals: [
      { name: '液氯储罐区', accidents: ['poisoningAsphyxiation', 'vesselExplosion'], factor: '有毒气体泄漏' },
      { name: '反应釜区', accidents: ['otherExplosion', 'fire'], factor: '反应失控' },
      { name: '装卸站台', accidents: ['fire', 'vehicle'], factor: '易燃液体泄漏' },
    ],
    mining: [{ name: '采掘工作面', accidents: ['roofFall', 'blasting'], factor: '顶板不稳' }],
    construction: [{ name: '塔吊作业', accidents: ['lifting', 'fallFromHeight'], factor: '高处作业' }],
    metallurgy: [{ name: '熔炼炉区', accidents: ['scald', 'otherExplosion'], factor: '高温熔融金属' }],
    transport: [{ name: '危货车辆停车场', accidents: ['vehicle', 'fire'], factor: '车辆碰撞' }],
    dustExplosion: [{ name: '除尘系统', accidents: ['otherExplosion'], factor: '可燃粉尘积聚' }],
    ammoniaRefrigeration: [{ name: '液氨制冷机房', accidents: ['poisoningAsphyxiation'], factor: '液氨泄漏' }],
    shipRepair: [{ name: '船台分段作业', accidents: ['fallFromHeight', 'fire'], factor: '受限空间动火' }],
  };
  const L = [1, 3, 6];
  const E = [2, 3, 6];
  const C = [7, 15, 40];
  for (const e of enterprises) {
    const candidates = e.high_risk.flatMap((f) => POINTS[f] ?? []);
    for (const p of candidates.slice(0, 1 + Math.floor(rand() * candidates.length))) {
      const inputs = { L: pick(L), E: pick(E), C: pick(C) };
      const r = lec(inputs);
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO risk_points (enterprise_id, name, hazard_factors, accident_types, control_measures, method, score, level, assessed_at)
         VALUES ($1, $2, $3::text[], $4::text[], $5::jsonb, 'lec', $6, $7, now()) RETURNING id`,
        [
          e.id,
          p.name,
          [p.factor],
          p.accidents,
          JSON.stringify([
            { type: 'engineering', description: '设置监测报警与联锁装置', tier: 'company', responsible: '安全总监' },
            { type: 'management', description: '严格执行操作规程与巡检制度', tier: 'workshop', responsible: '车间主任' },
            { type: 'ppe', description: '按规定佩戴个体防护用品', tier: 'post', responsible: '岗位操作工' },
          ]),
          r.D,
          r.level,
        ],
      );
      await db.query(
        `INSERT INTO risk_assessments (risk_point_id, enterprise_id, method, inputs, result, thresholds, score, level, assessed_by)
         VALUES ($1, $2, 'lec', $3::jsonb, $4::jsonb, $5::jsonb, $6, $7, 'demo')`,
        [row?.id, e.id, JSON.stringify(inputs), JSON.stringify(r), JSON.stringify(LEC_DEFAULT_THRESHOLDS), r.D, r.level],
      );
    }
    if (e.high_risk.includes('hazardousChemicals')) {
      const substances = [
        { name: pick(['氯', '氨', '甲醇', '苯', '液化石油气', '环氧乙烷']), quantityTonnes: Math.round(rand() * 400) / 10 },
        { name: pick(['甲苯', '乙醇', '丙酮', '硫化氢']), quantityTonnes: Math.round(rand() * 3000) / 10 },
      ];
      const people = Math.floor(rand() * 150);
      const g = gb18218({ substances, peopleWithin500m: people });
      await db.query(
        `INSERT INTO major_hazard_installations (enterprise_id, name, inventory, people_within_500m, s, r, alpha, is_major_hazard, grade, result)
         VALUES ($1, '罐区', $2::jsonb, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
        [e.id, JSON.stringify(substances), people, g.S, g.R, g.alpha, g.isMajorHazard, g.grade, JSON.stringify(g)],
      );
    }
  }
}

/** Hazards in every state on the demo enterprises (a few overdue, a few listed), so the hazard
 * list, the dashboard and the inbox have something to show. The first enterprise (the demo
 * enterprise accounts') is left clean for the walkthrough. */
async function seedDemoHazards(db: Db, rand: () => number) {
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)] as T;
  const enterprises = await db.query<{ id: string; region_code: string }>(
    'SELECT id, region_code FROM enterprises ORDER BY created_at, id OFFSET 1 LIMIT 90',
  );
  const WHAT = [
    '消防通道堆放杂物',
    '灭火器过期未更换',
    '配电箱未上锁且无警示标识',
    '有限空间未设置警示标志',
    '可燃气体报警器未定期校验',
    '特种作业人员证书过期',
    '除尘系统积尘严重',
    '安全阀未按期校验',
  ];
  const FLOW: [string, string][] = [
    ['reported', ''],
    ['assigned', 'assign'],
    ['rectifying', 'start'],
    ['pendingAcceptance', 'submit'],
    ['closed', 'accept'],
  ];
  for (const [i, e] of enterprises.entries()) {
    const stage = Math.floor(rand() * FLOW.length);
    const major = i % 11 === 0;
    const deadline = new Date(Date.UTC(2026, 10, 1 + Math.floor(rand() * 60))).toISOString().slice(0, 10);
    const status = (FLOW[stage] as [string, string])[0];
    const { number } = await newDocumentNumber(db, 'hazard', e.region_code, hazardNumberPattern());
    const [h] = await db.query<{ id: string }>(
      `INSERT INTO hazards (enterprise_id, description, level, found_tier, found_by, status, owner, measures, funds, deadline, contingency,
         rectification_note, listed_tier, listing_deadline, listing_officer, listed_at, closed_at, number)
       VALUES ($1, $2, $3, $4, 'demo', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        e.id,
        pick(WHAT),
        major ? 'major' : 'general',
        pick(['self', 'patrol', 'patrol', 'county']),
        status,
        stage >= 2 ? '安全员' : null,
        stage >= 2 ? '按规定整改并复查' : null,
        stage >= 2 ? Math.round(rand() * 50) / 10 : null,
        stage >= 1 ? deadline : null,
        stage >= 2 ? '整改期间设专人监护' : null,
        stage >= 3 ? '已整改完毕' : null,
        major ? 'county' : null,
        major ? deadline : null,
        major ? '县应急局督办组' : null,
        major ? new Date().toISOString() : null,
        status === 'closed' ? new Date().toISOString() : null,
        number,
      ],
    );
    for (const [to, action] of FLOW.slice(0, stage + 1)) {
      await db.query('INSERT INTO hazard_transitions (hazard_id, action, from_status, to_status, actor) VALUES ($1, $2, NULL, $3, $4)', [
        h?.id,
        action || 'report',
        to,
        'demo',
      ]);
    }
  }
}
