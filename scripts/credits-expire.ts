// `npm run credits:expire`: takes the unused balance of credits past their expiry date, once.
// Safe to run at any time and any number of times. A running server does this every 10 minutes
// by itself; with the embedded database (PGlite) stop the server first, because only one process
// may open its folder.
import { runWithDb } from "./lib/run-with-db";

await runWithDb(async (db) => {
  const { expireCredits } = await import("@/server/modules/credits/expire-credits");
  const result = await expireCredits({ db }, { log: console.error });
  console.log(`Expired ${result.expiredCredits} credits across ${result.customers} customer balances.`);
  if (result.failures === 0) return 0;
  console.error(`${result.failures} balances failed; they are tried again on the next run.`);
  return 1;
});
