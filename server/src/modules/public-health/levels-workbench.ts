// 风险等级's 工作台 items (issue 28). Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
// The level that confirms (a county its townships, a city its counties, the admin): the proposals
// waiting for its confirmation. The count is the length of the list the board shows.
import { allowedLevelActions, type WorkDefinition } from '@taishan/domain';
import { counted, type WorkbenchProvider } from '../workbench/registry.ts';
import { pendingProposals } from './levels-store.ts';

const PENDING: WorkDefinition = {
  kind: 'phLevels.pending',
  severity: 'attention',
  titleKey: 'phLvWorkPending',
  query: { mine: '1' },
};

export const phLevelsWorkItems: WorkbenchProvider = async (actor, scope, tx) => {
  if (!['platformAdmin', 'countySupervisor', 'citySupervisor'].includes(actor.role) || scope.enterpriseId !== null) return [];
  const mine = (await pendingProposals(tx, scope.regionPrefix)).filter((p) =>
    allowedLevelActions(actor, p.region_code).includes('confirm'),
  );
  return [counted(PENDING, { path: '/public-health/levels', apiPath: '/api/v1/risk-levels/proposals' }, mine.length)];
};
