// Shared words that the light entry's pages (public/main.tsx: the public report pages and the
// login) use too. They live here, not in i18n.tsx, because i18n.tsx merges every capability's
// messages and the light entry must not carry those (README "Web delivery"); i18n.tsx merges these
// for the app like any capability's.
import type { Messages } from './messages.ts';

export const commonMessages = {
  appName: { zh: '泰山 · 安全生产治理平台', en: 'Taishan · Work-safety governance' },
  language: { zh: 'English', en: '中文' },
  password: { zh: '密码', en: 'Password' },
  required: { zh: '必填', en: 'Required' },
  status: { zh: '状态', en: 'Status' },
  username: { zh: '用户名', en: 'Username' },
} as const satisfies Messages;
