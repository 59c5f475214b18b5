// What the supplies part of emergency preparedness exports to the server and the web (issue 27). Owner: supplies.
// Add `export * from './supplies-<file>.ts';` here for each new domain file of this part.
export * from './supplies-audit.ts';
export * from './supplies-categories.ts';
export * from './supplies-model.ts';
export * from './supplies-policy.ts';
export * from './supplies-settings.ts';
