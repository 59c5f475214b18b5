// Public reports on the workbench (工作台) of their handlers: to accept, past a deadline, to
// conclude within a week — counted with the inbox's own WHERE.
import { publicReportWork } from '@taishan/domain';
import { todayInShanghai } from '../../time.ts';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { REPORT_LIST_LIMIT, reportListQuery, reportWhere } from './handling.ts';
import { mayHandle } from './store.ts';

export const publicReportWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (!mayHandle(actor)) return [];
  return countEach(publicReportWork(todayInShanghai()), { path: '/reports', apiPath: '/api/v1/reports' }, async (query) => {
    const w = reportWhere(tx, reportListQuery.parse(query));
    const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM reports r WHERE ${w.sql}`, w.params);
    const n = c?.n ?? 0;
    return { count: Math.min(n, REPORT_LIST_LIMIT), capped: n > REPORT_LIST_LIMIT };
  });
};
