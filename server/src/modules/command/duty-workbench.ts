// 值班与简报's 工作台 items (issue 28): for the user on duty now, the new signals since the shift
// began, and today's log while it is not handed over. Each count is the length of the list the
// item opens (the same functions). Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
import { isSupervisor, type WorkDefinition } from '@taishan/domain';
import { counted, type WorkbenchProvider } from '../workbench/registry.ts';
import { dutySignalsIn, dutyTodayIn } from './duty-service.ts';

const NEW_SIGNALS: WorkDefinition = { kind: 'cmDuty.newSignals', severity: 'urgent', titleKey: 'cmDuWorkSignals', query: {} };
const HANDOVER: WorkDefinition = { kind: 'cmDuty.handover', severity: 'attention', titleKey: 'cmDuWorkHandover', query: {} };

export const cmDutyWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (!isSupervisor(actor) || !actor.scope.regionPrefix) return [];
  const today = await dutyTodayIn(tx, actor);
  if (!today.isOfficer) return [];
  const signals = await dutySignalsIn(tx, actor);
  const where = { path: '/command/duty', apiPath: '/api/v1/command/duty/signals' };
  return [
    counted(NEW_SIGNALS, where, signals.items.length),
    counted(HANDOVER, { path: '/command/duty', apiPath: '/api/v1/command/duty' }, today.log.state === 'open' ? 1 : 0),
  ];
};
