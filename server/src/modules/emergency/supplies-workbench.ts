// 应急物资's 工作台 items (issue 27). Owner: supplies (分类编码、物资、仓库、库存批次、台账).
// For those who keep stock: batches about to expire (window: the setting supplies.expiryWarningDays)
// and items below their reorder minimum, in the jurisdiction's own warehouses (an enterprise: its
// own). Each count uses the alert list's own WHERE (countAlerts), so it equals the list's total.
import { mayKeepSupplies, type WorkDefinition } from '@taishan/domain';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { countAlerts } from './supplies-service.ts';

/** Titles are keys of web/src/pages/emergency/supplies-messages.ts. */
export const SUPPLIES_WORK: WorkDefinition[] = [
  { kind: 'supplies.expiring', severity: 'attention', titleKey: 'emSuWorkExpiring', query: { view: 'expiring' } },
  { kind: 'supplies.belowMinimum', severity: 'attention', titleKey: 'emSuWorkBelowMinimum', query: { view: 'belowMinimum' } },
];

export const suppliesWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (!mayKeepSupplies(actor)) return [];
  return countEach(SUPPLIES_WORK, { path: '/emergency/supplies/alerts', apiPath: '/api/v1/supplies/stock/alerts' }, (query) =>
    countAlerts(tx, query.view === 'belowMinimum' ? 'belowMinimum' : 'expiring'),
  );
};
