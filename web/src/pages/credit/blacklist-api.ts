// The serious-discredit list's API (server/src/modules/credit/blacklist-routes.ts). Shapes follow
// the service's items; enums are domain's.
import type {
  BlacklistAction,
  BlacklistPersonRole,
  BlacklistProposal,
  BlacklistReason,
  BlacklistStatus,
  BlacklistSubjectType,
  EarlyRemovalCondition,
} from '@taishan/domain';
import { api } from '../../api.ts';

export type BlacklistItem = {
  id: string;
  subjectType: BlacklistSubjectType;
  enterpriseId: string | null;
  intermediaryId: string | null;
  personUnitId: string | null;
  subjectName: string;
  subjectUscc: string | null;
  personName: string | null;
  personIdNumber: string | null;
  personRole: BlacklistPersonRole | null;
  reason: BlacklistReason;
  reasonProvisional: boolean;
  sourceType: 'accident' | 'case' | 'report' | 'manual';
  sourceId: string | null;
  sourceRef: string;
  penaltyDecisionRef: string | null;
  facts: string;
  regionCode: string;
  regionName: string | null;
  departmentName: string | null;
  status: BlacklistStatus;
  proposedByName: string | null;
  proposedAt: string;
  noticedAt: string | null;
  objectionDueOn: string | null;
  objection: string | null;
  objectionAt: string | null;
  objectionReply: string | null;
  objectionUpheld: boolean | null;
  decidedByName: string | null;
  listedAt: string | null;
  expiresAt: string | null;
  earlyRemovalFrom: string | null;
  removalAppliedAt: string | null;
  removalStatement: string | null;
  removalChecklist: Partial<Record<EarlyRemovalCondition, boolean>>;
  removedAt: string | null;
  removalReason: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  droppedAt: string | null;
  dropReason: string | null;
  partnerNotices: { department: string; at: string }[];
  decisionNumber: string | null;
  version: number;
  allowedActions: BlacklistAction[];
};

/** An issued document with its frozen text (what the PDF is drawn from). */
export type BlacklistDocument = {
  id: string;
  kind: 'creditNotice' | 'creditDecision' | 'creditRemoval';
  number: string;
  issuer: string;
  title: string;
  body: string[];
  issuedAt: string;
};
export type BlacklistEvent = { action: string; from: string | null; to: string; actorName: string | null; note: string | null; at: string };
export type BlacklistDetail = BlacklistItem & { documents: BlacklistDocument[]; events: BlacklistEvent[] };

export const fetchBlacklist = (query: string) =>
  api<{ items: BlacklistItem[]; total: number }>(`/api/v1/blacklist${query ? `?${query}` : ''}`);
export const fetchBlacklistEntry = (id: string) => api<BlacklistDetail>(`/api/v1/blacklist/${id}`);
export const scanBlacklist = () => api<{ created: number }>('/api/v1/blacklist/scan', { method: 'POST' });
export const proposeBlacklist = (body: Partial<BlacklistProposal>) =>
  api<BlacklistDetail>('/api/v1/blacklist', { method: 'POST', json: body });
export const blacklistStep = (id: string, action: BlacklistAction, body: Record<string, unknown>) =>
  api<BlacklistDetail>(`/api/v1/blacklist/${id}/steps/${action}`, { method: 'POST', json: body });
export const blacklistPdfUrl = (id: string) => `/api/v1/blacklist/documents/${id}/pdf`;
