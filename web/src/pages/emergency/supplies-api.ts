// 应急物资's API (server/src/modules/emergency/supplies-routes.ts). Shapes follow the service's
// views; enums are domain's. Owner: supplies.
import type { MovementKind, WarehouseAction, WarehouseKind, WarehouseLevel } from '@taishan/domain';
import { api } from '../../api.ts';

export type SupplyCategory = {
  code: string;
  parentCode: string | null;
  level: number;
  nameZh: string;
  nameEn: string;
  provisional: boolean;
  items: number;
};
export type SupplyItem = {
  id: string;
  categoryCode: string;
  categoryName: string;
  code: string | null;
  name: string;
  spec: string;
  unit: string;
  wholeUnits: boolean;
  packSize: number | null;
  packUnit: string | null;
  shelfLifeDays: number | null;
  note: string;
  active: boolean;
  version: number;
};
export type Warehouse = {
  id: string;
  name: string;
  kind: WarehouseKind;
  level: WarehouseLevel | null;
  regionCode: string;
  regionName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  lat: number | null;
  lng: number | null;
  address: string;
  contactName: string;
  contactPhone: string;
  note: string;
  active: boolean;
  version: number;
  batches: number;
  items: number;
  expiring: number;
  belowMinimum: number;
  readOnly: boolean;
  allowedActions: WarehouseAction[];
};
export type Batch = {
  id: string;
  itemId: string;
  itemName: string;
  spec: string;
  unit: string;
  wholeUnits: boolean;
  categoryCode: string;
  batchNo: string;
  expiresOn: string | null;
  quantity: number;
  itemTotal: number;
  minimum: number | null;
  belowMinimum: boolean;
  expired: boolean;
  expiring: boolean;
};
export type WarehouseDetail = Warehouse & {
  expiryHorizon: string;
  batches: Batch[];
  minimumsWithoutStock: { itemId: string; itemName: string; unit: string; minimum: number }[];
};
export type Movement = {
  id: string;
  at: string;
  kind: MovementKind;
  delta: number;
  balance: number;
  itemId: string;
  itemName: string;
  unit: string;
  batchNo: string;
  refType: string | null;
  refId: string | null;
  note: string;
  actorName: string | null;
};
export type CategoryStock = {
  code: string;
  nameZh: string;
  nameEn: string;
  provisional: boolean;
  items: number;
  batches: number;
  quantities: { unit: string; quantity: number }[];
};
export type ItemStock = {
  itemId: string;
  name: string;
  spec: string;
  unit: string;
  categoryCode: string;
  quantity: number;
  warehouses: number;
  earliestExpiry: string | null;
};
export type ExpiringRow = {
  stockId: string;
  warehouseId: string;
  warehouseName: string;
  itemId: string;
  itemName: string;
  unit: string;
  batchNo: string;
  expiresOn: string;
  expired: boolean;
  quantity: number;
};
export type BelowRow = {
  warehouseId: string;
  warehouseName: string;
  itemId: string;
  itemName: string;
  unit: string;
  minimum: number;
  quantity: number;
  shortfall: number;
};

const BASE = '/api/v1/supplies';
export const fetchCategories = () => api<{ items: SupplyCategory[]; mayAdd: boolean }>(`${BASE}/categories`);
export const addCategory = (body: unknown) => api<{ code: string }>(`${BASE}/categories`, { method: 'POST', json: body });
export const fetchItems = (qs: string) => api<{ items: SupplyItem[]; total: number; mayAdd: boolean }>(`${BASE}/items?${qs}`);
export const addItem = (body: unknown) => api<{ id: string }>(`${BASE}/items`, { method: 'POST', json: body });
export const fetchWarehouses = (qs: string) => api<{ items: Warehouse[]; total: number; mayCreate: boolean }>(`${BASE}/warehouses?${qs}`);
export const addWarehouse = (body: unknown) => api<{ id: string }>(`${BASE}/warehouses`, { method: 'POST', json: body });
export const fetchWarehouse = (id: string) => api<WarehouseDetail>(`${BASE}/warehouses/${id}`);
export const fetchMovements = (id: string, qs: string) =>
  api<{ items: Movement[]; total: number }>(`${BASE}/warehouses/${id}/movements?${qs}`);
export const postMovement = (id: string, body: unknown) =>
  api<{ balance: number; itemBalance: number }>(`${BASE}/warehouses/${id}/movements`, { method: 'POST', json: body });
export const postCount = (id: string, body: unknown) =>
  api<{ balance: number; difference: number }>(`${BASE}/warehouses/${id}/counts`, { method: 'POST', json: body });
export const postTransfer = (id: string, body: unknown) =>
  api<{ transferId: string }>(`${BASE}/warehouses/${id}/transfers`, { method: 'POST', json: body });
export const putMinimum = (id: string, body: unknown) => api<unknown>(`${BASE}/warehouses/${id}/minimums`, { method: 'PUT', json: body });
export const fetchStockByCategory = (qs: string) => api<{ level: number; items: CategoryStock[] }>(`${BASE}/stock/by-category?${qs}`);
export const fetchStockItems = (qs: string) => api<{ items: ItemStock[]; total: number }>(`${BASE}/stock/items?${qs}`);
export const fetchAlerts = <T>(qs: string) => api<{ items: T[]; total: number }>(`${BASE}/stock/alerts?${qs}`);
