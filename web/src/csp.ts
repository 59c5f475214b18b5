// Imported first by main.tsx: the server's Content-Security-Policy allows no eval, so zod must
// not compile its validators with new Function (jitless); it then never even tries.
import { config } from 'zod';

config({ jitless: true });
