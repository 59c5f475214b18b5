// Demo data (issue 26): the serious-discredit list in 宿迁, taken through the real commands with
// their dates set in the past, so every entry has its numbered 告知书 and 决定书, its timeline and
// its audit events: the candidates the demo's accidents, cases and the false evaluation report
// propose (the rules, not a hand-made list); a unit listed after a 重大 accident; its principal
// (a natural person, proposed by the county and decided by the city: four eyes); the evaluation
// agency whose report was found false; a unit removed early after 12 months; a unit whose
// three-year term ended (moved off by the expiry job); a candidate waiting; and the demo
// enterprise's entry in its objection window (its 工作台 says so). Idempotent. Owner: blacklist.
import { type Actor, inBlacklistScope } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { withScope } from '../db/scope.ts';
import { expireEntries, proposeByHand, proposeEverywhere, takeBlacklistStep } from '../modules/credit/blacklist-service.ts';
import { demoActor } from './enforcement-inspections.ts';

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const DEMO_COUNTY = '321302';

export async function seedDemoBlacklist(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query("SELECT 1 FROM credit_blacklist_entries WHERE region_code >= '3213' AND region_code < '3213~' LIMIT 1");
  if (done) return;
  const county = await demoActor(db, 'county');
  const city = await demoActor(db, 'city');
  const province = await demoActor(db, 'province');
  const entadmin = await demoActor(db, 'entadmin');
  if (!county || !city || !province) return;
  const ago = (ms: number) => new Date(now.getTime() - ms);

  // The rules' candidates from the demo's events, proposed as the hourly job does: those of the
  // older events 210 days ago (the listings below start then), the newer ones now.
  await proposeEverywhere(db, ago(210 * DAY));
  const candidates = await db.query<{ id: string; reason: string; region_code: string; enterprise_id: string }>(
    `SELECT id, reason, region_code, enterprise_id FROM credit_blacklist_entries
     WHERE status = 'candidate' AND region_code >= '3213' AND region_code < '3213~' ORDER BY proposed_at, id`,
  );
  /** The deciding level's account: the county for its own entries, the city for the rest of 宿迁. */
  const by = (region: string): Actor => (region.startsWith(DEMO_COUNTY) ? county : city);
  const step = (who: Actor, id: string, action: Parameters<typeof takeBlacklistStep>[3], at: Date, body: Record<string, unknown> = {}) =>
    db
      .query<{ version: number }>('SELECT version FROM credit_blacklist_entries WHERE id = $1', [id])
      .then(([r]) => takeBlacklistStep(db, who, id, action, { version: r?.version ?? 1, ...body }, at));
  /** Four eyes: the level above decides what a level sent the notice for. */
  const above = (who: Actor) => (who === county ? city : province);
  const list = async (id: string, region: string, noticedAt: Date, decidedAt: Date, decider = above(by(region))) => {
    await step(by(region), id, 'notify', noticedAt);
    await step(decider, id, 'decide', decidedAt);
  };

  // A unit listed after a 重大 accident (the rules' candidate), and the agency of the false report.
  const major = candidates.find((c) => c.reason === 'majorAccident');
  if (major) await list(major.id, major.region_code, ago(200 * DAY), ago(190 * DAY));

  // Units of the demo county for the entries proposed by hand (not the demo enterprise's own).
  // (In the Decree's industries, Art. 2.)
  const units = (
    await db.query<{ id: string; name: string; industry_code: string | null }>(
      `SELECT e.id, e.name, e.industry_code FROM enterprises e
       WHERE e.region_code >= $1 AND e.region_code < $2 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.enterprise_id = e.id)
       ORDER BY e.credit_code LIMIT 60`,
      [DEMO_COUNTY, `${DEMO_COUNTY}~`],
    )
  )
    .filter((e) => inBlacklistScope('unit', e.industry_code))
    .slice(0, 5);
  const propose = async (who: Actor, at: Date, body: Record<string, unknown>) => (await proposeByHand(db, who, body, at)).id as string;

  // The principal of the listed unit (or of a county unit): a natural person, proposed by the county, decided by the city.
  // (The listed unit's own principal when that unit is the county's; else a county unit's.)
  const personUnit = major?.region_code.startsWith(DEMO_COUNTY) ? major.enterprise_id : units[0]?.id;
  if (personUnit) {
    const [u] = await db.query<{ legal_representative: string | null }>('SELECT legal_representative FROM enterprises WHERE id = $1', [
      personUnit,
    ]);
    const id = await propose(county, ago(185 * DAY), {
      subjectType: 'person',
      reason: 'desertion',
      enterpriseId: personUnit,
      personName: u?.legal_representative || '陈建国',
      personIdNumber: '321302197603154517',
      personRole: 'principal',
      penaltyDecisionRef: '（宿城区）应急罚〔2026〕41号',
      facts: '事故发生后未立即组织抢救，并于事故调查期间擅离职守，经调查组认定负有主要领导责任，已依法处以上一年年收入百分之八十的罚款。',
    });
    await step(county, id, 'notify', ago(180 * DAY));
    await step(city, id, 'decide', ago(170 * DAY));
  }

  // A unit removed early: listed 15 months ago for operating without a licence, applied after 12 months.
  const [, u1, u2, u3] = units;
  if (u1) {
    const id = await propose(county, ago(470 * DAY), {
      subjectType: 'unit',
      reason: 'unlicensed',
      enterpriseId: u1.id,
      penaltyDecisionRef: '（宿城区）应急罚〔2025〕17号',
      facts: '未取得危险化学品经营许可证，擅自在经营场所储存、销售汽油、稀释剂等危险化学品。',
    });
    await step(county, id, 'notify', ago(465 * DAY));
    await step(city, id, 'decide', ago(455 * DAY));
    await step(county, id, 'applyRemoval', ago(40 * DAY), {
      statement: '罚款已全额缴纳，已取得危险化学品经营许可证，并作出书面信用承诺，申请提前移出。',
      checklist: { penaltyPerformed: true, rectified: true, commitment: true, noNewViolation: true },
    });
    await step(city, id, 'approveRemoval', ago(30 * DAY), {
      checklist: { penaltyPerformed: true, rectified: true, commitment: true, noNewViolation: true },
      note: '经现场核查，整改到位',
    });
  }

  // A unit whose three-year term has ended: listed three years and a month ago, moved off by the job.
  if (u2) {
    const id = await propose(county, new Date(now.getTime() - 3 * YEAR - 50 * DAY), {
      subjectType: 'unit',
      reason: 'concealedAccident',
      enterpriseId: u2.id,
      penaltyDecisionRef: '（宿城区）应急罚〔2023〕9号',
      facts: '发生一起死亡1人的生产安全事故后，隐瞒不报，经群众举报查实。',
    });
    await step(county, id, 'notify', new Date(now.getTime() - 3 * YEAR - 45 * DAY));
    await step(city, id, 'decide', new Date(now.getTime() - 3 * YEAR - 30 * DAY));
    await expireEntries(db, now);
  }

  // The evaluation agency whose report the county found false (40 days ago): proposed then, listed.
  await proposeEverywhere(db, ago(35 * DAY));
  const [agency] = await db.query<{ id: string; region_code: string }>(
    `SELECT id, region_code FROM credit_blacklist_entries WHERE status = 'candidate' AND reason = 'agencyFraud'
     AND region_code >= '3213' AND region_code < '3213~' ORDER BY proposed_at LIMIT 1`,
  );
  if (agency) await list(agency.id, agency.region_code, ago(30 * DAY), ago(20 * DAY));

  // The rest of the events' candidates, now; and one waiting by hand when the rules left none in the county.
  await proposeEverywhere(db, now);
  const [waiting] = await db.query(
    `SELECT 1 FROM credit_blacklist_entries WHERE status = 'candidate' AND region_code >= $1 AND region_code < $2 LIMIT 1`,
    [DEMO_COUNTY, `${DEMO_COUNTY}~`],
  );
  if (u3 && !waiting) {
    await propose(county, ago(3 * DAY), {
      subjectType: 'unit',
      reason: 'penaltyNotExecuted',
      enterpriseId: u3.id,
      penaltyDecisionRef: '（宿城区）应急罚〔2026〕22号',
      facts: '罚款人民币五万元，缴款期限届满已逾九十日，经催告仍拒不缴纳，且经查有履行能力。',
    });
  }

  // The demo enterprise's entry in its objection window (notified today).
  if (entadmin?.scope.enterpriseId) {
    const id = await withScope(db, county.scope, async (tx) => {
      const [e] = await tx.query<{ id: string; industry_code: string | null }>('SELECT id, industry_code FROM enterprises WHERE id = $1', [
        entadmin.scope.enterpriseId,
      ]);
      return e && inBlacklistScope('unit', e.industry_code) ? e.id : undefined;
    });
    if (id) {
      const entry = await propose(county, ago(2 * DAY), {
        subjectType: 'unit',
        reason: 'multipleFine',
        enterpriseId: id,
        penaltyDecisionRef: '（宿城区）应急罚〔2026〕35号',
        facts: '发生较大生产安全事故，情节特别严重、影响特别恶劣，依照《安全生产法》第一百一十四条被处以罚款数额二倍的罚款。',
      });
      await step(county, entry, 'notify', ago(HOUR_MS));
    }
  }
}

const HOUR_MS = 3_600_000;
