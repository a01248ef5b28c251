import "server-only";
import { approvalsRouter } from "@/server/modules/approvals/approvals.router";
import { auditRouter } from "@/server/modules/audit/audit.router";
import { bulkCreditsRouter } from "@/server/modules/bulk-credits/bulk-credits.router";
import { creditsRouter } from "@/server/modules/credits/credits.router";
import { customersRouter } from "@/server/modules/customers/customers.router";
import { limitsRouter } from "@/server/modules/limits/limits.router";
import { notificationsRouter } from "@/server/modules/notifications/notifications.router";
import { paymentsRouter } from "@/server/modules/payments/payments.router";
import { rolesRouter } from "@/server/modules/roles/roles.router";
import { refundsRouter } from "@/server/modules/refunds/refunds.router";
import { settingsRouter } from "@/server/modules/settings/settings.router";
import { staffRouter } from "@/server/modules/staff/staff.router";
import { createCallerFactory, createTRPCRouter } from "./init";

export const appRouter = createTRPCRouter({
  approvals: approvalsRouter,
  audit: auditRouter,
  bulkCredits: bulkCreditsRouter,
  credits: creditsRouter,
  customers: customersRouter,
  limits: limitsRouter,
  notifications: notificationsRouter,
  payments: paymentsRouter,
  refunds: refundsRouter,
  roles: rolesRouter,
  settings: settingsRouter,
  staff: staffRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
