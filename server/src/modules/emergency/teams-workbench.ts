// 队伍、专家与值班's 工作台 items (issue 27). Owner: teams (救援队伍、专家、值班).
// A county/city/province supervisor: the 24-hour rosters with gaps in the next 7 days (its own
// government's and its units that must keep 24-hour duty), and the Decree 708 units with neither a
// team nor an agreement. An enterprise: its own roster's gaps. Each count is the length of the list
// the item opens (the same functions), so it equals the list's total.
import { isEnterpriseUser, isSupervisor, type WorkDefinition } from '@taishan/domain';
import { counted, type WorkbenchProvider } from '../workbench/registry.ts';
import { rosterGapsIn, uncoveredUnitsIn } from './teams-service.ts';

const GAPS: WorkDefinition = { kind: 'teams.rosterGaps', severity: 'attention', titleKey: 'emTeWorkGaps', query: {} };
const UNCOVERED: WorkDefinition = {
  kind: 'teams.uncoveredUnits',
  severity: 'routine',
  titleKey: 'emTeWorkUncovered',
  query: { tab: 'uncovered' },
};

export const teamsWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (!isSupervisor(actor) && !isEnterpriseUser(actor)) return [];
  const items = [];
  const gaps = await rosterGapsIn(tx, actor);
  items.push(counted(GAPS, { path: '/emergency/duty/gaps', apiPath: '/api/v1/duty/gaps' }, gaps.length));
  if (isSupervisor(actor) && !actor.role.startsWith('township')) {
    const units = await uncoveredUnitsIn(tx);
    items.push(counted(UNCOVERED, { path: '/emergency/teams', apiPath: '/api/v1/teams/uncovered-units' }, units.length));
  }
  return items;
};
