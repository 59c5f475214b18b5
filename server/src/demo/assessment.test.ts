// The assessment demo: 宿迁's counties graded for 2025 (宿城区 不合格, its fix plan owed and not yet
// overdue), this year's sheets in draft, the county official barred for an accident, the bulletin of
// the last quarter issued and readable in Chinese only; the 工作台 counts; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { readScoped } from '../db/scope.ts';
import { renderBulletin } from '../modules/accountability/assessment-bulletin-pdf.ts';
import { listAssessments } from '../modules/accountability/assessment-service.ts';
import { assessmentWorkItems } from '../modules/accountability/assessment-workbench.ts';
import { openTestDb } from '../test/harness.ts';
import { pdfText } from '../test/pdf.ts';
import { seedDemoAccidents } from './accidents.ts';
import { seedDemoAccountability } from './accountability.ts';
import { seedDemoAssessment } from './assessment.ts';
import { DEMO_CITY, seedDemo } from './seed.ts';

describe('assessment demo', () => {
  let db: Db;
  let drop: () => Promise<void>;
  const now = new Date('2026-12-07T10:00:00+08:00');
  const actor = async (username: string, role: Actor['role']): Promise<Actor> => {
    const [u] = await db.query<{ id: string; region_code: string }>('SELECT id, region_code FROM users WHERE username = $1', [username]);
    const code = u?.region_code ?? '';
    return {
      id: u?.id ?? '',
      username,
      role,
      scope: { regionPrefix: role === 'citySupervisor' ? code.slice(0, 4) : code.slice(0, 6), industries: null, enterpriseId: null },
    };
  };
  before(async () => {
    ({ db, drop } = await openTestDb());
    await seedDemo(db, { enterprises: 40 });
    await seedDemoAccidents(db, now);
    await seedDemoAccountability(db, now);
    await seedDemoAssessment(db, now);
    await seedDemoAssessment(db, now);
  });
  after(() => drop());

  test('2025: every county graded, 宿城区 不合格 with its fix plan owed; 2026 in draft; seeded once', async () => {
    const rows = await db.query<{ region_code: string; year: number; status: string; grade: string | null; fix_plan_due: string | null }>(
      "SELECT region_code, year, status, grade, to_char(fix_plan_due, 'YYYY-MM-DD') AS fix_plan_due FROM assessments ORDER BY year, region_code",
    );
    const children = await db.query('SELECT 1 FROM regions WHERE parent_code = $1', [DEMO_CITY]);
    assert.equal(rows.length, children.length * 2);
    const last = rows.filter((r) => r.year === 2025);
    assert.ok(last.every((r) => r.status === 'confirmed' && r.grade));
    assert.deepEqual(
      last.filter((r) => r.grade === 'fail').map((r) => r.region_code),
      ['321302000000'],
    );
    assert.ok(new Set(last.map((r) => r.grade)).size >= 3, JSON.stringify(last));
    assert.equal(last.find((r) => r.grade === 'fail')?.fix_plan_due, '2026-12-17');
    assert.ok(rows.filter((r) => r.year === 2026).every((r) => r.status === 'draft'));
  });

  test('the 工作台: the county owes its plan and prepares this year’s sheet; the counts are the lists’ totals', async () => {
    const county = await actor('county', 'countySupervisor');
    const items = await readScoped(db, county.scope, (tx) => assessmentWorkItems(county, county.scope, tx));
    for (const item of items) {
      const list = await listAssessments(db, county, { ...(item.query as object), page: 1, pageSize: 200 } as never, now);
      assert.equal(item.count, list.total, item.kind);
    }
    assert.equal(items.find((i) => i.kind === 'assessment.fixPlanOwed')?.count, 1);
    assert.equal(items.find((i) => i.kind === 'assessment.toPrepare')?.count, 1);
    const city = await actor('city', 'citySupervisor');
    const cityItems = await readScoped(db, city.scope, (tx) => assessmentWorkItems(city, city.scope, tx));
    assert.equal(cityItems.find((i) => i.kind === 'assessment.fixPlanOverdue')?.count, 0);
  });

  test('a veto in force and the last quarter’s bulletin, Chinese only', async () => {
    const [v] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM assessment_vetoes WHERE ends_on >= '2026-12-07'");
    assert.equal(v?.n, 1);
    const [b] = await db.query<{ number: string; issuer: string; year: number; quarter: number; rows: never; issued_at: Date }>(
      'SELECT number, issuer, year, quarter, rows, issued_at FROM assessment_bulletins',
    );
    assert.ok(b);
    assert.equal(`${b.year}-${b.quarter}`, '2026-3');
    const pdf = await renderBulletin({
      issuer: b.issuer,
      number: b.number,
      year: b.year,
      quarter: b.quarter,
      rows: b.rows,
      issuedAt: new Date(b.issued_at),
    });
    const text = pdfText(pdf);
    assert.ok(text.includes('宿城区'));
    assert.ok(text.includes('二〇二六年十月十日'), text.slice(-80));
    assert.doesNotMatch(text, /[A-Za-z]/);
  });
});
