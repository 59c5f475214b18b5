// Audit labels of 风险等级 (issue 28), spread into audit/actions.ts. Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
type Label = { zh: string; en: string };

export const PH_LEVELS_AUDIT_ACTIONS = {
  'phLevel.recompute': { zh: '重新计算风险等级建议', en: 'Recompute risk-level proposals' },
  'phLevel.confirm': { zh: '确认风险等级调整', en: 'Confirm a risk-level change' },
  'phLevel.override': { zh: '强制调整风险等级', en: 'Override a risk level' },
} as const satisfies Record<string, Label>;
export const PH_LEVELS_AUDIT_ENTITIES = {
  phRegionLevel: { zh: '地区风险等级', en: 'Region risk level' },
} as const satisfies Record<string, Label>;
