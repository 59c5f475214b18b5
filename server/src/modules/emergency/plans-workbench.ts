// 应急预案与备案's 工作台 items (issue 27). Owner: plans (预案、备案、评估修订、应急处置卡).
// Enterprise: plans to sign or publish, filings due, evaluations due, open revision triggers, filings
// returned for missing items. County and above: filings to accept (the 5-working-day window), units
// that must file with none filed, plans overdue for evaluation. Each count is its list's total
// (the same WHERE builders).
import { isEnterpriseUser, mayAcceptFilings, type WorkDefinition } from '@taishan/domain';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { countFilingsFor, countPlansFor, filingListQuerySchema, missingFilingUnits, planListQuerySchema } from './plans-service.ts';

/** Titles are keys of web/src/pages/emergency/plans-messages.ts. */
const ENTERPRISE_WORK: WorkDefinition[] = [
  { kind: 'emergencyPlans.toSign', severity: 'attention', titleKey: 'emPlWorkToSign', query: { view: 'toSign' } },
  { kind: 'emergencyPlans.filingDue', severity: 'urgent', titleKey: 'emPlWorkFilingDue', query: { view: 'filingDue' } },
  { kind: 'emergencyPlans.evaluationDue', severity: 'attention', titleKey: 'emPlWorkEvaluationDue', query: { view: 'evaluationDue' } },
  { kind: 'emergencyPlans.openTriggers', severity: 'attention', titleKey: 'emPlWorkOpenTriggers', query: { view: 'openTriggers' } },
  { kind: 'emergencyPlans.returned', severity: 'urgent', titleKey: 'emPlWorkReturned', query: { view: 'filingReturned' } },
];
const DESK_FILING_WORK: WorkDefinition[] = [
  { kind: 'emergencyPlans.toAccept', severity: 'urgent', titleKey: 'emPlWorkToAccept', query: { view: 'pending' } },
];
const DESK_PLAN_WORK: WorkDefinition[] = [
  {
    kind: 'emergencyPlans.evaluationOverdue',
    severity: 'attention',
    titleKey: 'emPlWorkEvaluationOverdue',
    query: { view: 'evaluationOverdue' },
  },
];
const DESK_MISSING: WorkDefinition = {
  kind: 'emergencyPlans.missing',
  severity: 'attention',
  titleKey: 'emPlWorkMissing',
  query: { tab: 'missing' },
};

export const emergencyPlansWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (isEnterpriseUser(actor)) {
    return countEach(ENTERPRISE_WORK, { path: '/emergency/plans', apiPath: '/api/v1/emergency/plans' }, (q) =>
      countPlansFor(tx, planListQuerySchema.parse(q)),
    );
  }
  if (!mayAcceptFilings(actor)) return [];
  return [
    ...(await countEach(DESK_FILING_WORK, { path: '/emergency/filings', apiPath: '/api/v1/emergency/plan-filings' }, (q) =>
      countFilingsFor(tx, filingListQuerySchema.parse(q)),
    )),
    ...(await countEach([DESK_MISSING], { path: '/emergency/filings', apiPath: '/api/v1/emergency/plan-filings/missing' }, async () => ({
      count: (await missingFilingUnits(tx)).length,
      capped: false,
    }))),
    ...(await countEach(DESK_PLAN_WORK, { path: '/emergency/filings', apiPath: '/api/v1/emergency/plans' }, (q) =>
      countPlansFor(tx, planListQuerySchema.parse(q)),
    )),
  ];
};
