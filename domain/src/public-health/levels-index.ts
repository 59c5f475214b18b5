// What the levels part of 风险等级 exports to the server and the web (issue 28). Owner: levels.
// Add `export * from './levels-<file>.ts';` here for each new domain file of this part.
export * from './levels-audit.ts';
export * from './levels-policy.ts';
export * from './levels-rules.ts';
export * from './levels-settings.ts';
