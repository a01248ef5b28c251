import type { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { DEFAULT_DATE_STYLE, formatDate, isDateStyle, type DateStyle } from "@/server/lib/dates";
import { formatMoney } from "@/server/lib/money";
import { uuid7 } from "@/server/lib/uuid7";
import { customerActivitySql } from "@/server/modules/customers/customers.repo";
import { notificationInsertSql, type NotificationRecipient } from "@/server/modules/notifications/notifications.repo";
import { creditInsertSql, issueContext, type IssueContext } from "./credits.repo";
import { addToBalanceAndHeld, eventsInsertSql, withRunningBalance, type LedgerKey } from "./ledger";

export type Grant = {
  key: LedgerKey;
  amountMinor: bigint;
  categoryId: string;
  memo: string | null;
  expiresAt: Date | null;
  paymentId: string | null;
  actorId: string | null;
  /** The Storefront API key behind the grant (actorId null then). */
  apiKeyId?: string | null;
  eventType: "ISSUED" | "ADJUSTED_UP" | "REFUNDED_TO_CREDIT";
  reasonId?: string | null;
  reason?: string | null;
  /** The event's memo; defaults to the credit's memo. */
  eventMemo?: string | null;
};

export type GrantedCredit = {
  creditId: string;
  operationId: string;
  balanceMinor: bigint;
  /** What open holds set aside from the balance (spendable is balance - held). */
  heldMinor: bigint;
  statements: Prisma.Sql[];
};

/**
 * A new credit and its first event. Locks and raises the balance now; returns the INSERTs (and
 * the customer's Last activity) for the caller to run together with its own writes (audit,
 * payment, outbox, idempotency result), so issuing stays one statement.
 */
export async function grantCredit(tx: DbTx, grant: Grant): Promise<GrantedCredit> {
  const { balanceMinor, heldMinor } = await addToBalanceAndHeld(tx, grant.key, grant.amountMinor);
  const creditId = uuid7();
  const operationId = uuid7();
  const { events } = withRunningBalance(balanceMinor - grant.amountMinor, [
    {
      creditId,
      type: grant.eventType,
      amountMinor: grant.amountMinor,
      actorId: grant.actorId,
      apiKeyId: grant.apiKeyId ?? null,
      reasonId: grant.reasonId,
      reason: grant.reason,
      memo: grant.eventMemo === undefined ? grant.memo : grant.eventMemo,
      operationId,
    },
  ]);
  return {
    creditId,
    operationId,
    balanceMinor,
    heldMinor,
    statements: [
      creditInsertSql({
        id: creditId,
        key: grant.key,
        amountMinor: grant.amountMinor,
        categoryId: grant.categoryId,
        memo: grant.memo,
        expiresAt: grant.expiresAt,
        paymentId: grant.paymentId,
        createdById: grant.actorId,
      }),
      eventsInsertSql(grant.key, events),
      customerActivitySql(grant.key.customerId),
    ],
  };
}

export type GrantTarget = NotificationRecipient & { firstName: string; lastName: string; categoryName: string; dateStyle: DateStyle };

/**
 * Checks what a new credit refers to: the customer exists, the currency is enabled and the
 * category is active. Returns the customer's contact details for the notification.
 */
export function assertGrantTarget(context: IssueContext, opts: { customerId: string; currency: string }): GrantTarget {
  if (context.firstName === null || context.email === null) throw new AppError("NOT_FOUND", "This customer does not exist", "customerId");
  if (context.currencyEnabled === null) {
    throw new AppError("BAD_INPUT", `${opts.currency} is not a currency this store accepts`, "currency");
  }
  if (!context.currencyEnabled) throw new AppError("BAD_INPUT", `${opts.currency} is turned off in Settings`, "currency");
  if (!context.categoryActive || context.categoryName === null) {
    throw new AppError("BAD_INPUT", "Choose an active category", "categoryId");
  }
  return {
    customerId: opts.customerId,
    firstName: context.firstName,
    lastName: context.lastName ?? "",
    email: context.email,
    phone: context.phone,
    categoryName: context.categoryName,
    dateStyle: isDateStyle(context.dateStyle) ? context.dateStyle : DEFAULT_DATE_STYLE,
  };
}

/** assertGrantTarget with its own query. */
export async function checkGrantTarget(tx: DbTx, opts: { customerId: string; currency: string; categoryId: string }): Promise<GrantTarget> {
  return assertGrantTarget(await issueContext(tx, opts), opts);
}

/**
 * "You have received US$25.00 in store credit. It expires on 31 Dec 2026." The date in the store's
 * date style (read with the grant target, in the transaction that writes the message), in UTC.
 */
export function creditReceivedMessage(amountMinor: bigint, currency: string, expiresAt: Date | null, dateStyle: DateStyle): string {
  const expiry = expiresAt ? ` It expires on ${formatDate(expiresAt, { style: dateStyle, timeZone: "UTC" })}.` : "";
  return `You have received ${formatMoney(amountMinor, currency)} in store credit.${expiry}`;
}

export const CREDIT_RECEIVED_KIND = "credit.received";

/** The outbox row telling the customer about a new credit. */
export function creditReceivedNotificationSql(opts: {
  id: string;
  recipient: NotificationRecipient;
  amountMinor: bigint;
  currency: string;
  expiresAt: Date | null;
  dateStyle: DateStyle;
}): Prisma.Sql {
  return notificationInsertSql({
    id: opts.id,
    recipient: opts.recipient,
    kind: CREDIT_RECEIVED_KIND,
    body: creditReceivedMessage(opts.amountMinor, opts.currency, opts.expiresAt, opts.dateStyle),
  });
}
