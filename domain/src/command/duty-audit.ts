// Audit labels of 值班与简报 (issue 28), spread into audit/actions.ts. Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
type Label = { zh: string; en: string };

export const CM_DUTY_AUDIT_ACTIONS = {} as const satisfies Record<string, Label>;
export const CM_DUTY_AUDIT_ENTITIES = {} as const satisfies Record<string, Label>;
