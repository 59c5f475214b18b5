// The enforcement statistics API (server/src/modules/enforcement/stats-routes.ts); types from domain.
import type { EnforcementStats } from '@taishan/domain';
import { api } from '../../api.ts';

export type { EnforcementStats };

/** The statistics for a query string (regionCode, period or from/to, groupBy). */
export const fetchStats = (qs: string) => api<EnforcementStats>(`/api/v1/enforcement/stats${qs ? `?${qs}` : ''}`);

/** The same statistics as an Excel workbook. */
export const statsXlsxUrl = (qs: string) => `/api/v1/enforcement/stats.xlsx${qs ? `?${qs}` : ''}`;

/** The monthly case report (执法案例月度报告) of a month (YYYY-MM) for a region or a department. */
export const monthlyReportUrl = (month: string, by: { regionCode?: string | null; departmentId?: string | null } = {}) => {
  const q = new URLSearchParams({ month });
  if (by.regionCode) q.set('regionCode', by.regionCode);
  if (by.departmentId) q.set('departmentId', by.departmentId);
  return `/api/v1/enforcement/monthly-report.pdf?${q}`;
};
