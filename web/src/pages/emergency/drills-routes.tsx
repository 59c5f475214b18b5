// 应急演练 pages (issue 27). Owner: drills (演练计划、实施、评估、频次检查).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's 应急准备 group (Layout.tsx).
import { CalendarOutlined, WarningOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';
import type { MenuEntry } from '../people/routes.tsx';

const DrillCalendarPage = lazy(() => import('./DrillCalendarPage.tsx').then((m) => ({ default: m.DrillCalendarPage })));
const DrillDetailPage = lazy(() => import('./DrillDetailPage.tsx').then((m) => ({ default: m.DrillDetailPage })));
const DrillMissingPage = lazy(() => import('./DrillMissingPage.tsx').then((m) => ({ default: m.DrillMissingPage })));

export function drillsRoutes(me: Me): ReactNode[] {
  if (!may(me, 'drills.view')) return [];
  return [
    <Route key="drills" path="/emergency/drills" element={<DrillCalendarPage />} />,
    <Route key="drills-missing" path="/emergency/drills/missing" element={<DrillMissingPage />} />,
    <Route key="drill" path="/emergency/drills/:id" element={<DrillDetailPage />} />,
  ];
}

export function drillsMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  if (!may(me, 'drills.view')) return [];
  return [
    { key: '/emergency/drills', icon: <CalendarOutlined />, label: t('emDrMenu') },
    { key: '/emergency/drills/missing', icon: <WarningOutlined />, label: t('emDrMenuMissing') },
  ];
}
