// Settings of 队伍、专家与值班 (issue 27), spread into settings/registry.ts. An UNCONFIRMED rule of
// STANDARDS-NEXT.md is a setting here with that default, `provisional: true` and its source.
// Owner: teams (救援队伍、专家、值班). Declare each with def({...}) from ../settings/define.ts, group 'emergency'.
import type { SettingDef } from '../settings/define.ts';

export const TEAMS_SETTINGS = {} as const satisfies Record<string, SettingDef>;
