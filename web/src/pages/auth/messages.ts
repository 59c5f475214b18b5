// UI strings of the auth pages, Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const authMessages = {
  login: { zh: '登录', en: 'Log in' },
  loginFailed: { zh: '登录失败', en: 'Login failed' },
} as const satisfies Messages;
