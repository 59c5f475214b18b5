// What the drills part of emergency preparedness exports to the server and the web (issue 27). Owner: drills.
// Add `export * from './drills-<file>.ts';` here for each new domain file of this part.
export * from './drills-audit.ts';
export * from './drills-frequency.ts';
export * from './drills-policy.ts';
export * from './drills-settings.ts';
export * from './drills-workflow.ts';
