// Audit labels of 物资调拨 (issue 27), spread into audit/actions.ts. Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产).
type Label = { zh: string; en: string };

export const DISPATCH_AUDIT_ACTIONS = {} as const satisfies Record<string, Label>;
export const DISPATCH_AUDIT_ENTITIES = {} as const satisfies Record<string, Label>;
