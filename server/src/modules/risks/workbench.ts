// Risk reports on the workbench (工作台): submitted ones for supervisors to acknowledge, returned
// ones for the enterprise to resubmit — counted with the list's own WHERE.
import { riskReportWork } from '@taishan/domain';
import { countEach, type WorkbenchProvider } from '../workbench/registry.ts';
import { countRiskReports, riskReportListQuery, riskReportWhere } from './risk-reports-store.ts';

export const riskReportWorkItems: WorkbenchProvider = (actor, _scope, tx) =>
  countEach(riskReportWork(actor), { path: '/risk-reports', apiPath: '/api/v1/risk-reports' }, (query) =>
    countRiskReports(tx, riskReportWhere(tx, riskReportListQuery.parse(query))),
  );
