import "server-only";
import { createTRPCRouter, permissionProcedure } from "@/server/trpc/init";
import { ZCreateApiKeyInput, ZRevokeApiKeyInput } from "./api-keys.schema";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys.service";

const manage = () => permissionProcedure("apiKeys:manage");

export const apiKeysRouter = createTRPCRouter({
  list: manage().query(({ ctx }) => listApiKeys(ctx)),
  create: manage().input(ZCreateApiKeyInput).mutation(({ ctx, input }) => createApiKey(ctx, input)),
  revoke: manage().input(ZRevokeApiKeyInput).mutation(({ ctx, input }) => revokeApiKey(ctx, input)),
});
