import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import { ZCustomerListInput } from "./customers.schema";
import { listCustomers } from "./customers.service";

export const customersRouter = createTRPCRouter({
  list: permissionProcedure("customers:read")
    .input(ZCustomerListInput)
    .query(({ ctx, input }) => listCustomers(ctx, input)),
});
