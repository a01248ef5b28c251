// Expiry reminders (README "Webhooks"): when the store turned them on (Settings > Expiry
// reminders), each credit with unused balance gets one SMS/email some days before it expires, and
// a credit.expiring webhook event. Run by the "expiry-reminders" job (server/jobs/job-list.ts).
import type { Db, DbTx } from "@/server/db/client";
import { isDateStyle, DEFAULT_DATE_STYLE, formatDate, type DateStyle } from "@/server/lib/dates";
import { formatMoney } from "@/server/lib/money";
import { uuid7 } from "@/server/lib/uuid7";
import { notificationInsertSql } from "@/server/modules/notifications/notifications.repo";
import { creditExpiringEvent } from "@/server/modules/webhooks/webhook-events";
import { webhookEventSql } from "@/server/modules/webhooks/webhooks.repo";
import { claimRemindersSql, findReminderSettings, reminderCandidates, type ReminderCandidate } from "./expiry-reminders.sql";
import { executeTogether, moneyTransaction } from "./ledger";

export const EXPIRY_REMINDER_KIND = "credit.expiring";
const DAY_MS = 86_400_000;

/** "Your store credit of US$25.00 expires on 31 Dec 2026." In the store's date style, in UTC. */
export function expiryReminderMessage(remainingMinor: bigint, currency: string, expiresAt: Date, dateStyle: DateStyle): string {
  return `Your store credit of ${formatMoney(remainingMinor, currency)} expires on ${formatDate(expiresAt, { style: dateStyle, timeZone: "UTC" })}.`;
}

/**
 * One run: batches of candidates, each in one transaction that claims the reminder rows (the
 * primary key on credit_id makes it once per credit, even with two runs on two servers at once)
 * and queues, for the credits it won, the message and the credit.expiring event. A no-op while
 * the setting is off.
 */
export async function remindExpiringCredits({ db }: { db: Db }, opts: { now?: Date; batchSize?: number } = {}): Promise<{ reminded: number }> {
  const settings = await findReminderSettings(db);
  if (!settings?.isOn) return { reminded: 0 };
  const now = opts.now ?? new Date();
  const until = new Date(now.getTime() + settings.days * DAY_MS);
  const dateStyle = isDateStyle(settings.dateStyle) ? settings.dateStyle : DEFAULT_DATE_STYLE;
  let reminded = 0;
  for (;;) {
    const candidates = await reminderCandidates(db, { now, until, limit: opts.batchSize ?? 200 });
    if (candidates.length === 0) break;
    reminded += await moneyTransaction(db, (tx) => remindBatch(tx, candidates, dateStyle));
  }
  return { reminded };
}

async function remindBatch(tx: DbTx, candidates: ReminderCandidate[], dateStyle: DateStyle): Promise<number> {
  const rows = candidates.map((credit) => ({ credit, notificationId: uuid7() }));
  const won = new Set(
    (await tx.$queryRaw<{ creditId: string }[]>(claimRemindersSql(rows.map(({ credit, notificationId }) => ({ creditId: credit.creditId, notificationId }))))).map(
      (row) => row.creditId,
    ),
  );
  const mine = rows.filter(({ credit }) => won.has(credit.creditId));
  await executeTogether(
    tx,
    mine.flatMap(({ credit, notificationId }) => [
      notificationInsertSql({
        id: notificationId,
        recipient: { customerId: credit.customerId, email: credit.email, phone: credit.phone },
        kind: EXPIRY_REMINDER_KIND,
        body: expiryReminderMessage(credit.remainingMinor, credit.currency, credit.expiresAt, dateStyle),
      }),
      webhookEventSql(creditExpiringEvent({ ...credit, notificationId })),
    ]),
  );
  return mine.length;
}
