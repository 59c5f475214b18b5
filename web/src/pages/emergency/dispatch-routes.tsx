// 物资调拨 pages (issue 27). Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's 应急准备 group (Layout.tsx).
import { GiftOutlined, ShopOutlined, SwapOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';
import type { MenuEntry } from '../people/routes.tsx';

const DispatchBoardPage = lazy(() => import('./DispatchBoardPage.tsx').then((m) => ({ default: m.DispatchBoardPage })));
const RequestFormPage = lazy(() => import('./RequestFormPage.tsx').then((m) => ({ default: m.RequestFormPage })));
const RequestDetailPage = lazy(() => import('./RequestDetailPage.tsx').then((m) => ({ default: m.RequestDetailPage })));
const RequestReceivePage = lazy(() => import('./RequestReceivePage.tsx').then((m) => ({ default: m.RequestReceivePage })));
const DispatchReplenishmentPage = lazy(() =>
  import('./DispatchReplenishmentPage.tsx').then((m) => ({ default: m.DispatchReplenishmentPage })),
);
const DonationsPage = lazy(() => import('./DonationsPage.tsx').then((m) => ({ default: m.DonationsPage })));
const ProducersPage = lazy(() => import('./ProducersPage.tsx').then((m) => ({ default: m.ProducersPage })));

export function dispatchRoutes(me: Me): ReactNode[] {
  if (!may(me, 'dispatch.view')) return [];
  return [
    <Route key="dispatch" path="/emergency/dispatch" element={<DispatchBoardPage />} />,
    <Route key="dispatch-new" path="/emergency/dispatch/new" element={<RequestFormPage />} />,
    <Route key="dispatch-replenishment" path="/emergency/dispatch/replenishment" element={<DispatchReplenishmentPage />} />,
    <Route key="dispatch-request" path="/emergency/dispatch/:id" element={<RequestDetailPage />} />,
    <Route key="dispatch-receive" path="/emergency/dispatch/:id/receive" element={<RequestReceivePage />} />,
    <Route key="dispatch-donations" path="/emergency/donations" element={<DonationsPage />} />,
    <Route key="dispatch-producers" path="/emergency/producers" element={<ProducersPage />} />,
  ];
}

export function dispatchMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  if (!may(me, 'dispatch.view')) return [];
  return [
    { key: '/emergency/dispatch', icon: <SwapOutlined />, label: t('emDiMenu') },
    { key: '/emergency/donations', icon: <GiftOutlined />, label: t('emDiDonations') },
    { key: '/emergency/producers', icon: <ShopOutlined />, label: t('emDiProducers') },
  ];
}
