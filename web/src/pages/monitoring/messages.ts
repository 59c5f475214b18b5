// UI strings of the monitoring pages, Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const monitoringMessages = {} as const satisfies Messages;
