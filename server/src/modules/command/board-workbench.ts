// 指挥中心's 工作台 items (issue 28). Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
// A unit (an enterprise user, a health facility's reporter, or the township/region a signal was pushed
// to): the signals pushed to it awaiting its feedback. The pusher's side (supervisors): feedback awaiting
// verification, overdue or escalated signals (an escalation shows on the parent region's 工作台) and new
// signals to analyse. One query counts every queue (count(*) FILTER) over the board's scope with the
// same conditions as the board list's filters (boardScope, queueWhere), so each count equals the list's total.
import { isEnterpriseUser, isSupervisor, type WorkDefinition } from '@taishan/domain';
import { counted, type WorkbenchProvider } from '../workbench/registry.ts';
import { boardScope, queueWhere } from './board-service.ts';

const DEFS: Record<string, WorkDefinition> = {
  toFeedback: { kind: 'cmBoard.toFeedback', severity: 'urgent', titleKey: 'cmBoWorkToFeedback', query: { queue: 'toFeedback' } },
  toVerify: { kind: 'cmBoard.toVerify', severity: 'attention', titleKey: 'cmBoWorkToVerify', query: { queue: 'toVerify' } },
  escalated: { kind: 'cmBoard.escalated', severity: 'urgent', titleKey: 'cmBoWorkEscalated', query: { escalated: '1' } },
  toAnalyse: { kind: 'cmBoard.toAnalyse', severity: 'attention', titleKey: 'cmBoWorkToAnalyse', query: { queue: 'toAnalyse' } },
};

export const cmBoardWorkItems: WorkbenchProvider = async (actor, scope, tx) => {
  const unit = isEnterpriseUser(actor) || actor.role === 'medicalReporter';
  const keys = unit ? ['toFeedback'] : isSupervisor(actor) ? ['toFeedback', 'toVerify', 'escalated', 'toAnalyse'] : [];
  if (keys.length === 0) return [];
  const params: unknown[] = [];
  const where = boardScope(scope, params);
  const cond = (k: string) =>
    k === 'escalated' ? 's.escalated_at IS NOT NULL' : queueWhere(scope, k as 'toFeedback' | 'toVerify' | 'toAnalyse', params);
  const counts = keys.map((k) => `count(*) FILTER (WHERE ${cond(k)})::int AS "${k}"`).join(', ');
  const [r] = await tx.query<Record<string, number>>(
    `SELECT ${counts} FROM command_signals s WHERE ${where} AND s.stage <> 'closed'`,
    params,
  );
  return keys.map((k) => counted(DEFS[k] as WorkDefinition, { path: '/command', apiPath: '/api/v1/command/signals' }, r?.[k] ?? 0));
};
