// 风险等级's scheduled job (issue 28): recompute the proposals of every province with cases, levels or
// pending proposals. The lead wires runPhLevelsJobs into main.ts's scheduled jobs. Owner: levels.
import type { Db } from '../../db/db.ts';
import { runLevelProposals } from './levels-service.ts';

export async function runPhLevelsJobs(db: Db, now = new Date()): Promise<{ regions: number; proposals: number }> {
  return runLevelProposals(db, now);
}
