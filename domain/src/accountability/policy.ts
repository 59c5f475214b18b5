// Who may edit responsibility lists and run 约谈 / 黄牌 / 通报 / 巡查 (issue 26). Owner: accountability.
import type { Actor } from '../auth/roles.ts';
import { mayManageAccountability, mayViewAccountability } from './records.ts';

/** The general "may …" answers of this part, sent with /api/v1/me (keys `<capability>.<action>`). */
export function accountabilityAbilities(a: Actor): Record<string, boolean> {
  return {
    'accountability.view': mayViewAccountability(a),
    'accountability.manage': mayManageAccountability(a),
  };
}
