// 值班与简报's 工作台 items (issue 28). Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
import type { WorkbenchProvider } from '../workbench/registry.ts';

export const cmDutyWorkItems: WorkbenchProvider = async () => [];
