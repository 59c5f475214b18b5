// Audit labels of 传染病报告 (issue 28), spread into audit/actions.ts. Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
type Label = { zh: string; en: string };

export const PH_CASES_AUDIT_ACTIONS = {} as const satisfies Record<string, Label>;
export const PH_CASES_AUDIT_ENTITIES = {} as const satisfies Record<string, Label>;
