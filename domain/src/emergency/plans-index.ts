// What the plans part of emergency preparedness exports to the server and the web (issue 27). Owner: plans.
// Add `export * from './plans-<file>.ts';` here for each new domain file of this part.
export * from './plans-audit.ts';
export * from './plans-obligations.ts';
export * from './plans-policy.ts';
export * from './plans-sections.ts';
export * from './plans-settings.ts';
export * from './plans-workflow.ts';
