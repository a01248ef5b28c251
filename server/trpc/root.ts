import { creditsRouter } from "@/server/modules/credits/credits.router";
import { customersRouter } from "@/server/modules/customers/customers.router";
import { paymentsRouter } from "@/server/modules/payments/payments.router";
import { settingsRouter } from "@/server/modules/settings/settings.router";
import { staffRouter } from "@/server/modules/staff/staff.router";
import { createCallerFactory, createTRPCRouter } from "./init";

export const appRouter = createTRPCRouter({
  credits: creditsRouter,
  customers: customersRouter,
  payments: paymentsRouter,
  settings: settingsRouter,
  staff: staffRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
