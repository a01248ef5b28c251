// `npm run refunds:reconcile`: settles refunds the gateway did not answer for, once, by asking it
// again with each refund's idempotency key (never paying twice). A running server does this every
// minute by itself; with the embedded database (PGlite) stop the server first, because only one
// process may open its folder.
import { createDb } from "@/server/db/client";
import { reconcilePendingRefunds } from "@/server/modules/refunds/reconcile-refunds";

const minAgeSeconds = Number(process.env.REFUNDS_RECONCILE_MIN_AGE_SECONDS ?? 0);
const { db, close } = await createDb();
try {
  const result = await reconcilePendingRefunds(db, { minAgeMs: minAgeSeconds * 1000 });
  console.log(
    `Checked ${result.checked} pending refunds: ${result.succeeded} succeeded, ${result.failed} failed, ${result.stillPending} still pending.`,
  );
  if (result.stillPending > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await close();
}
