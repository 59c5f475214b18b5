// 突发公共卫生事件's 工作台 items (issue 28). Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
// Signals waiting for confirmation, events whose reporting chain has a step due or overdue, tasks
// assigned to me (open), and the overdue open tasks of my region (the cases part's 流调 tasks too).
// Each count is the length of the list the item opens.
import { phEventsAbilities, type WorkDefinition } from '@taishan/domain';
import { counted, type WorkbenchProvider } from '../workbench/registry.ts';
import { countEvents, countTasks } from './events-store.ts';

const SIGNALS: WorkDefinition = { kind: 'phEvents.signals', severity: 'urgent', titleKey: 'phEvWorkSignals', query: { status: 'signal' } };
const CHAIN: WorkDefinition = { kind: 'phEvents.chainDue', severity: 'urgent', titleKey: 'phEvWorkChainDue', query: { chain: 'due' } };
const MINE: WorkDefinition = {
  kind: 'phEvents.myTasks',
  severity: 'attention',
  titleKey: 'phEvWorkMyTasks',
  query: { mine: '1', status: 'open' },
};
const OVERDUE: WorkDefinition = {
  kind: 'phEvents.overdueTasks',
  severity: 'attention',
  titleKey: 'phEvWorkOverdueTasks',
  query: { overdue: '1' },
};

const DECIDERS = ['countySupervisor', 'citySupervisor', 'provinceSupervisor', 'cdcReviewer'];

export const phEventsWorkItems: WorkbenchProvider = async (actor, scope, tx) => {
  // Only for those whose lists these are (a department inspector has no tasks list).
  if (scope.enterpriseId !== null || !phEventsAbilities(actor)['phEvents.tasks']) return [];
  const items = [];
  const now = new Date();
  const prefix = scope.regionPrefix;
  if (DECIDERS.includes(actor.role)) {
    const signals = await countEvents(tx, { prefix, status: 'signal' });
    items.push(counted(SIGNALS, { path: '/public-health/events', apiPath: '/api/v1/health-events' }, signals));
    const due = await countEvents(tx, { prefix, chainDue: true });
    items.push(counted(CHAIN, { path: '/public-health/events', apiPath: '/api/v1/health-events' }, due));
  }
  const mine = await countTasks(tx, { prefix, status: 'open', assigneeId: actor.id });
  items.push(counted(MINE, { path: '/public-health/tasks', apiPath: '/api/v1/health-tasks' }, mine));
  if (DECIDERS.includes(actor.role) || actor.role === 'townshipSupervisor') {
    const overdue = await countTasks(tx, { prefix, overdueAt: now });
    items.push(counted(OVERDUE, { path: '/public-health/tasks', apiPath: '/api/v1/health-tasks' }, overdue));
  }
  return items;
};
