// Public reports on the workbench (工作台) of their handlers: to accept, past a deadline, to
// conclude within a week — counted with the inbox's own WHERE.
import { mayHandleWhistleblowerReports, publicReportWork, whistleblowerReportQuerySchema } from '@taishan/domain';
import { todayInShanghai } from '../../time.ts';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { countReports, REPORT_LIST_LIMIT } from './store.ts';

export const publicReportWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  if (!mayHandleWhistleblowerReports(actor)) return [];
  return countEach(publicReportWork(todayInShanghai()), { path: '/reports', apiPath: '/api/v1/reports' }, async (query) => {
    const n = await countReports(tx, whistleblowerReportQuerySchema.parse(query));
    return { count: Math.min(n, REPORT_LIST_LIMIT), capped: n > REPORT_LIST_LIMIT };
  });
};
