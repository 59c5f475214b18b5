// UI strings of the admin pages, Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const adminMessages = {} as const satisfies Messages;
