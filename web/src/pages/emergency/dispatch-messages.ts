// UI strings of 物资调拨 (issue 27). Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产). Keys start with emDi.
import type { Messages } from '../../messages.ts';

export const dispatchMessages = {
  emDiMenu: { zh: '物资调拨', en: 'Dispatch' },
} satisfies Messages;
