// `npm run test:package`: the tests that pack and install the npm package and
// the .vsix files (tens of seconds, and they ask npm's registry for what its
// cache lacks), kept out of `vitest run` and run by CI (.ci/run).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
