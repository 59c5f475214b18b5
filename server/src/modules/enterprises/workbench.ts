// Enterprises' change requests on the workbench (工作台) of those who confirm them, counted with
// the list's own WHERE.
import { changeRequestQuerySchema, enterpriseChangeWork } from '@taishan/domain';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { CHANGE_LIST_LIMIT, changeRequestWhere } from './change-requests-store.ts';

export const enterpriseChangeWorkItems: WorkbenchProvider = async (actor, _scope, tx) =>
  countEach(enterpriseChangeWork(actor), { path: '/enterprises/changes', apiPath: '/api/v1/enterprise-change-requests' }, async (query) => {
    const params: unknown[] = [];
    const where = changeRequestWhere(actor, changeRequestQuerySchema.parse(query), params);
    const [c] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise_change_requests c WHERE ${where}`, params);
    const n = c?.n ?? 0;
    return { count: Math.min(n, CHANGE_LIST_LIMIT), capped: n > CHANGE_LIST_LIMIT };
  });
