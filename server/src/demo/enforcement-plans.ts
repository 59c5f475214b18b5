// Demo classes and plans (分类分级与年度计划, issue 24): 安全生产标准化 grades on some demo
// enterprises (one expired), the classes of the demo city's enterprises, certified officers of the
// demo county, this year's plan of the demo county generated, submitted by its supervisor,
// approved by the city and published (with one key inspection scheduled), the second county's plan
// generated and left in draft, and one running campaign. Through the same commands the pages use,
// so the trail is real. Idempotent: a second run adds nothing.
import type { Actor } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { withScope } from '../db/scope.ts';
import { createCampaign } from '../modules/enforcement/campaigns.ts';
import { recomputeIn } from '../modules/enforcement/classes.ts';
import { generatePlan, schedulePlannedInspection, transitionPlan } from '../modules/enforcement/plans.ts';
import { todayInShanghai } from '../time.ts';
import { demoActor } from './enforcement-inspections.ts';
import { DEMO_CITY } from './seed.ts';

/** Extra officers of the demo county (执法队员), certified, so the plan's capacity has people behind it. */
const COUNTY_OFFICERS = [
  ['zfdy1', '执法队员甲', '32130200102'],
  ['zfdy2', '执法队员乙', '32130200103'],
  ['zfdy3', '执法队员丙', '32130200104'],
] as const;

export async function seedDemoPlans(db: Db): Promise<void> {
  const county = await demoActor(db, 'county');
  const county2 = await demoActor(db, 'county2');
  const city = await demoActor(db, 'city');
  if (!county || !county2 || !city) return;
  const [done] = await db.query('SELECT 1 FROM enforcement_plans LIMIT 1');
  if (done) return;
  const year = Number(todayInShanghai().slice(0, 4));

  // Standardisation grades: every 7th enterprise level 2, every 11th level 1, every 13th level 3 expired.
  await db.query(
    `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY credit_code) AS n FROM enterprises
                       WHERE region_code >= $1 AND region_code < $1 || '~')
     UPDATE enterprises e SET
       standardization_grade = CASE WHEN n % 11 = 0 THEN 'level1' WHEN n % 7 = 0 THEN 'level2' ELSE 'level3' END,
       standardization_valid_until = CASE WHEN n % 13 = 0 AND n % 11 <> 0 AND n % 7 <> 0 THEN make_date($2 - 1, 6, 30) ELSE make_date($2 + 2, 12, 31) END
     FROM numbered WHERE numbered.id = e.id AND (n % 7 = 0 OR n % 11 = 0 OR n % 13 = 0)`,
    [DEMO_CITY.slice(0, 4), year],
  );

  // Certified officers of the demo county: its supervisor (the number the inspections seed uses) and three team members.
  await db.query(
    `INSERT INTO enforcement_officers (user_id, certificate_no, valid_until)
     SELECT id, '32130200101', '2029-12-31' FROM users WHERE username = 'county' ON CONFLICT DO NOTHING`,
  );
  for (const [username, name, no] of COUNTY_OFFICERS) {
    await db.query(
      `INSERT INTO users (username, display_name, password_hash, role, region_code)
       SELECT $1, $2, password_hash, 'countySupervisor', region_code FROM users WHERE username = 'county'
       ON CONFLICT (username) DO NOTHING`,
      [username, name],
    );
    await db.query(
      `INSERT INTO enforcement_officers (user_id, certificate_no, valid_until)
       SELECT id, $2, '2029-12-31' FROM users WHERE username = $1 ON CONFLICT DO NOTHING`,
      [username, no],
    );
  }

  // Classes of the whole demo city, as the city's supervisor recomputes them.
  await withScope(db, city.scope, (tx) => recomputeIn(tx));

  // The demo county's plan: generated, submitted, approved by the city (four eyes), published.
  const plan = await generatePlan(db, county, { year });
  await transitionPlan(db, county, plan.id, { action: 'submit' });
  await transitionPlan(db, city, plan.id, { action: 'approve' });
  await transitionPlan(db, city, plan.id, { action: 'publish' });
  await scheduleOne(db, county, plan.id, year);

  // The second county's plan: a draft.
  await generatePlan(db, county2, { year });

  // One running campaign of the city.
  await createCampaign(db, city, {
    name: `${year}年危险化学品和粉尘涉爆企业安全专项整治`,
    kind: 'special',
    startsOn: `${year}-03-01`,
    endsOn: `${year}-12-31`,
    industries: ['25', '26', '27', '28'],
    targets: '辖区危险化学品、粉尘涉爆企业检查全覆盖；重大事故隐患动态清零；“一企一档”整改闭环。',
    checklistId: null,
  });
}

/** One key enterprise's inspection scheduled with two of the county's officers, a week from today (or in the plan's year). */
async function scheduleOne(db: Db, county: Actor, planId: string, year: number) {
  const [item] = await db.query<{ id: string }>(
    "SELECT id FROM enforcement_plan_items WHERE plan_id = $1 AND kind = 'key' ORDER BY class DESC, id LIMIT 1",
    [planId],
  );
  const officers = await db.query<{ id: string }>(
    "SELECT u.id FROM users u JOIN enforcement_officers o ON o.user_id = u.id WHERE u.username IN ('county', 'zfdy1') ORDER BY u.username",
  );
  if (!item || officers.length < 2) return;
  const d = new Date(Date.now() + 7 * 86_400_000);
  const day = todayInShanghai(d).startsWith(String(year)) ? todayInShanghai(d) : `${year}-12-28`;
  await schedulePlannedInspection(db, county, planId, item.id, {
    officerIds: officers.map((o) => o.id),
    plannedOn: day,
  });
}
