// Demo data of 应急预案与备案 (issue 27), called from main.ts after the other demo seeds. Owner: plans.
// Taken through the real commands with their dates set in the past, so each plan has its timeline,
// frozen versions, numbered documents and audit events. In 宿城区 (321302): the demo enterprise's
// 综合预案 published three and a half years ago, filed and accepted (备案登记表 with its number),
// now overdue for its 3-year evaluation and with an open revision trigger; its 现场处置方案 with key
// posts (response cards) published last week, its filing awaiting the county's acceptance; its
// 专项预案 reviewed, waiting for the principal's signature; another Decree 708 unit's 专项预案 whose
// filing got the one-time notice of missing items; and the city department's government plan.
// Idempotent.
import { type Actor, mustFilePlans } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { withScope } from '../db/scope.ts';
import { createPlan, takeFilingStep, takePlanStep } from '../modules/emergency/plans-service.ts';
import { recordRevisionTrigger } from '../modules/emergency/plans-store.ts';
import { demoActor } from './enforcement-inspections.ts';

const DAY = 86_400_000;
const DEMO_COUNTY = '321302';
const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

const COMPREHENSIVE = {
  scope: '本预案适用于本公司生产区、罐区、仓库发生的火灾、爆炸、危险化学品泄漏、中毒窒息等生产安全事故的应对工作。',
  responseLevels: '根据事故危害程度、影响范围和公司控制事态的能力，应急响应分为一级（公司级）、二级（车间级）、三级（班组级）。',
  organisation:
    '公司成立应急指挥部，总经理任总指挥，分管安全副总任副总指挥；下设抢险救援组、警戒疏散组、医疗救护组、后勤保障组、通讯联络组。',
  informationReporting:
    '事故发生后，现场人员立即报告值班室（24小时值班电话），值班室10分钟内报告总指挥；总指挥研判后1小时内报告宿城区应急管理局。',
  warning: '通过DCS报警、可燃有毒气体检测报警、视频监控获取预警信息，经研判后由总指挥发布、调整和解除预警。',
  responseStart: '总指挥根据事故级别决定启动相应级别响应，召开应急会议，调度应急资源，做好信息公开和后勤保障。',
  handling: '切断物料、工艺处置、人员搜救、医疗救治、现场监测、疏散警戒、防止次生灾害、环境保护。',
  support: '事态超出公司处置能力时，立即请求宿城区应急管理局及消防救援大队支援，并做好引导和交接。',
  responseEnd: '事故现场得到控制，次生衍生灾害隐患消除，经总指挥确认后宣布响应终止。',
  aftercare: '污染物处理、生产秩序恢复、人员安置、善后赔偿、应急处置评估。',
  safeguards: '通信与信息保障、应急队伍保障（专职兼职救援队）、物资装备保障（消防器材、防护用品、堵漏器材）、经费保障。',
};

export async function seedDemoEmergencyPlans(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query("SELECT 1 FROM emergency_plans WHERE region_code >= '3213' AND region_code < '3213~' LIMIT 1");
  if (done) return;
  const county = await demoActor(db, 'county');
  const city = await demoActor(db, 'city');
  const ent = await demoActor(db, 'entadmin');
  if (!county || !city || !ent?.scope.enterpriseId) return;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  const planVersion = async (id: string) =>
    (await db.query<{ version: number }>('SELECT version FROM emergency_plans WHERE id = $1', [id]))[0]?.version ?? 1;
  const step = async (who: Actor, id: string, action: Parameters<typeof takePlanStep>[3], at: Date, body: Record<string, unknown> = {}) =>
    takePlanStep(db, who, id, action, { version: await planVersion(id), ...body }, at);
  const filing = async (
    who: Actor,
    id: string,
    action: Parameters<typeof takeFilingStep>[3],
    at: Date,
    body: Record<string, unknown> = {},
  ) => {
    const [f] = await db.query<{ version: number }>('SELECT version FROM emergency_plan_filings WHERE id = $1', [id]);
    return takeFilingStep(db, who, id, action, { version: f?.version ?? 1, ...body }, at);
  };
  const publish = async (who: Actor, id: string, kind: 'review' | 'demonstration', reviewedAt: Date, publishedAt: Date) => {
    await step(who, id, 'recordReview', reviewedAt, {
      reviewKind: kind,
      reviewedOn: day(reviewedAt),
      experts: '宿迁市应急管理专家库：陈工（化工安全）、刘工（消防）、周工（职业卫生）',
      minutes: '预案要素齐全，风险评估和应急资源调查结论可信，响应分级合理；建议补充罐区泄漏处置流程图。评审结论：通过（修改后实施）。',
    });
    await step(who, id, 'sign', reviewedAt, { principalName: '王建国' });
    return step(who, id, 'publish', publishedAt, { publishedOn: day(publishedAt) });
  };
  const submit = async (who: Actor, id: string, at: Date) => {
    const d = await step(who, id, 'submitFiling', at, {
      materials: { application: true, reviewOpinion: true, document: true, riskAssessment: true, resourceSurvey: true },
    });
    return (d as { filings: { id: string }[] }).filings[0]?.id as string;
  };

  // 1. The demo enterprise's 综合预案: published 3.5 years ago, accepted (登记表), evaluation overdue.
  const main = await createPlan(db, ent, {
    planType: 'comprehensive',
    title: '生产安全事故综合应急预案',
    sections: COMPREHENSIVE,
    annexes: {
      unitOverview: '公司位于宿城区，主要从事精细化工产品生产，储罐区设有甲醇、液氨储罐。',
      riskAssessment: '主要事故风险：火灾爆炸、危险化学品泄漏、中毒窒息、灼烫、机械伤害。',
    },
  });
  await publish(ent, main.id, 'review', ago(1290), ago(1280));
  const f1 = await submit(ent, main.id, ago(1275));
  await filing(county, f1, 'accept', ago(1272), { note: '材料齐全' });
  await withScope(db, county.scope, (tx) =>
    recordRevisionTrigger(tx, county, {
      planId: main.id,
      kind: 'organisationChanged',
      source: { type: 'organisation', id: 'demo-2026-reorg' },
      note: '公司调整安全生产委员会及应急指挥部成员，总指挥由新任总经理担任。',
    }),
  );

  // 2. Its 现场处置方案 with key posts: published last week, the filing awaits acceptance.
  const onSite = await createPlan(db, ent, {
    planType: 'onSite',
    title: '液氨储罐泄漏现场处置方案',
    sections: {
      riskDescription: '液氨储罐区（重大危险源）阀门、法兰、管线泄漏可能导致中毒、火灾爆炸；夏季高温时风险较高。',
      duties: '当班班长为现场负责人；操作工负责工艺处置；安全员负责警戒和人员清点。',
      handling: '发现泄漏→报警→关闭紧急切断阀→启动喷淋→佩戴防护装备堵漏→疏散下风向人员→报告值班室并与公司综合预案衔接。',
      cautions: '进入泄漏区必须佩戴正压式空气呼吸器和防化服，两人以上协同，逆风撤离，严禁明火。',
    },
    posts: [
      {
        post: '罐区操作工',
        duties: '发现泄漏立即报警并实施工艺处置',
        steps: ['按下罐区紧急切断按钮', '开启消防喷淋稀释', '佩戴正压式空气呼吸器', '关闭泄漏点上游阀门', '向班长报告处置情况'],
        reportTo: '当班班长',
        phone: '0527-84210001',
        cautions: '不得单人进入泄漏区；逆风撤离',
      },
      {
        post: '当班班长',
        duties: '现场指挥、警戒疏散、信息报告',
        steps: ['确认泄漏部位和规模', '组织下风向人员疏散至1号集合点', '设置警戒区', '10分钟内报告公司值班室', '引导救援力量进入现场'],
        reportTo: '公司值班室',
        phone: '0527-84210000',
        cautions: '清点人数，防止人员滞留',
      },
    ],
  });
  await publish(ent, onSite.id, 'review', ago(12), ago(8));
  await submit(ent, onSite.id, ago(1));

  // 3. Its 专项预案 reviewed, waiting for the principal's signature.
  const special = await createPlan(db, ent, {
    planType: 'special',
    title: '危险化学品泄漏专项应急预案',
    sections: {
      scope: '适用于公司危险化学品储存、使用、装卸过程中发生的泄漏事故，是综合应急预案的组成部分。',
      organisation: '由公司应急指挥部统一指挥，抢险救援组具体实施。',
      responseStart: '接到泄漏报告后，总指挥召开应急会议，上报信息，协调资源，做好信息公开和后勤保障。',
      measures: '切断泄漏源、围堤堵截、稀释覆盖、收容处置，防止进入雨水管网。',
      safeguards: '配备堵漏工具、吸附材料、防化服、空气呼吸器。',
    },
  });
  await step(ent, special.id, 'recordReview', ago(3), {
    reviewKind: 'review',
    reviewedOn: day(ago(3)),
    experts: '陈工、刘工、周工',
    minutes: '要素齐全，同意通过。',
  });

  // 4. Another Decree 708 unit of the county: its 专项预案's filing got the one-time notice.
  const others = await db.query<{ id: string; industry_code: string; high_risk: string[] }>(
    `SELECT e.id, e.industry_code, e.high_risk FROM enterprises e
     WHERE e.region_code >= $1 AND e.region_code < $2 AND e.id <> $3 ORDER BY e.credit_code LIMIT 40`,
    [DEMO_COUNTY, `${DEMO_COUNTY}~`, ent.scope.enterpriseId],
  );
  const other = others.find((e) => mustFilePlans({ industryCode: e.industry_code, highRisk: e.high_risk }));
  if (other) {
    const admin = await demoActor(db, 'admin');
    if (admin) {
      const p = await createPlan(db, admin, {
        ownerKind: 'enterprise',
        enterpriseId: other.id,
        planType: 'special',
        title: '火灾爆炸专项应急预案',
        sections: {
          scope: '适用于本单位火灾、爆炸事故。',
          organisation: '应急领导小组及职责。',
          responseStart: '领导小组组长决定启动。',
          measures: '灭火、冷却、疏散、警戒。',
        },
      });
      const [u] = await db.query<{ industry_code: string; high_risk: string[]; employees: number | null; revenue_wan: number | null }>(
        'SELECT industry_code, high_risk, employees, revenue_wan FROM enterprises WHERE id = $1',
        [other.id],
      );
      const { reviewKind } = await import('@taishan/domain');
      const kind = reviewKind({
        industryCode: u?.industry_code ?? '',
        highRisk: u?.high_risk ?? [],
        employees: u?.employees,
        revenueWan: u?.revenue_wan,
      });
      await publish(admin, p.id, kind, ago(30), ago(25));
      const f = await submit(admin, p.id, ago(14));
      await filing(county, f, 'returnForItems', ago(12), { missingItems: ['应急预案评审意见（专家签字页）', '应急资源调查清单'] });
    }
  }

  // 5. The city department's government plan, published.
  const [dept] = await db.query<{ id: string }>("SELECT id FROM departments WHERE region_code = '321300000000' ORDER BY name LIMIT 1");
  if (dept) {
    const g = await createPlan(db, city, {
      ownerKind: 'government',
      departmentId: dept.id,
      planType: 'comprehensive',
      title: '宿迁市危险化学品生产安全事故应急预案',
      sections: {
        ...COMPREHENSIVE,
        scope: '适用于宿迁市行政区域内危险化学品生产、经营、储存、使用、运输环节发生的生产安全事故应对工作。',
        organisation: '市政府成立危险化学品事故应急指挥部，分管副市长任总指挥，市应急管理局局长任副总指挥。',
      },
    });
    await publish(city, g.id, 'review', ago(200), ago(190));
  }
}
