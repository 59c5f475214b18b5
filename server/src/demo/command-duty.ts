// Demo data of 值班与简报 (issue 28), called from main.ts after the other demo seeds. Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
import type { Db } from '../db/db.ts';

export async function seedDemoCmDuty(_db: Db): Promise<void> {}
