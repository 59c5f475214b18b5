// Audit labels of 物资调拨 (issue 27), spread into audit/actions.ts. Owner: dispatch (调拨申请、审批、调拨指令、配送、签收、捐赠、定点生产).
// A request's steps are written as `dispatch.${action}` (DISPATCH_ACTIONS), plus the rest below.
type Label = { zh: string; en: string };

export const DISPATCH_AUDIT_ACTIONS = {
  'dispatch.create': { zh: '物资调拨：填写申请', en: 'Dispatch: request drafted' },
  'dispatch.submit': { zh: '物资调拨：提交申请', en: 'Dispatch: request submitted' },
  'dispatch.approve': { zh: '物资调拨：审批', en: 'Dispatch: request approved' },
  'dispatch.reject': { zh: '物资调拨：不予批准', en: 'Dispatch: request rejected' },
  'dispatch.issueOrder': { zh: '物资调拨：下达调拨指令', en: 'Dispatch: order issued' },
  'dispatch.ship': { zh: '物资调拨：出库发运', en: 'Dispatch: shipped' },
  'dispatch.receive': { zh: '物资调拨：签收', en: 'Dispatch: received' },
  'dispatch.confirmWritten': { zh: '物资调拨：补办书面申请', en: 'Dispatch: written request recorded' },
  'dispatch.consume': { zh: '物资调拨：登记消耗', en: 'Dispatch: consumption recorded' },
  'dispatch.returnGoods': { zh: '物资调拨：回收入库', en: 'Dispatch: returned into stock' },
  'dispatch.close': { zh: '物资调拨：办结', en: 'Dispatch: closed' },
  'dispatch.cancel': { zh: '物资调拨：撤销', en: 'Dispatch: cancelled' },
  'dispatch.donationCreate': { zh: '登记捐赠物资', en: 'Donation recorded' },
  'dispatch.donationDistribute': { zh: '登记捐赠物资分配', en: 'Donation distribution recorded' },
  'dispatch.producerCreate': { zh: '登记定点生产企业', en: 'Designated producer recorded' },
  'dispatch.producerUpdate': { zh: '修改定点生产企业', en: 'Designated producer changed' },
} as const satisfies Record<string, Label>;
export const DISPATCH_AUDIT_ENTITIES = {
  dispatchRequest: { zh: '物资调拨申请', en: 'Supplies request' },
  dispatchDonation: { zh: '捐赠物资', en: 'Donation' },
  dispatchProducer: { zh: '定点生产企业', en: 'Designated producer' },
} as const satisfies Record<string, Label>;
