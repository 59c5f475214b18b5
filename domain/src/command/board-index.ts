// What the board part of 指挥中心 exports to the server and the web (issue 28). Owner: board.
// Add `export * from './board-<file>.ts';` here for each new domain file of this part.
export * from './board-audit.ts';
export * from './board-loop.ts';
export * from './board-policy.ts';
export * from './board-settings.ts';
