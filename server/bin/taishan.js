#!/usr/bin/env node
// Entry for `npx taishan …`: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
