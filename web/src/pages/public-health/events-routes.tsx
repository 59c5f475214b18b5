// 突发公共卫生事件 pages (issue 28). Owner: events (聚集性信号、事件分级、报告链、初次/进程/结案报告、密接、任务).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import { AlertOutlined, CheckSquareOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';
import type { MenuEntry } from '../people/routes.tsx';

const EventsPage = lazy(() => import('./EventsPage.tsx').then((m) => ({ default: m.EventsPage })));
const EventDetailPage = lazy(() => import('./EventDetailPage.tsx').then((m) => ({ default: m.EventDetailPage })));
const TaskListPage = lazy(() => import('./TaskListPage.tsx').then((m) => ({ default: m.TaskListPage })));

export function phEventsRoutes(me: Me): ReactNode[] {
  const routes: ReactNode[] = [];
  if (may(me, 'phEvents.view'))
    routes.push(
      <Route key="ph-events" path="/public-health/events" element={<EventsPage />} />,
      <Route key="ph-event" path="/public-health/events/:id" element={<EventDetailPage />} />,
    );
  if (may(me, 'phEvents.tasks')) routes.push(<Route key="ph-tasks" path="/public-health/tasks" element={<TaskListPage />} />);
  return routes;
}

export function phEventsMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  const out: MenuEntry[] = [];
  if (may(me, 'phEvents.view')) out.push({ key: '/public-health/events', icon: <AlertOutlined />, label: t('phEvMenu') });
  if (may(me, 'phEvents.tasks')) out.push({ key: '/public-health/tasks', icon: <CheckSquareOutlined />, label: t('phEvMenuTasks') });
  return out;
}
