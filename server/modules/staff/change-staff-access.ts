import { AppError } from "@/server/lib/app-error";
import type { DbTx } from "@/server/db/client";
import type { ServiceContext } from "@/server/lib/service-context";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import { countActiveAdmins, findStaffForChange, lockActiveAdmins, updateStaffAccess } from "./staff.repo";
import type { ChangeStaffRoleInput, StaffIdInput } from "./staff.schema";

type Access = { role?: string; isActive?: boolean };

/**
 * Changes a member's role or active flag with its audit row. The advisory lock makes the
 * last-admin check and the write one step, so two admins demoting each other leave one.
 * The session version is bumped by the staff_user trigger, ending the member's sessions.
 */
async function changeAccess(ctx: ServiceContext, staffId: string, action: string, change: Access) {
  return ctx.db.$transaction(async (tx: DbTx) => {
    await lockActiveAdmins(tx);
    const before = await findStaffForChange(tx, staffId);
    if (!before) throw new AppError("NOT_FOUND", "This staff member does not exist");
    const after = { role: change.role ?? before.role, isActive: change.isActive ?? before.isActive };
    const losesAdmin = before.role === "ADMIN" && before.isActive && !(after.role === "ADMIN" && after.isActive);
    if (losesAdmin && (await countActiveAdmins(tx)) <= 1) {
      throw new AppError("CONFLICT", "The last active admin cannot be demoted or deactivated", change.role ? "role" : undefined);
    }
    const updated = await updateStaffAccess(tx, staffId, change);
    await writeAudit(tx, {
      actor: ctx.actor,
      action,
      entityType: "staff",
      entityId: staffId,
      before: { role: before.role, isActive: before.isActive },
      after,
    });
    return updated;
  });
}

export async function changeStaffRole(ctx: ServiceContext, input: ChangeStaffRoleInput) {
  if (!(await ctx.db.role.findUnique({ where: { key: input.role }, select: { key: true } }))) {
    throw new AppError("NOT_FOUND", "Choose one of the roles in the list", "role");
  }
  return changeAccess(ctx, input.staffId, "staff.change_role", { role: input.role });
}

export const deactivateStaff = (ctx: ServiceContext, input: StaffIdInput) =>
  changeAccess(ctx, input.staffId, "staff.deactivate", { isActive: false });

export const reactivateStaff = (ctx: ServiceContext, input: StaffIdInput) =>
  changeAccess(ctx, input.staffId, "staff.reactivate", { isActive: true });
