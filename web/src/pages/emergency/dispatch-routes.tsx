// 物资调拨 pages (issue 27). Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's 应急准备 group (Layout.tsx).
import type { ReactNode } from 'react';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import type { MenuEntry } from '../people/routes.tsx';

export function dispatchRoutes(_me: Me): ReactNode[] {
  return [];
}

export function dispatchMenu(_me: Me | null, _t: (k: MessageKey) => string): MenuEntry[] {
  return [];
}
