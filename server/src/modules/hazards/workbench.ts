// The hazard module's work items (工作台): hazards waiting for the user's step, planned inspections
// of the user's tier, and the enterprise's self-inspection schedules falling due. Each is counted
// with the WHERE of the list it links to, so the count is what that list shows.
import { hazardWork, inspectionWork, scheduleWork } from '@taishan/domain';
import { todayInShanghai } from '../../time.ts';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { countInspections, inspectionListQuery, inspectionWhere } from './inspection-store.ts';
import { HAZARD_COUNT_CAP, hazardListQuery, hazardListSql } from './list.ts';
import { SCHEDULE_LIST_LIMIT, scheduleListQuery, scheduleWhere } from './schedules.ts';

/** The hazard list's own total for these filters (exact from the kept counts, or counted up to the cap). */
export const hazardWorkItems: WorkbenchProvider = (actor, scope, tx) =>
  countEach(hazardWork(actor), { path: '/hazards', apiPath: '/api/v1/hazards' }, async (query) => {
    const list = hazardListSql(scope, hazardListQuery.parse({ ...query, pageSize: 1 }));
    const rows = await tx.query<{ capped_total: number }>(list.sql, list.params, { prepare: true, rawTimes: true });
    const n = rows[0]?.capped_total ?? 0;
    const capped = !list.exact && n > HAZARD_COUNT_CAP;
    return { count: capped ? HAZARD_COUNT_CAP : n, capped };
  });

export const inspectionWorkItems: WorkbenchProvider = (actor, _scope, tx) =>
  countEach(inspectionWork(actor, todayInShanghai()), { path: '/inspections', apiPath: '/api/v1/inspections' }, (query) =>
    countInspections(tx, inspectionWhere(tx, actor, inspectionListQuery.parse(query))),
  );

export const scheduleWorkItems: WorkbenchProvider = (actor, _scope, tx) =>
  countEach(
    scheduleWork(actor, todayInShanghai()),
    { path: '/inspection-schedules', apiPath: '/api/v1/inspection-schedules' },
    async (query) => {
      const w = scheduleWhere(tx, scheduleListQuery.parse(query));
      const [c] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM inspection_schedules s JOIN enterprises e ON e.id = s.enterprise_id WHERE ${w.sql}`,
        w.params,
      );
      const n = c?.n ?? 0;
      return { count: Math.min(n, SCHEDULE_LIST_LIMIT), capped: n > SCHEDULE_LIST_LIMIT };
    },
  );
