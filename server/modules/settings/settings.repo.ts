import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import type { NamedList } from "./settings.schema";

export const NAMED_TABLES: Record<NamedList, { table: Prisma.Sql; label: string }> = {
  category: { table: Prisma.raw("credit_category"), label: "category" },
  reason: { table: Prisma.raw("adjustment_reason"), label: "reason" },
  infrastructure: { table: Prisma.raw("payment_infrastructure"), label: "payment infrastructure" },
};

export type NamedRow = { id: string; name: string; isActive: boolean; position: number };
export type MethodRow = NamedRow & { infrastructureId: string };
export type CurrencyRow = { code: string; isEnabled: boolean; position: number };

export const listNamed = (db: DbTx, list: NamedList, opts: { isActiveOnly: boolean }) =>
  db.$queryRaw<(NamedRow & { key?: string | null })[]>`
    SELECT id, name, is_active AS "isActive", position ${list === "category" ? Prisma.sql`, key` : Prisma.empty}
    FROM ${NAMED_TABLES[list].table}
    ${opts.isActiveOnly ? Prisma.sql`WHERE is_active` : Prisma.empty}
    ORDER BY position, name`;

export const listMethods = (db: DbTx, opts: { isActiveOnly: boolean }) =>
  db.$queryRaw<MethodRow[]>`
    SELECT id, infrastructure_id AS "infrastructureId", name, is_active AS "isActive", position
    FROM payment_method ${opts.isActiveOnly ? Prisma.sql`WHERE is_active` : Prisma.empty}
    ORDER BY position, name`;

export const listCurrencies = (db: DbTx, opts: { isEnabledOnly: boolean }) =>
  db.$queryRaw<CurrencyRow[]>`
    SELECT code, is_enabled AS "isEnabled", position FROM store_currency
    ${opts.isEnabledOnly ? Prisma.sql`WHERE is_enabled` : Prisma.empty}
    ORDER BY position, code`;

export const findNamed = async (db: DbTx, list: NamedList, id: string) =>
  (await db.$queryRaw<NamedRow[]>`
    SELECT id, name, is_active AS "isActive", position FROM ${NAMED_TABLES[list].table} WHERE id = ${id}::uuid`)[0] ?? null;

/**
 * Serialises name changes of one list until the transaction ends, so two admins adding the same
 * name at once cannot both pass the duplicate check (which ignores case, unlike the unique index).
 */
export const lockNames = (db: DbTx, list: NamedList | "method") =>
  db.$executeRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${`settings.names.${list}`}))`;

/** Another row of the list with this name, ignoring case (so "goodwill" cannot sit beside "Goodwill"). */
export const findNamedByName = async (db: DbTx, list: NamedList, name: string, exceptId: string | null) =>
  (await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM ${NAMED_TABLES[list].table}
    WHERE lower(name) = lower(${name}) ${exceptId ? Prisma.sql`AND id <> ${exceptId}::uuid` : Prisma.empty}`)[0] ?? null;

export const insertNamed = (db: DbTx, list: NamedList, row: { id: string; name: string }) =>
  db.$executeRaw`
    INSERT INTO ${NAMED_TABLES[list].table} (id, name, position)
    SELECT ${row.id}::uuid, ${row.name}, coalesce(max(position), 0) + 1 FROM ${NAMED_TABLES[list].table}`;

export const updateNamed = (db: DbTx, list: NamedList, id: string, change: { name?: string; isActive?: boolean }) =>
  db.$executeRaw`
    UPDATE ${NAMED_TABLES[list].table}
    SET name = coalesce(${change.name ?? null}, name), is_active = coalesce(${change.isActive ?? null}::boolean, is_active)
    WHERE id = ${id}::uuid`;

export const findMethod = async (db: DbTx, id: string) =>
  (await db.$queryRaw<MethodRow[]>`
    SELECT id, infrastructure_id AS "infrastructureId", name, is_active AS "isActive", position
    FROM payment_method WHERE id = ${id}::uuid`)[0] ?? null;

export const findMethodByName = async (db: DbTx, infrastructureId: string, name: string, exceptId: string | null) =>
  (await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM payment_method WHERE infrastructure_id = ${infrastructureId}::uuid AND lower(name) = lower(${name})
    ${exceptId ? Prisma.sql`AND id <> ${exceptId}::uuid` : Prisma.empty}`)[0] ?? null;

export const insertMethod = (db: DbTx, row: { id: string; infrastructureId: string; name: string }) =>
  db.$executeRaw`
    INSERT INTO payment_method (id, infrastructure_id, name, position)
    SELECT ${row.id}::uuid, ${row.infrastructureId}::uuid, ${row.name}, coalesce(max(position), 0) + 1
    FROM payment_method WHERE infrastructure_id = ${row.infrastructureId}::uuid`;

export const updateMethod = (db: DbTx, id: string, change: { name?: string; isActive?: boolean }) =>
  db.$executeRaw`
    UPDATE payment_method
    SET name = coalesce(${change.name ?? null}, name), is_active = coalesce(${change.isActive ?? null}::boolean, is_active)
    WHERE id = ${id}::uuid`;

export const insertCurrency = (db: DbTx, code: string) =>
  db.$executeRaw`
    INSERT INTO store_currency (code, position) SELECT ${code}, coalesce(max(position), 0) + 1 FROM store_currency
    ON CONFLICT DO NOTHING`;

export const updateCurrencyEnabled = (db: DbTx, code: string, isEnabled: boolean) =>
  db.$executeRaw`UPDATE store_currency SET is_enabled = ${isEnabled} WHERE code = ${code}`;

/** The infrastructure and the method a payment names, each null when unknown. */
export async function findPaymentChoice(db: DbTx, ids: { infrastructureId: string; methodId: string }) {
  const [infrastructure = null] = await db.$queryRaw<NamedRow[]>`
    SELECT id, name, is_active AS "isActive", position FROM payment_infrastructure WHERE id = ${ids.infrastructureId}::uuid`;
  const method = await findMethod(db, ids.methodId);
  return { infrastructure, method };
}

/** The store's main currency: the first store currency by position (null before any exists). */
export const findMainCurrency = async (db: DbTx) =>
  (await db.$queryRaw<{ code: string }[]>`SELECT code::text AS code FROM store_currency ORDER BY position, code LIMIT 1`)[0]?.code ?? null;

/** The store's settings row (the migration writes it; the default covers a database without it). */
export const findStoreSettings = async (db: DbTx) =>
  (await db.$queryRaw<{ dateStyle: string }[]>`SELECT date_style AS "dateStyle" FROM store_setting WHERE id`)[0] ?? null;

/** Locks the settings row and returns the style before the change. */
export const lockStoreSettings = async (db: DbTx) =>
  (await db.$queryRaw<{ dateStyle: string }[]>`SELECT date_style AS "dateStyle" FROM store_setting WHERE id FOR UPDATE`)[0] ?? null;

export type ExpiryReminderSetting = { isOn: boolean; days: number };

/** Locks the settings row and returns the expiry reminder setting before the change. */
export const lockExpiryReminderSetting = async (db: DbTx): Promise<ExpiryReminderSetting | null> =>
  (
    await db.$queryRaw<ExpiryReminderSetting[]>`
      SELECT is_expiry_reminder_on AS "isOn", expiry_reminder_days AS "days" FROM store_setting WHERE id FOR UPDATE`
  )[0] ?? null;

export const findExpiryReminderSetting = async (db: DbTx): Promise<ExpiryReminderSetting | null> =>
  (await db.$queryRaw<ExpiryReminderSetting[]>`SELECT is_expiry_reminder_on AS "isOn", expiry_reminder_days AS "days" FROM store_setting WHERE id`)[0] ?? null;

export const updateExpiryReminderSetting = (db: DbTx, setting: ExpiryReminderSetting) =>
  db.$executeRaw`
    INSERT INTO store_setting (id, is_expiry_reminder_on, expiry_reminder_days, updated_at) VALUES (true, ${setting.isOn}, ${setting.days}, now())
    ON CONFLICT (id) DO UPDATE SET is_expiry_reminder_on = excluded.is_expiry_reminder_on,
      expiry_reminder_days = excluded.expiry_reminder_days, updated_at = excluded.updated_at`;

export const updateDateStyle = (db: DbTx, dateStyle: string) =>
  db.$executeRaw`
    INSERT INTO store_setting (id, date_style, updated_at) VALUES (true, ${dateStyle}, now())
    ON CONFLICT (id) DO UPDATE SET date_style = excluded.date_style, updated_at = excluded.updated_at`;
