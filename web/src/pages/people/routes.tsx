// Certificate, training and publicity pages (issue 26). Owner: people.
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import { ApartmentOutlined, IdcardOutlined, NotificationOutlined, ReadOutlined, UploadOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';

export type MenuEntry = { key: string; icon: ReactNode; label: string };

const PeoplePage = lazy(() => import('./PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })));
const EnterprisesPage = lazy(() => import('./EnterprisesPage.tsx').then((m) => ({ default: m.EnterprisesPage })));
const CertificateImportPage = lazy(() => import('./CertificateImportPage.tsx').then((m) => ({ default: m.CertificateImportPage })));
const ClosedCoursesPage = lazy(() => import('./ClosedCoursesPage.tsx').then((m) => ({ default: m.ClosedCoursesPage })));
const PublicityPage = lazy(() => import('./PublicityPage.tsx').then((m) => ({ default: m.PublicityPage })));

export function peopleRoutes(me: Me): ReactNode[] {
  return [
    may(me, 'people.view') && <Route key="people" path="/people" element={<PeoplePage />} />,
    may(me, 'people.view') && <Route key="people-enterprises" path="/people/enterprises" element={<EnterprisesPage />} />,
    may(me, 'people.manage') && <Route key="people-import" path="/people/import" element={<CertificateImportPage />} />,
    may(me, 'people.courses') && <Route key="people-courses" path="/people/courses" element={<ClosedCoursesPage />} />,
    may(me, 'people.publicity') && <Route key="people-publicity" path="/people/publicity" element={<PublicityPage />} />,
  ].filter(Boolean);
}

export function peopleMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  const out: MenuEntry[] = [];
  if (may(me, 'people.view')) out.push({ key: '/people', icon: <IdcardOutlined />, label: t('ppMenuPeople') });
  if (may(me, 'people.view')) out.push({ key: '/people/enterprises', icon: <ApartmentOutlined />, label: t('ppMenuEnterprises') });
  if (may(me, 'people.manage')) out.push({ key: '/people/import', icon: <UploadOutlined />, label: t('ppMenuImport') });
  if (may(me, 'people.courses')) out.push({ key: '/people/courses', icon: <ReadOutlined />, label: t('ppMenuCourses') });
  if (may(me, 'people.publicity')) out.push({ key: '/people/publicity', icon: <NotificationOutlined />, label: t('ppMenuPublicity') });
  return out;
}
