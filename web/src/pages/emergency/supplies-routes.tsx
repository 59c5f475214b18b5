// 应急物资 pages (issue 27). Owner: supplies (分类编码、物资、仓库、库存批次、台账).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's 应急准备 group (Layout.tsx).
import type { ReactNode } from 'react';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import type { MenuEntry } from '../people/routes.tsx';

export function suppliesRoutes(_me: Me): ReactNode[] {
  return [];
}

export function suppliesMenu(_me: Me | null, _t: (k: MessageKey) => string): MenuEntry[] {
  return [];
}
