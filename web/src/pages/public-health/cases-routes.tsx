// 传染病报告 pages (issue 28). Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import { AuditOutlined, BookOutlined, FileAddOutlined, FileTextOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';
import type { MenuEntry } from '../people/routes.tsx';

const ReportCasePage = lazy(() => import('./ReportCasePage.tsx').then((m) => ({ default: m.ReportCasePage })));
const CaseListPage = lazy(() => import('./CaseListPage.tsx').then((m) => ({ default: m.CaseListPage })));
const CaseDetailPage = lazy(() => import('./CaseDetailPage.tsx').then((m) => ({ default: m.CaseDetailPage })));
const ReviewDeskPage = lazy(() => import('./ReviewDeskPage.tsx').then((m) => ({ default: m.ReviewDeskPage })));
const DiseasesPage = lazy(() => import('./DiseasesPage.tsx').then((m) => ({ default: m.DiseasesPage })));

export function phCasesRoutes(me: Me): ReactNode[] {
  if (!may(me, 'phCases.view')) return [];
  return [
    ...(may(me, 'phCases.report')
      ? [
          <Route key="ph-report" path="/public-health/report" element={<ReportCasePage />} />,
          <Route key="ph-correct" path="/public-health/cases/:id/correct" element={<ReportCasePage />} />,
        ]
      : []),
    <Route key="ph-cases" path="/public-health/cases" element={<CaseListPage />} />,
    <Route key="ph-case" path="/public-health/cases/:id" element={<CaseDetailPage />} />,
    ...(may(me, 'phCases.review') ? [<Route key="ph-review" path="/public-health/review" element={<ReviewDeskPage />} />] : []),
    <Route key="ph-diseases" path="/public-health/diseases" element={<DiseasesPage />} />,
  ];
}

export function phCasesMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  if (!may(me, 'phCases.view')) return [];
  return [
    ...(may(me, 'phCases.report') ? [{ key: '/public-health/report', icon: <FileAddOutlined />, label: t('phCaMenuReport') }] : []),
    ...(may(me, 'phCases.review') ? [{ key: '/public-health/review', icon: <AuditOutlined />, label: t('phCaMenuReview') }] : []),
    { key: '/public-health/cases', icon: <FileTextOutlined />, label: t('phCaMenu') },
    { key: '/public-health/diseases', icon: <BookOutlined />, label: t('phCaMenuDiseases') },
  ];
}
