// Demo data of 风险等级 (issue 28), called from main.ts after the other demo seeds. Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
import type { Db } from '../db/db.ts';

export async function seedDemoPhLevels(_db: Db): Promise<void> {}
