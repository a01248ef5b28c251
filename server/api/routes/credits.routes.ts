import { z } from "zod";
import { AppError } from "@/server/lib/app-error";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { CREDIT_EVENT_TYPES, ZCreditHistoryInput, ZIssueCreditInput } from "@/server/modules/credits/credits.schema";
import { getCreditHistory, issueCredit } from "@/server/modules/credits/credits.service";
import { getCustomerOrThrow } from "@/server/modules/customers/customers.service";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import { apiMoney, ZApiMoney } from "../api-money";
import { defineRoute } from "../api-route";
import { DEFAULT_PAGE_LIMIT, isUuid, ZCustomerPath, ZPageQuery } from "./api-fields";

const issueFields = ZIssueCreditInput.in.shape;

const ZApiOperation = z
  .object({
    operation_id: z.uuid(),
    created_at: z.iso.datetime(),
    type: z.enum(CREDIT_EVENT_TYPES),
    amount: ZApiMoney.describe("What the operation added to (positive) or took from (negative) the balance"),
    balance_after: ZApiMoney,
    by: z.object({
      kind: z.enum(["staff", "api_key", "system"]),
      name: z.string().describe("The staff member's or API key's name; “System” for expiry"),
    }),
    reason: z.string().nullable(),
    memo: z.string().nullable(),
  })
  .meta({ id: "CreditOperation" });

export const creditRoutes = [
  defineRoute({
    method: "POST",
    path: "/customers/{customer_id}/credits",
    operationId: "issueCredit",
    summary: "Issue store credit to a customer",
    description: "Adds one store credit; the ledger event and the audit row name this API key. Staff money limits and approvals do not apply to API keys: the scope is the key's limit.",
    tag: "Credits",
    scope: "credits:issue",
    status: 201,
    params: ZCustomerPath,
    body: z
      .object({
        amount: issueFields.amount,
        currency: issueFields.currency,
        category_id: z.uuid("Choose a category").optional().describe(`An active credit category's id; default the built-in Goodwill (${DEFAULT_CATEGORY_IDS.goodwill})`),
        memo: issueFields.memo,
        expires_at: z.iso.datetime({ offset: true, message: "Send expires_at as an ISO 8601 date and time" }).nullish().describe("When the unused balance expires; null or left out for never"),
        notify_customer: z.boolean().optional().describe("Queue an SMS (or email without a phone) telling the customer; default false"),
      })
      .meta({ id: "CreditIssue" }),
    response: z
      .object({
        credit_id: z.uuid(),
        customer_id: z.uuid(),
        amount: ZApiMoney,
        balance: ZApiMoney.describe("The customer's balance in this currency right after the credit"),
      })
      .meta({ id: "CreditIssued" }),
    refusals: [404, 409, 422],
    handler: async (ctx, { params, body }) => {
      if (!isUuid(params.customer_id)) throw new AppError("NOT_FOUND", "This customer does not exist", "customerId");
      const input = ZIssueCreditInput.parse({
        idempotencyKey: ctx.idempotencyKey,
        customerId: params.customer_id.toLowerCase(),
        amount: body.amount,
        currency: body.currency,
        categoryId: body.category_id ?? DEFAULT_CATEGORY_IDS.goodwill,
        memo: body.memo,
        expiresAt: body.expires_at ? new Date(body.expires_at) : null,
        notifyCustomer: body.notify_customer ?? false,
      });
      const result = await issueCredit({ db: ctx.db, actor: null, apiKey: ctx.apiKey }, input);
      if (isApprovalPending(result)) throw new AppError("INTERNAL", "An API key's credit went to approval");
      return {
        credit_id: result.creditId,
        customer_id: result.customerId,
        amount: apiMoney(result.amountMinor, result.currency),
        balance: apiMoney(result.balanceMinor, result.currency),
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/customers/{customer_id}/credit-history",
    operationId: "listCreditHistory",
    summary: "A customer's credit history, newest first",
    description: "One item per operation (an issue, a spend across several credits, an expiry run…), cursor-paged.",
    tag: "Credits",
    scope: "balances:read",
    params: ZCustomerPath,
    query: ZPageQuery,
    response: z.object({ data: z.array(ZApiOperation), next_cursor: z.string().nullable() }).meta({ id: "CreditHistoryPage" }),
    refusals: [404],
    handler: async (ctx, { params, query }) => {
      const customer = await getCustomerOrThrow(ctx, params.customer_id);
      const input = ZCreditHistoryInput.parse({
        customerId: customer.id,
        currency: query.currency,
        cursor: query.cursor ?? null,
        limit: query.limit ?? DEFAULT_PAGE_LIMIT,
      });
      const page = await getCreditHistory(ctx, input);
      return {
        data: page.items.map((op) => ({
          operation_id: op.operationId,
          created_at: op.createdAt.toISOString(),
          type: op.type,
          amount: apiMoney(op.amountMinor, op.currency),
          balance_after: apiMoney(op.balanceAfterMinor, op.currency),
          by: { kind: op.actor ? ("staff" as const) : op.events[0]?.apiKey ? ("api_key" as const) : ("system" as const), name: op.actorName },
          reason: op.reason,
          memo: op.memo,
        })),
        next_cursor: page.nextCursor,
      };
    },
  }),
];
