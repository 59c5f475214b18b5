// Assessment 工作台 items. Owner: assessment. For a jurisdiction (county or city): its sheet to
// prepare and submit, and the fix plan a 不合格 owes (urgent once overdue). For the level above:
// its children's sheets to confirm and their fix plans overdue. Each count is the list's own WHERE
// (assessment-service countAssessmentsFor), so it equals the list's total.
import { assessorOf, mayPrepareAssessment, type WorkDefinition } from '@taishan/domain';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { assessmentListQuerySchema, countAssessmentsFor } from './assessment-service.ts';

export function assessmentWork(prepares: boolean, assesses: boolean): WorkDefinition[] {
  return [
    ...(prepares
      ? ([
          { kind: 'assessment.toPrepare', severity: 'routine', titleKey: 'asWorkToPrepare', query: { mine: 'true', stage: 'preparing' } },
          {
            kind: 'assessment.fixPlanOwed',
            severity: 'attention',
            titleKey: 'asWorkFixPlanOwed',
            query: { mine: 'true', fixPlan: 'owed' },
          },
        ] as const)
      : []),
    ...(assesses
      ? ([
          {
            kind: 'assessment.toConfirm',
            severity: 'attention',
            titleKey: 'asWorkToConfirm',
            query: { children: 'true', status: 'submitted' },
          },
          {
            kind: 'assessment.fixPlanOverdue',
            severity: 'urgent',
            titleKey: 'asWorkFixPlanOverdue',
            query: { children: 'true', fixPlan: 'overdue' },
          },
        ] as const)
      : []),
  ];
}

export const assessmentWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  const defs = assessmentWork(mayPrepareAssessment(actor), assessorOf(actor) !== null && actor.scope.industries === null);
  if (!defs.length) return [];
  return countEach(defs, { path: '/assessments', apiPath: '/api/v1/assessments' }, (query) =>
    countAssessmentsFor(tx, actor, assessmentListQuerySchema.parse(query)),
  );
};
