// Demo data of 应急演练 (issue 27), called from main.ts after the other demo seeds. Owner: drills (演练计划、实施、评估、频次检查).
import type { Db } from '../db/db.ts';

export async function seedDemoDrills(_db: Db): Promise<void> {}
