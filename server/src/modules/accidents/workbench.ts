// The accidents' work items (工作台). For a supervisor of a chain level: reports waiting for its
// level to forward, chain steps overdue, reports its level has not acknowledged, investigations it
// runs that are overdue or due within 10 days, and investigation reports awaiting its approval.
// For an enterprise account: lessons to acknowledge. Each count uses the list's own WHERE (the
// lessons' is the enterprise's unacknowledged targets, the lessons page's list).
import { actorChainLevel, type ChainLevel, isEnterpriseUser, type WorkDefinition } from '@taishan/domain';
import { countEach, counted, type WorkbenchProvider } from '../workbench/registry.ts';
import { accidentListQuerySchema, countAccidentsFor } from './service.ts';

/**
 * The definitions for a supervisor (titles are keys of web/src/pages/accidents/workbench-messages.ts).
 * The county, which supervises the enterprise, also sees the accidents no inspection follows yet.
 */
export function accidentWork(level: ChainLevel | null): WorkDefinition[] {
  return [
    { kind: 'accidents.overdue', severity: 'urgent', titleKey: 'accWorkOverdue', query: { overdue: 'true' } },
    { kind: 'accidents.waitingMine', severity: 'urgent', titleKey: 'accWorkWaitingMine', query: { waitingMine: 'true' } },
    { kind: 'accidents.unacknowledged', severity: 'attention', titleKey: 'accWorkUnacknowledged', query: { unacknowledged: 'true' } },
    { kind: 'accidents.investigationDue', severity: 'attention', titleKey: 'accWorkInvestigationDue', query: { investigationDue: '10' } },
    { kind: 'accidents.awaitingApproval', severity: 'attention', titleKey: 'accWorkAwaitingApproval', query: { awaitingApproval: 'true' } },
    ...(level === 'county'
      ? [
          {
            kind: 'accidents.needsInspection',
            severity: 'attention',
            titleKey: 'accWorkNeedsInspection',
            query: { needsInspection: 'true' },
          } as const,
        ]
      : []),
  ];
}

export const accidentWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (isEnterpriseUser(actor)) {
    // The lessons list's own filter (lessons.ts listLessons with pending=true).
    const [n] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM accident_lesson_targets t JOIN accident_lessons l ON l.id = t.lesson_id
       WHERE t.enterprise_id = $1 AND t.acknowledged_at IS NULL`,
      [actor.scope.enterpriseId],
    );
    return [
      counted(
        { kind: 'accidents.lessons', severity: 'attention', titleKey: 'accWorkLessons', query: { pending: 'true' } },
        { path: '/accidents/lessons', apiPath: '/api/v1/accidents/lessons' },
        n?.n ?? 0,
      ),
    ];
  }
  if (!actorChainLevel(actor)) return [];
  return countEach(accidentWork(actorChainLevel(actor)), { path: '/accidents', apiPath: '/api/v1/accidents' }, (query) =>
    countAccidentsFor(tx, actor, accidentListQuerySchema.parse(query)),
  );
};
