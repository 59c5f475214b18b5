// What the teams part of emergency preparedness exports to the server and the web (issue 27). Owner: teams.
// Add `export * from './teams-<file>.ts';` here for each new domain file of this part.
export * from './teams-audit.ts';
export * from './teams-duty.ts';
export * from './teams-model.ts';
export * from './teams-policy.ts';
export * from './teams-settings.ts';
