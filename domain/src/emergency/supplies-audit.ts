// Audit labels of 应急物资 (issue 27), spread into audit/actions.ts. Owner: supplies (分类编码、物资、仓库、库存批次、台账).
type Label = { zh: string; en: string };

export const SUPPLIES_AUDIT_ACTIONS = {
  'supplies.movement': { zh: '应急物资出入库', en: 'Supplies stock movement' },
  'supplies.count': { zh: '应急物资盘点', en: 'Supplies stock count' },
  'supplies.transfer': { zh: '应急物资库间调拨', en: 'Supplies transfer between warehouses' },
  'supplies.categoryCreate': { zh: '新增应急物资分类', en: 'Supplies category added' },
  'supplies.itemCreate': { zh: '新增应急物资品种', en: 'Supplies item added' },
  'supplies.itemUpdate': { zh: '修改应急物资品种', en: 'Supplies item changed' },
  'supplies.warehouseCreate': { zh: '新增应急物资仓库', en: 'Supplies warehouse added' },
  'supplies.warehouseUpdate': { zh: '修改应急物资仓库', en: 'Supplies warehouse changed' },
  'supplies.minimumSet': { zh: '设置最低库存', en: 'Reorder minimum set' },
  'supplies.batchUpdate': { zh: '修改批次有效期', en: 'Batch expiry changed' },
} as const satisfies Record<string, Label>;
export const SUPPLIES_AUDIT_ENTITIES = {
  supplyCategory: { zh: '应急物资分类', en: 'Supplies category' },
  supplyItem: { zh: '应急物资品种', en: 'Supplies item' },
  supplyWarehouse: { zh: '应急物资仓库', en: 'Supplies warehouse' },
  supplyStock: { zh: '应急物资批次', en: 'Supplies batch' },
} as const satisfies Record<string, Label>;
