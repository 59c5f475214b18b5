// Demo data of 应急预案与备案 (issue 27), called from main.ts after the other demo seeds. Owner: plans (预案、备案、评估修订、应急处置卡).
import type { Db } from '../db/db.ts';

export async function seedDemoEmergencyPlans(_db: Db): Promise<void> {}
