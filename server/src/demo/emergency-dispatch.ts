// Demo data of 物资调拨 (issue 27), called from main.ts after the other demo seeds. Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产).
import type { Db } from '../db/db.ts';

export async function seedDemoDispatch(_db: Db): Promise<void> {}
