// Audit labels of the serious-discredit list (issue 26), spread into audit/actions.ts.
// The steps are written as `blacklist.${action}` (BLACKLIST_ACTIONS), plus the two below them.
type Label = { zh: string; en: string };

export const BLACKLIST_AUDIT_ACTIONS = {
  'blacklist.propose': { zh: '提出严重失信名单候选', en: 'Propose for the serious-discredit list' },
  'blacklist.notify': { zh: '严重失信名单：告知', en: 'Discredit list: notice of intended listing' },
  'blacklist.recordObjection': { zh: '严重失信名单：登记异议', en: 'Discredit list: objection recorded' },
  'blacklist.handleObjection': { zh: '严重失信名单：异议处理', en: 'Discredit list: objection handled' },
  'blacklist.decide': { zh: '严重失信名单：列入决定', en: 'Discredit list: listing decided' },
  'blacklist.drop': { zh: '严重失信名单：不予列入', en: 'Discredit list: dropped' },
  'blacklist.applyRemoval': { zh: '严重失信名单：申请提前移出', en: 'Discredit list: early removal applied for' },
  'blacklist.approveRemoval': { zh: '严重失信名单：提前移出', en: 'Discredit list: removed early' },
  'blacklist.rejectRemoval': { zh: '严重失信名单：驳回提前移出申请', en: 'Discredit list: early removal refused' },
  'blacklist.revokeRemoval': { zh: '严重失信名单：撤销提前移出', en: 'Discredit list: early removal revoked' },
  'blacklist.expire': { zh: '严重失信名单：期满移出', en: 'Discredit list: term ended' },
} as const satisfies Record<string, Label>;
export const BLACKLIST_AUDIT_ENTITIES = {
  blacklistEntry: { zh: '严重失信名单记录', en: 'Discredit list entry' },
} as const satisfies Record<string, Label>;
