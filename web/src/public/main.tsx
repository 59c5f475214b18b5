// The light entry (public.html): the pages used without a session — the public report pages
// (/report, /report/follow; later the public lists and maps) and /login. Each must arrive on a slow
// phone within 250 KB of compressed JavaScript (issue 23 item 13, e2e/tests/bundle.test.ts), so this
// entry carries none of the app's shell: no react-router (router.tsx), no react-query, no antd App
// (its message, modal and notification), no domain barrel (zod), and only its pages' words.
// The server sends this page for those addresses (server/src/app.ts), the app's index.html for the rest.
import { theme as antdTheme, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, StrictMode, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api, setApiLang } from '../api.ts';
import { commonMessages } from '../common-messages.ts';
import { type Dictionaries, I18nProvider, useI18n } from '../i18n-provider.tsx';
import { half } from '../messages.ts';
import { openAccidentsMessages } from '../pages/accidents/public/messages.ts';
import { authMessages } from '../pages/auth/messages.ts';
import { openBlacklistMessages } from '../pages/credit/public/messages.ts';
import { openEnforcementMessages } from '../pages/enforcement/public/messages.ts';
import { openHealthRiskMessages } from '../pages/public-health/public/messages.ts';
import { publicReportMessages } from '../pages/whistleblowing/public/messages.ts';
import { theme } from '../theme.ts';
import { navigate, usePath } from './router.tsx';

// The one page the address asks for loads alone: a reporter never fetches the login, nor a user the report form.
const LoginPage = lazy(() => import('../pages/auth/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const ReportPage = lazy(() => import('../pages/whistleblowing/public/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const OpenEnforcementPage = lazy(() =>
  import('../pages/enforcement/public/OpenPage.tsx').then((m) => ({ default: m.OpenEnforcementPage })),
);
const OpenAccidentsPage = lazy(() =>
  import('../pages/accidents/public/OpenAccidentsPage.tsx').then((m) => ({ default: m.OpenAccidentsPage })),
);
const OpenBlacklistPage = lazy(() =>
  import('../pages/credit/public/OpenBlacklistPage.tsx').then((m) => ({ default: m.OpenBlacklistPage })),
);
const OpenHealthRiskPage = lazy(() =>
  import('../pages/public-health/public/OpenHealthRiskPage.tsx').then((m) => ({ default: m.OpenHealthRiskPage })),
);
const FollowPage = lazy(() => import('../pages/whistleblowing/public/FollowPage.tsx').then((m) => ({ default: m.FollowPage })));

// Only these pages' words: i18n.tsx (every capability's) is not imported by anything here.
const words = [
  commonMessages,
  authMessages,
  publicReportMessages,
  openEnforcementMessages,
  openAccidentsMessages,
  openBlacklistMessages,
  openHealthRiskMessages,
];
const dictionaries: Dictionaries = { zh: half('zh', ...words), en: half('en', ...words) };

/** Into the app: a full load of index.html, whose shell this entry does not have. */
const openApp = () => window.location.replace('/');

/** /login as the app shows it: a user with a session goes on to the app, anyone else sees the form. */
function Login() {
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    api('/api/v1/me').then(openApp, () => setChecked(true));
  }, []);
  return checked ? <LoginPage onLoggedIn={openApp} /> : null;
}

function Page({ path }: { path: string }) {
  if (path === '/login') return <Login />;
  if (path === '/report/follow') return <FollowPage />;
  if (path === '/open/enforcement') return <OpenEnforcementPage />;
  if (path === '/open/accidents') return <OpenAccidentsPage />;
  if (path === '/open/blacklist') return <OpenBlacklistPage />;
  if (path === '/open/health-risk') return <OpenHealthRiskPage />;
  return <ReportPage />;
}

/** The text colour and font antd's App gives the app's pages, without the App (and what it brings). */
function Text({ children }: { children: React.ReactNode }) {
  const { token } = antdTheme.useToken();
  return (
    <div style={{ color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>
      {children}
    </div>
  );
}

function Themed() {
  const { lang } = useI18n();
  const path = usePath();
  // Any other address under /report is the report form, as the app's router had it.
  useEffect(() => {
    if (
      !['/login', '/report', '/report/follow', '/open/enforcement', '/open/accidents', '/open/blacklist', '/open/health-risk'].includes(
        path,
      )
    )
      navigate('/report', true);
  }, [path]);
  setApiLang(lang);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }} theme={theme}>
      <Text>
        <Suspense fallback={null}>
          <Page path={path} />
        </Suspense>
      </Text>
    </ConfigProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider dictionaries={dictionaries}>
        <Themed />
      </I18nProvider>
    </StrictMode>,
  );
}
