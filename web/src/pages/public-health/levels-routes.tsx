// 风险等级 pages (issue 28). Owner: levels (地区风险等级规则、建议、确认、历史、公告、公开地图).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import type { ReactNode } from 'react';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import type { MenuEntry } from '../people/routes.tsx';

export function phLevelsRoutes(_me: Me): ReactNode[] {
  return [];
}

export function phLevelsMenu(_me: Me | null, _t: (k: MessageKey) => string): MenuEntry[] {
  return [];
}
