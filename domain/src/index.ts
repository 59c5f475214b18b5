export * from './auth/roles.ts';
export * from './credit-code/credit-code.ts';
export * from './enterprises/policy.ts';
export * from './enterprises/safety-director.ts';
export * from './enterprises/schema.ts';
export * from './errors/messages.ts';
export * from './industries/gbt4754.ts';
