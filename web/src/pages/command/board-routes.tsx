// 指挥中心 pages (issue 28). Owner: board (信号汇集、收集→分析→研判→推送→核查→反馈闭环、12345 来电、地图看板).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import type { ReactNode } from 'react';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import type { MenuEntry } from '../people/routes.tsx';

export function cmBoardRoutes(_me: Me): ReactNode[] {
  return [];
}

export function cmBoardMenu(_me: Me | null, _t: (k: MessageKey) => string): MenuEntry[] {
  return [];
}
