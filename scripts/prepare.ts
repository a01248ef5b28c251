// Used by `npm run dev` and `npm run build`: generated client and an up-to-date database.
import { ensureGenerated } from "./lib/ensure-generated";

ensureGenerated();
if (!process.argv.includes("--no-db")) {
  // Imported only now: it loads the Prisma client, which a fresh clone has just generated.
  const { prepareDatabase } = await import("./lib/prepare-database");
  await prepareDatabase({ seed: !process.argv.includes("--no-seed") });
}
