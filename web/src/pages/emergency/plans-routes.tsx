// 应急预案与备案 pages (issue 27). Owner: plans (预案、备案、评估修订、应急处置卡).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's 应急准备 group (Layout.tsx).
import type { ReactNode } from 'react';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import type { MenuEntry } from '../people/routes.tsx';

export function emergencyPlansRoutes(_me: Me): ReactNode[] {
  return [];
}

export function emergencyPlansMenu(_me: Me | null, _t: (k: MessageKey) => string): MenuEntry[] {
  return [];
}
