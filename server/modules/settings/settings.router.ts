import "server-only";
import { createTRPCRouter, permissionProcedure, staffProcedure } from "@/server/trpc/init";
import {
  ZAddCurrencyInput,
  ZCreateMethodInput,
  ZCreateNamedInput,
  ZRenameInput,
  ZSetActiveInput,
  ZSetCurrencyEnabledInput,
  ZSetDateStyleInput,
  ZSetExpiryRemindersInput,
  type NamedList,
} from "./settings.schema";
import {
  addCurrency,
  changeMethod,
  changeNamed,
  createMethod,
  createNamed,
  getAllSettings,
  getSettingsOptions,
  getStoreSettings,
  setCurrencyEnabled,
  setDateStyle,
  getExpiryReminderSetting,
  setExpiryReminderSetting,
} from "./settings.service";

const manage = () => permissionProcedure("settings:manage");

/** create / rename / setActive for one admin-managed list. */
const namedListRouter = (list: NamedList) =>
  createTRPCRouter({
    create: manage().input(ZCreateNamedInput).mutation(({ ctx, input }) => createNamed(ctx, list, input)),
    rename: manage().input(ZRenameInput).mutation(({ ctx, input }) => changeNamed(ctx, list, input)),
    setActive: manage().input(ZSetActiveInput).mutation(({ ctx, input }) => changeNamed(ctx, list, input)),
  });

export const settingsRouter = createTRPCRouter({
  /** What the credit forms offer; any staff member who can read credits. */
  options: permissionProcedure("credits:read").query(({ ctx }) => getSettingsOptions(ctx)),
  /** Every record, inactive ones too, for the Settings page. */
  list: manage().query(({ ctx }) => getAllSettings(ctx)),
  /** What every page follows (the date style); any signed-in staff member. */
  store: staffProcedure.query(({ ctx }) => getStoreSettings(ctx)),
  setDateStyle: manage().input(ZSetDateStyleInput).mutation(({ ctx, input }) => setDateStyle(ctx, input)),
  expiryReminders: manage().query(({ ctx }) => getExpiryReminderSetting(ctx)),
  setExpiryReminders: manage().input(ZSetExpiryRemindersInput).mutation(({ ctx, input }) => setExpiryReminderSetting(ctx, input)),
  categories: namedListRouter("category"),
  reasons: namedListRouter("reason"),
  infrastructures: namedListRouter("infrastructure"),
  methods: createTRPCRouter({
    create: manage().input(ZCreateMethodInput).mutation(({ ctx, input }) => createMethod(ctx, input)),
    rename: manage().input(ZRenameInput).mutation(({ ctx, input }) => changeMethod(ctx, input)),
    setActive: manage().input(ZSetActiveInput).mutation(({ ctx, input }) => changeMethod(ctx, input)),
  }),
  currencies: createTRPCRouter({
    add: manage().input(ZAddCurrencyInput).mutation(({ ctx, input }) => addCurrency(ctx, input)),
    setEnabled: manage().input(ZSetCurrencyEnabledInput).mutation(({ ctx, input }) => setCurrencyEnabled(ctx, input)),
  }),
});
