// `npm run notifications:deliver`: one delivery run over the outbox: sends the customer messages
// that are due and records each result. A running server does this every 15 seconds by itself;
// on PostgreSQL the two may overlap safely (claims skip each other's rows); with the embedded
// database (PGlite) stop the server first, because only one process may open its folder.
// Without SMS_HTTP_URL / SMTP_URL messages are printed here instead of sent.
import { runWithDb } from "./lib/run-with-db";

await runWithDb(async (db) => {
  const { deliverDueNotifications } = await import("@/server/modules/notifications/deliver-notifications");
  const result = await deliverDueNotifications(db);
  console.log(`Sent ${result.sent}, retrying ${result.retried}, failed ${result.failed}.`);
});
