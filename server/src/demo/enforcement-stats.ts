// Demo history for the enforcement statistics: two past years (2024, 2025) of closed on-site
// inspections (and a few plan inspections never carried out) and decided or closed penalty cases in the demo city (宿迁), so the statistics page,
// its Excel and the monthly case report show figures from the first start. Plain SQL inserts,
// drawn from seed.ts's deterministic prng: the same data on every machine. Penalty decisions take
// their numbers from the shared counter, so numbers issued later never collide with them.
import { DOCUMENT_TYPES } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { newDocumentNumber } from '../documents/numbers.ts';
import { DEMO_CITY, prng } from './seed.ts';

const YEARS = [2024, 2025];
/** Inspections per enterprise and year, on average (the demo city holds ~240 enterprises). */
const INSPECTIONS_PER_ENTERPRISE = 1.2;

/** Articles of 安全生产法 (2021) the demo's cases cite, with the case title. */
const VIOLATIONS: { article: string; title: string }[] = [
  { article: '97', title: '未按规定对从业人员进行安全生产教育和培训' },
  { article: '99', title: '安全设备未经常性维护、保养和定期检测' },
  { article: '101', title: '未对重大危险源登记建档或进行定期检测、评估、监控' },
  { article: '102', title: '未采取措施消除事故隐患' },
  { article: '104', title: '同一作业区域内交叉作业未签订安全生产管理协议' },
  { article: '105', title: '生产经营场所与员工宿舍未保持安全距离' },
];

const pad = (n: number) => String(n).padStart(2, '0');

export async function seedDemoEnforcementHistory(db: Db): Promise<void> {
  const [done] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM enforcement_inspections WHERE county_code LIKE $1 AND started_at < '2026-01-01T00:00:00+08:00'",
    [`${DEMO_CITY.slice(0, 4)}%`],
  );
  if (done && done.n > 0) return;
  const enterprises = await db.query<{ id: string; region_code: string; industry_code: string }>(
    'SELECT id, region_code, industry_code FROM enterprises WHERE region_code LIKE $1 ORDER BY credit_code',
    [`${DEMO_CITY.slice(0, 4)}%`],
  );
  if (!enterprises.length) return;
  const [dept] = await db.query<{ id: string; short_name: string; industries: string[] }>(
    'SELECT id, short_name, industries FROM departments WHERE region_code = $1 AND short_name IS NOT NULL ORDER BY name LIMIT 1',
    [DEMO_CITY],
  );
  const [officer] = await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'county'");
  const rand = prng(20251231);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)] as T;

  await db.transaction(async (tx) => {
    for (const year of YEARS) {
      const count = Math.round(enterprises.length * INSPECTIONS_PER_ENTERPRISE);
      for (let n = 0; n < count; n++) {
        const e = pick(enterprises);
        const month = 1 + Math.floor(rand() * 12);
        const day = 1 + Math.floor(rand() * 28);
        const hour = 8 + Math.floor(rand() * 9);
        const startedAt = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(Math.floor(rand() * 60))}:00+08:00`;
        const fromPlan = rand() < 0.45;
        const violations = rand() < 0.3 ? 1 + Math.floor(rand() * 3) : 0;
        // The city's chemicals department inspects its own industries now and then.
        const byDept = dept?.industries.includes(e.industry_code.slice(0, 2)) && rand() < 0.5 ? dept.id : null;
        // A few plan inspections were never carried out: the plan's completion is not 100 %.
        if (fromPlan && rand() < 0.08) {
          await tx.query(
            `INSERT INTO enforcement_inspections (enterprise_id, department_id, source, status, planned_on, created_by)
             VALUES ($1, $2, 'plan', 'planned', $3, $4)`,
            [e.id, byDept, `${year}-${pad(month)}-${pad(day)}`, officer?.id ?? null],
          );
          continue;
        }
        const [ins] = await tx.query<{ id: string }>(
          `INSERT INTO enforcement_inspections (enterprise_id, department_id, source, unannounced, covert, status, officer_ids, planned_on,
                                                started_at, ended_at, violations, hazards_found, created_by)
           VALUES ($1, $2, $3, $4, $5, 'closed', $6::uuid[], $7, $8, $8::timestamptz + interval '3 hours', $9, $10, $11) RETURNING id`,
          [
            e.id,
            byDept,
            fromPlan ? 'plan' : pick(['draw', 'draw', 'report', 'adhoc'] as const),
            rand() < 0.25,
            rand() < 0.05,
            officer ? [officer.id] : [],
            fromPlan ? `${year}-${pad(month)}-${pad(day)}` : null,
            startedAt,
            violations,
            violations + Math.floor(rand() * 3),
            officer?.id ?? null,
          ],
        );
        // Most violations open a case (整改不能代替处罚); a few are transferred instead of decided.
        if (!violations || rand() > 0.75 || !ins) continue;
        const v = pick(VIOLATIONS);
        const filedDays = 1 + Math.floor(rand() * 10);
        const transferred = rand() < 0.04;
        const decidedDays = filedDays + 20 + Math.floor(rand() * 50);
        const fine = transferred ? null : 5_000 * (1 + Math.floor(rand() * 20));
        const paid = fine !== null && rand() < 0.9 ? fine : 0;
        const suspension = !transferred && rand() < 0.06;
        const filedAt = `($2::timestamptz + interval '${filedDays} days')`;
        const decidedAt = transferred ? 'NULL' : `($2::timestamptz + interval '${decidedDays} days')`;
        const [c] = await tx.query<{ id: string; decided_at: Date | string | null }>(
          `INSERT INTO enforcement_cases (enterprise_id, department_id, inspection_id, title, article, status, filed_at, decision_due_on,
                                          decided_at, fine_yuan, paid_yuan, transferred, suspension, closed_at, created_by, published_at)
           VALUES ($1, $3, $4, $5, $6, $7, ${filedAt}, (${filedAt} + interval '90 days')::date, ${decidedAt}, $8, $9, $10, $11,
                   (CASE WHEN $9::numeric > 0 THEN ${transferred ? 'NULL' : `${decidedAt} + interval '20 days'`} END)::timestamptz, $12,
                   -- Published (安全生产法 Art. 78) two days after the decision, well within the 7 working days.
                   (${decidedAt})::timestamptz + interval '2 days')
           RETURNING id, decided_at`,
          [
            e.id,
            startedAt,
            byDept,
            ins.id,
            v.title,
            v.article,
            transferred ? 'transferred' : paid > 0 ? 'closed' : 'executing',
            fine,
            paid,
            transferred,
            suspension,
            officer?.id ?? null,
          ],
        );
        if (!c?.decided_at) continue;
        const decided = new Date(c.decided_at);
        // Decided after the year's end: its number is the next year's, as the counter gives it.
        const issuer = byDept && dept ? { key: byDept, short: dept.short_name } : undefined;
        const numbered = await newDocumentNumber(
          tx,
          'penaltyDecision',
          e.region_code,
          DOCUMENT_TYPES.penaltyDecision.pattern,
          decided,
          issuer,
        );
        await tx.query(
          `INSERT INTO enforcement_documents (kind, number, serial, year, issuer_key, enterprise_id, inspection_id, case_id, content, issued_by, issued_at)
           VALUES ('penaltyDecision', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            numbered.number,
            numbered.serial,
            numbered.year,
            issuer?.key ?? e.region_code.slice(0, 6),
            e.id,
            ins.id,
            c.id,
            JSON.stringify({ title: '行政处罚决定书', cells: [{ label: '违法事实', value: v.title }] }),
            officer?.id ?? null,
            decided,
          ],
        );
        if (paid > 0)
          await tx.query(
            `INSERT INTO enforcement_payments (case_id, kind, amount_yuan, paid_on, receipt_no, recorded_by)
             VALUES ($1, 'fine', $2, ($3::timestamptz + interval '10 days')::date, $4, $5)`,
            [c.id, paid, decided, `SQ${numbered.year}${String(numbered.serial).padStart(5, '0')}`, officer?.id ?? null],
          );
      }
    }
  });
}
