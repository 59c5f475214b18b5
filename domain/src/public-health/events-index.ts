// What the events part of 突发公共卫生事件 exports to the server and the web (issue 28). Owner: events.
// Add `export * from './events-<file>.ts';` here for each new domain file of this part.
export * from './events-audit.ts';
export * from './events-policy.ts';
export * from './events-rules.ts';
export * from './events-settings.ts';
