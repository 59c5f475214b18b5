// The plans part's scheduled job (issue 27). Owner: plans. A filing the department has not
// answered within 5 working days is deemed filed (视为已备案, 令第88号 as amended by 令第2号):
// this job records it, with its audit event, once the window has passed. Reads derive the same
// answer before the job has run (effectiveFilingStatus), so nothing waits on the hour.
import type { Db } from '../../db/db.ts';
import { deemFilings } from './plans-service.ts';

export async function deemOverdueFilings(db: Db, now = new Date()): Promise<number> {
  return db.transaction((tx) => deemFilings(tx, now));
}
