// 应急物资 pages (issue 27). Owner: supplies (分类编码、物资、仓库、库存批次、台账).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's 应急准备 group (Layout.tsx).
import { AlertOutlined, InboxOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';
import type { MenuEntry } from '../people/routes.tsx';

const SuppliesPage = lazy(() => import('./SuppliesPage.tsx').then((m) => ({ default: m.SuppliesPage })));
const WarehouseDetailPage = lazy(() => import('./WarehouseDetailPage.tsx').then((m) => ({ default: m.WarehouseDetailPage })));
const StockCountPage = lazy(() => import('./StockCountPage.tsx').then((m) => ({ default: m.StockCountPage })));
const SupplyAlertsPage = lazy(() => import('./SupplyAlertsPage.tsx').then((m) => ({ default: m.SupplyAlertsPage })));

export function suppliesRoutes(me: Me): ReactNode[] {
  if (!may(me, 'supplies.view')) return [];
  return [
    <Route key="supplies" path="/emergency/supplies" element={<SuppliesPage />} />,
    <Route key="supplies-alerts" path="/emergency/supplies/alerts" element={<SupplyAlertsPage />} />,
    <Route key="supplies-warehouse" path="/emergency/supplies/warehouses/:id" element={<WarehouseDetailPage />} />,
    <Route key="supplies-count" path="/emergency/supplies/warehouses/:id/count" element={<StockCountPage />} />,
  ];
}

export function suppliesMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  if (!may(me, 'supplies.view')) return [];
  return [
    { key: '/emergency/supplies', icon: <InboxOutlined />, label: t('emSuMenu') },
    ...(may(me, 'supplies.keep') ? [{ key: '/emergency/supplies/alerts', icon: <AlertOutlined />, label: t('emSuAlertsMenu') }] : []),
  ];
}
