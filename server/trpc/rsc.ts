import "server-only";
import { cache } from "react";
import { getStaffSession } from "@/server/auth/current-actor";
import { createTRPCContext } from "./init";
import { createCaller } from "./root";

/** The same procedures, called in-process from server components with the request's session. */
export const getServerCaller = cache(async () =>
  createCaller(await createTRPCContext({ session: await getStaffSession() })),
);
