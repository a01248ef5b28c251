import "server-only";
import { apiKeysRouter } from "@/server/modules/api-keys/api-keys.router";
import { approvalsRouter } from "@/server/modules/approvals/approvals.router";
import { auditRouter } from "@/server/modules/audit/audit.router";
import { bulkCreditsRouter } from "@/server/modules/bulk-credits/bulk-credits.router";
import { creditsRouter } from "@/server/modules/credits/credits.router";
import { customersRouter } from "@/server/modules/customers/customers.router";
import { holdsRouter } from "@/server/modules/holds/holds.router";
import { limitsRouter } from "@/server/modules/limits/limits.router";
import { notificationsRouter } from "@/server/modules/notifications/notifications.router";
import { paymentsRouter } from "@/server/modules/payments/payments.router";
import { rolesRouter } from "@/server/modules/roles/roles.router";
import { reportsRouter } from "@/server/modules/reports/reports.router";
import { refundsRouter } from "@/server/modules/refunds/refunds.router";
import { settingsRouter } from "@/server/modules/settings/settings.router";
import { staffRouter } from "@/server/modules/staff/staff.router";
import { webhooksRouter } from "@/server/modules/webhooks/webhooks.router";
import { createCallerFactory, createTRPCRouter } from "./init";

export const appRouter = createTRPCRouter({
  apiKeys: apiKeysRouter,
  approvals: approvalsRouter,
  audit: auditRouter,
  bulkCredits: bulkCreditsRouter,
  credits: creditsRouter,
  customers: customersRouter,
  holds: holdsRouter,
  limits: limitsRouter,
  notifications: notificationsRouter,
  payments: paymentsRouter,
  refunds: refundsRouter,
  reports: reportsRouter,
  roles: rolesRouter,
  settings: settingsRouter,
  staff: staffRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
