import { z } from "zod";

export const ZCustomerListInput = z.object({
  cursor: z.string().max(200).nullish().describe("Opaque keyset cursor from the previous page"),
  limit: z.number().int().min(1).max(100).default(25),
});
export type CustomerListInput = z.infer<typeof ZCustomerListInput>;
