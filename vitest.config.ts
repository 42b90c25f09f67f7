import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run against the sources, not the built output of sibling packages.
    alias: {
      '@flowgate/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
      '@flowgate/store': fileURLToPath(new URL('./packages/store/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
