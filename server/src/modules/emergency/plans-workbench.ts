// 应急预案与备案's 工作台 items (issue 27). Owner: plans (预案、备案、评估修订、应急处置卡).
import type { WorkbenchProvider } from '../workbench/registry.ts';

export const emergencyPlansWorkItems: WorkbenchProvider = async () => [];
