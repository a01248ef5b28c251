import "server-only";
import { redirect } from "next/navigation";
import type { Permission } from "./permissions";
import { getCurrentActor } from "./current-actor";
import { SIGN_IN_PATH } from "./auth-options";

/** For server pages: the actor and whether its role grants `permission` (pages render NotAllowed). */
export async function getPageAccess(permission: Permission) {
  const actor = await getCurrentActor();
  if (!actor) redirect(SIGN_IN_PATH);
  return { actor, isAllowed: actor.permissions.includes(permission) };
}
