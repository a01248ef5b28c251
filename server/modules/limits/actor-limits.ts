import type { Db } from "@/server/db/client";
import type { Actor } from "@/server/lib/service-context";
import type { ActorLimits } from "./limit-rules";
import { listRoleLimitsWithUsage } from "./limits.repo";

/**
 * The caller's limits in every currency their role has a row for, with what they moved in the last
 * 24 hours: dialogs use it to say "needs approval" before submitting (the server decides again).
 */
export async function getActorLimits(db: Db, actor: Actor): Promise<ActorLimits> {
  if (actor.role === "ADMIN") return { isUnlimited: true, byCurrency: {} };
  const rows = await listRoleLimitsWithUsage(db, actor.role, actor.id);
  const byCurrency: ActorLimits["byCurrency"] = {};
  for (const { usedCreditMinor, usedRefundMinor, ...limit } of rows) byCurrency[limit.currency] = { limit, usedCreditMinor, usedRefundMinor };
  return { isUnlimited: false, byCurrency };
}
