// Demo data of 值班与简报 (issue 28), called from main.ts after the other demo seeds. Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
// Idempotent (marker: a briefing of the demo county). The demo county's and city's government
// shifts from three days ago to tomorrow are linked to the demo users `county` and `city`; the duty
// logs of the last three days carry entries and a handover (today's stays open); two past briefings
// are generated; the demo isolation point and a hospital are inspected with the 疫情防控重点场所检查表
// (reference data of migration 057) through the hazards module's own functions — failed items become
// hazards, assigned by the supervisor; the hospital's safety officer (`hospadmin`) rectifies its own.
import type { Actor } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { withScope } from '../db/scope.ts';
import { generateBriefing } from '../modules/command/duty-service.ts';
import { planInspections, saveInspectionResults, submitInspection } from '../modules/hazards/inspection-service.ts';
import { fillFiveFixes, takeHazardStep } from '../modules/hazards/service.ts';
import { beijingDayStart, todayInShanghai } from '../time.ts';
import { demoActor } from './enforcement-inspections.ts';

const CITY = '321300000000';
const COUNTY = '321302000000';
const DAY = 86_400_000;

const LOG_TEXTS: [string, string][] = [
  ['call', '接群众来电反映宿城区某化工企业周边有刺激性气味，已记录并转信号看板'],
  ['signal', '核实监测预警信号：储罐液位超限报警，企业已现场确认为仪表故障'],
  ['instruction', '传达市应急管理局关于加强节日期间安全防范工作的通知，已转发各乡镇'],
  ['note', '22:00 与各乡镇值班室电话点名，均在岗'],
];

export async function seedDemoCmDuty(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM command_briefings WHERE region_code = $1', [COUNTY]);
  if ((done?.n ?? 0) > 0) return;
  const county = await demoActor(db, 'county');
  const city = await demoActor(db, 'city');
  if (!county || !city) return;
  const today = todayInShanghai(now);
  const from = beijingDayStart(today, -3);
  const to = beijingDayStart(today, 1);
  for (const [region, who] of [
    [COUNTY, county],
    [CITY, city],
  ] as [string, Actor][])
    await db.query(
      `INSERT INTO command_duty_officers (shift_id, user_id, linked_by)
       SELECT id, $2, $2 FROM emergency_duty_shifts
        WHERE owner_kind = 'government' AND region_code = $1 AND starts_at < $4 AND ends_at > $3
       ON CONFLICT (shift_id) DO NOTHING`,
      [region, who.id, from, to],
    );

  // Logs of the last three days (handed over) and today's (open, two entries).
  for (let d = 3; d >= 0; d--) {
    const day = todayInShanghai(new Date(now.getTime() - d * DAY));
    const start = Date.parse(beijingDayStart(day));
    const [log] = await db.query<{ id: string }>(
      `INSERT INTO command_duty_logs (region_code, day) VALUES ($1, $2)
       ON CONFLICT (region_code, day) DO UPDATE SET day = EXCLUDED.day RETURNING id`,
      [COUNTY, day],
    );
    if (!log) continue;
    const entries = d === 0 ? LOG_TEXTS.slice(0, 2) : LOG_TEXTS;
    for (const [i, [kind, text]] of entries.entries()) {
      const at = new Date(start + (9 + i * 3) * 3_600_000);
      if (at > now) continue;
      await db.query('INSERT INTO command_duty_entries (log_id, at, kind, text, author_id, author_name) VALUES ($1, $2, $3, $4, $5, $6)', [
        log.id,
        at.toISOString(),
        kind,
        text,
        county.id,
        county.username,
      ]);
    }
    if (d > 0) {
      const at = new Date(start + 32 * 3_600_000).toISOString();
      const note = '当班信号均已分析转办，储罐报警待企业提交检修记录，交下一班跟踪';
      await db.query(
        "INSERT INTO command_duty_entries (log_id, at, kind, text, author_id, author_name) VALUES ($1, $2, 'handover', $3, $4, $5)",
        [log.id, new Date(start + 23.5 * 3_600_000).toISOString(), note, county.id, county.username],
      );
      await db.query(
        `UPDATE command_duty_logs SET state = 'handedOver', handover_note = $2, handed_over_at = $3, handed_over_by = $4, version = version + 1 WHERE id = $1`,
        [log.id, note, at, county.id],
      );
    }
  }
  for (const d of [2, 1]) {
    const day = todayInShanghai(new Date(now.getTime() - d * DAY));
    await generateBriefing(db, county, { day }, new Date(Date.parse(beijingDayStart(day, 1)) + 3_600_000));
  }
  await seedPlacesInspections(db, county, city, now);
}

/** The demo isolation point and a hospital inspected with the 疫情防控重点场所检查表; failed items become hazards. */
async function seedPlacesInspections(db: Db, county: Actor, city: Actor, now: Date) {
  const [checklist] = await db.query<{ id: string }>(
    "SELECT id FROM checklist_templates WHERE code = 'ph-critical-places' ORDER BY version DESC LIMIT 1",
  );
  if (!checklist) return;
  const places = await db.query<{ id: string; region_code: string; kind: string }>(
    `SELECT DISTINCT ON (f.kind) e.id, e.region_code, f.kind FROM ph_facilities f JOIN enterprises e ON e.id = f.enterprise_id
      WHERE f.kind IN ('isolation', 'hospital') AND e.region_code >= $1 AND e.region_code < $1 || '~'
      ORDER BY f.kind, EXISTS (SELECT 1 FROM users u WHERE u.enterprise_id = e.id AND u.role = 'enterpriseAdmin') DESC, e.region_code, e.id`,
    ['3213'],
  );
  const fails: Record<string, Record<string, string>> = {
    isolation: { P4: '隔离点污染区与清洁区通道未分设，存在交叉', P7: '近三日消毒记录缺失', P6: '医疗废物暂存超过 48 小时' },
    hospital: { P2: '预检分诊登记缺少体温记录', P8: '发热门诊防护用品穿脱区未分开' },
  };
  const plannedDate = todayInShanghai(new Date(now.getTime() - 2 * DAY));
  for (const p of places) {
    const actor = p.region_code.startsWith(COUNTY.slice(0, 6)) ? county : city;
    const tier = actor === county ? 'county' : 'city';
    await withScope(db, actor.scope, async (tx) => {
      const [insp] = await planInspections(tx, actor, {
        enterpriseIds: [p.id],
        tier,
        checklistId: checklist.id,
        plannedDate,
        inspectorId: null,
        unannounced: false,
      });
      if (!insp) return;
      const f = fails[p.kind] ?? {};
      const results = Array.from({ length: 13 }, (_, i) => `P${i + 1}`).map((code) => ({
        itemCode: code,
        result: (code in f ? 'fail' : code === 'P11' && p.kind === 'isolation' ? 'na' : 'pass') as 'fail' | 'na' | 'pass',
        note: f[code] ?? null,
        photos: [],
      }));
      const saved = await saveInspectionResults(tx, actor, insp.id, {
        results,
        location: p.kind === 'isolation' ? '集中隔离点' : '发热门诊',
        version: insp.version,
      } as never);
      await submitInspection(tx, actor, insp.id, saved.version);
    });
    await moveFindings(db, actor, p.id, now);
  }
}

/**
 * The findings move on as the hazard loop moves them: the inspecting supervisor assigns them; where
 * the place has a safety officer (the demo hospital's `hospadmin`), the five fixes are filled, one
 * finding is being rectified and one waits for the supervisor's acceptance. The isolation point
 * has no account on the platform: its findings wait, assigned.
 */
async function moveFindings(db: Db, supervisor: Actor, enterpriseId: string, now: Date) {
  const hazards = await db.query<{ id: string; description: string }>(
    "SELECT id, description FROM hazards WHERE enterprise_id = $1 AND status = 'reported' ORDER BY checklist_item, id",
    [enterpriseId],
  );
  const [officer] = await db.query<{ username: string }>(
    "SELECT username FROM users WHERE enterprise_id = $1 AND role = 'enterpriseAdmin' ORDER BY username LIMIT 1",
    [enterpriseId],
  );
  const own = officer ? await demoActor(db, officer.username) : undefined;
  const deadline = todayInShanghai(new Date(now.getTime() + 10 * DAY));
  for (const [i, h] of hazards.entries()) {
    await withScope(db, supervisor.scope, (tx) => takeHazardStep(tx, supervisor, h.id, { action: 'assign' }));
    if (!own) continue;
    await withScope(db, own.scope, async (tx) => {
      await fillFiveFixes(tx, own, h.id, {
        owner: '院感科 刘主任',
        measures: `针对“${h.description}”立即整改，整改完成前由院感科每日巡查`,
        funds: 0.8,
        deadline,
        contingency: '整改期间发热门诊加派防护督导员，发现交叉风险立即暂停接诊并消毒',
        rectificationNote: i === 0 ? '已完成整改：调整分区与登记流程，附整改前后照片' : null,
      });
      await takeHazardStep(tx, own, h.id, { action: 'start' });
      if (i === 0) await takeHazardStep(tx, own, h.id, { action: 'submit' });
    });
  }
}
