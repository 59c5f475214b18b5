// Audit labels of 指挥中心 (issue 28), spread into audit/actions.ts. Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
type Label = { zh: string; en: string };

export const CM_BOARD_AUDIT_ACTIONS = {} as const satisfies Record<string, Label>;
export const CM_BOARD_AUDIT_ENTITIES = {} as const satisfies Record<string, Label>;
