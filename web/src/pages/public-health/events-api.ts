// API calls and types of 突发公共卫生事件 pages (issue 28). Owner: events.
import { api } from '../../api.ts';

export type EventItem = {
  id: string;
  number: string;
  title: string;
  kind: string;
  diseaseCode: string | null;
  diseaseName: string | null;
  regionCode: string;
  regionName: string | null;
  lat?: number | null;
  lng?: number | null;
  origin: 'cluster' | 'manual';
  grade: string | null;
  status: string;
  occurredAt: string;
  discoveredAt: string;
  affected: number;
  deaths: number;
  version: number;
  stepsDone: number;
  stepsTotal: number;
  allowedActions: string[];
};
export type ChainStep = {
  step: string;
  deadlineAt: string;
  doneAt: string | null;
  doneBy: string | null;
  late: boolean;
  overdue: boolean;
  note: string | null;
};
export type EventReport = {
  id: string;
  kind: string;
  docNumber: string | null;
  content: string;
  affected: number;
  deaths: number;
  reportedAt: string;
  reportedBy: string | null;
};
export type TaskItem = {
  id: string;
  kind: string;
  title: string;
  caseNumber: string | null;
  eventId: string | null;
  eventNumber: string | null;
  regionCode: string;
  regionName: string | null;
  assigneeName: string | null;
  dueAt: string;
  status: string;
  overdue: boolean;
  allowedActions: string[];
};
export type EventDetail = EventItem & {
  summary: string | null;
  chain: ChainStep[];
  nextStep: string | null;
  reports: EventReport[];
  cases: {
    id: string;
    number: string;
    classification: string;
    status: string;
    diagnosedAt: string;
    regionName: string | null;
    person: { name?: string };
  }[];
  contacts: {
    id: string;
    name: string;
    phone: string;
    masked: boolean;
    relation: string | null;
    followUpUntil: string | null;
    followingUp: boolean;
  }[];
  tasks: TaskItem[];
};

const qs = (p: Record<string, string | undefined>) => {
  const s = new URLSearchParams(Object.entries(p).filter(([, v]) => v) as [string, string][]).toString();
  return s ? `?${s}` : '';
};
export const fetchEvents = (p: Record<string, string | undefined>) =>
  api<{ items: EventItem[]; total: number; page: number; pageSize: number }>(`/api/v1/health-events${qs(p)}`);
export const fetchEvent = (id: string) => api<EventDetail>(`/api/v1/health-events/${id}`);
export const eventAction = (id: string, path: string, json: unknown) =>
  api<EventDetail>(`/api/v1/health-events/${id}/${path}`, { method: 'POST', json });
export const fetchTasks = (p: Record<string, string | undefined>) =>
  api<{ items: TaskItem[]; total: number; page: number; pageSize: number }>(`/api/v1/health-tasks${qs(p)}`);
export const taskAction = (id: string, action: string, json: unknown) =>
  api<TaskItem>(`/api/v1/health-tasks/${id}/${action}`, { method: 'POST', json });

export const bjTime = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)) : '';
