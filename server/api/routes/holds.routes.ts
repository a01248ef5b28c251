// Spending store credit at checkout: a hold sets an amount aside (like a card authorisation), a
// capture turns it into a spend of the order, a release gives it back, and a reversal puts a
// spend back when the order is cancelled or returned. The verbs are server/modules/holds/'s.
import { z } from "zod";
import { AppError } from "@/server/lib/app-error";
import { parseAmount } from "@/server/lib/money";
import { ZAmountText, ZCurrency, ZLineText } from "@/server/lib/zod-fields";
import { captureHold, getHoldCurrency, placeHold, releaseHold, reverseSpend, type HoldResult } from "@/server/modules/holds/holds.service";
import { HOLD_STATUSES, ZCaptureHoldInput, ZPlaceHoldInput, ZReleaseHoldInput, ZReverseSpendInput } from "@/server/modules/holds/holds.schema";
import { apiMoney, ZApiMoney } from "../api-money";
import { defineRoute, type ApiContext } from "../api-route";
import { isUuid } from "./api-fields";

const ZHoldPath = z.object({ hold_id: z.string().max(100).describe("The hold's id (UUID)") });
const ZSpendPath = z.object({ spend_id: z.string().max(100).describe("The spend's operation id (a capture answers it as spend.operation_id)") });

const ZApiHold = z
  .object({
    id: z.uuid(),
    customer_id: z.uuid(),
    status: z.enum(HOLD_STATUSES).describe("PLACED (money set aside), CAPTURED, RELEASED or EXPIRED"),
    amount: ZApiMoney.describe("What the hold set aside"),
    captured: ZApiMoney.describe("What a capture spent of it"),
    order_ref: z.string(),
    expires_at: z.iso.datetime().describe("When an uncaptured hold is released by itself (HOLD_TTL_MINUTES after it was placed)"),
    created_at: z.iso.datetime(),
    closed_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "Hold" });

const ZHoldBalance = z
  .object({ total: ZApiMoney.describe("The customer's balance in this currency"), spendable: ZApiMoney.describe("Total less every open hold") })
  .meta({ id: "HoldBalance" });

const ZHoldAnswer = z.object({ hold: ZApiHold, balance: ZHoldBalance }).meta({ id: "HoldAnswer" });

const ZApiSpend = z
  .object({ operation_id: z.uuid(), amount: ZApiMoney.describe("What the spend took from the balance") })
  .meta({ id: "Spend" });

function amountMinorOf(amount: string, currency: string): bigint {
  const parsed = parseAmount(amount, currency, { allowZero: false });
  if (!parsed.ok) throw new AppError("BAD_INPUT", parsed.message, parsed.reason === "UNKNOWN_CURRENCY" ? "currency" : "amount");
  return parsed.amountMinor;
}

function holdIdOf(path: { hold_id: string }): string {
  if (!isUuid(path.hold_id)) throw new AppError("NOT_FOUND", "This hold does not exist", "hold_id");
  return path.hold_id.toLowerCase();
}

const holdContext = (ctx: ApiContext<"POST">) => ({ db: ctx.db, actor: null, apiKeyId: ctx.apiKey.id });

function holdAnswer({ hold, balanceMinor, spendableMinor }: HoldResult) {
  return {
    hold: {
      id: hold.id,
      customer_id: hold.customerId,
      status: hold.status,
      amount: apiMoney(hold.amountMinor, hold.currency),
      captured: apiMoney(hold.capturedMinor, hold.currency),
      order_ref: hold.orderRef,
      expires_at: hold.expiresAt.toISOString(),
      created_at: hold.createdAt.toISOString(),
      closed_at: hold.closedAt?.toISOString() ?? null,
    },
    balance: { total: apiMoney(balanceMinor, hold.currency), spendable: apiMoney(spendableMinor, hold.currency) },
  };
}

export const holdRoutes = [
  defineRoute({
    method: "POST",
    path: "/holds",
    operationId: "placeHold",
    summary: "Hold store credit for an order",
    description: "Sets the amount aside from the customer's spendable balance (earliest-expiring credits are what a capture spends first). Refused when the spendable balance is short.",
    tag: "Holds",
    scope: "credits:spend",
    status: 201,
    body: z
      .strictObject({
        customer_id: z.uuid("Choose a customer").describe("The customer whose store credit is held"),
        amount: ZAmountText,
        currency: ZCurrency,
        order_ref: ZLineText(200, "order reference").describe("The shop's order number; the capture's spend carries it"),
      })
      .meta({ id: "HoldPlace" }),
    response: ZHoldAnswer,
    refusals: [404, 409, 422],
    handler: async (ctx, { body }) => {
      const input = ZPlaceHoldInput.parse({
        idempotencyKey: ctx.idempotencyKey,
        customerId: body.customer_id.toLowerCase(),
        amountMinor: amountMinorOf(body.amount, body.currency),
        currency: body.currency,
        orderRef: body.order_ref,
      });
      return holdAnswer(await placeHold(holdContext(ctx), input));
    },
  }),
  defineRoute({
    method: "POST",
    path: "/holds/{hold_id}/capture",
    operationId: "captureHold",
    summary: "Capture a hold (all of it, or part) as a spend",
    description: "Spends the captured amount for the hold's order and releases the rest. A hold is captured once: a second capture, or one after a release or expiry, is refused.",
    tag: "Holds",
    scope: "credits:spend",
    params: ZHoldPath,
    body: z
      .strictObject({ amount: ZAmountText.optional().describe("How much to capture, at most the hold, in the hold's currency; default all of it") })
      .meta({ id: "HoldCapture" }),
    response: z.object({ hold: ZApiHold, balance: ZHoldBalance, spend: ZApiSpend }).meta({ id: "HoldCaptured" }),
    refusals: [404, 409, 422],
    handler: async (ctx, { params, body }) => {
      const holdId = holdIdOf(params);
      // The amount's precision is the hold's currency's; the service refuses more than the hold.
      const amountMinor = body.amount === undefined ? undefined : amountMinorOf(body.amount, await getHoldCurrency(ctx, holdId));
      const input = ZCaptureHoldInput.parse({ idempotencyKey: ctx.idempotencyKey, holdId, amountMinor });
      const result = await captureHold(holdContext(ctx), input);
      return { ...holdAnswer(result), spend: { operation_id: result.spend.operationId, amount: apiMoney(result.spend.amountMinor, result.spend.currency) } };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/holds/{hold_id}/release",
    operationId: "releaseHold",
    summary: "Release a hold",
    description: "Gives the held amount back to the spendable balance. Refused once the hold is captured; releasing a released hold again with a new key is refused too.",
    tag: "Holds",
    scope: "credits:spend",
    params: ZHoldPath,
    body: z.strictObject({}).meta({ id: "HoldRelease" }),
    response: ZHoldAnswer,
    refusals: [404, 409, 422],
    handler: async (ctx, { params }) => holdAnswer(await releaseHold(holdContext(ctx), ZReleaseHoldInput.parse({ idempotencyKey: ctx.idempotencyKey, holdId: holdIdOf(params) }))),
  }),
  defineRoute({
    method: "POST",
    path: "/spends/{spend_id}/reverse",
    operationId: "reverseSpend",
    summary: "Reverse a spend (order cancelled or returned)",
    description: "Puts the whole spend back onto the credits it came from, or onto a new Refund credit where those have expired since. Once per spend.",
    tag: "Holds",
    scope: "credits:spend",
    params: ZSpendPath,
    body: z.strictObject({}).meta({ id: "SpendReverse" }),
    response: z
      .object({
        operation_id: z.uuid(),
        spend_operation_id: z.uuid(),
        amount: ZApiMoney.describe("What returned to the balance"),
        balance: ZApiMoney.describe("The customer's balance in this currency after the reversal"),
        refund_credit_id: z.uuid().nullable().describe("The Refund credit made for what returned to expired credits; null when none had expired"),
      })
      .meta({ id: "SpendReversed" }),
    refusals: [404, 409, 422],
    handler: async (ctx, { params }) => {
      if (!isUuid(params.spend_id)) throw new AppError("NOT_FOUND", "This spend does not exist", "spend_id");
      const result = await reverseSpend(holdContext(ctx), ZReverseSpendInput.parse({ idempotencyKey: ctx.idempotencyKey, operationId: params.spend_id.toLowerCase() }));
      return {
        operation_id: result.operationId,
        spend_operation_id: result.spendOperationId,
        amount: apiMoney(result.amountMinor, result.currency),
        balance: apiMoney(result.balanceMinor, result.currency),
        refund_credit_id: result.refundCreditId,
      };
    },
  }),
];
