// Preloaded (`tsx --import ./scripts/lib/generated-client.ts <script>`) by every npm script that
// loads the Prisma client: it generates the client before the script's static imports resolve,
// so any command works as the first one on a fresh clone.
import { ensureGenerated } from "./ensure-generated";

ensureGenerated();
