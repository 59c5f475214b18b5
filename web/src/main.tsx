// First: settings that must hold before any other module runs (the CSP forbids eval).
import './csp.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router';
import { setApiLang } from './api.ts';
import { dictionaries, I18nProvider, useI18n } from './i18n.tsx';
import { may, SessionProvider, useSession } from './session.tsx';
import { theme } from './theme.ts';

// Every page loads when first opened (its own chunk, with what only it uses: ECharts, jsPDF…).
// The public report pages and /login have an entry of their own (public/main.tsx, public.html), so
// that their first visit fetches none of this shell (README "Web delivery"); the login below is the
// one shown in place at any other address without a session.
const Layout = lazy(() => import('./components/Layout.tsx').then((m) => ({ default: m.Layout })));
const AuditPage = lazy(() => import('./pages/admin/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const DepartmentsPage = lazy(() => import('./pages/admin/DepartmentsPage.tsx').then((m) => ({ default: m.DepartmentsPage })));
const UsersPage = lazy(() => import('./pages/admin/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const CalendarPage = lazy(() => import('./pages/calendar/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));
const LoginPage = lazy(() => import('./pages/auth/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const EnterpriseChangesPage = lazy(() =>
  import('./pages/enterprises/EnterpriseChanges.tsx').then((m) => ({ default: m.EnterpriseChangesPage })),
);
const EnterpriseDetailPage = lazy(() =>
  import('./pages/enterprises/EnterpriseDetailPage.tsx').then((m) => ({ default: m.EnterpriseDetailPage })),
);
const EnterpriseFormPage = lazy(() =>
  import('./pages/enterprises/EnterpriseFormPage.tsx').then((m) => ({ default: m.EnterpriseFormPage })),
);
const EnterpriseListPage = lazy(() =>
  import('./pages/enterprises/EnterpriseListPage.tsx').then((m) => ({ default: m.EnterpriseListPage })),
);
const ImportPage = lazy(() => import('./pages/enterprises/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));
const ChecklistsPage = lazy(() => import('./pages/hazards/ChecklistsPage.tsx').then((m) => ({ default: m.ChecklistsPage })));
const DashboardPage = lazy(() => import('./pages/hazards/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const HazardDetailPage = lazy(() => import('./pages/hazards/HazardDetailPage.tsx').then((m) => ({ default: m.HazardDetailPage })));
const HazardListPage = lazy(() => import('./pages/hazards/HazardListPage.tsx').then((m) => ({ default: m.HazardListPage })));
const InboxPage = lazy(() => import('./pages/hazards/InboxPage.tsx').then((m) => ({ default: m.InboxPage })));
const InspectionExecutePage = lazy(() =>
  import('./pages/hazards/InspectionExecutePage.tsx').then((m) => ({ default: m.InspectionExecutePage })),
);
const InspectionsPage = lazy(() => import('./pages/hazards/InspectionsPage.tsx').then((m) => ({ default: m.InspectionsPage })));
const SchedulesPage = lazy(() => import('./pages/hazards/SchedulesPage.tsx').then((m) => ({ default: m.SchedulesPage })));

import { assessmentRoutes } from './pages/accountability/assessment-routes.tsx';
import { accountabilityRoutes } from './pages/accountability/routes.tsx';
import { cmBoardRoutes } from './pages/command/board-routes.tsx';
import { cmDutyRoutes } from './pages/command/duty-routes.tsx';
import { blacklistRoutes } from './pages/credit/blacklist-routes.tsx';
import { creditRoutes } from './pages/credit/routes.tsx';
import { dispatchRoutes } from './pages/emergency/dispatch-routes.tsx';
import { drillsRoutes } from './pages/emergency/drills-routes.tsx';
import { emergencyPlansRoutes } from './pages/emergency/plans-routes.tsx';
import { suppliesRoutes } from './pages/emergency/supplies-routes.tsx';
import { teamsRoutes } from './pages/emergency/teams-routes.tsx';
import { peopleRoutes } from './pages/people/routes.tsx';
import { phCasesRoutes } from './pages/public-health/cases-routes.tsx';
import { phEventsRoutes } from './pages/public-health/events-routes.tsx';
import { phLevelsRoutes } from './pages/public-health/levels-routes.tsx';

const AccidentsPage = lazy(() => import('./pages/accidents/AccidentsPage.tsx').then((m) => ({ default: m.AccidentsPage })));
const AccidentReportPage = lazy(() => import('./pages/accidents/AccidentReportPage.tsx').then((m) => ({ default: m.AccidentReportPage })));
const AccidentDetailPage = lazy(() => import('./pages/accidents/AccidentDetailPage.tsx').then((m) => ({ default: m.AccidentDetailPage })));
const AccidentStatsPage = lazy(() => import('./pages/accidents/StatsPage.tsx').then((m) => ({ default: m.AccidentStatsPage })));
const LessonsPage = lazy(() => import('./pages/accidents/LessonsPage.tsx').then((m) => ({ default: m.LessonsPage })));
const PlanPage = lazy(() => import('./pages/enforcement/PlanPage.tsx').then((m) => ({ default: m.PlanPage })));
const DrawsPage = lazy(() => import('./pages/enforcement/DrawsPage.tsx').then((m) => ({ default: m.DrawsPage })));
const DrawDetailPage = lazy(() => import('./pages/enforcement/DrawDetailPage.tsx').then((m) => ({ default: m.DrawDetailPage })));
const EnforcementInspectionsPage = lazy(() =>
  import('./pages/enforcement/InspectionsPage.tsx').then((m) => ({ default: m.EnforcementInspectionsPage })),
);
const EnforcementInspectionPage = lazy(() =>
  import('./pages/enforcement/InspectionPage.tsx').then((m) => ({ default: m.EnforcementInspectionPage })),
);
const CasesPage = lazy(() => import('./pages/enforcement/CasesPage.tsx').then((m) => ({ default: m.CasesPage })));
const CaseDetailPage = lazy(() => import('./pages/enforcement/CaseDetailPage.tsx').then((m) => ({ default: m.CaseDetailPage })));
const EnforcementStatsPage = lazy(() => import('./pages/enforcement/StatsPage.tsx').then((m) => ({ default: m.StatsPage })));
const GatewaysPage = lazy(() => import('./pages/monitoring/GatewaysPage.tsx').then((m) => ({ default: m.GatewaysPage })));
const IngestPage = lazy(() => import('./pages/monitoring/IngestPage.tsx').then((m) => ({ default: m.IngestPage })));
const SensorsPage = lazy(() => import('./pages/monitoring/SensorsPage.tsx').then((m) => ({ default: m.SensorsPage })));
const WallPage = lazy(() => import('./pages/monitoring/WallPage.tsx').then((m) => ({ default: m.WallPage })));
const DistributionPage = lazy(() => import('./pages/risks/DistributionPage.tsx').then((m) => ({ default: m.DistributionPage })));
const InstallationsPage = lazy(() => import('./pages/risks/InstallationsPage.tsx').then((m) => ({ default: m.InstallationsPage })));
const RiskMapPage = lazy(() => import('./pages/risks/RiskMapPage.tsx').then((m) => ({ default: m.RiskMapPage })));
const RiskPointDetailPage = lazy(() => import('./pages/risks/RiskPointDetailPage.tsx').then((m) => ({ default: m.RiskPointDetailPage })));
const RiskPointFormPage = lazy(() => import('./pages/risks/RiskPointFormPage.tsx').then((m) => ({ default: m.RiskPointFormPage })));
const RiskRegisterPage = lazy(() => import('./pages/risks/RiskRegisterPage.tsx').then((m) => ({ default: m.RiskRegisterPage })));
const RiskReportsPage = lazy(() => import('./pages/risks/RiskReportsPage.tsx').then((m) => ({ default: m.RiskReportsPage })));
const ReportDetailPage = lazy(() => import('./pages/whistleblowing/ReportDetailPage.tsx').then((m) => ({ default: m.ReportDetailPage })));
const ReportStatsPage = lazy(() => import('./pages/whistleblowing/ReportStatsPage.tsx').then((m) => ({ default: m.ReportStatsPage })));
const ReportsPage = lazy(() => import('./pages/whistleblowing/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const RewardRulesPage = lazy(() => import('./pages/whistleblowing/RewardRulesPage.tsx').then((m) => ({ default: m.RewardRulesPage })));
const WorkbenchPage = lazy(() => import('./pages/workbench/WorkbenchPage.tsx').then((m) => ({ default: m.WorkbenchPage })));

/** Logged in here, the app loads the session and opens the 工作台 without reloading. */
function AppLogin() {
  const { refresh } = useSession();
  const nav = useNavigate();
  return (
    <LoginPage
      onLoggedIn={() => {
        refresh();
        nav('/');
      }}
    />
  );
}

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

function Routed() {
  const { me, loading } = useSession();
  if (loading) return null;
  if (!me) {
    return (
      <Routes>
        <Route path="*" element={<AppLogin />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route path="/login" element={<Navigate to="/" replace />} />
      <Route element={<Layout />}>
        <Route path="/" element={<WorkbenchPage />} />
        <Route path="/enterprises" element={<EnterpriseListPage />} />
        <Route path="/enterprises/new" element={<EnterpriseFormPage />} />
        <Route path="/enterprises/changes" element={<EnterpriseChangesPage />} />
        <Route path="/enterprises/import" element={<ImportPage />} />
        <Route path="/enterprises/:id" element={<EnterpriseDetailPage />} />
        <Route path="/enterprises/:id/edit" element={<EnterpriseFormPage />} />
        <Route path="/enterprises/:id/risk-map" element={<RiskMapPage />} />
        <Route path="/risks" element={<RiskRegisterPage />} />
        <Route path="/risks/new" element={<RiskPointFormPage />} />
        <Route path="/risks/:id" element={<RiskPointDetailPage />} />
        <Route path="/risks/:id/edit" element={<RiskPointFormPage />} />
        <Route path="/installations" element={<InstallationsPage />} />
        <Route path="/risk-reports" element={<RiskReportsPage />} />
        <Route path="/risk-distribution" element={<DistributionPage />} />
        <Route path="/hazards" element={<HazardListPage />} />
        <Route path="/hazards/:id" element={<HazardDetailPage />} />
        <Route path="/inspections" element={<InspectionsPage />} />
        <Route path="/inspections/:id" element={<InspectionExecutePage />} />
        <Route path="/inspection-schedules" element={<SchedulesPage />} />
        <Route path="/checklists" element={<ChecklistsPage />} />
        <Route path="/hazard-dashboard" element={<DashboardPage />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route path="/monitoring" element={<WallPage />} />
        <Route path="/sensors" element={<SensorsPage />} />
        <Route path="/monitoring/gateways" element={<GatewaysPage />} />
        {may(me, 'monitoring.ingest') && <Route path="/monitoring/ingest" element={<IngestPage />} />}
        <Route path="/accidents" element={<AccidentsPage />} />
        <Route path="/accidents/new" element={<AccidentReportPage />} />
        <Route path="/accidents/stats" element={<AccidentStatsPage />} />
        <Route path="/accidents/lessons" element={<LessonsPage />} />
        <Route path="/accidents/:id" element={<AccidentDetailPage />} />
        <Route path="/enforcement/plan" element={<PlanPage />} />
        <Route path="/enforcement/draws" element={<DrawsPage />} />
        <Route path="/enforcement/draws/:id" element={<DrawDetailPage />} />
        <Route path="/enforcement/inspections" element={<EnforcementInspectionsPage />} />
        <Route path="/enforcement/inspections/:id" element={<EnforcementInspectionPage />} />
        <Route path="/enforcement/cases" element={<CasesPage />} />
        <Route path="/enforcement/cases/:id" element={<CaseDetailPage />} />
        <Route path="/enforcement/stats" element={<EnforcementStatsPage />} />
        {creditRoutes(me)}
        {blacklistRoutes(me)}
        {accountabilityRoutes(me)}
        {assessmentRoutes(me)}
        {peopleRoutes(me)}
        {emergencyPlansRoutes(me)}
        {drillsRoutes(me)}
        {suppliesRoutes(me)}
        {dispatchRoutes(me)}
        {teamsRoutes(me)}
        {phCasesRoutes(me)}
        {phEventsRoutes(me)}
        {phLevelsRoutes(me)}
        {cmBoardRoutes(me)}
        {cmDutyRoutes(me)}
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/reports/:id" element={<ReportDetailPage />} />
        <Route path="/report-stats" element={<ReportStatsPage />} />
        <Route path="/report-reward-rules" element={<RewardRulesPage />} />
        {may(me, 'admin.users') && <Route path="/admin/users" element={<UsersPage />} />}
        {may(me, 'admin.departments') && <Route path="/admin/departments" element={<DepartmentsPage />} />}
        {may(me, 'admin.audit') && <Route path="/admin/audit" element={<AuditPage />} />}
        {may(me, 'settings.edit') && <Route path="/admin/settings" element={<SettingsPage />} />}
        <Route path="/admin/calendar" element={<CalendarPage />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}

function Themed() {
  const { lang } = useI18n();
  useEffect(() => setApiLang(lang), [lang]);
  setApiLang(lang);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <BrowserRouter>
              <Suspense fallback={null}>
                <Routed />
              </Suspense>
            </BrowserRouter>
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider dictionaries={dictionaries}>
        <Themed />
      </I18nProvider>
    </StrictMode>,
  );
}
