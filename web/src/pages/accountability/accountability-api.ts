// The accountability API (server/src/modules/accountability/routes.ts): responsibility lists and
// gaps, officials and their work items, 约谈 triggers, 约谈/黄牌/通报 records, 巡查 rounds.
// Request bodies are domain's schemas.
import type {
  DutyCategory,
  officialSchema,
  officialWorkItemSchema,
  RecordAction,
  RecordKind,
  RecordStatus,
  recordCreateSchema,
  tourRoundSchema,
} from '@taishan/domain';
import type { z } from 'zod';
import { api } from '../../api.ts';

type Bi = { zh: string; en: string };
const BASE = '/api/v1/accountability';
const qs = (q: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export type Industry = { code: string } & Bi;
export type Duty = { category: DutyCategory; text: string };
export type DepartmentList = {
  id: string;
  name: string;
  regionCode: string;
  regionName: string;
  industries: Industry[];
  duties: Duty[];
  version: number;
  savedAt: string | null;
  savedByName: string | null;
  note: string | null;
  allowedActions: 'edit'[];
};
export type Gap = { countyCode: string; countyName: string; division: string; divisionName: Bi; enterprises: number };
export const fetchResponsibilities = () => api<{ departments: DepartmentList[]; gaps: Gap[] }>(`${BASE}/responsibilities`);
export const fetchListHistory = (id: string) =>
  api<{ items: { version: number; industries: Industry[]; duties: Duty[]; note: string | null; savedByName: string; savedAt: string }[] }>(
    `${BASE}/responsibilities/${id}/history`,
  );
export const saveList = (id: string, body: { industries: string[]; duties: Duty[]; note: string | null; baseVersion: number }) =>
  api<{ version: number }>(`${BASE}/responsibilities/${id}`, { method: 'PUT', json: body });

export type Official = {
  id: string;
  regionCode: string;
  regionName: string;
  name: string;
  position: string;
  departmentId: string | null;
  departmentName: string | null;
  active: boolean;
  duties: string[];
  version: number;
  workDone: number;
  workTotal: number;
  allowedActions: ('edit' | 'addWork')[];
};
export type WorkItem = {
  id: string;
  officialId: string;
  officialName: string;
  year: number;
  title: string;
  dueOn: string | null;
  doneOn: string | null;
  evidence: string | null;
  overdue: boolean;
  version: number;
  allowedActions: 'complete'[];
};
export const fetchOfficials = () => api<{ items: Official[]; total: number }>(`${BASE}/officials`);
export const fetchOfficial = (id: string) => api<Official & { workItems: WorkItem[] }>(`${BASE}/officials/${id}`);
export const createOfficial = (body: z.input<typeof officialSchema>) => api<Official>(`${BASE}/officials`, { method: 'POST', json: body });
export const updateOfficial = (id: string, body: Partial<z.input<typeof officialSchema>> & { version: number }) =>
  api<Official>(`${BASE}/officials/${id}`, { method: 'PATCH', json: body });
export const addWorkItem = (id: string, body: z.input<typeof officialWorkItemSchema>) =>
  api<WorkItem>(`${BASE}/officials/${id}/work-items`, { method: 'POST', json: body });
export const completeWorkItem = (id: string, body: { doneOn: string; evidence: string; version: number }) =>
  api<WorkItem>(`${BASE}/work-items/${id}/complete`, { method: 'POST', json: body });
export const fetchWorkItems = (q: { due?: string; page?: number; pageSize?: number }) =>
  api<{ items: WorkItem[]; total: number }>(`${BASE}/work-items${qs(q)}`);

export type TriggerItem = {
  key: string;
  rule: string;
  label: Bi;
  provisional: boolean;
  source: string;
  targetRegion: string;
  targetName: string;
  summoned: 'principal' | 'deputy';
  firedAt: string;
  accidents: { id: string; number: string; unitName: string; occurredAt: string; grade: string; deaths: number | null }[];
  decision: {
    decision: 'summon' | 'dismiss';
    reason: string | null;
    recordId: string | null;
    decidedByName: string;
    decidedAt: string;
  } | null;
  allowedActions: ('summon' | 'dismiss')[];
};
export type TriggerList = {
  items: TriggerItem[];
  total: number;
  summonedLevel: 'province' | 'city' | 'county' | null;
  rules: { key: string; label: Bi; provisional: boolean; source: string }[];
};
export const fetchTriggers = (pending: boolean) => api<TriggerList>(`${BASE}/triggers${pending ? '?pending=true' : ''}`);
export const decideTrigger = (body: { key: string; decision: 'summon' | 'dismiss'; reason?: string | null }) =>
  api<{ key: string; decision: string; recordId: string | null }>(`${BASE}/triggers/decide`, { method: 'POST', json: body });

export type AccRecord = {
  id: string;
  kind: RecordKind;
  number: string | null;
  status: RecordStatus;
  regionName: string;
  targetRegion: string;
  targetName: string;
  summoned: { name: string; position: string }[];
  summonedBy: string | null;
  reason: string;
  scheduledAt: string | null;
  place: string | null;
  issuedAt: string | null;
  heldAt: string | null;
  issues: string | null;
  measures: string | null;
  reportDueOn: string | null;
  reportDays: number | null;
  reportOverdue: boolean;
  reportReceivedAt: string | null;
  reportNote: string | null;
  followUps: { at: string; by: string; note: string }[];
  closedAt: string | null;
  closingNote: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  publishedAt: string | null;
  createdByName: string;
  createdAt: string;
  version: number;
  allowedActions: RecordAction[];
};
export type AccRecordDetail = AccRecord & {
  accidents: { id: string; number: string; unitName: string; occurredAt: string; grade: string; deaths: number | null }[];
};
export const fetchRecords = (q: { kind?: string; status?: string; overdue?: string; page?: number; pageSize?: number }) =>
  api<{ items: AccRecord[]; total: number }>(`${BASE}/records${qs(q)}`);
export const fetchRecord = (id: string) => api<AccRecordDetail>(`${BASE}/records/${id}`);
export const createRecord = (body: z.input<typeof recordCreateSchema>) =>
  api<AccRecordDetail>(`${BASE}/records`, { method: 'POST', json: body });
export const editRecord = (id: string, body: Record<string, unknown>) =>
  api<AccRecordDetail>(`${BASE}/records/${id}`, { method: 'PATCH', json: body });
export const recordStep = (id: string, action: Exclude<RecordAction, 'edit'>, body: Record<string, unknown>) =>
  api<AccRecordDetail>(`${BASE}/records/${id}/steps/${action}`, { method: 'POST', json: body });
export const recordPdfUrl = (id: string) => `${BASE}/records/${id}/pdf`;

export type TourRoundItem = {
  id: string;
  regionName: string;
  term: string;
  title: string;
  startsOn: string;
  endsOn: string;
  targets: number;
  visited: number;
  toCover: number;
  openFindings: number;
};
export type Finding = {
  id: string;
  targetId: string;
  roundId: string;
  targetName: string;
  text: string;
  fixDueOn: string;
  fixedOn: string | null;
  fixNote: string | null;
  overdue: boolean;
  version: number;
  allowedActions: 'fix'[];
};
export type TourRef = { kind: 'government' | 'department'; key: string; name: string };
export type TourRound = {
  id: string;
  regionName: string;
  term: string;
  title: string;
  startsOn: string;
  endsOn: string;
  allowedActions: 'addTarget'[];
  coverage: { total: number; planned: number; visited: number; notPlanned: TourRef[]; notVisited: TourRef[] };
  targets: {
    id: string;
    kind: 'government' | 'department';
    targetName: string;
    plannedOn: string | null;
    visitedOn: string | null;
    team: string | null;
    summary: string | null;
    version: number;
    allowedActions: ('visit' | 'addFinding')[];
    findings: Finding[];
  }[];
};
export const fetchRounds = () => api<{ items: TourRoundItem[]; total: number }>(`${BASE}/tours`);
export const createRound = (body: z.input<typeof tourRoundSchema>) => api<{ id: string }>(`${BASE}/tours`, { method: 'POST', json: body });
export const fetchRound = (id: string) => api<TourRound>(`${BASE}/tours/${id}`);
export const addTarget = (
  id: string,
  body: { kind: string; regionCode?: string | null; departmentId?: string | null; plannedOn?: string | null },
) => api<{ id: string }>(`${BASE}/tours/${id}/targets`, { method: 'POST', json: body });
export const visitTarget = (id: string, body: { visitedOn: string; team?: string | null; summary: string; version: number }) =>
  api<{ id: string }>(`${BASE}/tour-targets/${id}/visit`, { method: 'POST', json: body });
export const addFinding = (id: string, body: { text: string; fixDueOn: string }) =>
  api<{ id: string }>(`${BASE}/tour-targets/${id}/findings`, { method: 'POST', json: body });
export const fixFinding = (id: string, body: { fixedOn: string; note: string; version: number }) =>
  api<{ id: string }>(`${BASE}/tour-findings/${id}/fix`, { method: 'POST', json: body });
export const fetchFindings = (q: { overdue?: string; open?: string; page?: number; pageSize?: number }) =>
  api<{ items: Finding[]; total: number }>(`${BASE}/tour-findings${qs(q)}`);

export type Supervisors = { industry: Industry; departments: { id: string; name: string; regionCode: string; regionName: string }[] };
export const fetchSupervisors = (enterpriseId: string) => api<Supervisors>(`${BASE}/enterprises/${enterpriseId}/supervisors`);
