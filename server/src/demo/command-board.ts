// Demo data of 指挥中心 (issue 28), called from main.ts after the other demo seeds. Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
import type { Db } from '../db/db.ts';

export async function seedDemoCmBoard(_db: Db): Promise<void> {}
