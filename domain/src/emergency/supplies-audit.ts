// Audit labels of 应急物资 (issue 27), spread into audit/actions.ts. Owner: supplies (分类编码、物资、仓库、库存批次、台账).
type Label = { zh: string; en: string };

export const SUPPLIES_AUDIT_ACTIONS = {} as const satisfies Record<string, Label>;
export const SUPPLIES_AUDIT_ENTITIES = {} as const satisfies Record<string, Label>;
