// 应急演练's 工作台 items (issue 27). Owner: drills (演练计划、实施、评估、频次检查).
// An enterprise: drills planned this month, evaluations not written, obligations missing this period.
// A county or city (the spot-checking regulators): units with missed drills, reported drills awaiting
// the spot-check. Each count uses its list's own query, so it equals the list's total.
import { hasRole, isEnterpriseUser, maySpotCheckDrills, type WorkDefinition } from '@taishan/domain';
import { todayInShanghai } from '../../time.ts';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { countDrillsFor, countMissingFor, drillListQuerySchema, drillMissingQuerySchema } from './drills-service.ts';

/** Titles are keys of web/src/pages/emergency/drills-messages.ts. */
const enterpriseWork = (month: string): WorkDefinition[] => [
  { kind: 'drills.plannedThisMonth', severity: 'routine', titleKey: 'emDrWorkPlanned', query: { status: 'planned', month } },
  { kind: 'drills.notEvaluated', severity: 'attention', titleKey: 'emDrWorkNotEvaluated', query: { notEvaluated: 'true' } },
];
const ENTERPRISE_MISSING: WorkDefinition = {
  kind: 'drills.missingThisPeriod',
  severity: 'attention',
  titleKey: 'emDrWorkMissingOwn',
  query: { per: 'obligation', state: 'open' },
};
const REGULATOR_MISSING: WorkDefinition = {
  kind: 'drills.unitsMissing',
  severity: 'attention',
  titleKey: 'emDrWorkUnitsMissing',
  query: { per: 'unit', state: 'missed' },
};
const REGULATOR_WORK: WorkDefinition[] = [
  { kind: 'drills.awaitingCheck', severity: 'routine', titleKey: 'emDrWorkAwaitingCheck', query: { status: 'reported' } },
];

export const drillsWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  const lists = { path: '/emergency/drills', apiPath: '/api/v1/drills' };
  const missing = { path: '/emergency/drills/missing', apiPath: '/api/v1/drills/missing' };
  if (isEnterpriseUser(actor)) {
    const month = todayInShanghai().slice(0, 7);
    return [
      ...(await countEach(enterpriseWork(month), lists, (q) => countDrillsFor(tx, drillListQuerySchema.parse(q)))),
      ...(await countEach([ENTERPRISE_MISSING], missing, (q) => countMissingFor(tx, drillMissingQuerySchema.parse(q)))),
    ];
  }
  if (!maySpotCheckDrills(actor)) return [];
  // The frequency check reads every unit of the jurisdiction: a county's or a city's 工作台 asks it,
  // a province's opens the list on demand (its page) instead.
  const missingItems = hasRole(actor, 'countySupervisor', 'citySupervisor', 'departmentInspector')
    ? await countEach([REGULATOR_MISSING], missing, (q) => countMissingFor(tx, drillMissingQuerySchema.parse(q)))
    : [];
  return [...missingItems, ...(await countEach(REGULATOR_WORK, lists, (q) => countDrillsFor(tx, drillListQuerySchema.parse(q))))];
};
