import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { errorShapeOf } from "@/server/trpc/error-shape";
import { getServerCaller } from "@/server/trpc/rsc";

/** The profile's customer, shared by the layout and its tabs; unknown or malformed ids are a 404. */
export const loadCustomer = cache(async (customerId: string) => {
  const caller = await getServerCaller();
  try {
    return await caller.customers.get({ customerId });
  } catch (error) {
    if (errorShapeOf(error).code === "NOT_FOUND") notFound();
    throw error;
  }
});
