// Who may administer the platform (users, departments, the audit log, settings).
import type { Actor } from './roles.ts';

/** What the user may do in administration (sent in /api/v1/me). */
export function adminAbilities(_actor: Actor): Record<string, boolean> {
  return {};
}
