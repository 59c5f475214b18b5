// 队伍、专家与值班 pages (issue 27). Owner: teams (救援队伍、专家、值班).
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's 应急准备 group (Layout.tsx).
import { PhoneOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';
import type { MenuEntry } from '../people/routes.tsx';

const TeamsPage = lazy(() => import('./TeamsPage.tsx').then((m) => ({ default: m.TeamsPage })));
const TeamDetailPage = lazy(() => import('./TeamDetailPage.tsx').then((m) => ({ default: m.TeamDetailPage })));
const ExpertDetailPage = lazy(() => import('./ExpertDetailPage.tsx').then((m) => ({ default: m.ExpertDetailPage })));
const DutyRosterPage = lazy(() => import('./DutyRosterPage.tsx').then((m) => ({ default: m.DutyRosterPage })));
const DutyGapsPage = lazy(() => import('./DutyGapsPage.tsx').then((m) => ({ default: m.DutyGapsPage })));
const DutyPhonesPage = lazy(() => import('./DutyPhonesPage.tsx').then((m) => ({ default: m.DutyPhonesPage })));

export function teamsRoutes(me: Me): ReactNode[] {
  if (!may(me, 'teams.view')) return [];
  return [
    <Route key="em-teams" path="/emergency/teams" element={<TeamsPage />} />,
    <Route key="em-team" path="/emergency/teams/:id" element={<TeamDetailPage />} />,
    <Route key="em-expert" path="/emergency/experts/:id" element={<ExpertDetailPage />} />,
    <Route key="em-duty" path="/emergency/duty" element={<DutyRosterPage />} />,
    <Route key="em-duty-gaps" path="/emergency/duty/gaps" element={<DutyGapsPage />} />,
    <Route key="em-duty-phones" path="/emergency/duty/phones" element={<DutyPhonesPage />} />,
  ];
}

export function teamsMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  if (!may(me, 'teams.view')) return [];
  return [
    { key: '/emergency/teams', icon: <TeamOutlined />, label: t('emTeMenuTeams') },
    { key: '/emergency/duty', icon: <ScheduleOutlined />, label: t('emTeMenuDuty') },
    { key: '/emergency/duty/phones', icon: <PhoneOutlined />, label: t('emTeMenuPhones') },
  ];
}
