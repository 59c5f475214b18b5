// Who may change a setting: the national value is the platform admin's; a province's override of a
// province-scoped setting is also that province's supervisor's (mayAdministerProvince, the rule the
// risk thresholds and reward rules follow). Anyone logged in reads the settings.
import { mayAdministerProvince } from '../auth/policy.ts';
import { type Actor, hasRole, isAdmin } from '../auth/roles.ts';
import { SETTINGS, type SettingKey } from './registry.ts';

/** `province` undefined: the national value. */
export function mayEditSetting(actor: Actor, key: SettingKey, province?: string): boolean {
  if (province === undefined) return isAdmin(actor);
  return SETTINGS[key].scope === 'province' && mayAdministerProvince(actor, province);
}

export const SETTING_ACTIONS = ['edit', 'removeOverride'] as const;
export type SettingAction = (typeof SETTING_ACTIONS)[number];

/** What the actor may do with a setting as seen for one province (or nationally): sent with it. */
export function settingActions(actor: Actor, key: SettingKey, province: string | undefined, hasOverride: boolean): SettingAction[] {
  if (!mayEditSetting(actor, key, province)) return [];
  return province !== undefined && hasOverride ? ['edit', 'removeOverride'] : ['edit'];
}

/**
 * The one province whose settings the user keeps, when it is only one: a province supervisor's own
 * (the page opens there and offers no other); null for the admin, who keeps them all.
 */
export function ownSettingsProvince(actor: Pick<Actor, 'role' | 'scope'>): string | null {
  return actor.role === 'provinceSupervisor' ? actor.scope.regionPrefix.slice(0, 2) : null;
}

/** What the user may do with settings in general (sent in /api/v1/me): the settings page's editors. */
export function settingsAbilities(actor: Actor): Record<string, boolean> {
  return { 'settings.edit': isAdmin(actor) || hasRole(actor, 'provinceSupervisor') };
}
