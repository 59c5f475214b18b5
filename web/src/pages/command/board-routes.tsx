// 指挥中心 pages (issue 28). Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import { AimOutlined, DesktopOutlined, PhoneOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';
import type { MenuEntry } from '../people/routes.tsx';

const BoardPage = lazy(() => import('./BoardPage.tsx').then((m) => ({ default: m.BoardPage })));
const WallPage = lazy(() => import('./WallPage.tsx').then((m) => ({ default: m.WallPage })));
const HotlinePage = lazy(() => import('./HotlinePage.tsx').then((m) => ({ default: m.HotlinePage })));

const seesBoard = (me: Me | null) => may(me, 'cmBoard.view') || may(me, 'cmBoard.unit');

export function cmBoardRoutes(me: Me): ReactNode[] {
  if (!seesBoard(me)) return [];
  return [
    <Route key="cm-board" path="/command" element={<BoardPage />} />,
    ...(may(me, 'cmBoard.view') ? [<Route key="cm-wall" path="/command/wall" element={<WallPage />} />] : []),
    ...(may(me, 'cmBoard.hotline') ? [<Route key="cm-hotline" path="/command/hotline" element={<HotlinePage />} />] : []),
  ];
}

export function cmBoardMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  if (!seesBoard(me)) return [];
  return [
    { key: '/command', icon: <AimOutlined />, label: t('cmBoMenu') },
    ...(may(me, 'cmBoard.view') ? [{ key: '/command/wall', icon: <DesktopOutlined />, label: t('cmBoMenuWall') }] : []),
    ...(may(me, 'cmBoard.hotline') ? [{ key: '/command/hotline', icon: <PhoneOutlined />, label: t('cmBoMenuHotline') }] : []),
  ];
}
