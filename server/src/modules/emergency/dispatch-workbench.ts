// 物资调拨's 工作台 items (issue 27). Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产).
import type { WorkbenchProvider } from '../workbench/registry.ts';

export const dispatchWorkItems: WorkbenchProvider = async () => [];
