// 指挥中心's 工作台 items (issue 28). Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
import type { WorkbenchProvider } from '../workbench/registry.ts';

export const cmBoardWorkItems: WorkbenchProvider = async () => [];
