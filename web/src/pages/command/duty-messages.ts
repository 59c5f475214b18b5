// UI strings of 值班与简报 (issue 28). Owner: duty (当日值班员、值班日志、每日简报 PDF、疫情重点场所检查表). Keys start with cmDu.
import type { Messages } from '../../messages.ts';

export const cmDutyMessages = {
  cmDuMenu: { zh: '值班与简报', en: 'Duty and briefings' },
} satisfies Messages;
