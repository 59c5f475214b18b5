// Audit labels of 突发公共卫生事件 (issue 28), spread into audit/actions.ts. Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
type Label = { zh: string; en: string };

export const PH_EVENTS_AUDIT_ACTIONS = {} as const satisfies Record<string, Label>;
export const PH_EVENTS_AUDIT_ENTITIES = {} as const satisfies Record<string, Label>;
