import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
// PGlite allows one opener per data dir, so integration files share its database one at a time.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);
const exclude = ["**/node_modules/**", "**/.next/**", "e2e/**", "prisma/generated/**", ".data/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Tests run server code: resolve the "server-only" marker the way Next.js's server bundles do.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.int.test.ts", "**/*.cluster.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude: [...exclude, "**/*.cluster.test.ts"],
          globalSetup: ["tests/setup/integration-global-setup.ts"],
          fileParallelism: onPostgres,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // `npm run test:cluster`: production servers behind HAProxy on a throw-away database (tests/cluster).
          name: "cluster",
          environment: "node",
          include: ["tests/cluster/**/*.cluster.test.ts"],
          exclude,
          fileParallelism: false,
          testTimeout: 180_000,
          // The first run builds the app.
          hookTimeout: 20 * 60_000,
        },
      },
    ],
  },
});
