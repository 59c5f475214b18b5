// 值班与简报 pages (issue 28). Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import { FileTextOutlined, ScheduleOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';
import type { MenuEntry } from '../people/routes.tsx';

const DutyPage = lazy(() => import('./DutyPage.tsx').then((m) => ({ default: m.DutyPage })));
const BriefingsPage = lazy(() => import('./BriefingsPage.tsx').then((m) => ({ default: m.BriefingsPage })));

export function cmDutyRoutes(me: Me): ReactNode[] {
  if (!may(me, 'cmDuty.view')) return [];
  return [
    <Route key="cm-duty" path="/command/duty" element={<DutyPage />} />,
    <Route key="cm-briefings" path="/command/briefings" element={<BriefingsPage />} />,
  ];
}

export function cmDutyMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  if (!may(me, 'cmDuty.view')) return [];
  return [
    { key: '/command/duty', icon: <ScheduleOutlined />, label: t('cmDuMenuDuty') },
    { key: '/command/briefings', icon: <FileTextOutlined />, label: t('cmDuMenuBriefings') },
  ];
}
