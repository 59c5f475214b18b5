// UI strings of the enterprises pages, Chinese and English side by side (merged in i18n.tsx).
import type { Messages } from '../../messages.ts';

export const enterprisesMessages = {} as const satisfies Messages;
