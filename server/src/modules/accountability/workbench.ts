// 约谈 / 巡查 工作台 items for a government's supervisors: triggers awaiting its decision, written
// reports overdue, 巡查 findings open past their deadline, officials' work items due within 30 days.
// Each count is its list's own total (the same WHERE builders). Owner: accountability.
import { actorGovernment, summonedLevelOf } from '@taishan/domain';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { countWorkItems, workItemListQuerySchema } from './officials.ts';
import { countRecords, recordListQuerySchema } from './records.ts';
import { countFindings, findingListQuerySchema } from './tours.ts';
import { countPendingTriggers } from './triggers.ts';

export const accountabilityWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  const gov = actorGovernment(actor);
  if (!gov) return [];
  const now = new Date();
  // Only a level with governments below it decides triggers (a county has none under 安委〔2018〕2号).
  const triggers = summonedLevelOf(gov.level)
    ? await countEach(
        [{ kind: 'accountability.triggers', severity: 'urgent', titleKey: 'acWorkTriggers', query: { pending: 'true' } }],
        { path: '/accountability/triggers', apiPath: '/api/v1/accountability/triggers' },
        () => countPendingTriggers(tx, actor, now),
      )
    : [];
  return [
    ...triggers,
    ...(await countEach(
      [{ kind: 'accountability.reportsOverdue', severity: 'urgent', titleKey: 'acWorkReportsOverdue', query: { overdue: 'true' } }],
      { path: '/accountability/records', apiPath: '/api/v1/accountability/records' },
      (q) => countRecords(tx, recordListQuerySchema.parse(q), now),
    )),
    ...(await countEach(
      [{ kind: 'accountability.findingsOverdue', severity: 'attention', titleKey: 'acWorkFindingsOverdue', query: { overdue: 'true' } }],
      { path: '/accountability/findings', apiPath: '/api/v1/accountability/tour-findings' },
      (q) => countFindings(tx, findingListQuerySchema.parse(q), now),
    )),
    ...(await countEach(
      [{ kind: 'accountability.workDue', severity: 'attention', titleKey: 'acWorkItemsDue', query: { due: '30' } }],
      { path: '/accountability/work-items', apiPath: '/api/v1/accountability/work-items' },
      (q) => countWorkItems(tx, workItemListQuerySchema.parse(q), now),
    )),
  ];
};
