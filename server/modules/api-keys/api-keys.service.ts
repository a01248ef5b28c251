import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import type { ServiceContext } from "@/server/lib/service-context";
import { uuid7 } from "@/server/lib/uuid7";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import { findApiKeyForRequest, insertApiKey, listApiKeyRows, lockApiKey, revokeApiKeyRow, type ApiKeyAuthRow, type ApiKeyRow } from "./api-keys.repo";
import { API_KEY_SECRET_PREFIX, API_SCOPES, type ApiScope, type CreateApiKeyInput, type RevokeApiKeyInput } from "./api-keys.schema";

/** The secret's characters kept in the clear to tell keys apart in lists ("cd_live_AbCd1234"). */
const SHOWN_PREFIX_LENGTH = API_KEY_SECRET_PREFIX.length + 8;

/** Only the hash is stored; a 192-bit random secret needs no slow hash (nothing to guess from it). */
export const secretHashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

export type ApiKeyStatus = "ACTIVE" | "EXPIRED" | "REVOKED";

function keyView(row: Omit<ApiKeyRow, "createdByName"> & { createdByName?: string | null }, now: Date) {
  const status: ApiKeyStatus = row.revokedAt ? "REVOKED" : row.expiresAt && row.expiresAt <= now ? "EXPIRED" : "ACTIVE";
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    createdAt: row.createdAt,
    createdBy: { id: row.createdById, name: row.createdByName ?? "Former staff member" },
    status,
  };
}
export type ApiKeyView = ReturnType<typeof keyView>;

const auditSnapshot = (key: { name: string; prefix: string; scopes: readonly string[]; expiresAt: Date | null }) => ({
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  expiresAt: key.expiresAt,
});

export async function listApiKeys({ db }: ServiceContext): Promise<ApiKeyView[]> {
  const now = new Date();
  return (await listApiKeyRows(db)).map((row) => keyView(row, now));
}

/** A new key; its secret is in this answer only (the table keeps its sha256). */
export async function createApiKey({ db, actor }: ServiceContext, input: CreateApiKeyInput): Promise<{ key: ApiKeyView; secret: string }> {
  const secret = `${API_KEY_SECRET_PREFIX}${randomBytes(24).toString("base64url")}`;
  const row = {
    id: uuid7(),
    name: input.name,
    prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
    secretHash: secretHashOf(secret),
    scopes: [...input.scopes],
    expiresAt: input.expiresAt,
    createdById: actor.id,
  };
  await db.$transaction(async (tx) => {
    await insertApiKey(tx, row);
    await writeAudit(tx, { actor, action: "api_key.create", entityType: "api_key", entityId: row.id, after: auditSnapshot(row) });
  });
  const now = new Date();
  return { key: keyView({ ...row, revokedAt: null, lastUsedAt: null, createdAt: now, createdByName: actor.name }, now), secret };
}

/** Revoked at once: the next request with the key is refused (keys are read on every request). */
export async function revokeApiKey({ db, actor }: ServiceContext, input: RevokeApiKeyInput): Promise<ApiKeyView> {
  return db.$transaction(async (tx) => {
    const key = await lockApiKey(tx, input.id);
    if (!key) throw new AppError("NOT_FOUND", "This API key does not exist", "id");
    if (key.revokedAt) throw new AppError("CONFLICT", "This API key is already revoked", "id");
    await revokeApiKeyRow(tx, key.id);
    const now = new Date();
    await writeAudit(tx, {
      actor,
      action: "api_key.revoke",
      entityType: "api_key",
      entityId: key.id,
      before: { revokedAt: null },
      after: { revokedAt: now },
      details: auditSnapshot(key),
    });
    return keyView({ ...key, revokedAt: now }, now);
  });
}

export type ApiKeyAuth = ApiKeyAuthRow;

/** The key a request's secret names, or null when no key has that secret. Moves its Last used. */
export const findApiKeyBySecret = (db: Db, secret: string): Promise<ApiKeyAuth | null> => findApiKeyForRequest(db, secretHashOf(secret));
