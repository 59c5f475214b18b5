// Demo data of 突发公共卫生事件 (issue 28), called from main.ts after the other demo seeds. Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
import type { Db } from '../db/db.ts';

export async function seedDemoPhEvents(_db: Db): Promise<void> {}
