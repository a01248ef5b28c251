import type { DbTx } from "@/server/db/client";
import { uuid7 } from "@/server/lib/uuid7";

// Every time here is the database's clock (now()), so making a link and checking it never
// disagree across app servers.

/** Revokes the member's links that are still unused, so only the newest one works. */
export const revokeUnusedLinks = (db: DbTx, staffId: string) =>
  db.$executeRaw`UPDATE staff_password_link SET revoked_at = now()
    WHERE staff_id = ${staffId}::uuid AND used_at IS NULL AND revoked_at IS NULL`;

export async function insertLink(db: DbTx, link: { staffId: string; tokenHash: string; createdById: string | null; validHours: number }) {
  const [row] = await db.$queryRaw<{ id: string; expiresAt: Date }[]>`
    INSERT INTO staff_password_link (id, staff_id, token_hash, created_by_id, expires_at)
    VALUES (${uuid7()}::uuid, ${link.staffId}::uuid, ${link.tokenHash}, ${link.createdById}::uuid,
            now() + make_interval(hours => ${link.validHours}::int))
    RETURNING id, expires_at AS "expiresAt"`;
  return row!;
}

/** The member a link is for, while it is unused, unrevoked, unexpired and the member active. */
export async function findUsableLink(db: DbTx, tokenHash: string) {
  const [row] = await db.$queryRaw<{ staffId: string; name: string; email: string }[]>`
    SELECT s.id AS "staffId", s.name, s.email
      FROM staff_password_link l JOIN staff_user s ON s.id = l.staff_id
     WHERE l.token_hash = ${tokenHash} AND l.used_at IS NULL AND l.revoked_at IS NULL
       AND l.expires_at > now() AND s.is_active`;
  return row ?? null;
}

/**
 * Marks a usable link used and returns its member, in one statement: of two concurrent calls
 * the second waits for the first's row lock, re-reads `used_at` and matches nothing.
 */
export async function consumeLink(db: DbTx, tokenHash: string) {
  const [row] = await db.$queryRaw<{ linkId: string; staffId: string }[]>`
    UPDATE staff_password_link l SET used_at = now()
     WHERE l.token_hash = ${tokenHash} AND l.used_at IS NULL AND l.revoked_at IS NULL AND l.expires_at > now()
       AND EXISTS (SELECT 1 FROM staff_user s WHERE s.id = l.staff_id AND s.is_active)
    RETURNING l.id AS "linkId", l.staff_id AS "staffId"`;
  return row ?? null;
}

/** A new password hash; the staff_user trigger bumps the session version with it. */
export const setPasswordHash = (db: DbTx, staffId: string, passwordHash: string) =>
  db.staffUser.update({ where: { id: staffId }, data: { passwordHash }, select: { id: true, role: true, email: true } });
