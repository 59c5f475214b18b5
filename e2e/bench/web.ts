// `npm run bench:web`: the first visit of /report and /login on a slow phone — Chromium emulating
// Fast 3G (1.6 Mbps down, 750 kbps up, 150 ms round trip; CDP Network.emulateNetworkConditions) and a
// 4× slower CPU (Emulation.setCPUThrottlingRate), cache disabled. Reports the compressed JavaScript
// bytes transferred and the time to the first form field. Needs a built web (npm run build:web).
import { closeBrowser, launch } from '../lib/browser.ts';
import { FAST_3G, measureFirstLoad } from '../lib/first-load.ts';
import { startServer } from '../lib/server.ts';

const server = await startServer({ database: 'pglite' });
const browser = await launch();
try {
  console.log(
    `Fast 3G: ${FAST_3G.downloadKbps} kbps down, ${FAST_3G.uploadKbps} kbps up, ${FAST_3G.latencyMs} ms RTT; CPU ${FAST_3G.cpuSlowdown}× slower`,
  );
  for (const path of ['/report', '/login']) {
    const m = await measureFirstLoad(browser, server.url, path, FAST_3G);
    console.log(
      `${path.padEnd(8)} JS ${(m.scriptBytes / 1024).toFixed(1)} KB in ${m.scripts.length} scripts; first field after ${(m.firstFieldMs / 1000).toFixed(2)} s`,
    );
    for (const s of m.scripts) console.log(`    ${(s.bytes / 1024).toFixed(1).padStart(7)} KB ${s.encoding.padEnd(8)} ${s.url}`);
  }
} finally {
  await closeBrowser(browser, 'bench-web');
  await server.stop();
}
