// 值班与简报 pages (issue 28). Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import type { ReactNode } from 'react';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import type { MenuEntry } from '../people/routes.tsx';

export function cmDutyRoutes(_me: Me): ReactNode[] {
  return [];
}

export function cmDutyMenu(_me: Me | null, _t: (k: MessageKey) => string): MenuEntry[] {
  return [];
}
