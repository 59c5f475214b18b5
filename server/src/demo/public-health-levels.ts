// Demo data of 风险等级 (issue 28), called from main.ts after the cases and events demos. Owner: levels.
// The demo city's first four counties and their townships low since 2025-01-01; demo town1 (the
// cases demo's COVID-19 cluster) raised to high by its county three days ago with an announcement;
// another township of county1 medium 40 days ago and lowered back to low 25 days ago after its quiet
// period; then the proposals computed from the cases (pending for the county and the city to
// confirm). History rows lie in the past, so they are written through the store (the API refuses a
// past effective time). Idempotent: nothing is added once the city has a level row.
import { announcementText, DOCUMENT_TYPES, type PhRiskLevel } from '@taishan/domain';
import type { Db, Queryable } from '../db/db.ts';
import { newDocumentNumber } from '../documents/numbers.ts';
import { runLevelProposals } from '../modules/public-health/levels-service.ts';
import { insertLevel } from '../modules/public-health/levels-store.ts';
import { DEMO_CITY } from './seed.ts';

const DAY = 86_400_000;

export async function seedDemoPhLevels(db: Db, now = new Date()): Promise<void> {
  const [done] = await db.query('SELECT 1 FROM ph_region_levels WHERE region_code >= $1 AND region_code < $2 LIMIT 1', [
    DEMO_CITY.slice(0, 4),
    `${DEMO_CITY.slice(0, 4)}~`,
  ]);
  if (done) return;
  const counties = await db.query<{ code: string; name: string }>(
    `SELECT code, name FROM regions r WHERE parent_code = $1 AND level = 'county'
       AND EXISTS (SELECT 1 FROM regions t WHERE t.parent_code = r.code) ORDER BY code LIMIT 4`,
    [DEMO_CITY],
  );
  const county1 = counties[0];
  if (!county1) return;
  const towns = await db.query<{ code: string; name: string; parent_code: string }>(
    "SELECT code, name, parent_code FROM regions WHERE parent_code = ANY($1::text[]) AND level = 'township' ORDER BY code",
    [counties.map((c) => c.code)],
  );
  const [town1, town2] = towns.filter((t) => t.parent_code === county1.code);
  if (!town1) return;
  const [countyUser] = await db.query<{ id: string }>(
    "SELECT id FROM users WHERE role = 'countySupervisor' AND region_code = $1 ORDER BY created_at LIMIT 1",
    [county1.code],
  );
  await db.transaction(async (tx) => {
    const since = new Date('2024-12-31T16:00:00Z');
    for (const r of [...counties, ...towns])
      await insertLevel(tx, {
        regionCode: r.code,
        level: 'low',
        previousLevel: null,
        effectiveFrom: since,
        ruleSet: 'current',
        proposalId: null,
        confirmedBy: null,
        reason: null,
        override: false,
        announcement: null,
      });
    const change = async (
      q: Queryable,
      t: { code: string; name: string },
      from: PhRiskLevel,
      to: PhRiskLevel,
      daysAgo: number,
      quietDays: number | null,
    ) => {
      const at = new Date(now.getTime() - daysAgo * DAY);
      const issuer = `${county1.name}人民政府`;
      const { number } = await newDocumentNumber(q, 'riskLevelNotice', t.code, DOCUMENT_TYPES.riskLevelNotice.pattern, at);
      const a = announcementText({
        issuer,
        area: t.name,
        effectiveFrom: at,
        issuedAt: at,
        number,
        changes: [{ regionName: t.name, from, to, quietDays }],
      });
      await insertLevel(q, {
        regionCode: t.code,
        level: to,
        previousLevel: from,
        effectiveFrom: at,
        ruleSet: 'current',
        proposalId: null,
        confirmedBy: countyUser?.id ?? null,
        reason: null,
        override: false,
        announcement: { number, title: a.title, text: a.body, issuer },
      });
    };
    if (town2) {
      await change(tx, town2, 'low', 'medium', 40, null);
      await change(tx, town2, 'medium', 'low', 25, 14);
    }
    await change(tx, town1, 'low', 'high', 3, null);
  });
  await runLevelProposals(db, now);
}
