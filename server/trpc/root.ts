import { customersRouter } from "@/server/modules/customers/customers.router";
import { staffRouter } from "@/server/modules/staff/staff.router";
import { createCallerFactory, createTRPCRouter } from "./init";

export const appRouter = createTRPCRouter({
  customers: customersRouter,
  staff: staffRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
