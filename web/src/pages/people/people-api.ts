// The people API (server/src/modules/people/routes.ts). Request bodies are domain's schemas; the
// response shapes follow the module's service.ts (personView, courseView, enterpriseSummaries).
import type {
  AttendanceStatus,
  AttendeeAction,
  CertificateKind,
  CertificateStatus,
  certificateInputSchema,
  closedCourseInputSchema,
  HighRiskTrainingGroup,
  PeopleFilter,
  PersonAction,
  PersonPosition,
  PublicityVenue,
  personInputSchema,
  publicityInputSchema,
  SafetyDirectorCheck,
  SpecialWorkCategory,
  trainingInputSchema,
} from '@taishan/domain';
import type { z } from 'zod';
import { api } from '../../api.ts';

export type Certificate = {
  id: string;
  kind: CertificateKind;
  number: string;
  issuedOn: string;
  category: SpecialWorkCategory | null;
  item: string | null;
  reviewedOn: string | null;
  extendedReview: boolean;
  validTo: string;
  nextDue: string;
  nextDueKind: 'review' | 'renewal';
  daysToDue: number;
  status: CertificateStatus;
  retestRequired: boolean;
};

export type Person = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  name: string;
  idNumber: string;
  idNumberMasked: boolean;
  position: PersonPosition;
  hiredOn: string | null;
  inTradeSince: string | null;
  offJobSince: string | null;
  version: number;
  certificates: Certificate[];
  current: string[];
  worstStatus: CertificateStatus | null;
  training: {
    year: number;
    hours: number;
    required: number | null;
    kind: 'initial' | 'yearly';
    highRiskGroup: HighRiskTrainingGroup | null;
    shortfall: number;
  };
  flags: Record<PeopleFilter, boolean>;
  allowedActions: PersonAction[];
};
export type PersonDetail = Person & {
  trainingRecords: { id: string; course: string; provider: string | null; attendedOn: string; hours: number }[];
};

export type PeopleRules = {
  windowDays: number;
  offJobMonths: number;
  minimums: Record<string, number>;
};

export type EnterpriseSummary = {
  enterpriseId: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  industryCode: string;
  safetyDirector: string | null;
  safetyDirectorCheck: SafetyDirectorCheck;
  people: number;
  expiring: number;
  overdue: number;
  retest: number;
  missingQualification: number;
  trainingShortfall: number;
};

export type ClosedCourse = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  title: string;
  startsOn: string;
  endsOn: string;
  place: string;
  reason: 'violation' | 'accident';
  caseId: string | null;
  caseTitle: string | null;
  accidentId: string | null;
  accidentNumber: string | null;
  orderedByName: string | null;
  orderedAt: string;
  attendees: {
    personId: string;
    name: string;
    position: PersonPosition;
    status: AttendanceStatus;
    note: string | null;
    allowedActions: AttendeeAction[];
  }[];
  completed: boolean;
};

export type PublicityEvent = {
  id: string;
  regionCode: string;
  regionName: string | null;
  title: string;
  venue: PublicityVenue;
  heldOn: string;
  place: string;
  organiser: string;
  reach: number;
};
export type PublicityList = {
  total: number;
  items: PublicityEvent[];
  totals: {
    byVenue: { venue: PublicityVenue; events: number; reach: number }[];
    byRegion: { code: string; name: string | null; events: number; reach: number }[];
  };
};

export type CertificateImportSummary = {
  total: number;
  imported: number;
  rejected: number;
  rows: {
    line: number;
    name: string | null;
    number: string | null;
    status: 'imported' | 'rejected';
    personCreated: boolean;
    reasons: { field: string; zh: string; en: string }[];
  }[];
};

const qs = (q: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const fetchPeople = (q: {
  filter?: PeopleFilter | undefined;
  enterpriseId?: string | undefined;
  q?: string | undefined;
  year?: number | undefined;
  page?: number;
  pageSize?: number;
}) => api<{ total: number; year: number; rules: PeopleRules; items: Person[] }>(`/api/v1/people${qs(q)}`);
export const fetchPerson = (id: string, year?: number) => api<PersonDetail>(`/api/v1/people/${id}${year ? `?year=${year}` : ''}`);
export const createPerson = (body: z.input<typeof personInputSchema>) =>
  api<PersonDetail>('/api/v1/people', { method: 'POST', json: body });
export const updatePerson = (id: string, body: z.input<typeof personInputSchema> & { version: number }) =>
  api<PersonDetail>(`/api/v1/people/${id}`, { method: 'PUT', json: body });
export const addCertificate = (id: string, body: z.input<typeof certificateInputSchema>) =>
  api<PersonDetail>(`/api/v1/people/${id}/certificates`, { method: 'POST', json: body });
export const addTraining = (id: string, body: z.input<typeof trainingInputSchema>) =>
  api<PersonDetail>(`/api/v1/people/${id}/training`, { method: 'POST', json: body });
export const fetchEnterpriseSummaries = (q: { filter?: string | undefined; page?: number; pageSize?: number }) =>
  api<{ total: number; items: EnterpriseSummary[] }>(`/api/v1/people/enterprises${qs(q)}`);
export const fetchCourses = (q: { pending?: 'true' | undefined; page?: number; pageSize?: number }) =>
  api<{ total: number; items: ClosedCourse[] }>(`/api/v1/people/courses${qs(q)}`);
export const orderCourse = (body: z.input<typeof closedCourseInputSchema>) =>
  api<ClosedCourse>('/api/v1/people/courses', { method: 'POST', json: body });
export const recordAttendance = (courseId: string, personId: string, status: AttendeeAction, note?: string) =>
  api<ClosedCourse>(`/api/v1/people/courses/${courseId}/attendees/${personId}`, { method: 'POST', json: { status, note } });
export const fetchPublicity = (q: {
  venue?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page?: number;
  pageSize?: number;
}) => api<PublicityList>(`/api/v1/people/publicity${qs(q)}`);
export const recordPublicity = (body: z.input<typeof publicityInputSchema>) =>
  api<{ id: string }>('/api/v1/people/publicity', { method: 'POST', json: body });
export const importCertificates = (file: File) => {
  const body = new FormData();
  body.append('file', file);
  return api<CertificateImportSummary>('/api/v1/people/certificates/import', { method: 'POST', body });
};
export const recordReview = (personId: string, certificateId: string, reviewedOn: string) =>
  api<PersonDetail>(`/api/v1/people/${personId}/certificates/${certificateId}/review`, { method: 'POST', json: { reviewedOn } });
