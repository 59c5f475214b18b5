// Responsibility list, 约谈 and 巡查 pages (issue 26). Owner: accountability.
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import { AlertOutlined, FileProtectOutlined, FlagOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';

export type MenuEntry = { key: string; icon: ReactNode; label: string };

const ResponsibilitiesPage = lazy(() => import('./ResponsibilitiesPage.tsx').then((m) => ({ default: m.ResponsibilitiesPage })));
const OfficialsPage = lazy(() => import('./OfficialsPage.tsx').then((m) => ({ default: m.OfficialsPage })));
const WorkItemsPage = lazy(() => import('./OfficialsPage.tsx').then((m) => ({ default: m.WorkItemsPage })));
const TriggersPage = lazy(() => import('./TriggersPage.tsx').then((m) => ({ default: m.TriggersPage })));
const RecordsPage = lazy(() => import('./RecordsPage.tsx').then((m) => ({ default: m.RecordsPage })));
const RecordDetailPage = lazy(() => import('./RecordDetailPage.tsx').then((m) => ({ default: m.RecordDetailPage })));
const ToursPage = lazy(() => import('./ToursPage.tsx').then((m) => ({ default: m.ToursPage })));
const TourDetailPage = lazy(() => import('./ToursPage.tsx').then((m) => ({ default: m.TourDetailPage })));
const FindingsPage = lazy(() => import('./ToursPage.tsx').then((m) => ({ default: m.FindingsPage })));

export function accountabilityRoutes(me: Me): ReactNode[] {
  if (!may(me, 'accountability.view')) return [];
  return [
    <Route key="ac-lists" path="/accountability/responsibilities" element={<ResponsibilitiesPage />} />,
    <Route key="ac-officials" path="/accountability/officials" element={<OfficialsPage />} />,
    <Route key="ac-work" path="/accountability/work-items" element={<WorkItemsPage />} />,
    <Route key="ac-triggers" path="/accountability/triggers" element={<TriggersPage />} />,
    <Route key="ac-records" path="/accountability/records" element={<RecordsPage />} />,
    <Route key="ac-record" path="/accountability/records/:id" element={<RecordDetailPage />} />,
    <Route key="ac-tours" path="/accountability/tours" element={<ToursPage />} />,
    <Route key="ac-tour" path="/accountability/tours/:id" element={<TourDetailPage />} />,
    <Route key="ac-findings" path="/accountability/findings" element={<FindingsPage />} />,
  ];
}

export function accountabilityMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  if (!may(me, 'accountability.view')) return [];
  return [
    { key: '/accountability/responsibilities', icon: <SolutionOutlined />, label: t('acMenuLists') },
    { key: '/accountability/officials', icon: <TeamOutlined />, label: t('acMenuOfficials') },
    { key: '/accountability/triggers', icon: <AlertOutlined />, label: t('acMenuTriggers') },
    { key: '/accountability/records', icon: <FileProtectOutlined />, label: t('acMenuRecords') },
    { key: '/accountability/tours', icon: <FlagOutlined />, label: t('acMenuTours') },
  ];
}
