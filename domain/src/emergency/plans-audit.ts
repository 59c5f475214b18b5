// Audit labels of 应急预案与备案 (issue 27), spread into audit/actions.ts. Owner: plans (预案、备案、评估修订、应急处置卡).
type Label = { zh: string; en: string };

export const EMERGENCY_PLANS_AUDIT_ACTIONS = {} as const satisfies Record<string, Label>;
export const EMERGENCY_PLANS_AUDIT_ENTITIES = {} as const satisfies Record<string, Label>;
