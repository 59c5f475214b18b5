// 队伍、专家与值班 pages (issue 27). Owner: teams (救援队伍、专家、值班).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's 应急准备 group (Layout.tsx).
import type { ReactNode } from 'react';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import type { MenuEntry } from '../people/routes.tsx';

export function teamsRoutes(_me: Me): ReactNode[] {
  return [];
}

export function teamsMenu(_me: Me | null, _t: (k: MessageKey) => string): MenuEntry[] {
  return [];
}
