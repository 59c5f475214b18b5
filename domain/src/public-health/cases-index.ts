// What the cases part of 传染病报告 exports to the server and the web (issue 28). Owner: cases.
// Add `export * from './cases-<file>.ts';` here for each new domain file of this part.
export * from './cases-audit.ts';
export * from './cases-diseases.ts';
export * from './cases-person.ts';
export * from './cases-policy.ts';
export * from './cases-rules.ts';
export * from './cases-settings.ts';
