// 突发公共卫生事件's 工作台 items (issue 28). Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
import type { WorkbenchProvider } from '../workbench/registry.ts';

export const phEventsWorkItems: WorkbenchProvider = async () => [];
