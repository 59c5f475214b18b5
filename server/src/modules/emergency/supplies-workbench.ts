// 应急物资's 工作台 items (issue 27). Owner: supplies (分类编码、物资、仓库、库存批次、台账).
import type { WorkbenchProvider } from '../workbench/registry.ts';

export const suppliesWorkItems: WorkbenchProvider = async () => [];
