// The serious-discredit list's 工作台 items. For a deciding supervisor: candidates to decide,
// objection windows ended awaiting the decision, early-removal applications, entries expiring in
// 30 days. For an enterprise: its entries noticed (the objection window runs). Each count uses the
// list's own WHERE (countBlacklistFor), so it equals the list's total. Owner: blacklist.
import { isEnterpriseUser, mayManageBlacklist, type WorkDefinition } from '@taishan/domain';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { blacklistListQuerySchema, countBlacklistFor } from './blacklist-service.ts';

/** Titles are keys of web/src/pages/credit/blacklist-messages.ts. */
export const BLACKLIST_WORK: WorkDefinition[] = [
  { kind: 'blacklist.toDecide', severity: 'attention', titleKey: 'blWorkCandidates', query: { toDecide: 'true' } },
  { kind: 'blacklist.windowEnded', severity: 'urgent', titleKey: 'blWorkWindowEnded', query: { windowEnded: 'true' } },
  { kind: 'blacklist.removalApplied', severity: 'attention', titleKey: 'blWorkRemovalApplied', query: { removalApplied: 'true' } },
  { kind: 'blacklist.expiring', severity: 'routine', titleKey: 'blWorkExpiring', query: { expiringDays: '30' } },
];
const ENTERPRISE_WORK: WorkDefinition[] = [
  { kind: 'blacklist.noticed', severity: 'urgent', titleKey: 'blWorkNoticed', query: { status: 'noticed' } },
];

export const blacklistWorkItems: WorkbenchProvider = async (actor, _scope, tx) => {
  const defs = isEnterpriseUser(actor) ? ENTERPRISE_WORK : mayManageBlacklist(actor) ? BLACKLIST_WORK : [];
  return countEach(defs, { path: '/credit/blacklist', apiPath: '/api/v1/blacklist' }, (query) =>
    countBlacklistFor(tx, blacklistListQuerySchema.parse(query)),
  );
};
