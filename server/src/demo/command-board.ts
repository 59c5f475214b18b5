// Demo data of 指挥中心 (issue 28), called from main.ts after the other demo seeds. Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
// Collects the demo's open items (syncSignals), enters a few 12345 calls (when the keyring is given),
// then walks the signals of 宿迁 through the loop with the real commands (audited), in the past so
// that stages fall due: every stage is present; some pushed to the demo enterprise (entadmin's) and to
// the demo township (township), some with the unit's feedback awaiting verification, some closed
// with feedback, one dismissed; overdue ones escalate to the parent region. Idempotent: a second
// start finds the walked signals and only re-syncs.
import type { Actor } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { actOnSignal, createHotlineCall } from '../modules/command/board-service.ts';
import { escalateOverdue, syncSignals } from '../modules/command/board-sync.ts';
import type { Keyring } from '../modules/whistleblowing/keyring.ts';
import { demoActor } from './enforcement-inspections.ts';

const HOUR = 3_600_000;
type Plan = 'collected' | 'analysed' | 'judged' | 'pushedEnt' | 'pushedTown' | 'fedBack' | 'verified' | 'closed' | 'dismissed';
const PLANS: Plan[] = ['pushedEnt', 'closed', 'collected', 'pushedTown', 'fedBack', 'analysed', 'verified', 'judged', 'dismissed'];

const CALLS = [
  {
    callerName: '王桂兰',
    callerPhone: '13951230001',
    title: '小区旁工地夜间焊接无人看护',
    content: '工地夜里有人在脚手架上焊接，下面堆着泡沫板，没有看到灭火器。',
    place: '幸福中路工地',
    category: 'safety' as const,
  },
  {
    callerName: '陈建华',
    callerPhone: '13805270002',
    title: '加油站附近闻到浓烈油气味',
    content: '路过加油站闻到很重的汽油味，已经持续两天，担心泄漏。',
    place: '洪泽湖路加油站',
    category: 'safety' as const,
  },
  {
    callerName: '刘美玲',
    callerPhone: '15850270003',
    title: '学校多名学生腹泻呕吐',
    content: '孩子班上今天有五六个学生腹泻呕吐，怀疑食堂饭菜问题。',
    place: '某小学',
    category: 'health' as const,
  },
];

export async function seedDemoCmBoard(db: Db, keyring?: Keyring, now = new Date()): Promise<void> {
  const [county, city, ent, township] = await Promise.all(['county', 'city', 'entadmin', 'township'].map((u) => demoActor(db, u)));
  if (!county || !city) return;
  await db.transaction((tx) => syncSignals(tx, now));
  const [walked] = await db.query(
    `SELECT 1 FROM command_signal_steps st JOIN command_signals s ON s.id = st.signal_id
      WHERE st.action <> 'collect' AND s.region_code >= '3213' AND s.region_code < '3213~' LIMIT 1`,
  );
  const [called] = await db.query(`SELECT 1 FROM command_hotline_calls WHERE region_code >= '3213' AND region_code < '3213~' LIMIT 1`);
  const townCode = township ? township.scope.regionPrefix.padEnd(12, '0') : null;
  if (keyring && !called) {
    for (const [i, c] of CALLS.entries()) {
      const at = new Date(now.getTime() - (i * 5 + 2) * HOUR);
      await createHotlineCall(
        db,
        keyring,
        county,
        { ...c, regionCode: townCode ?? county.scope.regionPrefix.padEnd(12, '0'), receivedAt: at.toISOString() },
        at,
      );
    }
  }
  if (walked) return;
  // A unit gets only what is about it: the demo enterprise its own accidents, hazards and alarms (first
  // in each type, so each type's first push goes there); the rest is pushed to the township.
  const signals = await db.query<{ id: string; source_type: string; region_code: string; own: boolean }>(
    `SELECT s.id, s.source_type, s.region_code,
            coalesce(CASE s.source_type
              WHEN 'majorHazard' THEN (SELECT h.enterprise_id FROM hazards h WHERE h.id::text = s.source_id)
              WHEN 'accident' THEN (SELECT a.enterprise_id FROM accidents a WHERE a.id::text = s.source_id)
              WHEN 'alarm' THEN (SELECT al.enterprise_id FROM alarms al WHERE al.id::text = s.source_id) END = $1::uuid, false) AS own
       FROM command_signals s
      WHERE s.region_code >= '3213' AND s.region_code < '3213~' AND s.stage = 'collected'
      ORDER BY s.source_type, 4 DESC, s.occurred_at DESC, s.id`,
    [ent?.scope.enterpriseId ?? null],
  );
  // Per type, the plans in turn: each type shows several stages; the first of each type is pushed to the enterprise.
  const perType = new Map<string, number>();
  for (const s of signals) {
    const n = perType.get(s.source_type) ?? 0;
    perType.set(s.source_type, n + 1);
    if (n >= PLANS.length * 2) continue; // the rest stay collected (and fall due)
    let plan = PLANS[n % PLANS.length] as Plan;
    const inCounty = s.region_code.startsWith(county.scope.regionPrefix);
    const actor: Actor = inCounty ? county : city;
    if (plan === 'pushedTown' && (!township || !inCounty)) plan = 'pushedEnt';
    if (plan === 'pushedEnt' && (!ent || !s.own)) plan = township && inCounty ? 'pushedTown' : 'judged';
    // Earlier plans start further back, so some stages are overdue.
    let t = now.getTime() - (30 - (n % 7) * 4) * HOUR;
    let version = 1;
    const step = async (who: Actor, body: Record<string, unknown>) => {
      t += HOUR / 2;
      await actOnSignal(db, who, s.id, { version: version++, ...body } as Parameters<typeof actOnSignal>[3], new Date(t));
    };
    if (plan === 'collected') continue;
    await step(actor, { action: 'analyse', note: '已调取现场信息与历史记录，情况属实' });
    if (plan === 'analysed') continue;
    await step(actor, { action: 'judge', note: '研判需属地和责任单位处置' });
    if (plan === 'judged') continue;
    if (plan === 'dismissed') {
      await step(actor, { action: 'dismiss', note: '经研判已由主管部门处置完毕，无需指挥中心处置' });
      continue;
    }
    const toTown = plan === 'pushedTown' || !s.own || (plan === 'fedBack' && township !== null && inCounty && n % 2 === 0);
    if (toTown && (!township || !inCounty)) continue; // nobody below to push to: it stays 研判
    const unit = toTown ? township : ent;
    const deadline = new Date(t + (n % 2 === 0 ? 4 : 48) * HOUR).toISOString();
    const pushBody = toTown && townCode ? { pushedRegionCode: townCode } : { pushedEnterpriseId: ent?.scope.enterpriseId };
    if (!toTown && !ent) continue;
    await step(actor, {
      action: 'push',
      ...pushBody,
      deadline: new Date(Math.max(Date.parse(deadline), t + HOUR)).toISOString(),
      note: '请于时限内处置并反馈',
    });
    if (plan === 'pushedEnt' || plan === 'pushedTown' || !unit) continue;
    await step(unit, {
      action: 'feedback',
      note: toTown ? '镇街已组织现场核实并督促整改，照片见附件' : '企业已停用相关设备并完成整改，整改报告已上传',
    });
    if (plan === 'fedBack') continue;
    await step(actor, { action: 'verify', note: '现场核查，整改到位' });
    if (plan === 'verified') continue;
    await step(actor, { action: 'close', note: '闭环办结，结果已反馈来源部门' });
  }
  await db.transaction((tx) => escalateOverdue(tx, now));
}
