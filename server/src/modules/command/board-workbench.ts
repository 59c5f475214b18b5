// 指挥中心's 工作台 items (issue 28). Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
// A unit (an enterprise user, or the township/region a signal was pushed to): the signals pushed to it
// awaiting its feedback. The pusher's side (supervisors): feedback awaiting verification, overdue or
// escalated signals (an escalation shows on the parent region's 工作台) and new signals to analyse.
// Each count is the board list's total with the same filters (the same SQL builder).
import { isEnterpriseUser, isSupervisor, type WorkDefinition } from '@taishan/domain';
import { counted, type WorkbenchProvider } from '../workbench/registry.ts';
import { type BoardQuery, boardQuerySchema, boardSql } from './board-service.ts';

const DEFS: Record<string, WorkDefinition> = {
  toFeedback: { kind: 'cmBoard.toFeedback', severity: 'urgent', titleKey: 'cmBoWorkToFeedback', query: { queue: 'toFeedback' } },
  toVerify: { kind: 'cmBoard.toVerify', severity: 'attention', titleKey: 'cmBoWorkToVerify', query: { queue: 'toVerify' } },
  escalated: { kind: 'cmBoard.escalated', severity: 'urgent', titleKey: 'cmBoWorkEscalated', query: { escalated: '1' } },
  toAnalyse: { kind: 'cmBoard.toAnalyse', severity: 'attention', titleKey: 'cmBoWorkToAnalyse', query: { queue: 'toAnalyse' } },
};

export const cmBoardWorkItems: WorkbenchProvider = async (actor, scope, tx) => {
  const keys = isEnterpriseUser(actor) ? ['toFeedback'] : isSupervisor(actor) ? ['toFeedback', 'toVerify', 'escalated', 'toAnalyse'] : [];
  const items = [];
  for (const k of keys) {
    const def = DEFS[k] as WorkDefinition;
    const query: BoardQuery = boardQuerySchema.parse({ ...def.query, pageSize: 1 });
    const { sql, params } = boardSql(scope, query, new Date());
    const [r] = await tx.query<{ total: number }>(sql, params);
    items.push(counted(def, { path: '/command', apiPath: '/api/v1/command/signals' }, r?.total ?? 0));
  }
  return items;
};
