// Used by `npm run dev` and `npm run build`: generated client and an up-to-date database.
import { ensureGenerated } from "./lib/ensure-generated";
import { prepareDatabase } from "./lib/prepare-database";

ensureGenerated();
if (!process.argv.includes("--no-db")) await prepareDatabase({ seed: !process.argv.includes("--no-seed") });
