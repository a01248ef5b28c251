// Staff members only e2e runs have, for tests that end sessions: signing out ends every session
// of that staff member, so those tests must not sign out a role whose saved session others use.
export const E2E_PASSWORD = "e2e-only-password";

export const E2E_STAFF = {
  signOut: { email: "e2e-sign-out@creditdesk.test", name: "Sign-out Tester", role: "VIEWER" },
  copiedCookie: { email: "e2e-copied-cookie@creditdesk.test", name: "Copied Cookie", role: "SUPPORT_AGENT" },
  /** Starts as a viewer; roles.spec.ts gives them the "Refunds only" role an admin makes there. */
  refundsOnly: { email: "e2e-refunds-only@creditdesk.test", name: "Refunds Tester", role: "VIEWER" },
} satisfies Record<string, { email: string; name: string; role: string }>;

/** Creates them in the run's database; serve.ts calls it before the server opens the database. */
export async function seedE2eStaff(): Promise<void> {
  const { createDb } = await import("../../server/db/client");
  const { createStaff } = await import("../../server/modules/staff/staff.service");
  const { db, close } = await createDb();
  try {
    for (const staff of Object.values(E2E_STAFF)) {
      if (await db.staffUser.findUnique({ where: { email: staff.email } })) continue;
      await createStaff(db, { ...staff, password: E2E_PASSWORD });
    }
  } finally {
    await close();
  }
}
