// First: settings that must hold before any other module runs (the CSP forbids eval).
import './csp.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { setApiLang } from './api.ts';
import { Layout } from './components/Layout.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { AuditPage } from './pages/admin/AuditPage.tsx';
import { DepartmentsPage } from './pages/admin/DepartmentsPage.tsx';
import { UsersPage } from './pages/admin/UsersPage.tsx';
import { LoginPage } from './pages/auth/LoginPage.tsx';
import { EnterpriseChangesPage } from './pages/enterprises/EnterpriseChanges.tsx';
import { EnterpriseDetailPage } from './pages/enterprises/EnterpriseDetailPage.tsx';
import { EnterpriseFormPage } from './pages/enterprises/EnterpriseFormPage.tsx';
import { EnterpriseListPage } from './pages/enterprises/EnterpriseListPage.tsx';
import { ImportPage } from './pages/enterprises/ImportPage.tsx';
import { ChecklistsPage } from './pages/hazards/ChecklistsPage.tsx';
import { DashboardPage } from './pages/hazards/DashboardPage.tsx';
import { HazardDetailPage } from './pages/hazards/HazardDetailPage.tsx';
import { HazardListPage } from './pages/hazards/HazardListPage.tsx';
import { InboxPage } from './pages/hazards/InboxPage.tsx';
import { InspectionExecutePage } from './pages/hazards/InspectionExecutePage.tsx';
import { InspectionsPage } from './pages/hazards/InspectionsPage.tsx';
import { SchedulesPage } from './pages/hazards/SchedulesPage.tsx';
import { GatewaysPage } from './pages/monitoring/GatewaysPage.tsx';
import { IngestPage } from './pages/monitoring/IngestPage.tsx';
import { SensorsPage } from './pages/monitoring/SensorsPage.tsx';
import { WallPage } from './pages/monitoring/WallPage.tsx';
import { DistributionPage } from './pages/risks/DistributionPage.tsx';
import { InstallationsPage } from './pages/risks/InstallationsPage.tsx';
import { RiskMapPage } from './pages/risks/RiskMapPage.tsx';
import { RiskPointDetailPage } from './pages/risks/RiskPointDetailPage.tsx';
import { RiskPointFormPage } from './pages/risks/RiskPointFormPage.tsx';
import { RiskRegisterPage } from './pages/risks/RiskRegisterPage.tsx';
import { RiskReportsPage } from './pages/risks/RiskReportsPage.tsx';
import { FollowPage } from './pages/whistleblowing/public/FollowPage.tsx';
import { ReportPage } from './pages/whistleblowing/public/ReportPage.tsx';
import { ReportDetailPage } from './pages/whistleblowing/ReportDetailPage.tsx';
import { ReportStatsPage } from './pages/whistleblowing/ReportStatsPage.tsx';
import { ReportsPage } from './pages/whistleblowing/ReportsPage.tsx';
import { RewardRulesPage } from './pages/whistleblowing/RewardRulesPage.tsx';
import { WorkbenchPage } from './pages/workbench/WorkbenchPage.tsx';
import { isAdmin, may, SessionProvider, useSession } from './session.tsx';
import { theme } from './theme.ts';

/** The reporter's pages: no session is looked up, no cookie is sent (see api.ts credentials). */
const isPublicReport = () => /^\/report(\/|$)/.test(window.location.pathname);

function PublicReportRoutes() {
  return (
    <Routes>
      <Route path="/report" element={<ReportPage />} />
      <Route path="/report/follow" element={<FollowPage />} />
      <Route path="*" element={<Navigate to="/report" replace />} />
    </Routes>
  );
}

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

function Routed() {
  const { me, loading } = useSession();
  if (loading) return null;
  if (!me) {
    return (
      <Routes>
        <Route path="*" element={<LoginPage />} />
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
        {isAdmin(me) && <Route path="/monitoring/ingest" element={<IngestPage />} />}
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/reports/:id" element={<ReportDetailPage />} />
        <Route path="/report-stats" element={<ReportStatsPage />} />
        <Route path="/report-reward-rules" element={<RewardRulesPage />} />
        {may(me, 'admin.users') && <Route path="/admin/users" element={<UsersPage />} />}
        {may(me, 'admin.departments') && <Route path="/admin/departments" element={<DepartmentsPage />} />}
        {may(me, 'admin.audit') && <Route path="/admin/audit" element={<AuditPage />} />}
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
          {isPublicReport() ? (
            <BrowserRouter>
              <PublicReportRoutes />
            </BrowserRouter>
          ) : (
            <SessionProvider>
              <BrowserRouter>
                <Routed />
              </BrowserRouter>
            </SessionProvider>
          )}
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </StrictMode>,
  );
}
