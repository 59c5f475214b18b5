// Demo data of 应急演练 (issue 27), called from main.ts after the other demo seeds. Owner: drills.
// Taken through the real commands with their dates set in the past, so each drill has its timeline
// and audit events. In 宿城区 (321302):
// - the demo enterprise (entadmin's): last year's comprehensive drill reported and found qualified;
//   this year's live drill evaluated with two problems — one made a hazard, one a revision trigger
//   of its plan (when the plans demo published one) — reported and awaiting the county's spot-check;
//   a tabletop drill held last month without its evaluation; a drill planned this month;
// - a second unit whose drills of 30 June and 1 July straddle the half-years, spot-checked
//   unqualified and corrected;
// - a third unit that drilled last year only (missing this year), a fourth with a cancelled plan;
// - the county government's 防汛 tabletop drill last year and the township's this year.
// Idempotent: nothing is added once a drill of 321302 exists.
import { type Actor, isDecree708Unit } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { createDrill, takeDrillStep } from '../modules/emergency/drills-service.ts';
import { todayInShanghai } from '../time.ts';
import { demoActor } from './enforcement-inspections.ts';

const DEMO_COUNTY = '321302';
const DAY = 86_400_000;

/** Noon in Beijing of a day (the commands' "now" when the step was taken). */
const at = (day: string) => new Date(`${day}T12:00:00+08:00`);
const shift = (day: string, days: number) => new Date(at(day).getTime() + days * DAY).toISOString().slice(0, 10);

export async function seedDemoDrills(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query('SELECT 1 FROM emergency_drills WHERE region_code >= $1 AND region_code < $2 LIMIT 1', [
    DEMO_COUNTY,
    `${DEMO_COUNTY}~`,
  ]);
  if (done) return;
  const county = await demoActor(db, 'county');
  const township = await demoActor(db, 'township');
  const entadmin = await demoActor(db, 'entadmin');
  if (!county || !entadmin?.scope.enterpriseId) return;
  const today = todayInShanghai(now);
  const year = Number(today.slice(0, 4));
  const thisYear = (md: string) => (`${year}-${md}` <= today ? `${year}-${md}` : `${year - 1}-${md}`);

  // The units: the demo enterprise, then other units of the county (Decree 708 units first).
  const others = (
    await db.query<{ id: string; name: string; industry_code: string; high_risk: string[] }>(
      `SELECT e.id, e.name, e.industry_code, e.high_risk FROM enterprises e
       WHERE e.region_code >= $1 AND e.region_code < $2 AND e.id <> $3 ORDER BY e.credit_code LIMIT 80`,
      [DEMO_COUNTY, `${DEMO_COUNTY}~`, entadmin.scope.enterpriseId],
    )
  ).sort(
    (a, b) =>
      Number(isDecree708Unit({ industryCode: b.industry_code, highRisk: b.high_risk ?? [] })) -
      Number(isDecree708Unit({ industryCode: a.industry_code, highRisk: a.high_risk ?? [] })),
  );
  /** An enterprise's own account, for the units that have none in the demo (no user row). */
  const unitActor = (e: { id: string; name: string }): Actor =>
    ({
      id: null as unknown as string,
      username: `${e.name}安全管理员`,
      displayName: `${e.name}安全管理员`,
      role: 'enterpriseAdmin',
      scope: { regionPrefix: '', industries: null, enterpriseId: e.id },
    }) as Actor;

  /** A published plan of the unit of these types, in force on `day`. */
  const planOf = async (enterpriseId: string, types: string[], day: string) =>
    (
      await db.query<{ id: string }>(
        `SELECT id FROM emergency_plans WHERE enterprise_id = $1 AND status = 'published' AND plan_type = ANY ($2::text[])
           AND published_on <= $3::date ORDER BY published_on LIMIT 1`,
        [enterpriseId, types, day],
      )
    )[0]?.id ?? null;

  const version = async (id: string) =>
    (await db.query<{ version: number }>('SELECT version FROM emergency_drills WHERE id = $1', [id]))[0]?.version ?? 1;
  const step = async (
    who: Actor,
    id: string,
    action: Parameters<typeof takeDrillStep>[3],
    day: string,
    body: Record<string, unknown> = {},
  ) => takeDrillStep(db, who, id, action, { version: await version(id), ...body }, at(day));
  const plan = async (who: Actor, day: string, body: Record<string, unknown>) =>
    (await createDrill(db, who, { contentType: 'single', form: 'live', plannedOn: day, ...body }, at(shift(day, -20)))).id as string;
  const held = async (
    who: Actor,
    id: string,
    day: string,
    place: string,
    participantCount: number,
    participants: { name: string; unit: string }[] = [],
  ) => step(who, id, 'complete', day, { heldOn: day, place, participantCount, participants });

  // ---- the demo enterprise ----------------------------------------------------------------------------
  const ent = entadmin;
  const entId = ent.scope.enterpriseId as string;
  const team = [
    { name: '王建华', unit: '安全环保部' },
    { name: '刘晓东', unit: '生产一车间' },
    { name: '陈静', unit: '储运部' },
    { name: '赵磊', unit: '企业专职消防队' },
  ];

  const lastYear = `${year - 1}-06-18`;
  const lastMonth = shift(today, -25);
  const may = thisYear('05-20');
  const comprehensive = await planOf(entId, ['comprehensive', 'special'], lastYear);
  const comprehensiveNow = await planOf(entId, ['comprehensive', 'special'], may);
  const onSite = await planOf(entId, ['onSite'], lastMonth);
  const onSiteNow = await planOf(entId, ['onSite'], today);
  const a = await plan(ent, lastYear, {
    enterpriseId: entId,
    title: `${year - 1}年生产安全事故综合应急演练`,
    contentType: 'comprehensive',
    planId: comprehensive,
    planType: comprehensive ? undefined : 'comprehensive',
    place: '厂区东侧储罐区',
  });
  await held(ent, a, lastYear, '厂区东侧储罐区', 46, team);
  await step(ent, a, 'evaluate', shift(lastYear, 3), {
    summary: '演练按方案完成，各小组响应迅速，信息报告及时，达到演练目标。',
    result: 'achieved',
    problems: [],
  });
  await step(ent, a, 'report', shift(lastYear, 5), { note: '按《生产安全事故应急条例》第八条报送' });
  await step(county, a, 'spotCheck', shift(lastYear, 30), { qualified: true, note: '资料齐全，演练真实有效。' });

  const b = await plan(ent, may, {
    enterpriseId: entId,
    title: `${may.slice(0, 4)}年储罐泄漏着火实战演练`,
    contentType: 'comprehensive',
    planId: comprehensiveNow,
    planType: comprehensiveNow ? undefined : 'special',
    place: '2号罐区',
    scenario: '2号罐区甲苯储罐法兰泄漏并引发着火，启动公司级响应，疏散、警戒、堵漏、灭火。',
  });
  await held(ent, b, may, '2号罐区', 58, team);
  const evaluated = await step(ent, b, 'evaluate', shift(may, 2), {
    summary: '演练总体有序，但暴露出应急照明和通讯联络方面的问题。',
    result: 'partlyAchieved',
    problems: ['2号罐区应急照明灯2盏失效，夜间疏散通道照度不足', '预案中外部救援联络电话已变更，未及时更新'],
  });
  await step(ent, b, 'problemToHazard', shift(may, 3), { problemNo: 1, level: 'general', location: '2号罐区', deadline: shift(may, 30) });
  if (evaluated.planId) await step(ent, b, 'problemToRevision', shift(may, 3), { problemNo: 2, note: '更新附件中的联系方式' });
  await step(ent, b, 'report', shift(may, 5), { note: '按《生产安全事故应急条例》第八条报送' });

  // Held last month, its evaluation not yet written (the enterprise's 工作台 says so).
  const c = await plan(ent, lastMonth, {
    enterpriseId: entId,
    title: '配电室火灾现场处置桌面推演',
    form: 'tabletop',
    planId: onSite,
    planType: onSite ? undefined : 'onSite',
    place: '三楼会议室',
  });
  await held(ent, c, lastMonth, '三楼会议室', 12, team.slice(0, 2));

  // Planned this month.
  const planned = today.slice(0, 8) + String(Math.min(28, Number(today.slice(8)) + 7)).padStart(2, '0');
  await plan(ent, planned, {
    enterpriseId: entId,
    title: '有限空间作业中毒窒息单项演练',
    planId: onSiteNow,
    planType: onSiteNow ? undefined : 'onSite',
    place: '污水处理站',
  });

  // ---- other units --------------------------------------------------------------------------------------
  const [u1, u2, u3] = others;
  if (u1) {
    const who = unitActor(u1);
    const june30 = thisYear('06-30');
    const july1 = `${june30.slice(0, 4)}-07-01`;
    const d1 = await plan(who, june30, { enterpriseId: u1.id, title: '上半年危化品泄漏现场处置演练', planType: 'onSite', place: '仓库' });
    await held(who, d1, june30, '仓库', 15);
    await step(who, d1, 'evaluate', june30, { summary: '按程序完成。', result: 'achieved', problems: [] });
    await step(who, d1, 'report', june30);
    if (july1 <= today) {
      const d2 = await plan(who, july1, { enterpriseId: u1.id, title: '下半年危化品泄漏现场处置演练', planType: 'onSite', place: '仓库' });
      await held(who, d2, july1, '仓库', 14);
      await step(who, d2, 'evaluate', july1, {
        summary: '演练脚本化，未检验实际处置能力。',
        result: 'notAchieved',
        problems: ['人员未佩戴防护用品'],
      });
      await step(who, d2, 'problemToHazard', july1, { problemNo: 1, level: 'general' });
      await step(who, d2, 'report', shift(july1, 1));
    }
    if (shift(july1, 45) <= today) {
      const [d2] = await db.query<{ id: string }>(
        "SELECT id FROM emergency_drills WHERE enterprise_id = $1 AND status = 'reported' AND held_on = $2",
        [u1.id, july1],
      );
      if (d2)
        await step(county, d2.id, 'spotCheck', shift(july1, 20), {
          qualified: false,
          note: '演练全程按脚本念稿，未设置情景变化，不能检验应急能力。',
          correctBy: shift(july1, 50),
        });
      if (d2) await step(who, d2.id, 'correct', shift(july1, 45), { note: '已于不预先通知情况下重新组织实战演练，并补充评估报告。' });
    }
  }
  if (u2) {
    const who = unitActor(u2);
    const day = `${year - 1}-10-12`;
    const d = await plan(who, day, {
      enterpriseId: u2.id,
      title: '综合应急预案演练',
      contentType: 'comprehensive',
      planType: 'comprehensive',
      place: '生产车间',
    });
    await held(who, d, day, '生产车间', 30);
    await step(who, d, 'evaluate', shift(day, 2), { summary: '基本达到目标。', result: 'partlyAchieved', problems: [] });
  }
  if (u3) {
    const who = unitActor(u3);
    const d = await plan(who, shift(today, -40), { enterpriseId: u3.id, title: '消防疏散演练', planType: 'special', place: '办公楼' });
    await step(who, d, 'cancel', shift(today, -42), { reason: '恶劣天气，改期另行安排' });
  }

  // ---- governments --------------------------------------------------------------------------------------
  const countyDay = `${year - 1}-09-15`;
  const g = await plan(county, countyDay, {
    ownerKind: 'government',
    regionCode: `${DEMO_COUNTY}000000`,
    title: '宿城区防汛抗旱桌面推演',
    form: 'tabletop',
    contentType: 'comprehensive',
    externalPlanName: '宿城区防汛抗旱应急预案',
    planType: 'special',
    place: '区应急指挥中心',
  });
  await held(county, g, countyDay, '区应急指挥中心', 36);
  await step(county, g, 'evaluate', shift(countyDay, 5), {
    summary: '各成员单位职责清晰，信息报送链条顺畅。',
    result: 'achieved',
    problems: ['部分乡镇防汛物资台账未及时更新'],
  });
  if (township) {
    const townDay = thisYear('04-22');
    const tw = await plan(township, townDay, {
      ownerKind: 'government',
      regionCode: township.scope.regionPrefix.padEnd(12, '0'),
      title: '镇人员密集场所火灾疏散演练',
      externalPlanName: '镇突发事件总体应急预案',
      planType: 'comprehensive',
      place: '镇中心小学',
    });
    await held(township, tw, townDay, '镇中心小学', 320);
  }
}
