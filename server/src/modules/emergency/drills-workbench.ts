// 应急演练's 工作台 items (issue 27). Owner: drills (演练计划、实施、评估、频次检查).
import type { WorkbenchProvider } from '../workbench/registry.ts';

export const drillsWorkItems: WorkbenchProvider = async () => [];
