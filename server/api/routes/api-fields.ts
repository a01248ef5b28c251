// Request fields several routes share: path ids and the cursor pager's query.
import { z } from "zod";
import { ZCurrency } from "@/server/lib/zod-fields";

export const ZCustomerPath = z.object({ customer_id: z.string().max(100).describe("The customer's id (UUID)") });

export const DEFAULT_PAGE_LIMIT = 50;

/** `?cursor=&limit=`: the cursor is the previous page's `next_cursor`. */
export const ZPageQuery = z.object({
  cursor: z.string().max(500).optional().describe("The previous page's next_cursor; leave out for the first page"),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "Send limit as a whole number from 1 to 100")
    .transform(Number)
    .refine((limit) => limit >= 1 && limit <= 100, "Send limit as a whole number from 1 to 100")
    .optional()
    .describe(`Items per page, 1 to 100 (default ${DEFAULT_PAGE_LIMIT})`),
  currency: ZCurrency.optional().describe("Only this currency"),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (text: string) => UUID.test(text);
