// Document numbers issued from two server processes at once (issue 23, item 9): two processes on
// one PostgreSQL database, each with its own connection pool, issue numbers of one department,
// document type and year concurrently — some creations rolling back — and together they get
// consecutive numbers without a gap or a repeat (the counter's row is locked by the transaction
// that takes a number; a rollback gives it back).
// PostgreSQL only: PGlite is a database inside one process, which a second process cannot open;
// the same rule within one process (concurrent transactions, a rollback) is in numbers.test.ts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../db/db.ts';
import { createTempDatabase } from '../db/temp-database.ts';
import { TEST_DB_KIND } from '../test/harness.ts';

const PER_PROCESS = 15;
const ROLLBACKS = 3;

// One process: connect, say it is ready, wait for "go" (both processes start together), then take
// PER_PROCESS numbers and let ROLLBACKS more creations fail, all at once, each transaction held
// open a moment after its number as a creation is; print the numbers kept and when it ran.
const WORKER = `
import { setTimeout } from 'node:timers/promises';
import { DOCUMENT_TYPES } from '@taishan/domain';
import { openDb } from ${JSON.stringify(resolve(import.meta.dirname, '../db/db.ts'))};
import { newDocumentNumber } from ${JSON.stringify(resolve(import.meta.dirname, './numbers.ts'))};
import { once } from 'node:events';
const url = process.argv.at(-1);
const db = await openDb({ databaseUrl: url });
await db.query('SELECT 1');
console.log('ready');
await once(process.stdin, 'data');
const start = Date.now();
const issue = (fail) => db.transaction(async (tx) => {
  const { number } = await newDocumentNumber(tx, 'rectificationOrder', '321302001000', DOCUMENT_TYPES.rectificationOrder.pattern,
    new Date('2026-06-01T00:00:00Z'), { key: 'dept-suqian', short: '宿应急' });
  await setTimeout(5 + Math.random() * 10);
  if (fail) throw new Error('creation failed');
  return number;
});
const runs = [...Array(${PER_PROCESS + ROLLBACKS}).keys()].map((i) => issue(i % ${Math.ceil((PER_PROCESS + ROLLBACKS) / ROLLBACKS)} === 1));
const kept = (await Promise.allSettled(runs)).filter((r) => r.status === 'fulfilled').map((r) => r.value);
console.log(JSON.stringify({ kept, start, end: Date.now() }));
await db.close();
process.exit(0);
`;

type Run = { kept: string[]; start: number; end: number };

/** A worker process: `ready` once it is connected, `go()` starts it, `done` is what it kept. */
function worker(url: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WORKER, url], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((ok) => {
    markReady = ok;
  });
  child.stdout.on('data', (d) => {
    out += d;
    if (out.includes('ready')) markReady();
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const done = new Promise<Run>((ok, fail) =>
    child.on('exit', (code) =>
      code === 0 ? ok(JSON.parse(out.trim().split('\n').at(-1) as string)) : fail(new Error(`worker ${code}: ${err}`)),
    ),
  );
  // A worker that dies before it is ready ends the wait with its error.
  return { ready: Promise.race([ready, done.then(() => undefined)]), go: () => child.stdin.write('go\n'), done };
}

describe('document numbers from two processes on one database', {
  skip: TEST_DB_KIND !== 'postgresql' && 'PostgreSQL only: a PGlite database lives inside one process',
}, () => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Db;
  before(async () => {
    const temp = await createTempDatabase('taishan_t');
    ({ url, drop } = temp);
    const { openPlatformDb } = await import('../platform.ts');
    db = await openPlatformDb({ databaseUrl: url, provinces: ['32'] });
  });
  after(async () => {
    await db?.close();
    await drop?.();
  });

  test('two processes issuing numbers of one department, type and year at once get consecutive numbers, no gap, no repeat', async () => {
    const workers = [worker(url), worker(url)];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const [ra, rb] = (await Promise.all(workers.map((w) => w.done))) as [Run, Run];
    assert.ok(ra.start < rb.end && rb.start < ra.end, 'the two processes issued at the same time');
    const [a, b] = [ra.kept, rb.kept];
    assert.equal(a.length, PER_PROCESS);
    assert.equal(b.length, PER_PROCESS);
    const serials = [...a, ...b].map((n) => Number(/〔2026〕(\d+)号$/.exec(n)?.[1])).sort((x, y) => x - y);
    assert.deepEqual(
      serials,
      Array.from({ length: 2 * PER_PROCESS }, (_, i) => i + 1),
    );
    assert.ok(
      a.every((n) => n.startsWith('（宿应急）应急责改〔2026〕')),
      a[0],
    );
  });
});
