// 应急预案与备案 pages (issue 27). Owner: plans (预案、备案、评估修订、应急处置卡).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's 应急准备 group (Layout.tsx).
import { AuditOutlined, FileProtectOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';
import type { MenuEntry } from '../people/routes.tsx';

const PlansPage = lazy(() => import('./PlansPage.tsx').then((m) => ({ default: m.PlansPage })));
const PlanDetailPage = lazy(() => import('./PlanDetailPage.tsx').then((m) => ({ default: m.PlanDetailPage })));
const FilingDeskPage = lazy(() => import('./FilingDeskPage.tsx').then((m) => ({ default: m.FilingDeskPage })));
const ResponseCardPage = lazy(() => import('./ResponseCardPage.tsx').then((m) => ({ default: m.ResponseCardPage })));

export function emergencyPlansRoutes(me: Me): ReactNode[] {
  if (!may(me, 'emergencyPlans.view')) return [];
  return [
    <Route key="emergency-plans" path="/emergency/plans" element={<PlansPage />} />,
    <Route key="emergency-plan" path="/emergency/plans/:id" element={<PlanDetailPage />} />,
    <Route key="emergency-plan-cards" path="/emergency/plans/:id/cards" element={<ResponseCardPage />} />,
    ...(may(me, 'emergencyPlans.filingDesk')
      ? [<Route key="emergency-filings" path="/emergency/filings" element={<FilingDeskPage />} />]
      : []),
  ];
}

export function emergencyPlansMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  const out: MenuEntry[] = [];
  if (may(me, 'emergencyPlans.view')) out.push({ key: '/emergency/plans', icon: <FileProtectOutlined />, label: t('emPlMenu') });
  if (may(me, 'emergencyPlans.filingDesk')) out.push({ key: '/emergency/filings', icon: <AuditOutlined />, label: t('emPlMenuDesk') });
  return out;
}
