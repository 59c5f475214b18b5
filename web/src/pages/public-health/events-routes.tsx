// 突发公共卫生事件 pages (issue 28). Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import type { ReactNode } from 'react';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import type { MenuEntry } from '../people/routes.tsx';

export function phEventsRoutes(_me: Me): ReactNode[] {
  return [];
}

export function phEventsMenu(_me: Me | null, _t: (k: MessageKey) => string): MenuEntry[] {
  return [];
}
