// Demo data of 应急物资 (issue 27), called from main.ts after the other demo seeds. Owner: supplies (分类编码、物资、仓库、库存批次、台账).
import type { Db } from '../db/db.ts';

export async function seedDemoSupplies(_db: Db): Promise<void> {}
