// Audit labels of 应急演练 (issue 27), spread into audit/actions.ts. Owner: drills (演练计划、实施、评估、频次检查).
type Label = { zh: string; en: string };

export const DRILLS_AUDIT_ACTIONS = {} as const satisfies Record<string, Label>;
export const DRILLS_AUDIT_ENTITIES = {} as const satisfies Record<string, Label>;
