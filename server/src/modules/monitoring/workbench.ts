// Alarms on the workbench (工作台): those nobody has acknowledged yet, counted with the alarm
// list's own WHERE (the wall opens filtered to them).
import { alarmWork } from '@taishan/domain';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { ALARM_LIST_LIMIT, alarmListQuery, alarmWhere } from './alarms-store.ts';

export const alarmWorkItems: WorkbenchProvider = (_actor, _scope, tx) =>
  countEach(alarmWork(), { path: '/monitoring', apiPath: '/api/v1/alarms' }, async (query) => {
    const { where, params } = alarmWhere(tx, alarmListQuery.parse(query));
    const [c] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM alarms a JOIN sensors s ON s.id = a.sensor_id WHERE ${where}`,
      params,
    );
    const n = c?.n ?? 0;
    return { count: Math.min(n, ALARM_LIST_LIMIT), capped: n > ALARM_LIST_LIMIT };
  });
