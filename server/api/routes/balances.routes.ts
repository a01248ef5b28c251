import { z } from "zod";
import { getCustomerBalances } from "@/server/modules/customers/customers.service";
import { apiMoney, ZApiMoney } from "../api-money";
import { defineRoute } from "../api-route";
import { ZCustomerPath } from "./api-fields";

export const balanceRoutes = [
  defineRoute({
    method: "GET",
    path: "/customers/{customer_id}/balances",
    operationId: "getBalances",
    summary: "A customer's store credit balances, per currency",
    description: "Every currency the customer has held store credit in, zero balances included, in the store's currency order.",
    tag: "Balances",
    scope: "balances:read",
    params: ZCustomerPath,
    response: z
      .object({
        customer_id: z.uuid(),
        balances: z.array(
          z.object({
            currency: z.string(),
            total: ZApiMoney.describe("The sum of the customer's unused credits in this currency"),
            held: ZApiMoney.describe("Set aside by open holds (placed, not yet captured, released or expired)"),
            spendable: ZApiMoney.describe("What checkout can spend now: total less held"),
          }),
        ),
      })
      .meta({ id: "Balances" }),
    refusals: [404],
    handler: async (ctx, { params }) => {
      const { customerId, balances } = await getCustomerBalances(ctx, params.customer_id);
      return {
        customer_id: customerId,
        balances: balances.map((b) => ({
          currency: b.currency,
          total: apiMoney(b.balanceMinor, b.currency),
          held: apiMoney(b.heldMinor, b.currency),
          spendable: apiMoney(b.balanceMinor - b.heldMinor, b.currency),
        })),
      };
    },
  }),
];
