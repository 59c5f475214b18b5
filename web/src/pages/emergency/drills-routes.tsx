// 应急演练 pages (issue 27). Owner: drills (演练计划、实施、评估、频次检查).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's 应急准备 group (Layout.tsx).
import type { ReactNode } from 'react';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import type { MenuEntry } from '../people/routes.tsx';

export function drillsRoutes(_me: Me): ReactNode[] {
  return [];
}

export function drillsMenu(_me: Me | null, _t: (k: MessageKey) => string): MenuEntry[] {
  return [];
}
