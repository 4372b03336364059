import { z } from 'zod';

// Zod compiles object parsers with `new Function` when it may, and probes for that the first time
// it parses. In the browser the probe breaks the page's Content-Security-Policy (no 'unsafe-eval'),
// so every schema the browser runs takes `z` from here, where it parses without compiling.
z.config({ jitless: true });

export { z };
