// Demo on-site enforcement inspections in the demo county, through the same commands the pages
// use (so documents, hazards, cases and the trail are real): one planned for today, one on site
// with findings, one recorded and awaiting the 复查 (a hazard with a deadline and a violation that
// opened a case), one closed after its 复查, one cancelled.
import type { Actor } from '@taishan/domain';
import { addDays } from '@taishan/domain';
import { actorOf, USER_ACTOR_COLUMNS, USER_ACTOR_FROM, type UserRow } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import {
  addFinding,
  cancelInspection,
  createInspection,
  recordInspection,
  reviewInspection,
  startInspection,
} from '../modules/enforcement/inspections.ts';
import { todayInShanghai } from '../time.ts';

export async function demoActor(db: Db, username: string): Promise<Actor | null> {
  const [u] = await db.query<UserRow>(`SELECT ${USER_ACTOR_COLUMNS} ${USER_ACTOR_FROM} WHERE u.username = $1`, [username]);
  return u ? actorOf(u) : null;
}

/** The demo county officer and a second certified officer of the city (certified here if the draws seed did not). */
async function officerPair(db: Db, county: Actor): Promise<[string, string]> {
  for (const [username, no] of [
    ['county', '32130200101'],
    ['city', '32130000101'],
  ] as const)
    await db.query(
      `INSERT INTO enforcement_officers (user_id, certificate_no, valid_until)
       SELECT id, $2, '2029-12-31' FROM users WHERE username = $1 ON CONFLICT DO NOTHING`,
      [username, no],
    );
  const [other] = await db.query<{ user_id: string }>(
    `SELECT o.user_id FROM enforcement_officers o JOIN users u ON u.id = o.user_id
     WHERE o.active AND o.user_id <> $1 AND left(u.region_code, 6) = left($2, 6) ORDER BY u.username LIMIT 1`,
    [county.id, county.scope.regionPrefix.padEnd(12, '0')],
  );
  const [city] = await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'city'");
  return [county.id, other?.user_id ?? (city?.id as string)];
}

export async function seedDemoInspections(db: Db): Promise<void> {
  const county = await demoActor(db, 'county');
  if (!county) return;
  const [done] = await db.query("SELECT 1 FROM enforcement_inspections WHERE source IN ('adhoc', 'report', 'referral') LIMIT 1");
  if (done) return;
  const officers = await officerPair(db, county);
  const ents = await db.query<{ id: string }>(
    `SELECT id FROM enterprises WHERE region_code >= $1 AND region_code < $1 || '~' ORDER BY name LIMIT 6`,
    [county.scope.regionPrefix],
  );
  if (ents.length < 5) return;
  const today = todayInShanghai();
  const plan = (i: number, source: 'adhoc' | 'report' | 'referral', extra: { unannounced?: boolean; covert?: boolean } = {}) =>
    createInspection(db, county, {
      enterpriseId: ents[i]?.id as string,
      source,
      officerIds: officers,
      plannedOn: today,
      unannounced: extra.unannounced ?? false,
      covert: extra.covert ?? false,
    });

  await plan(0, 'adhoc', { unannounced: true });

  const onSite = await plan(1, 'referral');
  await startInspection(db, county, onSite.id, { place: '生产车间、配电房' });
  await addFinding(db, county, onSite.id, {
    kind: 'hazard',
    description: '配电房门口堆放杂物，应急照明失效',
    location: '配电房',
    level: 'general',
    deadline: addDays(today, 7),
  });

  const recorded = await plan(2, 'adhoc', { unannounced: true, covert: true });
  await startInspection(db, county, recorded.id, { place: '危化品仓库、罐区' });
  await addFinding(db, county, recorded.id, {
    kind: 'hazard',
    description: '危化品仓库可燃气体报警器未定期检定',
    location: '2号仓库',
    level: 'general',
    deadline: addDays(today, 15),
  });
  await addFinding(db, county, recorded.id, {
    kind: 'hazard',
    description: '罐区动火作业无人现场监护',
    location: '罐区',
    level: 'general',
    onSiteMeasure: '责令立即停止动火作业，撤出作业人员',
  });
  await addFinding(db, county, recorded.id, {
    kind: 'violation',
    description: '未按规定对重大危险源进行定期检测、评估',
    level: 'general',
    article: '101',
  });
  await recordInspection(db, county, recorded.id, {
    situation: '采取“四不两直”方式检查了危化品仓库、罐区及安全管理台账。',
    leaderName: '李国强',
  });

  const closed = await plan(3, 'referral');
  await startInspection(db, county, closed.id, { place: '成品仓库' });
  await addFinding(db, county, closed.id, {
    kind: 'hazard',
    description: '成品仓库安全出口被货物堵塞',
    location: '成品仓库东侧',
    level: 'general',
    deadline: addDays(today, 3),
  });
  const r = await recordInspection(db, county, closed.id, { situation: '根据市安委办交办线索核查成品仓库。', leaderName: '张卫东' });
  await reviewInspection(db, county, closed.id, { opinion: '安全出口已清理畅通，整改完毕。', fixed: r.findings.map((f) => f.id) });

  const cancelled = await plan(4, 'adhoc');
  await cancelInspection(db, county, cancelled.id, { reason: '企业已于上月停产，待复产前检查' });
}
