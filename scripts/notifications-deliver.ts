// `npm run notifications:deliver`: one delivery run over the outbox: sends the customer messages
// that are due and records each result. A running server does this every 15 seconds by itself;
// on PostgreSQL the two may overlap safely (claims skip each other's rows); with the embedded
// database (PGlite) stop the server first, because only one process may open its folder.
// Without SMS_HTTP_URL / SMTP_URL messages are printed here instead of sent.
import { ensureGenerated } from "./lib/ensure-generated";

ensureGenerated();
// Imported only now: they load the Prisma client, which a fresh clone has just generated.
const { createDb } = await import("@/server/db/client");
const { deliverDueNotifications } = await import("@/server/modules/notifications/deliver-notifications");

const { db, close } = await createDb();
try {
  const result = await deliverDueNotifications(db);
  console.log(`Sent ${result.sent}, retrying ${result.retried}, failed ${result.failed}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await close();
}
