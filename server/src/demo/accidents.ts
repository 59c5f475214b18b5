// Demo accidents (事故, issue 25) in the demo city (宿迁): two past years and this year to date, so
// the statistics show a monthly trend and a year-on-year fall (双下降), and past investigations
// closed and published (the public reports page has content); plus a handful of live ones in the
// demo county (宿城区) and its city, each at a different step: just reported with the county's
// two hours running, overdue at the county, a 较大 waiting at the city, under investigation (team,
// an appraisal pause), a report awaiting approval, a near-miss, one regraded by its follow-ups;
// and lessons pushed to the chemical enterprises, the demo enterprise's not yet acknowledged.
// Plain SQL in bulk (a statement per table over a JSON array: it runs on every `npm start`), drawn
// from seed.ts's deterministic prng; the live ones relative to now. Idempotent.
import { randomUUID } from 'node:crypto';
import {
  ACCIDENT_TYPE_LABELS,
  type AccidentGrade,
  type AccidentType,
  CHAIN_LEVELS,
  type ChainLevel,
  chainTargets,
  gradeAccident,
  INVESTIGATED_BY,
  PARALLEL_BODIES,
  type ReportSection,
  regionAt,
  type StatIndustry,
} from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { withScope } from '../db/scope.ts';
import { recomputeIn } from '../modules/enforcement/classes.ts';
import { todayInShanghai } from '../time.ts';
import { demoActor } from './enforcement-inspections.ts';
import { demoPointIn } from './places.ts';
import { DEMO_CITY, prng } from './seed.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** A Beijing wall-clock time as a moment. */
const beijing = (y: number, m: number, d: number, h: number, min: number) => Date.UTC(y, m - 1, d, h - 8, min);
/** The Beijing day of a moment, as a report writes it: 2025年3月10日. */
const cnDay = (ms: number) => {
  const d = new Date(ms + 8 * HOUR);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};
const cnTime = (ms: number) => {
  const d = new Date(ms + 8 * HOUR);
  return `${cnDay(ms)}${d.getUTCHours()}时${String(d.getUTCMinutes()).padStart(2, '0')}分`;
};

/** What happens in an industry: the type, where, what, why, and what was done. */
type Scenario = {
  prefixes: string[];
  stat: StatIndustry;
  type: AccidentType;
  place: string;
  what: string;
  cause: string;
  fix: string;
};

const SCENARIOS: Scenario[] = [
  {
    prefixes: ['26'],
    stat: 'chemicals',
    type: 'poisoningAsphyxiation',
    place: '合成车间 2# 反应釜',
    what: '检修人员在未进行气体检测、未办理受限空间作业票的情况下进入反应釜清理残料，吸入有毒气体晕倒，一名监护人员施救时亦中毒',
    cause: '受限空间作业未执行“先通风、再检测、后作业”，现场无专人监护，盲目施救导致伤亡扩大',
    fix: '全面排查受限空间并设置警示标识，严格执行特殊作业审批，配备正压式空气呼吸器并组织应急演练',
  },
  {
    prefixes: ['26'],
    stat: 'chemicals',
    type: 'fire',
    place: '甲类仓库',
    what: '仓库内桶装溶剂泄漏，叉车作业产生火花引燃可燃蒸气，火势蔓延至相邻货架',
    cause: '易燃液体仓库使用非防爆叉车，泄漏未及时处置，可燃气体报警器长期未校验',
    fix: '更换防爆型叉车和电气设备，完善泄漏应急处置程序，落实可燃气体报警器定期检定',
  },
  {
    prefixes: ['26'],
    stat: 'chemicals',
    type: 'scald',
    place: '蒸汽管廊',
    what: '蒸汽管道法兰垫片老化破裂，高温蒸汽喷出，正在巡检的操作工被烫伤',
    cause: '设备设施未按周期检查维护，带压管道缺陷未及时停车处理',
    fix: '建立压力管道台账和检验计划，对老化垫片全面更换，巡检配备防烫劳保用品',
  },
  {
    prefixes: ['47', '48'],
    stat: 'construction',
    type: 'fallFromHeight',
    place: '在建住宅楼 6 号楼外脚手架',
    what: '作业人员在外脚手架上拆除模板时未系挂安全带，脚手板松动后从约 15 米高处坠落',
    cause: '高处作业未正确使用安全带，脚手架搭设不规范且未经验收即投入使用，施工单位安全管理缺失',
    fix: '对在建项目脚手架开展专项检查，严格执行验收挂牌制度，加强高处作业人员安全培训和现场监督',
  },
  {
    prefixes: ['47', '48'],
    stat: 'construction',
    type: 'collapse',
    place: '市政管网工程沟槽',
    what: '开挖深约 4 米的沟槽时未按方案放坡和支护，边坡土方突然坍塌，将槽底作业人员掩埋',
    cause: '深基坑（槽）未按专项施工方案施工，雨后土体含水量增大未组织安全评估',
    fix: '危大工程严格执行专项方案论证和旁站监督，雨后复工前对边坡稳定性进行检查',
  },
  {
    prefixes: ['47', '48'],
    stat: 'construction',
    type: 'lifting',
    place: '项目部钢筋加工场塔吊作业区',
    what: '塔吊吊运钢筋时钢丝绳吊索断裂，钢筋散落砸中下方作业人员',
    cause: '吊索具磨损超标未及时报废，吊装作业区域未设置警戒，司索信号工无证上岗',
    fix: '建立吊索具检查和报废制度，特种作业人员持证上岗，吊装作业设置警戒区并专人指挥',
  },
  {
    prefixes: ['31', '32'],
    stat: 'industryTrade',
    type: 'scald',
    place: '炼钢车间中频炉平台',
    what: '中频炉出钢时炉衬侵蚀漏钢，高温钢水溅出，造成炉前作业人员灼烫',
    cause: '炉衬侵蚀未按规定测厚和更换，炉前作业人员未穿戴阻燃防护服',
    fix: '严格执行炉衬检测和更换制度，完善熔融金属作业安全规程，配齐防护用品',
  },
  {
    prefixes: ['31', '32', '33'],
    stat: 'industryTrade',
    type: 'machinery',
    place: '冲压车间',
    what: '操作工在冲床运行中伸手调整工件，双手按钮被违规短接，冲头落下压伤手部',
    cause: '擅自拆除和短接安全联锁装置，企业对设备安全防护装置日常检查流于形式',
    fix: '恢复全部冲压设备安全联锁和光电保护装置，开展岗位风险辨识和操作规程培训',
  },
  {
    prefixes: ['54'],
    stat: 'roadTraffic',
    type: 'vehicle',
    place: 'S325 省道',
    what: '重型半挂货车在雨天行驶中与前方减速的轻型货车追尾，轻型货车驾驶室严重变形',
    cause: '驾驶人疲劳驾驶、未保持安全车距，运输企业动态监控未及时提醒纠正',
    fix: '落实运输企业动态监控主体责任，加强驾驶人安全教育，严查疲劳驾驶和超速行为',
  },
  {
    prefixes: ['54'],
    stat: 'industryTrade',
    type: 'vehicle',
    place: '物流园装卸区',
    what: '叉车倒车时未观察后方，将正在清点货物的装卸工挤压在货架与车体之间',
    cause: '人车未分流，叉车无倒车报警和警示灯，驾驶人无证驾驶',
    fix: '实施人车分流，场内车辆加装倒车影像和报警装置，特种设备作业人员持证上岗',
  },
  {
    prefixes: ['06', '10'],
    stat: 'metalMine',
    type: 'collapse',
    place: '采石场采区边坡',
    what: '采场台阶坡面突发滑塌，正在坡底清理浮石的挖掘机被埋压，驾驶员被困',
    cause: '采场未按设计留设安全平台，坡面浮石和裂隙未及时排查处理',
    fix: '按设计规范整改台阶和安全平台，建立边坡监测和浮石排查制度',
  },
  {
    prefixes: ['133', '13'],
    stat: 'industryTrade',
    type: 'otherExplosion',
    place: '面粉制粉车间除尘系统',
    what: '除尘器内粉尘积聚，检修时动火产生的火花引发粉尘燃爆，冲击波损坏除尘管道',
    cause: '粉尘清扫制度未落实，涉粉作业区动火未办理审批，除尘系统未设置泄爆和隔爆装置',
    fix: '落实粉尘清扫制度，除尘系统加装泄爆隔爆装置，严禁在涉粉作业区违规动火',
  },
  {
    prefixes: ['135'],
    stat: 'industryTrade',
    type: 'poisoningAsphyxiation',
    place: '冷库液氨机房',
    what: '液氨管道阀门密封失效发生泄漏，机房值班人员吸入氨气中毒',
    cause: '涉氨制冷设备未定期维护，氨气泄漏报警与事故排风联锁失效',
    fix: '更换老化阀门，恢复报警与排风联锁，配备应急喷淋和个体防护装备',
  },
  {
    prefixes: ['37'],
    stat: 'industryTrade',
    type: 'fire',
    place: '船坞 3 号船机舱',
    what: '在机舱内进行气割作业时，熔渣引燃舱底油污，作业人员撤离不及被烧伤',
    cause: '动火作业前未清理可燃物、未进行可燃气体检测，现场未配备灭火器材和监火人',
    fix: '严格执行动火作业审批和“清、检、监”措施，舱室作业配备通风和灭火器材',
  },
  {
    prefixes: ['17'],
    stat: 'industryTrade',
    type: 'machinery',
    place: '织造车间',
    what: '挡车工在设备未停机的情况下清理罗拉缠绕的纱线，手臂被卷入',
    cause: '未执行停机清理规定，设备转动部位防护罩缺失',
    fix: '转动部位全部加装防护罩，明确停机清理和挂牌上锁程序',
  },
  {
    prefixes: ['52', ''],
    stat: 'other',
    type: 'electrocution',
    place: '仓储配电房',
    what: '电工在未断电、未验电的情况下更换配电柜内断路器，触电倒地',
    cause: '电气作业未执行停电、验电、挂接地线程序，作业人员未使用绝缘防护用品',
    fix: '严格执行电气作业票和停送电制度，定期检测绝缘工器具',
  },
];
/** Units not in the directory: a project, a haulier, a shop. */
const OUTSIDERS: { unit: string; industry: string; scenario: number }[] = [
  { unit: '江苏宏远建设集团有限公司宿迁湖滨新城项目部', industry: '4700', scenario: 3 },
  { unit: '宿迁市政工程有限公司古城路雨污分流项目部', industry: '4813', scenario: 4 },
  { unit: '宿迁顺达货物运输有限公司', industry: '5430', scenario: 8 },
  { unit: '沭阳县通达物流有限公司', industry: '5430', scenario: 8 },
  { unit: '中建某局宿迁市第一人民医院扩建项目部', industry: '4700', scenario: 5 },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const MEMBER_ORGS = ['应急管理局', '公安局', '人力资源和社会保障局', '总工会', '住房和城乡建设局'];

type Enterprise = { id: string; name: string; region_code: string; industry_code: string };
type Town = { code: string; name: string; parent_code: string };
type User = { id: string; username: string; display_name: string };

type Figures = {
  deaths: number | null;
  seriousInjuries: number | null;
  minorInjuries: number | null;
  missing: number | null;
  directLossWanYuan: number | null;
};

type AccidentRowIn = {
  id: string;
  number: string;
  region_code: string;
  enterprise_id: string | null;
  unit_name: string;
  industry_code: string | null;
  stat_industry: string;
  type: string;
  near_miss: boolean;
  occurred_at: string;
  learned_at: string;
  reported_at: string;
  late_minutes: number;
  reported_by: string | null;
  reporter_name: string;
  reporter_kind: 'enterprise' | 'official';
  place: string;
  latitude: number;
  longitude: number;
  description: string;
  measures: string;
  deaths: number | null;
  serious_injuries: number | null;
  minor_injuries: number | null;
  missing: number | null;
  direct_loss_wan_yuan: number | null;
  grade: AccidentGrade;
  grade_by: string[];
  first_grade: AccidentGrade;
  grades: { grade: AccidentGrade; at: string }[];
  status: string;
  reporting_ended_at: string | null;
  investigating_level: ChainLevel;
  investigation_started_at: string | null;
  members: { name: string; org: string; role: string | null }[];
  pauses: { from: string; to: string | null }[];
  report: Record<ReportSection, string> | null;
  submitted_at: string | null;
  submitted_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  published_at: string | null;
  evaluated_at: string | null;
  evaluation: string | null;
  version: number;
  created_at: string;
};
type ReportIn = {
  accident_id: string;
  kind: 'first' | 'followUp' | 'final';
  at: string;
  deaths: number | null;
  serious_injuries: number | null;
  minor_injuries: number | null;
  missing: number | null;
  direct_loss_wan_yuan: number | null;
  text: string;
  reason: string | null;
  within_window: boolean;
  grade_before: string | null;
  grade_after: string | null;
  author_id: string | null;
  author_name: string;
  created_at: string;
};
type ChainIn = {
  accident_id: string;
  level: ChainLevel;
  region_code: string;
  received_at: string | null;
  forwarded_at: string | null;
  forwarded_to: string | null;
  forwarded_by: string | null;
  forwarded_by_name: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  parallel: Record<string, string>;
};
type FaultIn = {
  accident_id: string;
  fault: string;
  minutes: number | null;
  evidence: string;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: string;
};

const gradeOf = (f: Figures) =>
  gradeAccident({ deaths: f.deaths ?? 0, seriousInjuries: f.seriousInjuries ?? 0, directLossWanYuan: f.directLossWanYuan ?? 0 });

/** The Art. 30 sections of a closed investigation's report, written from the accident. */
function reportText(a: AccidentRowIn, s: Scenario, countyName: string, leaderOrg: string): Record<ReportSection, string> {
  const casualties = [
    a.deaths ? `死亡 ${a.deaths} 人` : '',
    a.serious_injuries ? `重伤 ${a.serious_injuries} 人` : '',
    a.minor_injuries ? `轻伤 ${a.minor_injuries} 人` : '',
  ]
    .filter(Boolean)
    .join('、');
  const occurred = Date.parse(a.occurred_at);
  const text: Record<ReportSection, string> = {
    unit: `${a.unit_name}位于${countyName}，事故发生时正常生产经营。该单位已取得相关证照，设有安全生产管理机构并配备专职安全生产管理人员，但安全生产责任制和操作规程落实不到位。`,
    course: `${cnTime(occurred)}，${a.unit_name}${s.place}，${s.what}。事故发生后，现场人员立即拨打 119、120 求救，单位启动应急预案组织救援；${countyName}应急管理局等部门接报后赶赴现场指导处置，伤员被送往医院救治。`,
    casualties: `事故造成${casualties || '人员受伤'}，直接经济损失约 ${a.direct_loss_wan_yuan ?? 0} 万元（依据 GB 6721《企业职工伤亡事故经济损失统计标准》核定）。`,
    cause: `直接原因：${s.cause}。间接原因：企业安全生产主体责任不落实，隐患排查治理不到位，从业人员安全教育培训不足。经调查认定，该起事故是一起${ACCIDENT_TYPE_LABELS[s.type as AccidentType].zh}生产安全责任事故。`,
    responsibility: `企业主要负责人未履行安全生产管理职责，建议依据《中华人民共和国安全生产法》第九十五条给予行政处罚；企业安全管理人员对现场违章作业失察，建议由企业按内部规定处理；对事故发生单位，建议依据《中华人民共和国安全生产法》第一百一十四条处以罚款。`,
    measures: `${s.fix}。事故发生单位应在本报告批复后一个月内将整改措施落实情况报${leaderOrg}。`,
    rescue:
      '事故单位应急响应及时，先期处置基本得当；救援过程中存在现场警戒设置滞后、信息报告不够规范等问题，建议加强应急预案演练和信息报送培训。',
  };
  return text;
}

export async function seedDemoAccidents(db: Db, now = new Date()): Promise<void> {
  const cityPrefix = DEMO_CITY.slice(0, 4);
  const [done] = await db.query("SELECT 1 FROM accidents WHERE number LIKE 'SG' || $1 || '%' LIMIT 1", [cityPrefix]);
  if (done) return;
  const users = await db.query<User>(
    "SELECT id, username, display_name FROM users WHERE username IN ('county', 'county2', 'city', 'province', 'entadmin')",
  );
  const user = (u: string) => users.find((x) => x.username === u) ?? null;
  const county = user('county');
  const city = user('city');
  if (!county || !city) return;
  const [countyRow] = await db.query<{ region_code: string }>("SELECT region_code FROM users WHERE username = 'county'");
  const [county2Row] = await db.query<{ region_code: string }>("SELECT region_code FROM users WHERE username = 'county2'");
  const [entRow] = await db.query<{ enterprise_id: string | null }>("SELECT enterprise_id FROM users WHERE username = 'entadmin'");
  const demoCounty = (countyRow?.region_code ?? '').slice(0, 6);
  const demoCounty2 = (county2Row?.region_code ?? '').slice(0, 6);
  const towns = await db.query<Town>(
    "SELECT code, name, parent_code FROM regions WHERE level = 'township' AND code >= $1 AND code < $1 || '~' ORDER BY code",
    [cityPrefix],
  );
  const counties = await db.query<{ code: string; name: string }>(
    "SELECT code, name FROM regions WHERE parent_code = $1 AND level = 'county' ORDER BY code",
    [DEMO_CITY],
  );
  const enterprises = await db.query<Enterprise>(
    'SELECT id, name, region_code, industry_code FROM enterprises WHERE region_code >= $1 AND region_code < $1 || $2 ORDER BY credit_code',
    [cityPrefix, '~'],
  );
  if (!towns.length || !counties.length) return;
  const countyName = (code6: string) => counties.find((c) => c.code.startsWith(code6))?.name ?? '宿迁市';
  const townsOf = (code6: string) => towns.filter((t) => t.code.startsWith(code6));
  const rand = prng(20260325);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const person = () => pick([...SURNAMES]) + pick(['某', '某某']);

  const accidents: AccidentRowIn[] = [];
  const reports: ReportIn[] = [];
  const chain: ChainIn[] = [];
  const faults: FaultIn[] = [];
  const serials = new Map<string, number>();
  const numberFor = (region: string, occurred: number) => {
    const c = region.slice(0, 6);
    const y = new Date(occurred + 8 * HOUR).getUTCFullYear();
    const key = `${c}|${y}`;
    const n = (serials.get(key) ?? 0) + 1;
    serials.set(key, n);
    return `SG${c}${y}-${String(n).padStart(4, '0')}`;
  };
  /** The organ of a level over a region, as a chain row names who acted there. */
  const organ = (level: ChainLevel, region: string) =>
    level === 'county'
      ? `${countyName(region.slice(0, 6))}应急管理局值班室`
      : level === 'city'
        ? '宿迁市应急管理局值班室'
        : level === 'province'
          ? '江苏省应急管理厅值班室'
          : '应急管理部值班室';
  const actorAt = (level: ChainLevel, region: string) => {
    if (level === 'county' && region.startsWith(demoCounty)) return county;
    if (level === 'county' && demoCounty2 && region.startsWith(demoCounty2)) return user('county2');
    if (level === 'city') return city;
    if (level === 'province') return user('province');
    return null;
  };
  const levelRegion = (region: string, level: ChainLevel) => (level === 'national' ? '000000000000' : regionAt(region, level));

  /**
   * The chain of a report, level by level up to `top`: each receives it when the one below
   * forwards it, acknowledges it minutes later, and notifies the parallel bodies. `forwardAfter`
   * gives the minutes each level takes to forward (null: it has not yet).
   */
  const addChain = (
    a: AccidentRowIn,
    top: ChainLevel,
    receivedAt: number,
    forwardAfter: (level: ChainLevel) => number | null,
    acknowledged: (level: ChainLevel) => boolean = () => true,
  ) => {
    let at: number | null = receivedAt;
    for (const level of CHAIN_LEVELS.slice(0, CHAIN_LEVELS.indexOf(top) + 1)) {
      if (at === null) break;
      const region = levelRegion(a.region_code, level);
      const who = actorAt(level, a.region_code);
      const next = level === top ? null : CHAIN_LEVELS[CHAIN_LEVELS.indexOf(level) + 1];
      const after = next ? forwardAfter(level) : null;
      const forwardedAt: number | null = after === null ? null : at + after * MINUTE;
      const ack = acknowledged(level) ? at + between(3, 25) * MINUTE : null;
      const parallel: Record<string, string> =
        level === 'county' || (level === 'city' && a.grade !== 'ordinary')
          ? Object.fromEntries(
              PARALLEL_BODIES.slice(0, (a.deaths ?? 0) > 0 ? 5 : 2).map((b, i) => [b, iso((at as number) + (10 + i * 4) * MINUTE)]),
            )
          : {};
      chain.push({
        accident_id: a.id,
        level,
        region_code: region,
        received_at: iso(at),
        forwarded_at: forwardedAt === null ? null : iso(forwardedAt),
        forwarded_to: forwardedAt === null ? null : (next as ChainLevel),
        forwarded_by: forwardedAt === null ? null : (who?.id ?? null),
        forwarded_by_name: forwardedAt === null ? null : (who?.display_name ?? organ(level, a.region_code)),
        acknowledged_at: ack === null ? null : iso(ack),
        acknowledged_by: ack === null ? null : (who?.id ?? null),
        acknowledged_by_name: ack === null ? null : (who?.display_name ?? organ(level, a.region_code)),
        parallel,
      });
      at = forwardedAt;
    }
  };
  const report = (a: AccidentRowIn, kind: ReportIn['kind'], at: number, f: Figures, text: string, extra: Partial<ReportIn> = {}) =>
    reports.push({
      accident_id: a.id,
      kind,
      at: iso(at),
      deaths: f.deaths,
      serious_injuries: f.seriousInjuries,
      minor_injuries: f.minorInjuries,
      missing: f.missing,
      direct_loss_wan_yuan: f.directLossWanYuan,
      text,
      reason: null,
      within_window: true,
      grade_before: null,
      grade_after: gradeOf(f).grade,
      author_id: a.reported_by,
      author_name: a.reporter_name,
      created_at: iso(at),
      ...extra,
    });

  /** An accident's row from its unit, place, time and figures; the rest filled as a closed case. */
  const make = (o: {
    town: Town;
    enterprise: Enterprise | null;
    unit: string;
    industry: string | null;
    scenario: Scenario;
    occurred: number;
    reportDelay: number;
    figures: Figures;
    nearMiss?: boolean;
  }): AccidentRowIn => {
    const { grade, gradeBy } = gradeOf(o.figures);
    const reported = o.occurred + o.reportDelay * MINUTE;
    const byEnterprise = !!o.enterprise && rand() < 0.6;
    const official = actorAt('county', o.town.code);
    return {
      id: randomUUID(),
      number: '', // given at the end, in the order of the accidents' times
      region_code: o.town.code,
      enterprise_id: o.enterprise?.id ?? null,
      unit_name: o.unit,
      industry_code: o.industry,
      stat_industry: o.scenario.stat,
      type: o.scenario.type,
      near_miss: o.nearMiss ?? false,
      occurred_at: iso(o.occurred),
      learned_at: iso(o.occurred + between(0, 10) * MINUTE),
      reported_at: iso(reported),
      late_minutes: 0,
      reported_by: byEnterprise ? null : (official?.id ?? null),
      reporter_name: byEnterprise ? `${o.unit}安全负责人${person()}` : (official?.display_name ?? `${o.town.name}安监站${person()}`),
      reporter_kind: byEnterprise ? 'enterprise' : 'official',
      place: o.scenario.place.startsWith('S325') ? `S325 省道${o.town.name}段` : `${o.town.name}${o.scenario.place}`,
      // Two random numbers as before (the demo's sequence stays the same), placed inside the county.
      ...(({ lat, lng }) => ({ latitude: lat, longitude: lng }))(demoPointIn(o.town.code, rand(), rand())),
      description: o.nearMiss
        ? `${o.scenario.place}发生险情：${o.scenario.what.replace(/，[^，]*(伤|中毒|被困|掩埋|晕倒)[^，]*$/, '')}，现场 30 余名作业人员及时撤离，未造成人员伤亡。`
        : `${o.scenario.what}。`,
      measures: '已停止相关作业并设置警戒，伤员已送医救治，现场保护完好，正在组织排查同类隐患。',
      deaths: o.figures.deaths,
      serious_injuries: o.figures.seriousInjuries,
      minor_injuries: o.figures.minorInjuries,
      missing: o.figures.missing,
      direct_loss_wan_yuan: o.figures.directLossWanYuan,
      grade,
      grade_by: gradeBy,
      first_grade: grade,
      grades: [{ grade, at: iso(reported) }],
      status: 'reporting',
      reporting_ended_at: null,
      investigating_level: INVESTIGATED_BY[grade],
      investigation_started_at: null,
      members: [],
      pauses: [],
      report: null,
      submitted_at: null,
      submitted_by: null,
      approved_at: null,
      approved_by: null,
      published_at: null,
      evaluated_at: null,
      evaluation: null,
      version: 1,
      created_at: iso(reported),
    };
  };
  const team = (a: AccidentRowIn) => {
    const org = a.investigating_level === 'county' ? countyName(a.region_code.slice(0, 6)) : '宿迁市';
    return MEMBER_ORGS.slice(0, 3 + (a.grade === 'ordinary' ? 0 : 2)).map((o, i) => ({
      name: person(),
      org: `${org}${o}`,
      role: i === 0 ? '组长' : '成员',
    }));
  };

  // ---- the past: 2024, 2025 and this year until two months ago -------------------------------
  const today = todayInShanghai(now);
  const thisYear = Number(today.slice(0, 4));
  const historyEnd = now.getTime() - 60 * DAY;
  // How long ago the live accidents below happened (the near-miss aside: it is not in the
  // figures); a year's history makes room for those that fall in it, so the year keeps its total.
  const LIVE_AGO = [50 * MINUTE, 6 * HOUR, 150 * MINUTE, 18 * DAY, 48 * DAY, 5 * DAY];
  const liveIn = (y: number) => LIVE_AGO.filter((ago) => new Date(now.getTime() - ago + 8 * HOUR).getUTCFullYear() === y).length;
  const perYear: [number, number, number][] = [
    // year, accidents, share of ordinary accidents without a death
    [thisYear - 2, 46, 0.18],
    [thisYear - 1, 40 - liveIn(thisYear - 1), 0.22],
    // This year: drawn from last year's (below), so any part of the year compares with the same part of last year.
    [thisYear, 0, 0.32],
  ];
  const lastYearTimes: number[] = [];
  const aYearOn = (t: number) => {
    const d = new Date(t);
    d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d.getTime();
  };
  const SEASON = [0.7, 0.6, 0.9, 1, 1.1, 1.2, 1.3, 1.3, 1.1, 1, 0.9, 0.9];
  const monthOf = () => {
    let r = rand() * SEASON.reduce((s, x) => s + x, 0);
    for (let m = 0; m < 12; m++) {
      r -= SEASON[m] as number;
      if (r <= 0) return m + 1;
    }
    return 12;
  };
  // Counties: the demo county more often, so its supervisor sees a history.
  const countyWeights = counties.map((c) => (c.code.startsWith(demoCounty) ? 3 : 1));
  const pickCounty = () => {
    let r = rand() * countyWeights.reduce((s, x) => s + x, 0);
    for (let i = 0; i < counties.length; i++) {
      r -= countyWeights[i] as number;
      if (r <= 0) return counties[i]?.code.slice(0, 6) as string;
    }
    return demoCounty;
  };
  /** The scenarios of the most precise prefix the industry matches (1352 冷链 before 13 食品), else the generic ones. */
  const scenarioFor = (industry: string) => {
    const by = (len: number) => SCENARIOS.filter((s) => s.prefixes.some((p) => p.length === len && industry.startsWith(p)));
    const exact = by(3);
    const broad = by(2);
    return pick(exact.length ? exact : broad.length ? broad : SCENARIOS.filter((s) => s.prefixes.includes('')));
  };
  let concealed = false;
  const lessonSources: AccidentRowIn[] = [];
  for (const [year, count, noDeath] of perYear) {
    // This year: a random three quarters of last year's accidents until this day, a year on, less
    // the live ones; only those older than two months (the live ones are the last weeks).
    const sameSpan = lastYearTimes.filter((t) => aYearOn(t) <= now.getTime()).length;
    const thisYearTimes = lastYearTimes
      .map(aYearOn)
      .filter((t) => t < historyEnd)
      .slice(0, Math.max(0, Math.floor(sameSpan * 0.75) - liveIn(thisYear)));
    const n = year === thisYear ? thisYearTimes.length : count;
    // 较大 accidents: two a year in the past, one this year; a 重大 two years ago.
    const bigOnes = new Set([Math.floor(n * 0.3), Math.floor(n * 0.7)].slice(0, year === thisYear ? 1 : 2));
    for (let i = 0; i < n; i++) {
      let occurred = 0;
      if (year === thisYear) occurred = thisYearTimes[i] as number;
      else
        for (let tries = 0; tries < 20; tries++) {
          occurred = beijing(year, monthOf(), between(1, 28), between(6, 22), between(0, 59));
          if (occurred < historyEnd) break;
        }
      if (occurred >= historyEnd) continue;
      if (year === thisYear - 1) lastYearTimes.push(occurred);
      const c6 = pickCounty();
      const inCounty = enterprises.filter((e) => e.region_code.startsWith(c6));
      const outsider = rand() < 0.3 || !inCounty.length ? pick(OUTSIDERS) : null;
      const enterprise = outsider ? null : pick(inCounty);
      const town = enterprise
        ? (towns.find((t) => t.code === enterprise.region_code) ?? pick(townsOf(c6)))
        : pick(townsOf(c6).length ? townsOf(c6) : towns);
      const industry = enterprise?.industry_code ?? outsider?.industry ?? null;
      const scenario = outsider ? (SCENARIOS[outsider.scenario] as Scenario) : scenarioFor(industry ?? '');
      const nearMiss = i % 13 === 7;
      const big = bigOnes.has(i) && !nearMiss;
      const serious = big && year === thisYear - 2 && i === Math.floor(n * 0.7);
      let deaths = nearMiss ? 0 : rand() < noDeath ? 0 : rand() < 0.85 ? 1 : 2;
      let injured = nearMiss ? 0 : deaths === 0 ? between(1, 3) : between(0, 2);
      let loss = nearMiss ? between(0, 30) : Math.round((20 + rand() * (deaths ? 380 : 120)) * 10) / 10;
      if (big) {
        deaths = serious ? 10 : between(3, 4);
        injured = serious ? 7 : between(1, 4);
        loss = serious ? 4280 : Math.round((300 + rand() * 600) * 10) / 10;
      }
      const figures: Figures = {
        deaths,
        seriousInjuries: nearMiss ? 0 : Math.min(injured, between(0, 2)),
        minorInjuries: nearMiss ? 0 : Math.max(0, injured - 1) + between(0, 2),
        missing: 0,
        directLossWanYuan: loss,
      };
      // One report in eight is late (迟报): the unit took more than its hour.
      const late = !nearMiss && i % 8 === 3;
      const delay = late ? between(80, 150) : between(15, 55);
      const a = make({
        town,
        enterprise,
        unit: enterprise?.name ?? outsider?.unit ?? '',
        industry,
        scenario,
        occurred,
        reportDelay: delay,
        figures,
        nearMiss,
      });
      const learned = Date.parse(a.learned_at);
      const reported = Date.parse(a.reported_at);
      if (late) {
        a.late_minutes = Math.max(1, Math.ceil((reported - (learned + HOUR)) / MINUTE));
        faults.push({
          accident_id: a.id,
          fault: 'late',
          minutes: a.late_minutes,
          evidence: `单位报告时限 ${iso(learned + HOUR)}，报告于 ${a.reported_at}，迟报 ${a.late_minutes} 分钟 / reported ${a.late_minutes} minutes after the 1-hour deadline`,
          recorded_by: null,
          recorded_by_name: '系统按时限认定',
          recorded_at: a.reported_at,
        });
      }
      // The first report: for a fatal accident the deaths are often not all known at once.
      const first: Figures =
        deaths > 1 ? { ...figures, deaths: deaths - 1, directLossWanYuan: null } : { ...figures, directLossWanYuan: null };
      report(a, 'first', reported, first, a.description);
      if (deaths > 1) {
        const at = reported + between(4, 20) * HOUR;
        report(
          a,
          'followUp',
          at,
          { ...figures, directLossWanYuan: null },
          `续报：经医院全力抢救无效，又有 1 名伤者死亡，累计死亡 ${deaths} 人。`,
          {
            grade_before: gradeOf(first).grade,
            author_id: actorAt('county', town.code)?.id ?? null,
            author_name: actorAt('county', town.code)?.display_name ?? organ('county', town.code),
          },
        );
      }
      const ended = reported + between(3, 7) * DAY;
      report(a, 'final', ended, figures, `终报：事故伤亡人数已核实，直接经济损失约 ${loss} 万元，事故报告工作结束。`, {
        author_id: actorAt('county', town.code)?.id ?? null,
        author_name: actorAt('county', town.code)?.display_name ?? organ('county', town.code),
      });
      a.reporting_ended_at = iso(ended);
      const top = chainTargets(a.grade).at(-1) as ChainLevel;
      addChain(a, top, reported, () => between(15, 100));
      a.version = 4 + chainTargets(a.grade).length * 2;
      if (!nearMiss) {
        // The investigation, closed: report, approval, publication, and the evaluation a year on.
        const started = occurred + between(1, 3) * DAY;
        const submitted = occurred + between(25, 40) * DAY;
        const approved = submitted + between(5, 12) * DAY;
        const published = approved + between(2, 5) * DAY;
        const evaluated = approved + (365 - between(5, 30)) * DAY;
        a.investigation_started_at = iso(started);
        a.members = team(a);
        if (i % 9 === 4) a.pauses = [{ from: iso(started + 5 * DAY), to: iso(started + 12 * DAY) }];
        a.report = reportText(
          a,
          scenario,
          countyName(town.code.slice(0, 6)),
          a.investigating_level === 'county' ? `${countyName(town.code.slice(0, 6))}人民政府` : '宿迁市人民政府',
        );
        a.submitted_at = iso(submitted);
        a.submitted_by = actorAt(a.investigating_level, town.code)?.id ?? null;
        a.approved_at = approved < now.getTime() ? iso(approved) : null;
        a.published_at = published < now.getTime() ? iso(published) : null;
        a.evaluated_at = evaluated < now.getTime() ? iso(evaluated) : null;
        a.evaluation = a.evaluated_at
          ? '经评估，事故单位已完成防范和整改措施：隐患全部整改销号，相关人员已完成处理和培训，同类企业专项检查已覆盖。'
          : null;
        a.status = a.evaluated_at ? 'closed' : a.published_at ? 'published' : a.approved_at ? 'approved' : 'submitted';
        a.version += 6 + (a.published_at ? 1 : 0) + (a.evaluated_at ? 1 : 0);
        if (big || (i % 11 === 2 && scenario.stat === 'chemicals')) lessonSources.push(a);
      }
      // 瞒报 once: found by the city from a tip-off, recorded with its evidence.
      if (!concealed && year === thisYear - 1 && !nearMiss && deaths === 1 && i > 10) {
        concealed = true;
        faults.push({
          accident_id: a.id,
          fault: 'concealed',
          minutes: null,
          evidence: '经群众举报核查，事故单位在事故发生后将伤者私自送医，未按规定向应急管理部门报告，次日经举报线索核实后方才补报。',
          recorded_by: city.id,
          recorded_by_name: city.display_name,
          recorded_at: iso(reported + 2 * DAY),
        });
      }
      accidents.push(a);
    }
  }

  // ---- live: the last days, in the demo county and its city -----------------------------------
  const t = now.getTime();
  const demoTowns = townsOf(demoCounty).length ? townsOf(demoCounty) : towns;
  const demoEnts = enterprises.filter((e) => e.region_code.startsWith(demoCounty));
  const entOf = (prefix: string, ...not: (string | null | undefined)[]) =>
    demoEnts.find((e) => e.industry_code.startsWith(prefix) && !not.includes(e.id)) ?? demoEnts.find((e) => !not.includes(e.id)) ?? null;
  const townOf = (e: Enterprise | null) =>
    e ? (towns.find((x) => x.code === e.region_code) ?? (demoTowns[0] as Town)) : ((demoTowns[1] ?? demoTowns[0]) as Town);
  const live = (o: {
    ent: Enterprise | null;
    unit?: string;
    industry?: string;
    scenario: number;
    occurredAgo: number;
    reportedAgo: number;
    figures: Figures;
    nearMiss?: boolean;
    town?: Town;
  }) => {
    const scenario = SCENARIOS[o.scenario] as Scenario;
    const occurred = t - o.occurredAgo;
    const a = make({
      town: o.town ?? townOf(o.ent),
      enterprise: o.ent,
      unit: o.ent?.name ?? o.unit ?? '',
      industry: o.ent?.industry_code ?? o.industry ?? null,
      scenario,
      occurred,
      reportDelay: (o.occurredAgo - o.reportedAgo) / MINUTE,
      figures: o.figures,
      nearMiss: o.nearMiss,
    });
    a.learned_at = a.occurred_at;
    accidents.push(a);
    report(a, 'first', t - o.reportedAgo, o.figures, a.description);
    return a;
  };
  const entadminEnterprise = entRow?.enterprise_id ?? null;

  // 1. Just reported: the county's two hours are running; figures partly unknown.
  const justNow = live({
    ent: entOf('31', entadminEnterprise),
    scenario: 6,
    occurredAgo: 50 * MINUTE,
    reportedAgo: 22 * MINUTE,
    figures: { deaths: 0, seriousInjuries: 1, minorInjuries: 2, missing: null, directLossWanYuan: null },
  });
  addChain(
    justNow,
    'city',
    Date.parse(justNow.reported_at),
    () => null,
    () => false,
  );

  // 2. Overdue at the county: reported late by the unit, not forwarded within two hours.
  const overdue = live({
    ent: null,
    unit: OUTSIDERS[0]?.unit,
    industry: '4700',
    scenario: 3,
    occurredAgo: 6 * HOUR,
    reportedAgo: 4 * HOUR + 30 * MINUTE,
    figures: { deaths: 1, seriousInjuries: 0, minorInjuries: 1, missing: 0, directLossWanYuan: null },
    town: demoTowns[2] ?? demoTowns[0],
  });
  overdue.late_minutes = 30;
  faults.push({
    accident_id: overdue.id,
    fault: 'late',
    minutes: 30,
    evidence: `单位报告时限 ${iso(Date.parse(overdue.learned_at) + HOUR)}，报告于 ${overdue.reported_at}，迟报 30 分钟 / reported 30 minutes after the 1-hour deadline`,
    recorded_by: null,
    recorded_by_name: '系统按时限认定',
    recorded_at: overdue.reported_at,
  });
  addChain(
    overdue,
    'city',
    Date.parse(overdue.reported_at),
    () => null,
    () => false,
  );

  // 3. A 较大 forwarded by the county in time, now waiting at the city.
  const major = live({
    ent: entOf('26', entadminEnterprise),
    scenario: 0,
    occurredAgo: 2 * HOUR + 30 * MINUTE,
    reportedAgo: 2 * HOUR,
    // 较大 by its serious injuries (acute poisoning counts, Art. 3).
    figures: { deaths: 1, seriousInjuries: 11, minorInjuries: 4, missing: 0, directLossWanYuan: null },
  });
  addChain(
    major,
    'province',
    Date.parse(major.reported_at),
    (level) => (level === 'county' ? 40 : null),
    (level) => level === 'county',
  );
  major.version = 4;

  // 4. Under investigation by the county: a team, an appraisal pause; the lesson pushed from it.
  const investigating = live({
    ent: entOf('26', entadminEnterprise, major.enterprise_id),
    scenario: 0,
    occurredAgo: 18 * DAY,
    reportedAgo: 18 * DAY - 35 * MINUTE,
    figures: { deaths: 1, seriousInjuries: 1, minorInjuries: 0, missing: 0, directLossWanYuan: 186.4 },
  });
  addChain(investigating, 'city', Date.parse(investigating.reported_at), () => 45);
  investigating.reporting_ended_at = iso(t - 14 * DAY);
  report(
    investigating,
    'final',
    t - 14 * DAY,
    {
      deaths: 1,
      seriousInjuries: 1,
      minorInjuries: 0,
      missing: 0,
      directLossWanYuan: 186.4,
    },
    '终报：伤亡情况已核实，重伤 1 人仍在住院治疗，直接经济损失约 186.4 万元。',
  );
  investigating.status = 'investigating';
  investigating.investigation_started_at = iso(t - 16 * DAY);
  investigating.members = [
    { name: '周建国', org: `${countyName(demoCounty)}应急管理局`, role: '组长' },
    { name: '吴晓东', org: `${countyName(demoCounty)}公安分局`, role: '副组长' },
    { name: '郑丽', org: `${countyName(demoCounty)}人力资源和社会保障局`, role: '成员' },
    { name: '钱海涛', org: `${countyName(demoCounty)}总工会`, role: '成员' },
    { name: '孙志远', org: '江苏省安全生产科学研究院', role: '技术专家' },
  ];
  investigating.pauses = [{ from: iso(t - 12 * DAY), to: iso(t - 7 * DAY) }];
  investigating.version = 12;

  // 5. The report submitted, awaiting the county's approval (the approver is not its author).
  const submitted = live({
    ent: null,
    unit: OUTSIDERS[1]?.unit,
    industry: '4813',
    scenario: 4,
    occurredAgo: 48 * DAY,
    reportedAgo: 48 * DAY - 40 * MINUTE,
    figures: { deaths: 1, seriousInjuries: 0, minorInjuries: 1, missing: 0, directLossWanYuan: 142 },
    town: demoTowns[3] ?? demoTowns[0],
  });
  addChain(submitted, 'city', Date.parse(submitted.reported_at), () => 55);
  submitted.reporting_ended_at = iso(t - 44 * DAY);
  report(
    submitted,
    'final',
    t - 44 * DAY,
    { deaths: 1, seriousInjuries: 0, minorInjuries: 1, missing: 0, directLossWanYuan: 142 },
    '终报：事故报告工作结束。',
  );
  submitted.status = 'submitted';
  submitted.investigation_started_at = iso(t - 46 * DAY);
  submitted.members = team(submitted);
  submitted.report = reportText(submitted, SCENARIOS[4] as Scenario, countyName(demoCounty), `${countyName(demoCounty)}人民政府`);
  submitted.submitted_at = iso(t - 2 * DAY);
  submitted.version = 10;

  // 6. A near-miss (涉险事故): no one hurt, reported and counted apart.
  const near = live({
    ent: entOf('135', entadminEnterprise),
    scenario: 12,
    occurredAgo: 2 * DAY + 3 * HOUR,
    reportedAgo: 2 * DAY + 2 * HOUR + 20 * MINUTE,
    figures: { deaths: 0, seriousInjuries: 0, minorInjuries: 0, missing: 0, directLossWanYuan: 3.5 },
    nearMiss: true,
  });
  addChain(near, 'city', Date.parse(near.reported_at), () => 30);
  near.reporting_ended_at = iso(t - 1 * DAY);
  near.version = 6;

  // 7. Regraded by its follow-ups: 一般 at first, 较大 on the third day (the city forwarded it on).
  const county2Towns = demoCounty2 ? townsOf(demoCounty2) : [];
  const regradedTown = county2Towns[0] ?? demoTowns[0];
  const regradedEnt = enterprises.find((e) => e.region_code.startsWith(demoCounty2 || '~') && e.industry_code.startsWith('47')) ?? null;
  const firstFigures: Figures = { deaths: 2, seriousInjuries: 3, minorInjuries: 5, missing: 1, directLossWanYuan: null };
  const regraded = live({
    ent: regradedEnt,
    unit: OUTSIDERS[4]?.unit,
    industry: '4700',
    scenario: 4,
    occurredAgo: 5 * DAY,
    reportedAgo: 5 * DAY - 45 * MINUTE,
    figures: firstFigures,
    town: regradedTown,
  });
  const regradeAt = t - 3 * DAY;
  const finalFigures: Figures = { deaths: 3, seriousInjuries: 4, minorInjuries: 5, missing: 0, directLossWanYuan: 620 };
  Object.assign(regraded, {
    deaths: 3,
    serious_injuries: 4,
    minor_injuries: 5,
    missing: 0,
    direct_loss_wan_yuan: 620,
    grade: 'major',
    grade_by: ['deaths'],
    grades: [
      { grade: 'ordinary', at: regraded.reported_at },
      { grade: 'major', at: iso(regradeAt) },
    ],
    investigating_level: 'city',
    status: 'investigating',
    investigation_started_at: iso(t - 2 * DAY),
    version: 14,
  });
  regraded.members = team(regraded);
  const county2 = actorAt('county', regraded.region_code);
  report(
    regraded,
    'followUp',
    t - 4 * DAY,
    { deaths: 2, seriousInjuries: 4, minorInjuries: 5, missing: 1, directLossWanYuan: null },
    '续报：搜救工作持续进行，1 名重伤人员转院治疗，仍有 1 人下落不明。',
    {
      grade_before: 'ordinary',
      grade_after: 'ordinary',
      author_id: county2?.id ?? null,
      author_name: county2?.display_name ?? organ('county', regraded.region_code),
    },
  );
  report(
    regraded,
    'followUp',
    regradeAt,
    finalFigures,
    '续报：下落不明人员已找到，经抢救无效死亡，累计死亡 3 人；初步核定直接经济损失约 620 万元。',
    {
      reason: '下落不明人员确认死亡',
      grade_before: 'ordinary',
      grade_after: 'major',
      author_id: county2?.id ?? null,
      author_name: county2?.display_name ?? organ('county', regraded.region_code),
    },
  );
  // The chain: county → city at once; after the regrade the city forwards to the province.
  const received = Date.parse(regraded.reported_at);
  addChain(regraded, 'province', received, (level) =>
    level === 'county' ? 50 : level === 'city' ? (regradeAt + 70 * MINUTE - (received + 50 * MINUTE)) / MINUTE : null,
  );

  // ---- lessons (一厂出事故、万厂受教育) -------------------------------------------------------
  type LessonIn = {
    id: string;
    accident_id: string;
    region_code: string;
    industry_prefix: string;
    text: string;
    sent_by: string;
    sent_by_name: string;
    sent_at: string;
  };
  const lessons: LessonIn[] = [];
  const targets: {
    lesson_id: string;
    enterprise_id: string;
    region_code: string;
    acknowledged_at: string | null;
    self_inspection: string | null;
  }[] = [];
  const push = (
    a: AccidentRowIn,
    by: User,
    regionCode: string,
    prefix: string,
    sentAt: number,
    pending: (e: Enterprise, i: number) => boolean,
  ) => {
    const id = randomUUID();
    const typeLabel = ACCIDENT_TYPE_LABELS[a.type as AccidentType]?.zh ?? '生产安全';
    lessons.push({
      id,
      accident_id: a.id,
      region_code: regionCode,
      industry_prefix: prefix,
      text: `${cnDay(Date.parse(a.occurred_at))}，${a.unit_name}发生一起${typeLabel}事故。请各企业举一反三，立即对照排查同类风险和隐患：${(SCENARIOS.find((s) => s.type === a.type)?.fix ?? '落实安全生产主体责任').replace(/。$/, '')}，并于 7 日内反馈自查情况。`,
      sent_by: by.id,
      sent_by_name: by.display_name,
      sent_at: iso(sentAt),
    });
    const prefix12 = regionCode.replace(/0+$/, '');
    enterprises
      .filter((e) => e.industry_code.startsWith(prefix) && e.region_code.startsWith(prefix12) && e.id !== a.enterprise_id)
      .forEach((e, i) => {
        const open = pending(e, i);
        targets.push({
          lesson_id: id,
          enterprise_id: e.id,
          region_code: e.region_code,
          acknowledged_at: open ? null : iso(sentAt + between(3, 96) * HOUR),
          self_inspection: open
            ? null
            : pick([
                '已组织全员学习事故通报，对受限空间和特殊作业开展专项自查，发现 2 项问题已整改完毕。',
                '已对照通报排查，重新修订特殊作业管理制度，补充配备气体检测仪 3 台。',
                '已开展自查，未发现同类问题；组织应急演练一次。',
                '已排查同类设备设施，发现防护装置缺失 1 处，已当场整改。',
              ]),
        });
      });
  };
  // From the county, this month: the demo enterprise has not acknowledged it yet (its 工作台 shows it).
  push(
    investigating,
    county,
    regionAt(investigating.region_code, 'county'),
    '26',
    t - 15 * DAY,
    (e, i) => e.id === entadminEnterprise || i % 4 === 3,
  );
  // From the city, on past accidents: all acknowledged but a few.
  for (const a of lessonSources.slice(-3))
    push(
      a,
      city,
      DEMO_CITY,
      (a.industry_code ?? '26').slice(0, 2),
      Date.parse(a.reporting_ended_at ?? a.reported_at),
      (_e, i) => i % 9 === 8,
    );

  // Numbers in the order of the accidents' times within each county and year.
  accidents.sort((x, y) => Date.parse(x.occurred_at) - Date.parse(y.occurred_at));
  for (const a of accidents) a.number = numberFor(a.region_code, Date.parse(a.occurred_at));

  // ---- write ---------------------------------------------------------------------------------
  await db.transaction(async (tx) => {
    const json = (rows: unknown[]) => JSON.stringify(rows);
    await tx.query(
      `INSERT INTO accidents (id, number, region_code, enterprise_id, unit_name, industry_code, stat_industry, type, near_miss, occurred_at,
         learned_at, reported_at, late_minutes, reported_by, reporter_name, reporter_kind, place, latitude, longitude, description, measures,
         deaths, serious_injuries, minor_injuries, missing, direct_loss_wan_yuan, grade, grade_by, first_grade, grades, status,
         reporting_ended_at, investigating_level, investigation_started_at, members, pauses, report, submitted_at, submitted_by,
         approved_at, approved_by, published_at, evaluated_at, evaluation, version, created_at, updated_at)
       SELECT id, number, region_code, enterprise_id, unit_name, industry_code, stat_industry, type, near_miss, occurred_at,
         learned_at, reported_at, late_minutes, reported_by, reporter_name, reporter_kind, place, latitude, longitude, description, measures,
         deaths, serious_injuries, minor_injuries, missing, direct_loss_wan_yuan, grade, grade_by, first_grade, grades, status,
         reporting_ended_at, investigating_level, investigation_started_at, members, pauses, report, submitted_at, submitted_by,
         approved_at, approved_by, published_at, evaluated_at, evaluation, version, created_at,
         greatest(created_at, reporting_ended_at, submitted_at, approved_at, published_at, evaluated_at)
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, number text, region_code text, enterprise_id uuid, unit_name text, industry_code text,
         stat_industry text, type text, near_miss boolean, occurred_at timestamptz, learned_at timestamptz, reported_at timestamptz,
         late_minutes int, reported_by uuid, reporter_name text, reporter_kind text, place text, latitude float8, longitude float8,
         description text, measures text, deaths int, serious_injuries int, minor_injuries int, missing int, direct_loss_wan_yuan numeric,
         grade text, grade_by text[], first_grade text, grades jsonb, status text, reporting_ended_at timestamptz, investigating_level text,
         investigation_started_at timestamptz, members jsonb, pauses jsonb, report jsonb, submitted_at timestamptz, submitted_by uuid,
         approved_at timestamptz, approved_by uuid, published_at timestamptz, evaluated_at timestamptz, evaluation text, version int,
         created_at timestamptz)`,
      [json(accidents)],
    );
    await tx.query(
      `INSERT INTO accident_reports (accident_id, kind, at, deaths, serious_injuries, minor_injuries, missing, direct_loss_wan_yuan, text,
         reason, within_window, grade_before, grade_after, author_id, author_name, created_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(accident_id uuid, kind text, at timestamptz, deaths int, serious_injuries int,
         minor_injuries int, missing int, direct_loss_wan_yuan numeric, text text, reason text, within_window boolean, grade_before text,
         grade_after text, author_id uuid, author_name text, created_at timestamptz)`,
      [json(reports)],
    );
    await tx.query(
      `INSERT INTO accident_chain (accident_id, level, region_code, received_at, forwarded_at, forwarded_to, forwarded_by, forwarded_by_name,
         acknowledged_at, acknowledged_by, acknowledged_by_name, parallel)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(accident_id uuid, level text, region_code text, received_at timestamptz,
         forwarded_at timestamptz, forwarded_to text, forwarded_by uuid, forwarded_by_name text, acknowledged_at timestamptz,
         acknowledged_by uuid, acknowledged_by_name text, parallel jsonb)`,
      [json(chain)],
    );
    if (faults.length)
      await tx.query(
        `INSERT INTO accident_faults (accident_id, fault, minutes, evidence, recorded_by, recorded_by_name, recorded_at)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(accident_id uuid, fault text, minutes int, evidence text, recorded_by uuid,
           recorded_by_name text, recorded_at timestamptz)`,
        [json(faults)],
      );
    if (lessons.length)
      await tx.query(
        `INSERT INTO accident_lessons (id, accident_id, region_code, industry_prefix, text, sent_by, sent_by_name, sent_at)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, accident_id uuid, region_code text, industry_prefix text, text text,
           sent_by uuid, sent_by_name text, sent_at timestamptz)`,
        [json(lessons)],
      );
    if (targets.length)
      await tx.query(
        `INSERT INTO accident_lesson_targets (lesson_id, enterprise_id, region_code, acknowledged_at, self_inspection)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(lesson_id uuid, enterprise_id uuid, region_code text, acknowledged_at timestamptz,
           self_inspection text)`,
        [json(targets)],
      );
    // The numbering counters go on from the demo's numbers (reports made later never collide).
    const counters = [...serials.entries()].map(([k, last]) => {
      const [c, y] = k.split('|');
      return { county_code: c, year: Number(y), last };
    });
    await tx.query(
      `INSERT INTO document_counters (kind, county_code, year, last)
       SELECT 'accident', county_code, year, last FROM jsonb_to_recordset($1::jsonb) AS x(county_code text, year int, last int)
       ON CONFLICT (kind, county_code, year) DO UPDATE SET last = greatest(document_counters.last, EXCLUDED.last)`,
      [json(counters)],
    );
  });
  // An enterprise's accidents of the last 12 months feed its supervision class: recompute the
  // city's classes as its supervisor would, now that the accidents are there.
  const cityActor = await demoActor(db, 'city');
  if (cityActor) await withScope(db, cityActor.scope, (tx) => recomputeIn(tx));
}
