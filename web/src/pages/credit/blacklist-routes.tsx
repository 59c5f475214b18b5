// Serious-discredit list pages (issue 26). Owner: blacklist.
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import { StopOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';

export type MenuEntry = { key: string; icon: ReactNode; label: string };

const BlacklistPage = lazy(() => import('./BlacklistPage.tsx').then((m) => ({ default: m.BlacklistPage })));
const BlacklistDetailPage = lazy(() => import('./BlacklistDetailPage.tsx').then((m) => ({ default: m.BlacklistDetailPage })));

export function blacklistRoutes(me: Me): ReactNode[] {
  if (!may(me, 'blacklist.view')) return [];
  return [
    <Route key="blacklist" path="/credit/blacklist" element={<BlacklistPage />} />,
    <Route key="blacklist-entry" path="/credit/blacklist/:id" element={<BlacklistDetailPage />} />,
  ];
}

export function blacklistMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  return may(me, 'blacklist.view') ? [{ key: '/credit/blacklist', icon: <StopOutlined />, label: t('blMenu') }] : [];
}
