// The accident statistics API (server/src/modules/accidents/stats-routes.ts): figures for a period
// against the same period last year, the monthly trend, the 较大及以上 list and the Excel.
import type { AccidentMeasure, Change } from '@taishan/domain';
import { api } from '../../api.ts';
import type { AccidentListItem } from './accidents-api.ts';

export type AccidentFiguresRow = Record<AccidentMeasure, number>;
export type AccidentStatsRow = {
  key: string;
  label: { zh: string; en: string };
  current: AccidentFiguresRow;
  previous: AccidentFiguresRow;
  change: Record<AccidentMeasure, Change>;
};
export type AccidentStats = {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  rows: AccidentStatsRow[];
  total: { current: AccidentFiguresRow; previous: AccidentFiguresRow; change: Record<AccidentMeasure, Change> };
  doubleDecline: boolean;
  nearMisses: { current: number; previous: number };
};
export type AccidentTrend = { months: { month: string; accidents: number; deaths: number }[] };

const q = (qs: string) => (qs ? `?${qs}` : '');
export const fetchAccidentStats = (qs: string) => api<AccidentStats>(`/api/v1/accidents/stats${q(qs)}`);
export const fetchAccidentTrend = (qs: string) => api<AccidentTrend>(`/api/v1/accidents/stats/trend${q(qs)}`);
/** 较大及以上, with where each happened when it was reported (the map's points). */
export type SeriousAccident = AccidentListItem & { latitude: number | null; longitude: number | null };
export const fetchSeriousAccidents = (qs: string) => api<{ items: SeriousAccident[] }>(`/api/v1/accidents/stats/serious${q(qs)}`);
export const accidentStatsXlsxUrl = (qs: string) => `/api/v1/accidents/stats.xlsx${q(qs)}`;
