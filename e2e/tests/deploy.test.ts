// A real deployment: `taishan serve --no-demo` creates no demo users; the first admin's password
// comes from TAISHAN_ADMIN_PASSWORD, or is generated and printed exactly once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiLogin, startServer } from '../lib/server.ts';

describe('serve --no-demo', () => {
  test('admin from TAISHAN_ADMIN_PASSWORD; no demo accounts or enterprises', async () => {
    const server = await startServer({ args: ['--no-demo'], env: { TAISHAN_ADMIN_PASSWORD: 'Deploy-Secret-42' } });
    try {
      const cookie = await apiLogin(server.url, 'admin', 'Deploy-Secret-42');
      await assert.rejects(apiLogin(server.url, 'county'), /401/);
      await assert.rejects(apiLogin(server.url, 'admin'), /401/); // the demo password does not work
      const list = await (await fetch(`${server.url}/api/v1/enterprises`, { headers: { cookie } })).json();
      assert.equal((list as { total: number }).total, 0);
      assert.doesNotMatch(server.log(), /Deploy-Secret-42/, 'the given password is never printed');
      assert.doesNotMatch(server.log(), /演示账号/);
    } finally {
      await server.stop();
    }
  });

  test('without TAISHAN_ADMIN_PASSWORD a generated password is printed once and works', async () => {
    const server = await startServer({ args: ['--no-demo'] });
    try {
      const m = server.log().match(/initial password: (\S+)/);
      assert.ok(m?.[1], server.log());
      assert.ok(await apiLogin(server.url, 'admin', m[1]));
      const health = await (await fetch(`${server.url}/api/health`)).json();
      assert.equal((health as { status: string }).status, 'ok');
    } finally {
      await server.stop();
    }
  });
});
