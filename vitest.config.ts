import { defineConfig } from "vitest/config";
import path from "node:path";

const exclude = ["node_modules/**", "e2e/**", ".next/**", "data/**"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts", "**/*.test.tsx"], exclude: [...exclude, "**/*.db.test.ts"], testTimeout: 60_000 },
      },
      {
        extends: true,
        // Database and integration tests; .ci/test-all runs them once on PGlite and once on PostgreSQL (TANDEM_TEST_DB).
        test: { name: "db", include: ["**/*.db.test.ts"], exclude, testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
      },
    ],
  },
});
