// Who may do what in 突发公共卫生事件 (issue 28). Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
import { type Actor, hasRole, isAdmin, isSupervisor } from '../auth/roles.ts';

export function phEventsAbilities(a: Actor): Record<string, boolean> {
  const decider = hasRole(a, 'countySupervisor', 'citySupervisor', 'provinceSupervisor', 'cdcReviewer');
  const view = isAdmin(a) || isSupervisor(a) || hasRole(a, 'cdcReviewer');
  return {
    'phEvents.view': view,
    'phEvents.create': decider,
    'phEvents.tasks': view || hasRole(a, 'gridWorker'),
  };
}
