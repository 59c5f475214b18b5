import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressPlugin } from './precompress.ts';

/**
 * The addresses of the light entry (public.html: the public report pages and the login), the rest
 * the app's (index.html). The server chooses the same way (server/src/app.ts, `isLightPage`).
 */
const LIGHT = /^\/(report(\/[^?#]*)?|login|open\/enforcement|open\/accidents|open\/blacklist|open\/health-risk)([?#]|$)/;

/** In `vite dev`, the light entry's addresses get public.html, as the server does in production. */
function lightEntryInDev(): Plugin {
  return {
    name: 'taishan-light-entry',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && LIGHT.test(req.url) && req.headers.accept?.includes('text/html')) req.url = '/public.html';
        next();
      });
    },
  };
}

/**
 * `vite build --mode analyse` also writes dist/bundle-report.json: per chunk, what it imports at
 * once and later, and the bytes each module leaves in it (before minifying), largest first — to
 * find what a page pulls in when its budget is passed (README "Web delivery").
 */
function bundleReport(): Plugin {
  return {
    name: 'taishan-bundle-report',
    apply: (_config, env) => env.command === 'build' && env.mode === 'analyse',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((c) =>
        c.type === 'chunk'
          ? [
              {
                file: c.fileName,
                entry: c.isEntry,
                imports: c.imports,
                dynamicImports: c.dynamicImports,
                modules: Object.entries(c.modules)
                  .map(([id, m]) => ({ id: id.replace(/^.*node_modules\//, ''), bytes: m.renderedLength }))
                  .sort((a, b) => b.bytes - a.bytes),
              },
            ]
          : [],
      );
      this.emitFile({ type: 'asset', fileName: 'bundle-report.json', source: JSON.stringify(chunks, null, 1) });
    },
  };
}

export default defineConfig({
  plugins: [react(), precompressPlugin(), lightEntryInDev(), bundleReport()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    chunkSizeWarningLimit: 2000,
    // Two entries (README "Web delivery"): the app, and the light one for pages used without a session.
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        public: fileURLToPath(new URL('public.html', import.meta.url)),
      },
      // Every script costs its response headers too (about 1 KB with the security headers): small
      // chunks are merged into ones that load with them anyway, so a page fetches fewer.
      output: { experimentalMinChunkSize: 20_000 },
    },
  },
});
