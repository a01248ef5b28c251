import "server-only";
import { AppError } from "@/server/lib/app-error";
import { sortByCurrency } from "@/server/lib/money";
import type { Actor, ServiceContext } from "@/server/lib/service-context";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import { findMainCurrency } from "@/server/modules/settings/settings.repo";
import type { ActorLimits, MoneyLimitRow } from "./limit-rules";
import {
  deleteMoneyLimit,
  findMoneyLimit,
  findRoleForLimit,
  findStoreCurrency,
  listRoleCurrencyLimits,
  listRoleLimits,
  lockMoneyLimit,
  upsertMoneyLimit,
  usageInLastDayByCurrency,
} from "./limits.repo";
import type { ClearMoneyLimitInput, MoneyLimitListRow, SetMoneyLimitInput } from "./limits.schema";

/** The built-in role that is never limited (checkLimit skips it without a query). */
const UNLIMITED_ROLE_KEY = "ADMIN";

const adminNeverLimited = () =>
  new AppError("FORBIDDEN", "The built-in Admin role is never limited; its limits cannot be set or removed", "roleKey");

const auditedFields = ({ currency: _currency, ...amounts }: MoneyLimitRow) => amounts;
const entityIdOf = (roleKey: string, currency: string) => `${roleKey}:${currency}`;

/** Every role but Admin in every enabled currency (and disabled ones still holding a row), with its limits or none. */
export async function getMoneyLimits({ db }: ServiceContext): Promise<MoneyLimitListRow[]> {
  const [rows, mainCurrency] = await Promise.all([listRoleCurrencyLimits(db, UNLIMITED_ROLE_KEY), findMainCurrency(db)]);
  // Roles in the query's order; each role's currencies in the one currency order.
  const byRole = new Map<string, typeof rows>();
  for (const row of rows) {
    const group = byRole.get(row.roleKey);
    if (group) group.push(row);
    else byRole.set(row.roleKey, [row]);
  }
  return [...byRole.values()].flatMap((roleRows) => sortByCurrency(roleRows, mainCurrency)).map(({ roleKey, roleName, isBuiltIn, currency, isCurrencyEnabled, hasLimit, ...amounts }) => ({
    roleKey,
    roleName,
    isBuiltIn,
    currency,
    isCurrencyEnabled,
    limit: hasLimit ? { currency, ...amounts } : null,
  }));
}

export async function setMoneyLimit({ db, actor }: ServiceContext, input: SetMoneyLimitInput) {
  const { roleKey, limit } = input;
  if (roleKey === UNLIMITED_ROLE_KEY) throw adminNeverLimited();
  return db.$transaction(async (tx) => {
    const role = await findRoleForLimit(tx, roleKey);
    if (!role) throw new AppError("NOT_FOUND", "No role with this key", "roleKey");
    const currency = await findStoreCurrency(tx, limit.currency);
    if (!currency?.isEnabled) {
      throw new AppError("BAD_INPUT", `${limit.currency} is not an enabled store currency; enable it under Currencies first`, "currency");
    }
    await lockMoneyLimit(tx, roleKey, limit.currency);
    const before = await findMoneyLimit(tx, roleKey, limit.currency);
    await upsertMoneyLimit(tx, roleKey, limit);
    await writeAudit(tx, {
      actor,
      action: "limit.set",
      entityType: "money_limit",
      entityId: entityIdOf(roleKey, limit.currency),
      before: before ? auditedFields(before) : null,
      after: auditedFields(limit),
      details: { roleKey, roleName: role.name, currency: limit.currency },
    });
    return { roleKey, roleName: role.name, limit };
  });
}

/** Removes the row: from then on every amount in that currency needs approval for the role. */
export async function clearMoneyLimit({ db, actor }: ServiceContext, input: ClearMoneyLimitInput) {
  const { roleKey, currency } = input;
  if (roleKey === UNLIMITED_ROLE_KEY) throw adminNeverLimited();
  return db.$transaction(async (tx) => {
    const role = await findRoleForLimit(tx, roleKey);
    if (!role) throw new AppError("NOT_FOUND", "No role with this key", "roleKey");
    await lockMoneyLimit(tx, roleKey, currency);
    const before = await findMoneyLimit(tx, roleKey, currency);
    if (!before) throw new AppError("NOT_FOUND", `${role.name} has no ${currency} limits to remove`, "currency");
    await deleteMoneyLimit(tx, roleKey, currency);
    await writeAudit(tx, {
      actor,
      action: "limit.clear",
      entityType: "money_limit",
      entityId: entityIdOf(roleKey, currency),
      before: auditedFields(before),
      after: null,
      details: { roleKey, roleName: role.name, currency },
    });
    return { roleKey, currency };
  });
}

/**
 * The signed-in staff member's limits per currency with what they moved directly in the last 24
 * hours, shaped for `approvalReasonFor` so dialogs can say "needs approval" before submitting.
 */
export const getMyLimits = ({ db, actor }: ServiceContext): Promise<ActorLimits & { roleName: string }> => limitsOfActor(db, actor);

/** getMyLimits inside a transaction (bulk credit weighs a whole batch against them). */
export async function limitsOfActor(db: DbTx, actor: Actor): Promise<ActorLimits & { roleName: string }> {
  if (actor.role === UNLIMITED_ROLE_KEY) return { roleName: actor.roleName, isUnlimited: true, byCurrency: {} };
  const [limits, usage] = await Promise.all([listRoleLimits(db, actor.role), usageInLastDayByCurrency(db, actor.id)]);
  const byCurrency: ActorLimits["byCurrency"] = {};
  for (const limit of limits) {
    const used = (kind: "credit" | "refund") => usage.find((u) => u.currency === limit.currency && u.kind === kind)?.total ?? 0n;
    byCurrency[limit.currency] = { limit, usedCreditMinor: used("credit"), usedRefundMinor: used("refund") };
  }
  return { roleName: actor.roleName, isUnlimited: false, byCurrency };
}
