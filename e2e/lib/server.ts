// Start the real platform for browser tests and benchmarks: the same command a user runs
// (`taishan serve`, demo data), on a free port, in a throwaway data folder or database.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTempDatabase } from '../../server/src/db/temp-database.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

export type RunningServer = {
  url: string;
  /** The server process (benchmarks read its memory). */
  pid: number | undefined;
  databaseUrl: string | undefined;
  log: () => string;
  stop: () => Promise<void>;
  /** The PGlite data folder (unused on PostgreSQL). */
  dataDir: string;
  /** kill -9: no shutdown, no cleanup (the data folder or database stays for a restart). */
  crash: () => Promise<void>;
};

export async function startServer(
  opts: { database?: 'pglite' | 'postgresql'; env?: Record<string, string>; dataDir?: string; databaseUrl?: string; args?: string[] } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const ownDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? (await seededDataDir(opts)) ?? mkdtempSync(join(tmpdir(), 'taishan-e2e-'));
  let databaseUrl: string | undefined = opts.databaseUrl;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (!databaseUrl && !opts.dataDir && (opts.database ?? process.env.E2E_DB) === 'postgresql') {
    const temp = await createTempDatabase('taishan_e2e');
    databaseUrl = temp.url;
    dropDatabase = temp.drop;
  }
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      join(ROOT, 'server/src/main.ts'),
      'serve',
      ...(opts.args ?? []),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG: '0',
        // Each test server gets its own embedded broker port (the machine's Mosquitto holds 1883).
        MQTT_PORT: '0',
        MQTT_URL: '',
        // Browser suites log in and report far more often than a person: limits they never reach.
        RATE_LIMIT_LOGIN: '100000',
        RATE_LIMIT_PUBLIC: '100000',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }),
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok && output.includes('ready')) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid,
    databaseUrl,
    dataDir,
    log: () => output,
    async crash() {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
      await dropDatabase?.();
    },
  };
}

/**
 * A copy of one demo-seeded PGlite data folder, when E2E_TEMPLATE_DIR names where to keep it
 * (scripts/test.sh sets it, fresh for each run): the first server of the run seeds the demo and
 * stops, its folder becomes the template, and every later default server starts on a copy —
 * 2–3 s instead of 25–30 s of seeding each. Only the default start (PGlite, demo data, no
 * arguments, no extra environment) is copied; a test that asks for anything else gets a fresh folder as before.
 */
async function seededDataDir(opts: Parameters<typeof startServer>[0]): Promise<string | undefined> {
  const template = process.env.E2E_TEMPLATE_DIR;
  const pglite = (opts?.database ?? process.env.E2E_DB ?? 'pglite') === 'pglite';
  if (!template || !pglite || opts?.databaseUrl || opts?.args?.length || Object.keys(opts?.env ?? {}).length) return undefined;
  if (!existsSync(template)) {
    const first = await startServer({ dataDir: mkdtempSync(join(tmpdir(), 'taishan-e2e-template-')), database: 'pglite' });
    await first.stop();
    renameSync(first.dataDir, template);
  }
  const dir = mkdtempSync(join(tmpdir(), 'taishan-e2e-'));
  cpSync(template, dir, { recursive: true });
  return dir;
}

/** Log in through the API and return the session cookie. */
/** Issues a gateway credential for an enterprise through the API; returns the MQTT login it gives. */
export async function issueGatewayLogin(url: string, cookie: string, enterpriseId: string, name: string) {
  const r = await fetch(`${url}/api/v1/gateway-credentials`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name, enterpriseId }),
  });
  if (r.status !== 201) throw new Error(`gateway credential: ${r.status} ${await r.text()}`);
  const { username, password } = (await r.json()) as { username: string; password: string };
  return { username, password };
}

export async function apiLogin(url: string, username: string, password = 'Taishan@2026'): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no cookie');
  return cookie;
}
