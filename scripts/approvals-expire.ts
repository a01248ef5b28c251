// `npm run approvals:expire`: marks approval requests undecided for 7 days EXPIRED, once. Safe to
// run at any time and any number of times. A running server does this every 10 minutes by itself;
// with the embedded database (PGlite) stop the server first, because only one process may open its folder.
import { runWithDb } from "./lib/run-with-db";

await runWithDb(async (db) => {
  const { expireApprovals } = await import("@/server/modules/approvals/expire-approvals");
  const { expired } = await expireApprovals({ db });
  console.log(`Expired ${expired} approval requests.`);
});
