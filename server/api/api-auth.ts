import type { Db } from "@/server/db/client";
import type { ApiKeyRef } from "@/server/lib/service-context";
import type { ApiScope } from "@/server/modules/api-keys/api-keys.schema";
import { findApiKeyBySecret } from "@/server/modules/api-keys/api-keys.service";
import { ApiRefusal } from "./api-errors";

export type AuthenticatedKey = ApiKeyRef & { scopes: readonly string[] };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The API key of `Authorization: Bearer <secret>`, read from the database on every request, so a
 * revoked or expired key is refused (401) on its very next request.
 */
export async function authenticate(db: Db, headers: Headers): Promise<AuthenticatedKey> {
  const match = BEARER.exec(headers.get("authorization") ?? "");
  if (!match) throw new ApiRefusal("UNAUTHORIZED", "Send an API key as “Authorization: Bearer <key>”", "Authorization", { "WWW-Authenticate": "Bearer" });
  const secret = match[1]!;
  // Not a key's shape: no need to ask the database.
  const key = secret.length <= 200 ? await findApiKeyBySecret(db, secret) : null;
  if (!key) throw new ApiRefusal("UNAUTHORIZED", "This API key is not valid", "Authorization", { "WWW-Authenticate": "Bearer" });
  if (key.revokedAt) throw new ApiRefusal("UNAUTHORIZED", "This API key was revoked", "Authorization", { "WWW-Authenticate": "Bearer" });
  if (key.expiresAt && key.expiresAt <= new Date()) {
    throw new ApiRefusal("UNAUTHORIZED", "This API key has expired", "Authorization", { "WWW-Authenticate": "Bearer" });
  }
  return { id: key.id, name: key.name, scopes: key.scopes };
}

export function assertScope(key: AuthenticatedKey, scope: ApiScope): void {
  if (!key.scopes.includes(scope)) throw new ApiRefusal("FORBIDDEN", `This API key lacks the “${scope}” scope`, null);
}
