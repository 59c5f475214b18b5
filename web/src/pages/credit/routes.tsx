// Credit file pages (issue 26). Owner: credit file.
// The routes go into main.tsx's <Routes>, the menu entries into the side menu's group (Layout.tsx).
import { ApiOutlined, AuditOutlined, BankOutlined, IdcardOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Me } from '../../api.ts';
import type { MessageKey } from '../../i18n.tsx';
import { may } from '../../session.tsx';

export type MenuEntry = { key: string; icon: ReactNode; label: string };

const CreditListPage = lazy(() => import('./CreditListPage.tsx').then((m) => ({ default: m.CreditListPage })));
const CreditFilePage = lazy(() => import('./CreditFilePage.tsx').then((m) => ({ default: m.CreditFilePage })));
const CommitmentsPage = lazy(() => import('./CommitmentsPage.tsx').then((m) => ({ default: m.CommitmentsPage })));
const IntermediariesPage = lazy(() => import('./IntermediariesPage.tsx').then((m) => ({ default: m.IntermediariesPage })));
const IntermediaryDetailPage = lazy(() => import('./IntermediaryDetailPage.tsx').then((m) => ({ default: m.IntermediaryDetailPage })));
const PartnerKeysPage = lazy(() => import('./PartnerKeysPage.tsx').then((m) => ({ default: m.PartnerKeysPage })));

export function creditRoutes(me: Me): ReactNode[] {
  const routes: ReactNode[] = [];
  if (may(me, 'credit.view')) {
    routes.push(
      <Route key="credit-list" path="/credit" element={<CreditListPage />} />,
      <Route key="credit-file" path="/credit/enterprises/:id" element={<CreditFilePage subject="enterprise" />} />,
      <Route key="credit-commitments" path="/credit/commitments" element={<CommitmentsPage />} />,
    );
  }
  if (may(me, 'credit.intermediaries')) {
    routes.push(
      <Route key="credit-intermediaries" path="/credit/intermediaries" element={<IntermediariesPage />} />,
      <Route key="credit-intermediary" path="/credit/intermediaries/:id" element={<IntermediaryDetailPage />} />,
      <Route key="credit-intermediary-file" path="/credit/intermediaries/:id/file" element={<CreditFilePage subject="intermediary" />} />,
    );
  }
  if (may(me, 'credit.partnerKeys'))
    routes.push(<Route key="credit-partner-keys" path="/credit/partner-keys" element={<PartnerKeysPage />} />);
  return routes;
}

export function creditMenu(me: Me | null, t: (k: MessageKey) => string): MenuEntry[] {
  const out: MenuEntry[] = [];
  // An enterprise's "credit file" is its own: the menu opens it directly.
  if (may(me, 'credit.list')) out.push({ key: '/credit', icon: <AuditOutlined />, label: t('crMenuFiles') });
  else if (may(me, 'credit.view') && me?.scope.enterpriseId)
    out.push({ key: `/credit/enterprises/${me.scope.enterpriseId}`, icon: <AuditOutlined />, label: t('crMenuFiles') });
  if (may(me, 'credit.view') && me?.scope.enterpriseId)
    out.push({ key: '/credit/commitments', icon: <IdcardOutlined />, label: t('crMenuCommitments') });
  if (may(me, 'credit.intermediaries'))
    out.push({ key: '/credit/intermediaries', icon: <BankOutlined />, label: t('crMenuIntermediaries') });
  if (may(me, 'credit.partnerKeys')) out.push({ key: '/credit/partner-keys', icon: <ApiOutlined />, label: t('crMenuPartnerKeys') });
  return out;
}
