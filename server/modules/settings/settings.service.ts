import "server-only";
import type { DbTx } from "@/server/db/client";
import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { DEFAULT_DATE_STYLE, isDateStyle, type DateStyle } from "@/server/lib/dates";
import { currencyExponent, sortByCurrency } from "@/server/lib/money";
import { uuid7 } from "@/server/lib/uuid7";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import {
  findMethod,
  findMethodByName,
  findNamed,
  findNamedByName,
  findMainCurrency,
  findStoreSettings,
  insertCurrency,
  insertMethod,
  insertNamed,
  lockNames,
  lockStoreSettings,
  listCurrencies,
  listMethods,
  listNamed,
  NAMED_TABLES,
  updateCurrencyEnabled,
  updateDateStyle,
  findExpiryReminderSetting,
  lockExpiryReminderSetting,
  updateExpiryReminderSetting,
  type ExpiryReminderSetting,
  updateMethod,
  updateNamed,
} from "./settings.repo";
import type { NamedList } from "./settings.schema";

const currencyNames = new Intl.DisplayNames("en", { type: "currency" });
const currencyView = (code: string) => ({ code, exponent: currencyExponent(code), name: currencyNames.of(code) ?? code });

/** The store's currencies in the one currency order of every list (sortByCurrency): the main currency first, then by code. */
async function currenciesInOrder(db: DbTx, opts: { isEnabledOnly: boolean }) {
  const [rows, mainCurrency] = await Promise.all([listCurrencies(db, opts), findMainCurrency(db)]);
  return sortByCurrency(
    rows.map((row) => ({ ...row, currency: row.code })),
    mainCurrency,
  );
}

/** Everything the credit forms offer: enabled currencies, active categories, reasons, infrastructures with their methods. */
export async function getSettingsOptions({ db }: ServiceContext) {
  const [currencies, categories, reasons, infrastructures, methods] = await Promise.all([
    currenciesInOrder(db, { isEnabledOnly: true }),
    listNamed(db, "category", { isActiveOnly: true }),
    listNamed(db, "reason", { isActiveOnly: true }),
    listNamed(db, "infrastructure", { isActiveOnly: true }),
    listMethods(db, { isActiveOnly: true }),
  ]);
  return {
    currencies: currencies.map((c) => currencyView(c.code)),
    categories: categories.map((c) => ({ id: c.id, name: c.name, key: c.key ?? null })),
    reasons: reasons.map((r) => ({ id: r.id, name: r.name })),
    infrastructures: infrastructures.map((i) => ({
      id: i.id,
      name: i.name,
      methods: methods.filter((m) => m.infrastructureId === i.id).map((m) => ({ id: m.id, name: m.name })),
    })),
  };
}

/** Every settings record, active or not, for the admin's Settings page. */
export async function getAllSettings({ db }: ServiceContext) {
  const [currencies, categories, reasons, infrastructures, methods] = await Promise.all([
    currenciesInOrder(db, { isEnabledOnly: false }),
    listNamed(db, "category", { isActiveOnly: false }),
    listNamed(db, "reason", { isActiveOnly: false }),
    listNamed(db, "infrastructure", { isActiveOnly: false }),
    listMethods(db, { isActiveOnly: false }),
  ]);
  return {
    currencies: currencies.map((c) => ({ ...currencyView(c.code), isEnabled: c.isEnabled, position: c.position })),
    categories: categories.map((c) => ({ id: c.id, name: c.name, key: c.key ?? null, isActive: c.isActive, position: c.position })),
    reasons: reasons.map(({ id, name, isActive, position }) => ({ id, name, isActive, position })),
    infrastructures: infrastructures.map(({ id, name, isActive, position }) => ({
      id,
      name,
      isActive,
      position,
      methods: methods
        .filter((m) => m.infrastructureId === id)
        .map((m) => ({ id: m.id, name: m.name, isActive: m.isActive, position: m.position })),
    })),
  };
}

const ENTITY_TYPES: Record<NamedList, string> = {
  category: "credit_category",
  reason: "adjustment_reason",
  infrastructure: "payment_infrastructure",
};

function duplicateName(label: string): AppError {
  return new AppError("CONFLICT", `A ${label} with this name already exists`, "name");
}

export async function createNamed({ db, actor }: ServiceContext, list: NamedList, input: { name: string }) {
  const { label } = NAMED_TABLES[list];
  return db.$transaction(async (tx) => {
    await lockNames(tx, list);
    if (await findNamedByName(tx, list, input.name, null)) throw duplicateName(label);
    const id = uuid7();
    await insertNamed(tx, list, { id, name: input.name });
    await writeAudit(tx, { actor, action: `settings.${list}.create`, entityType: ENTITY_TYPES[list], entityId: id, after: { name: input.name } });
    return { id, name: input.name };
  });
}

export async function changeNamed(
  { db, actor }: ServiceContext,
  list: NamedList,
  input: { id: string; name?: string; isActive?: boolean },
) {
  const { label } = NAMED_TABLES[list];
  return db.$transaction(async (tx) => {
    if (input.name !== undefined) await lockNames(tx, list);
    const before = await findNamed(tx, list, input.id);
    if (!before) throw new AppError("NOT_FOUND", `This ${label} does not exist`);
    if (input.name !== undefined && (await findNamedByName(tx, list, input.name, input.id))) throw duplicateName(label);
    await updateNamed(tx, list, input.id, input);
    await writeAudit(tx, {
      actor,
      action: `settings.${list}.${input.name !== undefined ? "rename" : input.isActive ? "activate" : "deactivate"}`,
      entityType: ENTITY_TYPES[list],
      entityId: input.id,
      before: { name: before.name, isActive: before.isActive },
      after: { name: input.name ?? before.name, isActive: input.isActive ?? before.isActive },
    });
    return { id: input.id, name: input.name ?? before.name, isActive: input.isActive ?? before.isActive };
  });
}

export async function createMethod({ db, actor }: ServiceContext, input: { infrastructureId: string; name: string }) {
  return db.$transaction(async (tx) => {
    if (!(await findNamed(tx, "infrastructure", input.infrastructureId))) {
      throw new AppError("NOT_FOUND", "This payment infrastructure does not exist", "infrastructureId");
    }
    await lockNames(tx, "method");
    if (await findMethodByName(tx, input.infrastructureId, input.name, null)) throw duplicateName("payment method");
    const id = uuid7();
    await insertMethod(tx, { id, infrastructureId: input.infrastructureId, name: input.name });
    await writeAudit(tx, { actor, action: "settings.method.create", entityType: "payment_method", entityId: id, after: input });
    return { id, infrastructureId: input.infrastructureId, name: input.name };
  });
}

export async function changeMethod({ db, actor }: ServiceContext, input: { id: string; name?: string; isActive?: boolean }) {
  return db.$transaction(async (tx) => {
    if (input.name !== undefined) await lockNames(tx, "method");
    const before = await findMethod(tx, input.id);
    if (!before) throw new AppError("NOT_FOUND", "This payment method does not exist");
    if (input.name !== undefined && (await findMethodByName(tx, before.infrastructureId, input.name, input.id))) {
      throw duplicateName("payment method");
    }
    await updateMethod(tx, input.id, input);
    await writeAudit(tx, {
      actor,
      action: `settings.method.${input.name !== undefined ? "rename" : input.isActive ? "activate" : "deactivate"}`,
      entityType: "payment_method",
      entityId: input.id,
      before: { name: before.name, isActive: before.isActive },
      after: { name: input.name ?? before.name, isActive: input.isActive ?? before.isActive },
    });
    return { id: input.id, name: input.name ?? before.name, isActive: input.isActive ?? before.isActive };
  });
}

export async function addCurrency({ db, actor }: ServiceContext, input: { code: string }) {
  return db.$transaction(async (tx) => {
    if ((await insertCurrency(tx, input.code)) === 0) throw new AppError("CONFLICT", `${input.code} is already in the list`, "code");
    await writeAudit(tx, { actor, action: "settings.currency.add", entityType: "store_currency", entityId: input.code, after: { isEnabled: true } });
    return { ...currencyView(input.code), isEnabled: true };
  });
}

/** Disabled currencies keep their balances (which can still be spent or removed) but take no new credit. */
export async function setCurrencyEnabled({ db, actor }: ServiceContext, input: { code: string; isEnabled: boolean }) {
  return db.$transaction(async (tx) => {
    const currencies = await listCurrencies(tx, { isEnabledOnly: false });
    if (!currencies.some((c) => c.code === input.code)) throw new AppError("NOT_FOUND", `${input.code} is not in the list; add it first`, "code");
    if (!input.isEnabled && currencies.every((c) => c.code === input.code || !c.isEnabled)) {
      throw new AppError("CONFLICT", "The store needs at least one enabled currency", "code");
    }
    await updateCurrencyEnabled(tx, input.code, input.isEnabled);
    await writeAudit(tx, {
      actor,
      action: input.isEnabled ? "settings.currency.enable" : "settings.currency.disable",
      entityType: "store_currency",
      entityId: input.code,
      before: { isEnabled: !input.isEnabled },
      after: { isEnabled: input.isEnabled },
    });
    return { ...currencyView(input.code), isEnabled: input.isEnabled };
  });
}

/** The store's date style, read by the admin layout and by whatever writes a customer message. */
export async function getStoreDateStyle(db: DbTx): Promise<DateStyle> {
  const style = (await findStoreSettings(db))?.dateStyle;
  return isDateStyle(style) ? style : DEFAULT_DATE_STYLE;
}

/** The store-wide settings every staff member's pages follow. */
export async function getStoreSettings({ db }: ServiceContext): Promise<{ dateStyle: DateStyle }> {
  return { dateStyle: await getStoreDateStyle(db) };
}

const DEFAULT_EXPIRY_REMINDER: ExpiryReminderSetting = { isOn: false, days: 7 };

/** Whether customers get a reminder before their credit expires, and how many days before (off, 7 by default). */
export async function getExpiryReminderSetting({ db }: ServiceContext): Promise<ExpiryReminderSetting> {
  return (await findExpiryReminderSetting(db)) ?? DEFAULT_EXPIRY_REMINDER;
}

/** Turns expiry reminders on or off; the reminder job (remind-expiring-credits.ts) follows it on its next run. */
export async function setExpiryReminderSetting({ db, actor }: ServiceContext, input: ExpiryReminderSetting): Promise<ExpiryReminderSetting> {
  return db.$transaction(async (tx) => {
    const before = (await lockExpiryReminderSetting(tx)) ?? DEFAULT_EXPIRY_REMINDER;
    await updateExpiryReminderSetting(tx, input);
    await writeAudit(tx, {
      actor,
      action: "settings.expiry_reminders.change",
      entityType: "store_setting",
      entityId: "expiry_reminders",
      before: { ...before },
      after: { ...input },
    });
    return input;
  });
}

/** Changes how every page, date field and customer message written from now on writes dates. */
export async function setDateStyle({ db, actor }: ServiceContext, input: { dateStyle: DateStyle }) {
  return db.$transaction(async (tx) => {
    const before = (await lockStoreSettings(tx))?.dateStyle ?? DEFAULT_DATE_STYLE;
    await updateDateStyle(tx, input.dateStyle);
    await writeAudit(tx, {
      actor,
      action: "settings.date_style.change",
      entityType: "store_setting",
      entityId: "date_style",
      before: { dateStyle: before },
      after: { dateStyle: input.dateStyle },
    });
    return { dateStyle: input.dateStyle };
  });
}
