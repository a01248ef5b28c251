import "server-only";
import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import {
  ZBalanceHistoryInput,
  ZCreditHistoryCsvInput,
  ZCreditHistoryInput,
  ZCreditIdInput,
  ZCreditListInput,
  ZIssueCreditInput,
  ZSendCreditsInput,
  ZSetBalanceInput,
  ZSetBalancePreviewInput,
  ZUpdateCreditInput,
  ZVoidCreditInput,
} from "./credits.schema";
import {
  getBalanceHistory,
  getCreditDetail,
  getCreditHistory,
  getCreditHistoryCsv,
  issueCredit,
  listCredits,
  previewSetBalance,
  sendCredits,
  setBalance,
  updateCredit,
  voidCredit,
} from "./credits.service";

export const creditsRouter = createTRPCRouter({
  issue: permissionProcedure("credits:issue").input(ZIssueCreditInput).mutation(({ ctx, input }) => issueCredit(ctx, input)),
  send: permissionProcedure("credits:issue").input(ZSendCreditsInput).mutation(({ ctx, input }) => sendCredits(ctx, input)),
  update: permissionProcedure("credits:edit").input(ZUpdateCreditInput).mutation(({ ctx, input }) => updateCredit(ctx, input)),
  void: permissionProcedure("credits:void").input(ZVoidCreditInput).mutation(({ ctx, input }) => voidCredit(ctx, input)),
  setBalance: permissionProcedure("credits:set_balance").input(ZSetBalanceInput).mutation(({ ctx, input }) => setBalance(ctx, input)),
  setBalancePreview: permissionProcedure("credits:set_balance").input(ZSetBalancePreviewInput).query(({ ctx, input }) => previewSetBalance(ctx, input)),
  get: permissionProcedure("credits:read").input(ZCreditIdInput).query(({ ctx, input }) => getCreditDetail(ctx, input.creditId)),
  list: permissionProcedure("credits:read").input(ZCreditListInput).query(({ ctx, input }) => listCredits(ctx, input)),
  history: permissionProcedure("credits:read").input(ZCreditHistoryInput).query(({ ctx, input }) => getCreditHistory(ctx, input)),
  balanceHistory: permissionProcedure("credits:read").input(ZBalanceHistoryInput).query(({ ctx, input }) => getBalanceHistory(ctx, input.customerId)),
  historyCsv: permissionProcedure("credits:read").input(ZCreditHistoryCsvInput).query(({ ctx, input }) => getCreditHistoryCsv(ctx, input)),
});
