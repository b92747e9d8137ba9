import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

export default defineConfig({
  resolve: { alias: { nudge: resolve(__dirname, 'dsl/index.ts') } },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/package/**', 'node_modules/**'],
    testTimeout: 20000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
