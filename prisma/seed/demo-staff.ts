import type { Db } from "@/server/db/client";
import { hashPassword } from "@/server/auth/password";
import type { BuiltInRoleKey } from "@/server/auth/permissions";

export const DEMO_PASSWORD = "creditdesk-demo";

export const DEMO_STAFF: { email: string; name: string; role: BuiltInRoleKey }[] = [
  { email: "admin@creditdesk.test", name: "Avery Admin", role: "ADMIN" },
  { email: "manager@creditdesk.test", name: "Morgan Manager", role: "MANAGER" },
  { email: "support@creditdesk.test", name: "Sam Support", role: "SUPPORT_AGENT" },
  { email: "viewer@creditdesk.test", name: "Vic Viewer", role: "VIEWER" },
];

/** Creates the demo staff that are missing; never touches existing accounts or their passwords. */
export async function seedDemoStaff(db: Db): Promise<number> {
  const existing = new Set(
    (await db.staffUser.findMany({ where: { email: { in: DEMO_STAFF.map((s) => s.email) } }, select: { email: true } })).map(
      (s) => s.email,
    ),
  );
  const missing = DEMO_STAFF.filter((s) => !existing.has(s.email));
  for (const staff of missing) {
    await db.staffUser.create({ data: { ...staff, passwordHash: await hashPassword(DEMO_PASSWORD) } });
  }
  return missing.length;
}

export function demoLoginLines(): string[] {
  return DEMO_STAFF.map((s) => `  ${s.role.padEnd(14)} ${s.email.padEnd(26)} password: ${DEMO_PASSWORD}`);
}
