// Who may do what in 传染病报告 (issue 28). Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
// The answers go to the web through /api/v1/me (abilities) and with each record (allowedActions).
import { type Actor, isAdmin, isSupervisor } from '../auth/roles.ts';

export function phCasesAbilities(a: Actor): Record<string, boolean> {
  return {
    'phCases.view': isAdmin(a) || isSupervisor(a) || a.role === 'medicalReporter' || a.role === 'cdcReviewer',
    'phCases.report': a.role === 'medicalReporter' && a.scope.enterpriseId !== null,
    'phCases.review': a.role === 'cdcReviewer',
    'diseases.manage': isAdmin(a) || a.role === 'provinceSupervisor',
  };
}

export const canManageDiseases = (a: Actor) => phCasesAbilities(a)['diseases.manage'] === true;
