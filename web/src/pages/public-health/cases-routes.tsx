// 传染病报告 pages (issue 28). Owner: cases (病种参考数据、传染病报告卡、审核、流调任务、查重合并).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import type { ReactNode } from 'react';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import type { MenuEntry } from '../people/routes.tsx';

export function phCasesRoutes(_me: Me): ReactNode[] {
  return [];
}

export function phCasesMenu(_me: Me | null, _t: (k: MessageKey) => string): MenuEntry[] {
  return [];
}
