import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Sandboxes share two cores: too many files at once makes timings meaningless.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
