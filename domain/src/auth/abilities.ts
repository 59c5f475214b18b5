// A user's abilities: every capability's general "may …" answers in one record, sent with
// /api/v1/me so the web shows menus and buttons by them and re-derives no rule. Keys are
// `<capability>.<action>` (enterprises.create). Answers about one record travel with the record
// (allowedActions); these are the ones that hold before any record is opened.
import { accidentAbilities } from '../accidents/policy.ts';
import { assessmentAbilities } from '../accountability/assessment-policy.ts';
import { accountabilityAbilities } from '../accountability/policy.ts';
import { calendarAbilities } from '../calendar/policy.ts';
import { cmBoardAbilities } from '../command/board-policy.ts';
import { cmDutyAbilities } from '../command/duty-policy.ts';
import { blacklistAbilities } from '../credit/blacklist-policy.ts';
import { creditAbilities } from '../credit/policy.ts';
import { dispatchAbilities } from '../emergency/dispatch-policy.ts';
import { drillsAbilities } from '../emergency/drills-policy.ts';
import { emergencyPlansAbilities } from '../emergency/plans-policy.ts';
import { suppliesAbilities } from '../emergency/supplies-policy.ts';
import { teamsAbilities } from '../emergency/teams-policy.ts';
import { enforcementAbilities } from '../enforcement/policy.ts';
import { enterpriseAbilities } from '../enterprises/policy.ts';
import { hazardAbilities } from '../hazards/policy.ts';
import { monitoringAbilities } from '../monitoring/policy.ts';
import { peopleAbilities } from '../people/policy.ts';
import { phCasesAbilities } from '../public-health/cases-policy.ts';
import { phEventsAbilities } from '../public-health/events-policy.ts';
import { phLevelsAbilities } from '../public-health/levels-policy.ts';
import { riskAbilities } from '../risks/policy.ts';
import { settingsAbilities } from '../settings/policy.ts';
import { whistleblowingAbilities } from '../whistleblowing/policy.ts';
import { adminAbilities } from './policy.ts';
import type { Actor } from './roles.ts';

export type Abilities = Record<string, boolean>;

export function abilitiesOf(actor: Actor): Abilities {
  return {
    ...adminAbilities(actor),
    ...calendarAbilities(actor),
    ...enterpriseAbilities(actor),
    ...riskAbilities(actor),
    ...hazardAbilities(actor),
    ...enforcementAbilities(actor),
    ...accidentAbilities(actor),
    ...creditAbilities(actor),
    ...blacklistAbilities(actor),
    ...accountabilityAbilities(actor),
    ...assessmentAbilities(actor),
    ...peopleAbilities(actor),
    ...emergencyPlansAbilities(actor),
    ...drillsAbilities(actor),
    ...suppliesAbilities(actor),
    ...dispatchAbilities(actor),
    ...teamsAbilities(actor),
    ...phCasesAbilities(actor),
    ...phEventsAbilities(actor),
    ...phLevelsAbilities(actor),
    ...cmBoardAbilities(actor),
    ...cmDutyAbilities(actor),
    ...whistleblowingAbilities(actor),
    ...monitoringAbilities(actor),
    ...settingsAbilities(actor),
  };
}
