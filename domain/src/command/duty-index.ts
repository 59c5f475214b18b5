// What the duty part of 值班与简报 exports to the server and the web (issue 28). Owner: duty.
// Add `export * from './duty-<file>.ts';` here for each new domain file of this part.
export * from './duty-audit.ts';
export * from './duty-log.ts';
export * from './duty-policy.ts';
export * from './duty-settings.ts';
