// 传染病报告's 工作台 items (issue 28). Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
import type { WorkbenchProvider } from '../workbench/registry.ts';

export const phCasesWorkItems: WorkbenchProvider = async () => [];
