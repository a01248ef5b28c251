import "server-only";
import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import { ZBulkAddRowsInput, ZBulkBatchInput, ZBulkCreateDraftInput, ZBulkListInput, ZBulkRowsInput, ZBulkStartInput } from "./bulk-credits.schema";
import {
  addBulkRows,
  cancelBulkBatch,
  createBulkDraft,
  finishBulkUpload,
  getBatchOfCredit,
  getBulkBatch,
  listBulkBatches,
  listBulkRows,
  startBulkBatch,
} from "./bulk-credits.service";

export const bulkCreditsRouter = createTRPCRouter({
  createDraft: permissionProcedure("credits:issue").input(ZBulkCreateDraftInput).mutation(({ ctx, input }) => createBulkDraft(ctx, input)),
  addRows: permissionProcedure("credits:issue").input(ZBulkAddRowsInput).mutation(({ ctx, input }) => addBulkRows(ctx, input)),
  finishUpload: permissionProcedure("credits:issue").input(ZBulkBatchInput).mutation(({ ctx, input }) => finishBulkUpload(ctx, input)),
  start: permissionProcedure("credits:issue").input(ZBulkStartInput).mutation(({ ctx, input }) => startBulkBatch(ctx, input)),
  cancel: permissionProcedure("credits:issue").input(ZBulkBatchInput).mutation(({ ctx, input }) => cancelBulkBatch(ctx, input)),
  get: permissionProcedure("credits:read").input(ZBulkBatchInput).query(({ ctx, input }) => getBulkBatch(ctx, input)),
  rows: permissionProcedure("credits:read").input(ZBulkRowsInput).query(({ ctx, input }) => listBulkRows(ctx, input)),
  list: permissionProcedure("credits:read").input(ZBulkListInput).query(({ ctx, input }) => listBulkBatches(ctx, input)),
  ofCredit: permissionProcedure("credits:read")
    .input(z.object({ creditId: z.uuid("This store credit does not exist") }))
    .query(({ ctx, input }) => getBatchOfCredit(ctx, input)),
});
