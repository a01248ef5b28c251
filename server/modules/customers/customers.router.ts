import "server-only";
import { createTRPCRouter, lagTolerant, permissionProcedure } from "@/server/trpc/init";
import { ZCustomerIdInput, ZCustomerSearchInput } from "./customers.schema";
import { getCustomerOrThrow, getCustomerSummary, searchCustomers } from "./customers.service";

export const customersRouter = createTRPCRouter({
  search: permissionProcedure("customers:read")
    .use(lagTolerant)
    .input(ZCustomerSearchInput)
    .query(({ ctx, input }) => searchCustomers(ctx, input)),
  get: permissionProcedure("customers:read")
    .input(ZCustomerIdInput)
    .query(({ ctx, input }) => getCustomerOrThrow(ctx, input.customerId)),
  /** Analytics cards: balances, lifetime paid, payment count, total refunded (per currency). */
  summary: permissionProcedure("customers:read")
    .input(ZCustomerIdInput)
    .query(({ ctx, input }) => getCustomerSummary(ctx, input.customerId)),
});
