// 队伍、专家与值班's 工作台 items (issue 27). Owner: teams (救援队伍、专家、值班).
import type { WorkbenchProvider } from '../workbench/registry.ts';

export const teamsWorkItems: WorkbenchProvider = async () => [];
