// The assessment API (server/src/modules/accountability/assessment-routes.ts): sheets, the template,
// vetoes and quarterly bulletins. Body shapes are the domain's schemas.
import type {
  AssessedLevel,
  AssessmentAction,
  AssessmentGrade,
  AssessmentItem,
  AssessmentMetric,
  AssessmentStatus,
  RankedBulletinRow,
  VetoState,
  vetoSchema,
} from '@taishan/domain';
import type { z } from 'zod';
import { api } from '../../api.ts';

const BASE = '/api/v1/assessments';

export type AssessmentListItem = {
  id: string;
  regionCode: string;
  regionName: string;
  year: number;
  level: AssessedLevel;
  status: AssessmentStatus;
  templateVersion: number;
  total: number | null;
  grade: AssessmentGrade | null;
  complete: boolean;
  computedAt: string | null;
  submittedAt: string | null;
  submittedByName: string | null;
  confirmedAt: string | null;
  confirmedByName: string | null;
  returnedReason: string | null;
  fixPlan: {
    due: string | null;
    overdue: boolean;
    text: string | null;
    submittedAt: string | null;
    submittedByName: string | null;
  } | null;
  version: number;
  allowedActions: AssessmentAction[];
};

export type SheetLine = {
  key: string;
  source: 'computed' | 'manual';
  metric: AssessmentMetric | null;
  label: string;
  weight: number;
  points: number | null;
  note: string | null;
  inputs: { key: string; value: number }[];
  scoredByName: string | null;
  scoredAt: string | null;
};

export type VetoItem = {
  id: string;
  officialId: string;
  officialName: string;
  officialPosition: string | null;
  regionCode: string;
  regionName: string;
  accidentId: string;
  accidentNumber: string | null;
  accidentUnit: string | null;
  accidentOccurredAt: string | null;
  reason: string;
  startsOn: string;
  endsOn: string;
  months: number;
  decidedByName: string;
  decidedAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  state: VetoState;
  allowedActions: 'revoke'[];
};

export type AssessmentDetail = AssessmentListItem & {
  lines: SheetLine[];
  thresholds: { excellent: number; good: number; pass: number };
  vetoes: VetoItem[];
};

export type TemplateView = {
  level: AssessedLevel | null;
  ownerRegion?: string;
  editable: boolean;
  version: number;
  items: AssessmentItem[];
  history: { version: number; items: AssessmentItem[]; note: string | null; createdByName: string; createdAt: string }[];
};

export type BulletinItem = {
  id: string;
  regionCode: string;
  regionName: string;
  year: number;
  quarter: number;
  number: string;
  issuer: string;
  rows: RankedBulletinRow[];
  issuedByName: string;
  issuedAt: string;
  mine: boolean;
  allowedActions: 'download'[];
};

export const fetchAssessments = (query: string) => api<{ items: AssessmentListItem[]; total: number }>(`${BASE}?${query}`);
export const fetchAssessmentChildren = (year: number) =>
  api<{ items: { regionCode: string; regionName: string; assessment: AssessmentListItem | null }[] }>(`${BASE}/children?year=${year}`);
export const fetchAssessment = (id: string) => api<AssessmentDetail>(`${BASE}/${id}`);
export const createAssessments = (body: { year: number; regionCode?: string }) =>
  api<{ created: number; ids: string[] }>(BASE, { method: 'POST', json: body });
export const assessmentStep = (id: string, action: AssessmentAction, body: Record<string, unknown>) =>
  api<AssessmentListItem>(`${BASE}/${id}/steps/${action}`, { method: 'POST', json: body });

export const fetchTemplate = () => api<TemplateView>(`${BASE}/template`);
export const saveTemplate = (body: { version: number; items: AssessmentItem[]; note?: string }) =>
  api<{ version: number }>(`${BASE}/template`, { method: 'PUT', json: body });

export const fetchVetoes = (query: string) => api<{ items: VetoItem[]; total: number }>(`${BASE}/vetoes?${query}`);
export const fetchVetoOptions = () =>
  api<{
    officials: { id: string; name: string; position: string | null; regionCode: string }[];
    accidents: { id: string; number: string; unitName: string; occurredAt: string; grade: string; regionCode: string }[];
  }>(`${BASE}/vetoes/options`);
export const recordVeto = (body: z.input<typeof vetoSchema>) => api<VetoItem>(`${BASE}/vetoes`, { method: 'POST', json: body });
export const revokeVeto = (id: string, reason: string) =>
  api<VetoItem>(`${BASE}/vetoes/${id}/revoke`, { method: 'POST', json: { reason } });

export const fetchBulletins = () => api<{ items: BulletinItem[]; total: number }>(`${BASE}/bulletins?pageSize=200`);
export const issueBulletin = (body: { year: number; quarter: number }) =>
  api<BulletinItem>(`${BASE}/bulletins`, { method: 'POST', json: body });
export const bulletinPdfUrl = (id: string) => `${BASE}/bulletins/${id}/pdf`;
