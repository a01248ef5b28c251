// `npm run staff:create -- --email a@b.c --role ADMIN [--name "Ada"]`: the first admin of a real
// installation. The password comes from STAFF_PASSWORD or an interactive prompt, never argv.
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { createDb } from "@/server/db/client";
import { ZCreateStaffInput } from "@/server/modules/staff/staff.schema";
import { createStaff } from "@/server/modules/staff/staff.service";
import { isAppError } from "@/server/lib/app-error";
import { config } from "@/server/config";

const { values } = parseArgs({
  options: { email: { type: "string" }, role: { type: "string", default: "ADMIN" }, name: { type: "string" } },
});

async function readPassword(): Promise<string> {
  const { STAFF_PASSWORD } = config();
  if (STAFF_PASSWORD) return STAFF_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const password = await rl.question("Password (at least 12 characters): ");
  rl.close();
  return password;
}

const parsed = ZCreateStaffInput.safeParse({
  email: values.email,
  role: values.role,
  name: values.name ?? values.email?.split("@")[0],
  password: await readPassword(),
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
  process.exit(1);
}

const { db, close } = await createDb();
try {
  const staff = await createStaff(db, parsed.data);
  console.log(`Created ${staff.role} ${staff.email} (${staff.id}).`);
} catch (error) {
  console.error(isAppError(error) ? error.message : error);
  process.exitCode = 1;
} finally {
  await close();
}
