import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

/** One row of payments.list, as the Payments tab shows and refunds it. */
export type PaymentItem = inferRouterOutputs<AppRouter>["payments"]["list"]["items"][number];

/** Who the refund message goes to; from the profile's customer. */
export type CustomerContact = { id: string; email: string; phone: string | null };
