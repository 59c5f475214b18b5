// Audit labels of 风险等级 (issue 28), spread into audit/actions.ts. Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
type Label = { zh: string; en: string };

export const PH_LEVELS_AUDIT_ACTIONS = {} as const satisfies Record<string, Label>;
export const PH_LEVELS_AUDIT_ENTITIES = {} as const satisfies Record<string, Label>;
