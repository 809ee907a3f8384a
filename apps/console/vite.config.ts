import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The console is served by the API at /console from dist/console (apps/api/src/console).
export default defineConfig({
  root,
  base: '/console/',
  publicDir: false,
  resolve: {
    alias: {
      '#memo': fileURLToPath(new URL('../../libs/memo/src/index.ts', import.meta.url)),
      // The receipt verifier (libs/audit) is free of Node APIs, and so is the canonical JSON it uses.
      '#audit': fileURLToPath(new URL('../../libs/audit/src/index.ts', import.meta.url)),
      '#domain/canonical-json': fileURLToPath(new URL('../../libs/domain/src/policy/canonical-json.ts', import.meta.url)),
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
