// Who may do what in 应急物资 (issue 27). Owner: supplies (分类编码、物资、仓库、库存批次、台账).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
//
// Scope: a jurisdiction sees and moves its own government and social stocks; it also READS the
// government reserves of the levels above (to ask for them: dispatch moves them with the owning
// level's approval) and the enterprise stocks in its region (read only: an enterprise moves its
// own). An enterprise account sees and moves only its own enterprise's stock.
import { type Actor, hasRole, inScope, isAdmin, isEnterpriseUser, isSupervisor, regionPrefix } from '../auth/roles.ts';
import type { WarehouseKind, WarehouseLevel } from './supplies-model.ts';

type Label = { zh: string; en: string };

export const maySeeSupplies = (a: Actor) => isAdmin(a) || isSupervisor(a) || isEnterpriseUser(a) || hasRole(a, 'departmentInspector');
/** The category tree is the province's (GB/T 38565 extended locally): the admin and the province. */
export const mayManageSupplyCategories = (a: Actor) => isAdmin(a) || hasRole(a, 'provinceSupervisor');
/** The item catalogue is shared: the admin, the province and the cities maintain it. */
export const mayManageSupplyItems = (a: Actor) => isAdmin(a) || hasRole(a, 'provinceSupervisor', 'citySupervisor');
/** Who may keep warehouses and stock at all (each warehouse then by its scope and kind). */
export const mayKeepSupplies = (a: Actor) => isAdmin(a) || isSupervisor(a) || isEnterpriseUser(a);

export function suppliesAbilities(a: Actor): Record<string, boolean> {
  return {
    'supplies.view': maySeeSupplies(a),
    'supplies.manageCategories': mayManageSupplyCategories(a),
    'supplies.manageItems': mayManageSupplyItems(a),
    'supplies.keep': mayKeepSupplies(a),
  };
}

export type WarehouseRef = { kind: WarehouseKind; level: WarehouseLevel | null; regionCode: string; enterpriseId: string | null };

/** Whether the actor sees the warehouse (the RLS read policy's rule, mirrored). */
export function maySeeWarehouse(a: Actor, w: WarehouseRef): boolean {
  if (!maySeeSupplies(a)) return false;
  if (inScope({ ...a.scope, industries: null }, { regionCode: w.regionCode, enterpriseId: w.enterpriseId })) return true;
  const own = regionPrefix(w.regionCode);
  return w.kind === 'government' && a.scope.enterpriseId === null && a.scope.regionPrefix.startsWith(own);
}

/**
 * Whether the actor may move (in, out, count, transfer) and edit the warehouse: inside its region;
 * a government reserve by the level that owns it only (its region code is that level's own code:
 * a city may not draw a county's reserve directly, it asks through a dispatch request the county
 * approves); a social stock by government users over it; an enterprise stock by that enterprise only.
 */
export function mayMoveWarehouse(a: Actor, w: WarehouseRef): boolean {
  if (!mayKeepSupplies(a)) return false;
  if (!w.regionCode.startsWith(a.scope.regionPrefix)) return false;
  if (isEnterpriseUser(a)) return w.kind === 'enterprise' && w.enterpriseId === a.scope.enterpriseId;
  if (isAdmin(a)) return true;
  if (w.kind === 'government') return regionPrefix(w.regionCode) === a.scope.regionPrefix;
  return w.kind !== 'enterprise';
}

export const WAREHOUSE_ACTIONS = ['edit', 'receive', 'issue', 'count', 'transfer', 'setMinimum'] as const;
export type WarehouseAction = (typeof WAREHOUSE_ACTIONS)[number];

/** The buttons a warehouse shows this actor. */
export function warehouseAllowedActions(a: Actor, w: WarehouseRef & { active: boolean }): WarehouseAction[] {
  if (!mayMoveWarehouse(a, w)) return [];
  return w.active ? [...WAREHOUSE_ACTIONS] : ['edit'];
}

/**
 * Why a warehouse of this kind and level cannot lie in a region of `regionLevel`, or null: a
 * government reserve belongs to the jurisdiction of its level (the city's reserve has the city's
 * code, wherever its building stands); enterprise and social stocks lie in a county or township.
 */
export function warehouseRegionProblem(kind: WarehouseKind, level: WarehouseLevel | null, regionLevel: WarehouseLevel): Label | null {
  if (kind === 'government') {
    if (level !== regionLevel)
      return {
        zh: '政府储备的地区须为其级别的行政区（如市级储备选市）',
        en: 'A government reserve takes the region of its level (a city reserve: the city)',
      };
    return null;
  }
  if (regionLevel === 'province' || regionLevel === 'city')
    return { zh: '企业和社会储备须选择所在区县或乡镇', en: 'Enterprise and social stocks lie in a county or township' };
  return null;
}
