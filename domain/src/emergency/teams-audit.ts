// Audit labels of 队伍、专家与值班 (issue 27), spread into audit/actions.ts. Owner: teams (救援队伍、专家、值班).
type Label = { zh: string; en: string };

export const TEAMS_AUDIT_ACTIONS = {} as const satisfies Record<string, Label>;
export const TEAMS_AUDIT_ENTITIES = {} as const satisfies Record<string, Label>;
