// `npm run refunds:reconcile`: settles refunds the gateway did not answer for, once, by asking it
// again with each refund's gateway key (never paying twice). A running server does this every
// minute by itself; with the embedded database (PGlite) stop the server first, because only one
// process may open its folder.
import { config } from "@/server/config";
import { runWithDb } from "./lib/run-with-db";

const minAgeSeconds = config().REFUNDS_RECONCILE_MIN_AGE_SECONDS;
await runWithDb(async (db) => {
  const { reconcilePendingRefunds } = await import("@/server/modules/refunds/reconcile-refunds");
  const result = await reconcilePendingRefunds(db, { minAgeMs: minAgeSeconds * 1000 });
  console.log(
    `Checked ${result.checked} pending refunds: ${result.succeeded} succeeded, ${result.failed} failed, ${result.stillPending} still pending.`,
  );
  return result.stillPending > 0 ? 1 : 0;
});
