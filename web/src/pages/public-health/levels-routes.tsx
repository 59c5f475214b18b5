// 风险等级 pages (issue 28). Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import { HeatMapOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';
import type { MenuEntry } from '../people/routes.tsx';

const LevelBoardPage = lazy(() => import('./LevelBoardPage.tsx').then((m) => ({ default: m.LevelBoardPage })));

export function phLevelsRoutes(me: Me): ReactNode[] {
  if (!may(me, 'phLevels.view')) return [];
  return [<Route key="ph-levels" path="/public-health/levels" element={<LevelBoardPage />} />];
}

export function phLevelsMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  if (!may(me, 'phLevels.view')) return [];
  return [{ key: '/public-health/levels', icon: <HeatMapOutlined />, label: t('phLvMenu') }];
}
