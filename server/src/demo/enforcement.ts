// The demo's enforcement (执法, issue 24), in the order the parts depend on each other: classes and
// plans, the certified officers and 双随机 draws, on-site inspections, cases, and past years'
// figures for the statistics. Each part's seed is idempotent and goes through the part's own
// commands where the states matter (documents, hazards, cases and the trail are then real).
import type { Db } from '../db/db.ts';
import { seedDemoCases } from './enforcement-cases.ts';
import { seedDemoDraws } from './enforcement-draws.ts';
import { seedDemoInspections } from './enforcement-inspections.ts';
import { seedDemoPlans } from './enforcement-plans.ts';
import { seedDemoEnforcementHistory } from './enforcement-stats.ts';

export async function seedDemoEnforcement(db: Db): Promise<void> {
  await seedDemoPlans(db);
  await seedDemoDraws(db);
  await seedDemoInspections(db);
  await seedDemoCases(db);
  await seedDemoEnforcementHistory(db);
}
