// UI strings of 应急物资 (issue 27). Owner: supplies (分类编码、物资、仓库、库存批次、台账). Keys start with emSu.
import type { Messages } from '../../messages.ts';

export const suppliesMessages = {
  emSuMenu: { zh: '应急物资', en: 'Supplies' },
} satisfies Messages;
