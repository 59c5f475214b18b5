// 应急预案与备案's API (server/src/modules/emergency/plans-routes.ts). Owner: plans.
import type { EmergencyPlanAction, EmergencyPlanStatus, EmergencyPlanType, FilingAction, FilingStatus, PlanPost } from '@taishan/domain';
import { api } from '../../api.ts';

export type PlanItem = {
  id: string;
  ownerKind: 'enterprise' | 'government';
  enterpriseId: string | null;
  enterpriseName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  regionCode: string;
  regionName: string | null;
  planType: EmergencyPlanType;
  title: string;
  status: EmergencyPlanStatus;
  planVersion: number;
  publishedOn: string | null;
  mustFile: boolean;
  filingDueOn: string | null;
  filedVersion: number | null;
  openFilingId: string | null;
  refilingRequired: boolean;
  evaluatedOn: string | null;
  evaluationDueOn: string | null;
  evaluationOverdue: boolean;
  openTriggers: number;
  version: number;
  allowedActions: EmergencyPlanAction[];
};

export type Filing = {
  id: string;
  planId: string;
  planVersion: number;
  planTitle?: string;
  planType?: EmergencyPlanType;
  enterpriseName: string | null;
  regionName: string | null;
  status: FilingStatus;
  materials: Record<string, boolean>;
  submittedAt: string;
  submittedOn: string;
  answerDueOn: string;
  workingDaysLeft: number | null;
  missingItems: string[];
  recordNumber: string | null;
  acceptedByName: string | null;
  version: number;
  allowedActions: FilingAction[];
};

export type SectionDef = { key: string; clause: string; zh: string; en: string };

export type PlanDetail = PlanItem & {
  sections: Record<string, string>;
  annexes: Record<string, string>;
  posts: PlanPost[];
  sectionDefs: SectionDef[];
  review: {
    kind: 'review' | 'demonstration' | null;
    reviewedOn: string | null;
    experts: string | null;
    minutes: string | null;
    opinion: string | null;
  };
  requiredReviewKind: 'review' | 'demonstration';
  reviewReasons: string[];
  decree708: boolean;
  principalName: string | null;
  signedAt: string | null;
  evaluationNote: string | null;
  refilingSections: string[];
  filings: Filing[];
  versions: { planVersion: number; title: string; publishedOn: string; signedByName: string | null }[];
  triggers: {
    id: string;
    kind: string;
    sourceType: string | null;
    note: string;
    status: string;
    createdByName: string | null;
    createdAt: string;
  }[];
  events: {
    action: string;
    fromStatus: string | null;
    toStatus: string | null;
    actorName: string | null;
    note: string | null;
    at: string;
  }[];
  documents: { id: string; kind: 'planFilingRecord' | 'planFilingNotice'; number: string; title: string; issuedAt: string }[];
  supplies: {
    warehouse: string;
    item: string;
    spec: string;
    unit: string;
    quantity: number;
    expiresOn: string | null;
    contactName: string;
    contactPhone: string;
  }[];
  contacts: { name: string; role: string; phone: string }[];
  links: {
    riskPoints: { id: string; name: string; level: string | null }[];
    installations: { id: string; name: string; grade: number | null }[];
    candidates: { riskPoints: { id: string; name: string }[]; installations: { id: string; name: string }[] };
  };
};

export type Cards = {
  planId: string;
  planTitle: string;
  owner: string;
  alarmPhone: string;
  status: EmergencyPlanStatus;
  cards: (PlanPost & { owner: string; planTitle: string })[];
};

export type MissingUnit = { enterpriseId: string; name: string; regionCode: string; decree708: boolean; hasPublishedPlan: boolean };

const BASE = '/api/v1/emergency/plans';
const FILINGS = '/api/v1/emergency/plan-filings';

export const fetchPlans = (query: string) => api<{ items: PlanItem[]; total: number }>(`${BASE}${query ? `?${query}` : ''}`);
export const fetchPlan = (id: string) => api<PlanDetail>(`${BASE}/${id}`);
export const fetchPlanVersion = (id: string, n: number) =>
  api<{ title: string; sections: Record<string, string>; sectionDefs: SectionDef[]; publishedOn: string; signedByName: string | null }>(
    `${BASE}/${id}/versions/${n}`,
  );
export const createPlan = (body: Record<string, unknown>) => api<PlanDetail>(BASE, { method: 'POST', json: body });
export const editPlan = (id: string, body: Record<string, unknown>) => api<PlanDetail>(`${BASE}/${id}`, { method: 'PATCH', json: body });
export const planStep = (id: string, action: EmergencyPlanAction, body: Record<string, unknown>) =>
  api<PlanDetail>(`${BASE}/${id}/steps/${action}`, { method: 'POST', json: body });
export const fetchCards = (id: string) => api<Cards>(`${BASE}/${id}/cards`);
export const fetchFilings = (query: string) => api<{ items: Filing[]; total: number }>(`${FILINGS}${query ? `?${query}` : ''}`);
export const fetchMissing = () => api<{ items: MissingUnit[]; total: number }>(`${FILINGS}/missing`);
export const filingStep = (id: string, action: FilingAction, body: Record<string, unknown>) =>
  api<Filing>(`${FILINGS}/${id}/steps/${action}`, { method: 'POST', json: body });
export const planPdfUrl = (id: string, version?: number) => `${BASE}/${id}/pdf${version ? `?version=${version}` : ''}`;
export const cardsPdfUrl = (id: string) => `${BASE}/${id}/cards/pdf`;
export const planDocumentPdfUrl = (id: string) => `/api/v1/emergency/plan-documents/${id}/pdf`;
