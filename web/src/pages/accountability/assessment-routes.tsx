// Assessment, veto and bulletin pages (issue 26). Owner: assessment.
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import { FileTextOutlined, ProfileOutlined, StopOutlined, TrophyOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';

export type MenuEntry = { key: string; icon: ReactNode; label: string };

const AssessmentsPage = lazy(() => import('./AssessmentsPage.tsx').then((m) => ({ default: m.AssessmentsPage })));
const AssessmentSheetPage = lazy(() => import('./AssessmentSheetPage.tsx').then((m) => ({ default: m.AssessmentSheetPage })));
const AssessmentTemplatePage = lazy(() => import('./AssessmentTemplatePage.tsx').then((m) => ({ default: m.AssessmentTemplatePage })));
const VetoListPage = lazy(() => import('./VetoListPage.tsx').then((m) => ({ default: m.VetoListPage })));
const BulletinPage = lazy(() => import('./BulletinPage.tsx').then((m) => ({ default: m.BulletinPage })));

export function assessmentRoutes(me: Me): ReactNode[] {
  if (!may(me, 'assessment.view')) return [];
  return [
    <Route key="as-list" path="/assessments" element={<AssessmentsPage />} />,
    <Route key="as-template" path="/assessments/template" element={<AssessmentTemplatePage />} />,
    <Route key="as-vetoes" path="/assessments/vetoes" element={<VetoListPage />} />,
    <Route key="as-bulletins" path="/assessments/bulletins" element={<BulletinPage />} />,
    <Route key="as-sheet" path="/assessments/:id" element={<AssessmentSheetPage />} />,
  ];
}

export function assessmentMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  if (!may(me, 'assessment.view')) return [];
  return [
    { key: '/assessments', icon: <TrophyOutlined />, label: t('asMenuAssessments') },
    { key: '/assessments/template', icon: <ProfileOutlined />, label: t('asMenuTemplate') },
    { key: '/assessments/vetoes', icon: <StopOutlined />, label: t('asMenuVetoes') },
    { key: '/assessments/bulletins', icon: <FileTextOutlined />, label: t('asMenuBulletins') },
  ];
}
