// What the dispatch part of emergency preparedness exports to the server and the web (issue 27). Owner: dispatch.
// Add `export * from './dispatch-<file>.ts';` here for each new domain file of this part.
export * from './dispatch-audit.ts';
export * from './dispatch-donations.ts';
export * from './dispatch-policy.ts';
export * from './dispatch-proposal.ts';
export * from './dispatch-settings.ts';
export * from './dispatch-workflow.ts';
