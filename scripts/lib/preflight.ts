// Preloaded (`tsx --import ./scripts/lib/preflight.ts <script>`) by every npm script that loads
// the Prisma client or reads the configuration, before the script's static imports resolve:
// generates the client when a fresh clone lacks it, and stops with the variable's name when the
// environment is wrong (server/config.ts). So any command works as the first one after `npm ci`.
import { exitOnBadConfig } from "@/server/config";
import { ensureGenerated } from "./ensure-generated";
import { allowServerOnlyImports } from "./server-only-hook";

allowServerOnlyImports();
exitOnBadConfig();
ensureGenerated();
