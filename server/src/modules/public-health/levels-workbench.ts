// 风险等级's 工作台 items (issue 28). Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
import type { WorkbenchProvider } from '../workbench/registry.ts';

export const phLevelsWorkItems: WorkbenchProvider = async () => [];
