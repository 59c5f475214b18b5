// 传染病报告's 工作台 items (issue 28). Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
// A cdcReviewer: cards of its jurisdiction waiting for review, and those past the review window.
// A medicalReporter: its facility's cards returned for correction.
import type { WorkDefinition } from '@taishan/domain';
import { counted, type WorkbenchProvider } from '../workbench/registry.ts';

const TO_REVIEW: WorkDefinition = {
  kind: 'phCases.toReview',
  severity: 'attention',
  titleKey: 'phCaWorkToReview',
  query: { status: 'reported' },
};
const OVERDUE: WorkDefinition = {
  kind: 'phCases.reviewOverdue',
  severity: 'urgent',
  titleKey: 'phCaWorkOverdue',
  query: { status: 'reported', overdue: '1' },
};
const RETURNED: WorkDefinition = {
  kind: 'phCases.returned',
  severity: 'urgent',
  titleKey: 'phCaWorkReturned',
  query: { status: 'returned' },
};

export const phCasesWorkItems: WorkbenchProvider = async (actor, scope, tx) => {
  if (actor.role === 'cdcReviewer') {
    const [r] = await tx.query<{ n: number; late: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE review_due_at < now())::int AS late FROM ph_cases
        WHERE status = 'reported' AND (region_code LIKE $1 || '%' OR report_region_code LIKE $1 || '%')`,
      [scope.regionPrefix],
    );
    return [
      counted(TO_REVIEW, { path: '/public-health/review', apiPath: '/api/v1/health-cases' }, r?.n ?? 0),
      counted(OVERDUE, { path: '/public-health/review', apiPath: '/api/v1/health-cases' }, r?.late ?? 0),
    ];
  }
  if (actor.role === 'medicalReporter' && scope.enterpriseId) {
    const [r] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM ph_cases WHERE status = 'returned' AND facility_id = $1", [
      scope.enterpriseId,
    ]);
    return [counted(RETURNED, { path: '/public-health/cases', apiPath: '/api/v1/health-cases' }, r?.n ?? 0)];
  }
  return [];
};
