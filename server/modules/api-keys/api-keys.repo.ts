import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  createdById: string;
  createdByName: string | null;
};

const KEY_COLUMNS = Prisma.sql`k.id, k.name, k.prefix, COALESCE(k.scopes, '{}') AS scopes, k.expires_at AS "expiresAt",
  k.revoked_at AS "revokedAt", k.last_used_at AS "lastUsedAt", k.created_at AS "createdAt", k.created_by_id AS "createdById"`;

/** How many keys the Settings page lists: live ones first, then the most recently revoked or expired. */
const LIST_LIMIT = 200;

export const listApiKeyRows = (db: DbTx) =>
  db.$queryRaw<ApiKeyRow[]>`
    SELECT ${KEY_COLUMNS}, s.name AS "createdByName"
    FROM api_key k LEFT JOIN staff_user s ON s.id = k.created_by_id
    ORDER BY (k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())) DESC, k.created_at DESC, k.id DESC
    LIMIT ${LIST_LIMIT}`;

export type NewApiKey = { id: string; name: string; prefix: string; secretHash: string; scopes: string[]; expiresAt: Date | null; createdById: string };

export const insertApiKey = (db: DbTx, key: NewApiKey) =>
  db.$executeRaw`
    INSERT INTO api_key (id, name, prefix, secret_hash, scopes, expires_at, created_by_id)
    VALUES (${key.id}::uuid, ${key.name}, ${key.prefix}, ${key.secretHash}, ${key.scopes}::text[], ${key.expiresAt}::timestamptz, ${key.createdById}::uuid)`;

/** The key, locked until the transaction ends (revoking it twice at once writes one audit row). */
export const lockApiKey = async (db: DbTx, id: string) =>
  (await db.$queryRaw<Omit<ApiKeyRow, "createdByName">[]>`SELECT ${KEY_COLUMNS} FROM api_key k WHERE k.id = ${id}::uuid FOR UPDATE`)[0] ?? null;

export const revokeApiKeyRow = (db: DbTx, id: string) => db.$executeRaw`UPDATE api_key SET revoked_at = now() WHERE id = ${id}::uuid`;

export type ApiKeyAuthRow = { id: string; name: string; scopes: string[]; expiresAt: Date | null; revokedAt: Date | null };

/**
 * The key a secret belongs to, read on every API request (so a revocation applies to the next
 * one), and its Last used moved in the same statement: at most every 10 seconds, to spare a
 * write per request on a busy key.
 */
export const findApiKeyForRequest = async (db: DbTx, secretHash: string) =>
  (
    await db.$queryRaw<ApiKeyAuthRow[]>`
      WITH k AS (
        SELECT id, name, COALESCE(scopes, '{}') AS scopes, expires_at, revoked_at, last_used_at FROM api_key WHERE secret_hash = ${secretHash}
      ),
      touched AS (
        UPDATE api_key SET last_used_at = now()
        WHERE id = (SELECT id FROM k) AND (SELECT revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
          AND (last_used_at IS NULL OR last_used_at < now() - interval '10 seconds') FROM k)
        RETURNING id
      )
      SELECT k.id, k.name, k.scopes, k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt" FROM k`
  )[0] ?? null;
