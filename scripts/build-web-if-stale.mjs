// Build the web UI only when web/dist is missing or older than its sources, so `npm start`
// is quick after `npm ci` (which builds it once through the `prepare` script).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const newest = (p) => {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(join(p, f))));
};
const built = join(root, 'web/dist/index.html');
const sources = Math.max(...['web/src', 'web/index.html', 'web/vite.config.ts', 'domain/src'].map((p) => newest(join(root, p))));
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('构建前端 building the web UI…');
  execSync('npm run build -w web', { cwd: root, stdio: 'inherit' });
}
