// The penalty cases' work items (工作台): cases whose next step is the user's, decisions due within
// 15 days (行政处罚法 Art. 60's 90-day limit), and overdue cases (decision, payment, publication).
// Each is counted with the case list's own WHERE, so the count is what the list shows.
import { caseListQuerySchema, isEnforcer, type WorkDefinition } from '@taishan/domain';
import { workingCalendar } from '../calendar/index.ts';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { countCases } from './cases-service.ts';

/** The definitions for an enforcer (titles are keys of web/src/pages/enforcement/cases-messages.ts). */
export function caseWork(): WorkDefinition[] {
  return [
    { kind: 'cases.overdue', severity: 'urgent', titleKey: 'caseWorkOverdue', query: { overdue: 'true' } },
    { kind: 'cases.decisionSoon', severity: 'urgent', titleKey: 'caseWorkDecisionSoon', query: { decisionWithin: '15' } },
    { kind: 'cases.mine', severity: 'attention', titleKey: 'caseWorkMine', query: { mine: 'true' } },
  ];
}

/**
 * Needs the database's working calendar for the publication deadline; the provider gets only a
 * scoped handle, so the calendar is read through it (calendar_days is readable by the app role).
 */
export const caseWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (!isEnforcer(actor)) return [];
  const cal = await workingCalendar(tx);
  return countEach(caseWork(), { path: '/enforcement/cases', apiPath: '/api/v1/enforcement/cases' }, (query) =>
    countCases(tx, actor, caseListQuerySchema.parse(query), cal),
  );
};
