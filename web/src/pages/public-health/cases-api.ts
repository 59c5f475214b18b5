// The cases part's calls (issue 28). Owner: cases.
import { api, type Page } from '../../api.ts';

type L = { zh: string; en: string };
export type PhVersion = {
  id: string;
  diseaseCode: string;
  class: 'A' | 'B' | 'C';
  managedAsClassA: boolean;
  effectiveFrom: string;
  effectiveTo: string | null;
  provisional: boolean;
  source: string;
};
export type PhDisease = { code: string; name: L; current: PhVersion | null; versions: PhVersion[] };
export type PhCase = {
  id: string;
  number: string;
  diseaseCode: string;
  diseaseName: L;
  classification: string;
  onsetAt: string | null;
  diagnosedAt: string;
  reportedAt: string;
  deadlineAt: string;
  late: boolean;
  regionName: string | null;
  facilityName: string;
  status: string;
  reviewDueAt: string;
  reviewOverdue: boolean;
  returnReason: string | null;
  mergeReason: string | null;
  mergedInto: string | null;
  personMasked: boolean;
  person: { name: string; idType: string; idNumber: string; phone: string | null };
  version: number;
  regionCode: string;
  sex: 'male' | 'female' | null;
  ageYears: number | null;
  allowedActions: string[];
  history?: {
    action: string;
    fromStatus: string | null;
    toStatus: string;
    at: string;
    actorName: string | null;
    detail: Record<string, unknown>;
  }[];
};

export const fetchDiseases = () => api<PhDisease[]>('/api/v1/diseases');
export const fetchCases = (q: Record<string, string>) => api<Page<PhCase>>(`/api/v1/health-cases?${new URLSearchParams(q)}`);
export const fetchCase = (id: string) => api<PhCase>(`/api/v1/health-cases/${id}`);
export const fetchDuplicates = (id: string) => api<PhCase[]>(`/api/v1/health-cases/${id}/duplicates`);
export const createCase = (body: unknown) => api<PhCase>('/api/v1/health-cases', { method: 'POST', json: body });
export const correctCase = (id: string, body: unknown) => api<PhCase>(`/api/v1/health-cases/${id}`, { method: 'PUT', json: body });
export const caseAction = (id: string, action: string, body: unknown) =>
  api<PhCase>(`/api/v1/health-cases/${id}/${action}`, { method: 'POST', json: body });
export const createDisease = (body: unknown) => api<{ code: string }>('/api/v1/diseases', { method: 'POST', json: body });
export const changeDisease = (code: string, body: unknown) =>
  api<{ code: string }>(`/api/v1/diseases/${code}/versions`, { method: 'POST', json: body });
export const confirmDiseaseVersion = (id: string, source: string) =>
  api<{ code: string }>(`/api/v1/disease-versions/${id}/confirm`, { method: 'POST', json: { source } });
