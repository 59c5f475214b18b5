// Demo data (issue 26): responsibility lists for 宿迁's departments (versions by the city, one
// industry present among the enterprises that no department holds: the gap), officials of the city
// and of the demo county with their duty lists and this year's work items (done, due, overdue), the
// 约谈 triggers the demo accidents fire (the latest one decided and its 约谈 held, its written report
// not yet due; an older one dismissed; the rest awaiting the city), a yellow card whose written report
// is overdue, a published circular, and a 巡查 round of the year partly done with findings open and
// fixed. Plain SQL as the owner; runs on every `npm start`, so it returns when its data exists.
import { addWorkingDays, DOCUMENT_TYPES, evaluateTriggers, type TriggerAccident, triggerRules } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { newDocumentNumber } from '../documents/numbers.ts';
import { workingCalendar } from '../modules/calendar/working-calendar.ts';
import { todayInShanghai } from '../time.ts';
import { DEMO_CITY } from './seed.ts';

const DAY = 86_400_000;

export async function seedDemoAccountability(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query('SELECT 1 FROM officials WHERE region_code = $1 LIMIT 1', [DEMO_CITY]);
  if (done) return;
  const [city] = await db.query<{ id: string; display_name: string }>("SELECT id, display_name FROM users WHERE username = 'city'");
  const [county] = await db.query<{ id: string; display_name: string; region_code: string }>(
    "SELECT id, display_name, region_code FROM users WHERE username = 'county'",
  );
  if (!city || !county) return;
  const cityPrefix = DEMO_CITY.slice(0, 4);
  const countyRegion = county.region_code;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const day = (days: number) => todayInShanghai(ago(days));
  const year = Number(todayInShanghai(now).slice(0, 4));
  const cal = await workingCalendar(db);

  // ---- responsibility lists (三管三必须) ----
  const present = await db.query<{ division: string; n: number }>(
    `SELECT left(industry_code, 2) AS division, count(*)::int AS n FROM enterprises
      WHERE region_code >= $1 AND region_code < $1 || '~' GROUP BY 1 ORDER BY 2 DESC, 1`,
    [cityPrefix],
  );
  const divisions = present.map((p) => p.division);
  // The gap: a manufacturing division present here (textiles when there are any) dropped from
  // 工信局's list at its last revision (划转 not yet taken up by another department).
  const manufacturing = divisions.filter((d) => d >= '13' && d <= '43' && !['25', '26', '27', '28'].includes(d));
  const gap = manufacturing.includes('17') ? '17' : (manufacturing[manufacturing.length - 1] ?? null);
  const depts = await db.query<{ id: string; name: string; industries: string[] }>(
    'SELECT id, name, industries FROM departments WHERE region_code = $1',
    [DEMO_CITY],
  );
  const ensure = async (name: string, industries: string[]) => {
    const found = depts.find((d) => d.name === name);
    if (found) return found.id;
    const [row] = await db.query<{ id: string }>(
      'INSERT INTO departments (name, region_code, industries) VALUES ($1, $2, $3::text[]) RETURNING id',
      [name, DEMO_CITY, industries],
    );
    return (row as { id: string }).id;
  };
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => String(a + i).padStart(2, '0'));
  const gongxin = range(13, 43).filter((d) => !['25', '26', '27', '28'].includes(d));
  const lists: { name: string; versions: { industries: string[]; duties: [string, string][]; note: string; daysAgo: number }[] }[] = [
    {
      name: '宿迁市应急管理局危险化学品安全监督管理科',
      versions: [
        {
          industries: ['25', '26', '27', '28'],
          duties: [
            ['industry', '负责危险化学品生产、储存、使用企业的安全生产综合监管'],
            ['business', '负责危险化学品安全生产许可和重大危险源备案'],
            ['production', '指导化工园区安全风险排查治理'],
          ],
          note: '依据市安委会成员单位安全生产工作职责制定',
          daysAgo: 320,
        },
      ],
    },
    {
      name: '宿迁市住房和城乡建设局',
      versions: [
        {
          industries: ['47', '48', '49', '50'],
          duties: [
            ['industry', '负责房屋建筑和市政基础设施工程施工安全监管'],
            ['business', '负责建筑施工企业安全生产许可证和“三类人员”考核'],
            ['production', '负责城镇燃气行业安全管理'],
          ],
          note: '依据市安委会成员单位安全生产工作职责制定',
          daysAgo: 320,
        },
      ],
    },
    {
      name: '宿迁市交通运输局',
      versions: [
        {
          industries: range(53, 60),
          duties: [
            ['industry', '负责道路运输、水路运输企业安全生产监管'],
            ['business', '负责公路水运工程建设安全监管'],
            ['production', '指导港口危险货物作业安全管理'],
          ],
          note: '依据市安委会成员单位安全生产工作职责制定',
          daysAgo: 300,
        },
      ],
    },
    {
      name: '宿迁市工业和信息化局',
      versions: [
        {
          industries: gongxin,
          duties: [
            ['industry', '负责一般工业企业行业安全生产管理'],
            ['business', '负责民用爆炸物品生产、销售安全监管'],
          ],
          note: '首次制定',
          daysAgo: 310,
        },
        {
          industries: gongxin.filter((d) => d !== gap),
          duties: [
            ['industry', '负责一般工业企业行业安全生产管理（纺织业划出，待明确）'],
            ['business', '负责民用爆炸物品生产、销售安全监管'],
            ['production', '推动工业企业安全生产技术改造'],
          ],
          note: '机构职能调整后修订',
          daysAgo: 40,
        },
      ],
    },
    {
      name: '宿迁市商务局',
      versions: [
        {
          industries: ['51', '52', '61', '62'],
          duties: [
            ['industry', '负责商贸流通行业安全生产管理'],
            ['business', '负责成品油流通、报废机动车回收拆解行业安全监管'],
          ],
          note: '依据市安委会成员单位安全生产工作职责制定',
          daysAgo: 290,
        },
      ],
    },
  ];
  lists.push({
    name: '宿迁市应急管理局非煤矿山安全监督管理科',
    versions: [
      {
        industries: range(6, 12),
        duties: [
          ['industry', '负责非煤矿山（含地质勘探）安全生产监管'],
          ['business', '负责非煤矿山安全生产许可'],
          ['production', '组织尾矿库、采石场边坡隐患排查'],
        ],
        note: '依据市安委会成员单位安全生产工作职责制定',
        daysAgo: 315,
      },
    ],
  });
  lists.push({
    name: '宿迁市发展和改革委员会',
    versions: [
      {
        industries: ['44', '45', '46'],
        duties: [
          ['industry', '负责电力行业安全生产管理（能源）'],
          ['business', '负责石油天然气长输管道保护'],
        ],
        note: '依据市安委会成员单位安全生产工作职责制定',
        daysAgo: 295,
      },
    ],
  });
  // Any other division present here goes to the 应急管理局's 综合监管 (兜底, 工贸 in general), so
  // that the demo's one gap is the one the 工信局's revision left.
  const held = new Set(lists.flatMap((l) => (l.versions[l.versions.length - 1] as { industries: string[] }).industries));
  const rest = divisions.filter((d) => !held.has(d) && d !== gap).sort();
  lists.push({
    name: '宿迁市应急管理局安全生产综合协调科',
    versions: [
      {
        industries: rest,
        duties: [
          ['industry', '负责未明确行业主管部门的工贸行业安全生产综合监管（兜底）'],
          ['business', '负责市安委会成员单位职责协调'],
        ],
        note: '兜底监管',
        daysAgo: 280,
      },
    ],
  });
  const deptIds = new Map<string, string>();
  for (const l of lists) {
    const id = await ensure(l.name, (l.versions[l.versions.length - 1] as { industries: string[] }).industries);
    deptIds.set(l.name, id);
    let v = 0;
    for (const ver of l.versions) {
      v += 1;
      await db.query(
        `INSERT INTO responsibility_lists (department_id, region_code, version, industries, duties, note, saved_by, saved_by_name, saved_at)
         VALUES ($1, $2, $3, $4::text[], $5::jsonb, $6, $7, $8, $9)`,
        [
          id,
          DEMO_CITY,
          v,
          ver.industries,
          JSON.stringify(ver.duties.map(([category, text]) => ({ category, text }))),
          ver.note,
          city.id,
          city.display_name,
          ago(ver.daysAgo).toISOString(),
        ],
      );
    }
    await db.query('UPDATE departments SET industries = $2::text[] WHERE id = $1', [
      id,
      (l.versions[l.versions.length - 1] as { industries: string[] }).industries,
    ]);
  }

  // ---- officials and their yearly work ----
  const official = async (
    region: string,
    name: string,
    position: string,
    duties: string[],
    work: [string, number, number | null, string | null][],
    department?: string,
  ) => {
    const [o] = await db.query<{ id: string }>(
      'INSERT INTO officials (region_code, name, position, department_id, duties) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id',
      [region, name, position, department ? (deptIds.get(department) ?? null) : null, JSON.stringify(duties)],
    );
    for (const [title, dueIn, doneAgo, evidence] of work) {
      await db.query(
        'INSERT INTO official_work_items (official_id, region_code, year, title, due_on, done_on, evidence) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [(o as { id: string }).id, region, year, title, day(-dueIn), doneAgo === null ? null : day(doneAgo), evidence],
      );
    }
  };
  await official(
    DEMO_CITY,
    '陈建国',
    '市长（市政府主要负责人）',
    [
      '对本市安全生产工作负总责，是安全生产第一责任人',
      '每季度至少主持召开一次市政府常务会议专题研究安全生产',
      '督促市政府其他领导落实“一岗双责”',
    ],
    [
      ['主持召开市安委会全体会议，部署全年安全生产工作', -300, 305, '市安委会 2026 年第 1 次全体会议纪要'],
      ['带队开展汛期安全生产督查', -150, 152, '督查通报 1 份，发现问题 23 项'],
      ['听取年度安全生产目标责任考核情况汇报', 20, null, null],
    ],
  );
  await official(
    DEMO_CITY,
    '刘志强',
    '市委常委、常务副市长（分管安全生产）',
    ['协助市长负责安全生产工作，具体分管市应急管理局', '组织开展安全生产巡查和考核', '牵头重大事故隐患挂牌督办'],
    [
      ['组织年度安全生产巡查（全覆盖 6 个县区）', 25, null, null],
      ['牵头危险化学品安全风险集中治理', -60, 58, '治理台账销号 37 项'],
      ['约谈事故多发县区政府分管负责人', -5, null, null],
    ],
  );
  await official(
    DEMO_CITY,
    '王海燕',
    '市应急管理局局长',
    ['负责全市安全生产综合监督管理', '组织编制年度监督检查计划并督促落实', '承担市安委会办公室日常工作'],
    [
      ['完成年度监督检查计划', 24, null, null],
      ['组织开展“安全生产月”活动', -190, 185, '活动总结及宣传报道 12 篇'],
    ],
    '宿迁市应急管理局危险化学品安全监督管理科',
  );
  await official(
    countyRegion,
    '赵文斌',
    '区长（区政府主要负责人）',
    ['对本区安全生产工作负总责', '建立区、镇（街道）安全生产责任体系'],
    [
      ['召开区政府常务会议专题研究安全生产', -200, 210, '区政府常务会议纪要第 8 号'],
      ['推进城镇燃气安全专项整治', 12, null, null],
    ],
  );
  await official(
    countyRegion,
    '孙立新',
    '区委常委、副区长（分管安全生产）',
    ['协助区长负责安全生产工作', '分管区应急管理局', '组织开展镇（街道）安全生产巡查'],
    [
      ['完成镇（街道）安全生产巡查全覆盖', 8, null, null],
      ['督办区级重大事故隐患', -20, null, null],
    ],
  );

  // ---- 约谈 triggers from the demo accidents ----
  const accidents = await db.query<{
    id: string;
    number: string;
    unit_name: string;
    region_code: string;
    occurred_at: Date;
    grade: TriggerAccident['grade'];
    deaths: number | null;
    concealed: boolean;
  }>(
    `SELECT a.id, a.number, a.unit_name, a.region_code, a.occurred_at, a.grade, a.deaths,
            EXISTS (SELECT 1 FROM accident_faults f WHERE f.accident_id = a.id AND f.fault IN ('false', 'concealed')) AS concealed
       FROM accidents a WHERE a.region_code >= $1 AND a.region_code < $1 || '~' AND NOT a.near_miss`,
    [cityPrefix],
  );
  const byId = new Map(accidents.map((a) => [a.id, a]));
  const firings = evaluateTriggers(
    accidents.map((a) => ({
      id: a.id,
      regionCode: a.region_code,
      occurredAt: new Date(a.occurred_at).toISOString(),
      grade: a.grade,
      deaths: a.deaths,
      concealed: a.concealed,
    })),
    triggerRules().filter((r) => r.level === 'county'),
    now.toISOString(),
    180,
  );
  const names = new Map(
    (
      await db.query<{ code: string; name: string }>(
        "SELECT code, name FROM regions WHERE code >= $1 AND code < $1 || '~' AND level IN ('city', 'county')",
        [cityPrefix],
      )
    ).map((r) => [r.code, r.name]),
  );
  const counties = [...names.keys()].filter((c) => c !== DEMO_CITY).sort();
  const cityName = names.get(DEMO_CITY) ?? '宿迁市';
  const number = async (kind: 'interviewNotice' | 'yellowCard' | 'circular', at: Date) =>
    (await newDocumentNumber(db, kind, DEMO_CITY, DOCUMENT_TYPES[kind].pattern, at)).number;
  const record = async (r: Record<string, unknown>) => {
    const cols = Object.keys(r);
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO accountability_records (${cols.join(', ')}) VALUES (${cols.map((c, i) => `$${i + 1}${c === 'summoned' || c === 'follow_ups' ? '::jsonb' : c === 'accident_ids' ? '::uuid[]' : ''}`).join(', ')}) RETURNING id`,
      cols.map((c) => r[c]),
    );
    return (row as { id: string }).id;
  };
  const base = { region_code: DEMO_CITY, created_by: city.id, created_by_name: city.display_name };

  const latest = firings[0];
  if (latest) {
    const target = latest.targetRegion;
    const rule = triggerRules().find((r) => r.key === latest.rule);
    const list = latest.accidentIds.map((id) => byId.get(id)).map((a) => `${a?.unit_name}（${a?.number}）`);
    const issuedAt = ago(9);
    const heldAt = new Date(ago(3).getTime());
    const id = await record({
      ...base,
      kind: 'interview',
      target_region_code: target,
      number: await number('interviewNotice', issuedAt),
      status: 'held',
      summoned: JSON.stringify([
        { name: '周明', position: `${names.get(target) ?? ''}人民政府区长` },
        { name: '吴强', position: `${names.get(target) ?? ''}人民政府副区长` },
      ]),
      summoned_by: '市委常委、常务副市长 刘志强',
      reason: `${names.get(target) ?? ''}${rule?.label.zh ?? ''}：${list.join('、')}。`,
      scheduled_at: heldAt.toISOString(),
      place: '市政府 3 号会议室',
      trigger_key: latest.key,
      rule: latest.rule,
      accident_ids: latest.accidentIds,
      issued_at: issuedAt.toISOString(),
      held_at: heldAt.toISOString(),
      issues: '事故暴露出企业主体责任不落实、属地监管和行业监管存在漏洞、隐患排查治理流于形式等问题',
      measures: '一、立即开展为期三个月的安全生产大排查大整治；二、对事故企业依法从严处理；三、举一反三开展同类企业警示教育',
      report_days: 5,
      report_due_on: addWorkingDays(cal, todayInShanghai(heldAt), 5),
      follow_ups: JSON.stringify([{ at: ago(1).toISOString(), by: city.display_name, note: '电话督促，被约谈方已部署专项整治' }]),
    });
    await db.query(
      `INSERT INTO accountability_trigger_decisions (trigger_key, region_code, target_region_code, rule, decision, reason, record_id, decided_by, decided_by_name, decided_at)
       VALUES ($1, $2, $3, $4, 'summon', NULL, $5, $6, $7, $8)`,
      [latest.key, DEMO_CITY, target, latest.rule, id, city.id, city.display_name, ago(10).toISOString()],
    );
    const older = firings.find((f) => f.targetRegion !== target && Date.parse(f.firedAt) < now.getTime() - 30 * DAY);
    if (older) {
      await db.query(
        `INSERT INTO accountability_trigger_decisions (trigger_key, region_code, target_region_code, rule, decision, reason, decided_by, decided_by_name, decided_at)
         VALUES ($1, $2, $3, $4, 'dismiss', $5, $6, $7, $8)`,
        [
          older.key,
          DEMO_CITY,
          older.targetRegion,
          older.rule,
          '该县区已于上月接受专项督导并完成整改，本次不再约谈，纳入年度考核扣分',
          city.id,
          city.display_name,
          ago(20).toISOString(),
        ],
      );
    }
  } else {
    // No trigger among the demo accidents: a realistic 约谈 recorded by hand.
    const target = counties.find((c) => c !== countyRegion) ?? countyRegion;
    const issuedAt = ago(9);
    const heldAt = ago(3);
    await record({
      ...base,
      kind: 'interview',
      target_region_code: target,
      number: await number('interviewNotice', issuedAt),
      status: 'held',
      summoned: JSON.stringify([{ name: '周明', position: `${names.get(target) ?? ''}人民政府副区长` }]),
      summoned_by: '市委常委、常务副市长 刘志强',
      reason: `${names.get(target) ?? ''}近期连续发生生产安全事故，安全生产形势严峻。`,
      place: '市政府 3 号会议室',
      issued_at: issuedAt.toISOString(),
      held_at: heldAt.toISOString(),
      issues: '属地监管责任落实不到位，隐患排查治理流于形式',
      measures: '立即开展安全生产大排查大整治，十日内完成重点企业全覆盖检查',
      report_days: 5,
      report_due_on: addWorkingDays(cal, todayInShanghai(heldAt), 5),
    });
  }

  // A yellow card whose written report is overdue (工作台), and a published circular.
  const yellowTarget = counties.find((c) => c !== countyRegion && c !== latest?.targetRegion) ?? countyRegion;
  const yellowAt = ago(16);
  await record({
    ...base,
    kind: 'yellowCard',
    target_region_code: yellowTarget,
    number: await number('yellowCard', yellowAt),
    status: 'issued',
    summoned: JSON.stringify([]),
    reason: `${names.get(yellowTarget) ?? ''}重大事故隐患整改按期完成率连续两个季度低于 80%，挂牌督办隐患逾期未销号 3 项。`,
    issued_at: yellowAt.toISOString(),
    report_days: 5,
    report_due_on: addWorkingDays(cal, todayInShanghai(yellowAt), 5),
  });
  const circularAt = ago(45);
  await record({
    ...base,
    kind: 'circular',
    target_region_code: countyRegion,
    number: await number('circular', circularAt),
    status: 'closed',
    summoned: JSON.stringify([]),
    reason: `${names.get(countyRegion) ?? ''}一企业受限空间作业未执行审批制度，导致 1 人死亡。现将事故情况予以通报。`,
    issued_at: circularAt.toISOString(),
    closed_at: circularAt.toISOString(),
    published_at: ago(44).toISOString(),
  });

  // ---- 巡查: the year's round, partly done ----
  const [round] = await db.query<{ id: string }>(
    'INSERT INTO tour_rounds (region_code, term, title, starts_on, ends_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [DEMO_CITY, String(year), `${cityName}${year} 年度安全生产巡查`, `${year}-03-01`, `${year}-12-31`, city.id, ago(280).toISOString()],
  );
  const roundId = (round as { id: string }).id;
  const target = async (
    kind: 'government' | 'department',
    key: string,
    name: string,
    plannedAgo: number,
    visitedAgo: number | null,
    summary: string | null,
  ) => {
    const [t] = await db.query<{ id: string }>(
      `INSERT INTO tour_targets (round_id, region_code, kind, target_region_code, department_id, target_name, planned_on, visited_on, team, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        roundId,
        DEMO_CITY,
        kind,
        kind === 'government' ? key : null,
        kind === 'department' ? key : null,
        name,
        day(plannedAgo),
        visitedAgo === null ? null : day(visitedAgo),
        visitedAgo === null ? null : '市安委办第一巡查组（组长：市应急管理局副局长）',
        summary,
      ],
    );
    return (t as { id: string }).id;
  };
  const finding = (targetId: string, text: string, dueAgo: number, fixedAgo: number | null, note: string | null) =>
    db.query(
      'INSERT INTO tour_findings (target_id, round_id, region_code, text, fix_due_on, fixed_on, fix_note) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [targetId, roundId, DEMO_CITY, text, day(dueAgo), fixedAgo === null ? null : day(fixedAgo), note],
    );
  const [c1, c2, c3] = counties;
  if (c1) {
    const t1 = await target('government', c1, names.get(c1) ?? c1, 200, 195, '听取区政府安全生产工作汇报，查阅资料 46 份，暗访企业 8 家');
    await finding(t1, '区安委会成员单位安全生产职责清单未及时更新', 150, 140, '已印发修订后的职责清单');
    await finding(t1, '两家危化品企业重大危险源包保责任人未落实', 30, null, null);
  }
  if (c2) {
    const t2 = await target('government', c2, names.get(c2) ?? c2, 120, 118, '听取汇报，随机抽查镇（街道）2 个、企业 6 家');
    await finding(t2, '镇（街道）安全生产监管力量不足，专职人员未配齐', -30, null, null);
  }
  if (c3) await target('government', c3, names.get(c3) ?? c3, -20, null, null);
  const jt = deptIds.get('宿迁市交通运输局');
  if (jt) {
    const t4 = await target('department', jt, '宿迁市交通运输局', 90, 88, '查阅行业监管台账，抽查运输企业 4 家');
    await finding(t4, '道路危险货物运输企业动态监控考核未按季度开展', 60, 55, '已完成三季度考核并通报');
  }
}
