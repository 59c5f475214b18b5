// Demo data of 传染病报告 (issue 28), called from main.ts after the other demo seeds. Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
import type { Db } from '../db/db.ts';

export async function seedDemoPhCases(_db: Db): Promise<void> {}
