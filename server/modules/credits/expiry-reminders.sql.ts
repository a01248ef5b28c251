// The statements of the expiry reminder run (remind-expiring-credits.ts).
import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";

export type ReminderSettings = { isOn: boolean; days: number; dateStyle: string };

export const findReminderSettings = async (db: DbTx): Promise<ReminderSettings | null> =>
  (
    await db.$queryRaw<ReminderSettings[]>`
      SELECT is_expiry_reminder_on AS "isOn", expiry_reminder_days AS "days", date_style AS "dateStyle" FROM store_setting WHERE id`
  )[0] ?? null;

export type ReminderCandidate = {
  creditId: string;
  customerId: string;
  currency: string;
  remainingMinor: bigint;
  expiresAt: Date;
  email: string;
  phone: string | null;
};

/**
 * Open credits with unused balance expiring within the window (after `now`, by `until`) and no
 * reminder yet, soonest first. Unlocked: the INSERT of the reminder rows decides who sends.
 */
export const reminderCandidates = (db: DbTx, opts: { now: Date; until: Date; limit: number }) =>
  db.$queryRaw<ReminderCandidate[]>`
    SELECT sc.id AS "creditId", sc.customer_id AS "customerId", sc.currency,
           sc.amount_minor - sc.used_minor - sc.removed_minor AS "remainingMinor", sc.expires_at AS "expiresAt",
           c.email, c.phone
    FROM store_credit sc JOIN customer c ON c.id = sc.customer_id
    WHERE sc.expiry_processed_at IS NULL AND sc.expires_at > ${opts.now} AND sc.expires_at <= ${opts.until}
      AND sc.voided_at IS NULL AND sc.amount_minor - sc.used_minor - sc.removed_minor > 0
      AND NOT EXISTS (SELECT 1 FROM credit_expiry_reminder r WHERE r.credit_id = sc.id)
    ORDER BY sc.expires_at, sc.id
    LIMIT ${opts.limit}`;

/**
 * Claims the reminders: one row per credit, ever (its primary key). A concurrent run inserting
 * the same credit waits for this transaction and then skips it; returns the credits this run won.
 */
export const claimRemindersSql = (rows: { creditId: string; notificationId: string }[]) => {
  const values = rows.map((row) => Prisma.sql`(${row.creditId}::uuid, ${row.notificationId}::uuid)`);
  return Prisma.sql`INSERT INTO credit_expiry_reminder (credit_id, notification_id) VALUES ${Prisma.join(values)}
    ON CONFLICT (credit_id) DO NOTHING
    RETURNING credit_id AS "creditId"`;
};
