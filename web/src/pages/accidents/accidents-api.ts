// The accidents API (server/src/modules/accidents/routes.ts). Request bodies are domain's schemas;
// the response shapes follow the module's contract (issue 25) with domain's enums and chain types.
import type {
  AccidentAction,
  AccidentGrade,
  AccidentStatus,
  AccidentType,
  accidentReportSchema,
  CaseStatus,
  ChainLevel,
  ChainRow,
  FollowUpDay,
  GradingDimension,
  InvestigationClock,
  ParallelBody,
  ReportFault,
  ReportSection,
  StatIndustry,
} from '@taishan/domain';
import type { z } from 'zod';
import { api } from '../../api.ts';

export type AccidentListItem = {
  id: string;
  number: string;
  unitName: string;
  enterpriseId: string | null;
  regionCode: string;
  regionName: string | null;
  occurredAt: string;
  grade: AccidentGrade;
  nearMiss: boolean;
  status: AccidentStatus;
  deaths: number | null;
  seriousInjuries: number | null;
  minorInjuries: number | null;
  missing: number | null;
  directLossWanYuan: number | null;
  type: AccidentType | null;
  statIndustry: StatIndustry | null;
  waitingAt: ChainLevel | null;
  forwardBy: string | null;
  overdue: boolean;
  lateMinutes: number;
  faults: ReportFault[];
  version: number;
  allowedActions: AccidentAction[];
};

export type AccidentReportRow = {
  id: string;
  kind: 'first' | 'followUp' | 'final';
  at: string;
  deaths: number | null;
  seriousInjuries: number | null;
  minorInjuries: number | null;
  missing: number | null;
  directLossWanYuan: number | null;
  text: string | null;
  reason: string | null;
  withinWindow: boolean;
  gradeBefore: AccidentGrade | null;
  gradeAfter: AccidentGrade | null;
  authorName: string | null;
  createdAt: string;
};

export type AccidentChainRow = ChainRow & {
  regionCode: string | null;
  regionName: string | null;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  forwardedByName: string | null;
  parallel: Partial<Record<ParallelBody, string>>;
};

export type AccidentInvestigation = {
  level: ChainLevel;
  startedAt: string | null;
  members: { name: string; org: string; role: string | null }[];
  pauses: { from: string; to: string | null }[];
  extensionDays: number;
  extensionReason: string | null;
  clock: InvestigationClock;
  report: Partial<Record<ReportSection, string>> | null;
  submittedAt: string | null;
  approvalDue: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  evaluationDue: string | null;
  evaluatedAt: string | null;
  evaluation: string | null;
};

export type AccidentDetail = Omit<AccidentListItem, 'faults'> & {
  learnedAt: string;
  learnedReason: string | null;
  reportedAt: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  measures: string | null;
  other: string | null;
  industryCode: string | null;
  unknownFields: string[];
  gradeBy: GradingDimension[];
  firstGrade: AccidentGrade;
  grades: { grade: AccidentGrade; at: string }[];
  reports: AccidentReportRow[];
  unit: { deadline: string; reportedAt: string | null; lateMinutes: number; overdue: boolean };
  chain: AccidentChainRow[];
  regradeWindow: { days: number; endsOn: string; open: boolean };
  followUpDays: FollowUpDay[];
  reportingEndedAt: string | null;
  faults: { fault: ReportFault; minutes: number | null; evidence: string | null; recordedByName: string | null; recordedAt: string }[];
  investigation: AccidentInvestigation | null;
  inspectionId: string | null;
  /** Scene photos' keys (GET /api/v1/accidents/:id/photos/:key). */
  attachments: string[];
  /** Penalty cases opened from the investigation's findings. */
  cases: { id: string; title: string; status: CaseStatus; number: string | null }[];
  lessons: { id: string; sentAt: string; sentByName: string | null; text: string; targets: number; acknowledged: number }[];
};

export type AccidentReportInput = z.input<typeof accidentReportSchema>;

const BASE = '/api/v1/accidents';

export const fetchAccidents = (query: string) => api<{ items: AccidentListItem[]; total: number }>(`${BASE}?${query}`);
export const fetchAccident = (id: string) => api<AccidentDetail>(`${BASE}/${id}`);
export const reportAccident = (body: AccidentReportInput) => api<AccidentDetail>(BASE, { method: 'POST', json: body });
export const followUp = (id: string, body: unknown) => api<AccidentDetail>(`${BASE}/${id}/follow-ups`, { method: 'POST', json: body });
export const accidentStep = (id: string, action: Exclude<AccidentAction, 'followUp'>, body: unknown) =>
  api<AccidentDetail>(`${BASE}/${id}/steps/${action}`, { method: 'POST', json: body });

export type EnterpriseLesson = {
  lessonId: string;
  accidentNumber: string;
  unitName: string;
  grade: AccidentGrade;
  type: AccidentType | null;
  occurredAt: string;
  text: string;
  sentAt: string;
  acknowledgedAt: string | null;
  selfInspection: string | null;
};
export type RegulatorLesson = {
  lessonId: string;
  accidentId: string;
  accidentNumber: string;
  text: string;
  sentAt: string;
  sentByName: string | null;
  targets: number;
  acknowledged: number;
};
export type LessonTarget = { enterpriseId: string; enterpriseName: string; acknowledgedAt: string | null; selfInspection: string | null };

export const fetchLessons = <T extends EnterpriseLesson | RegulatorLesson>() => api<{ items: T[] }>(`${BASE}/lessons`);
export const fetchLessonTargets = (lessonId: string) => api<{ items: LessonTarget[] }>(`${BASE}/lessons/${lessonId}/targets`);
export const acknowledgeLesson = (lessonId: string, selfInspection: string) =>
  api<unknown>(`${BASE}/lessons/${lessonId}/acknowledge`, { method: 'POST', json: { selfInspection } });
