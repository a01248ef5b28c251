import { Faker, en, en_GB, de, fr, ja, base } from "@faker-js/faker";
import type { Db } from "@/server/db/client";
import { uuid7 } from "@/server/lib/uuid7";
import { insertCustomersBulk } from "@/server/modules/customers/customers.repo";

type CustomerRow = { id: string; firstName: string; lastName: string; email: string; phone: string | null; createdAt: Date };

const LOCALES = [
  { faker: new Faker({ locale: [en, base] }), weight: 5, phone: ["+1 ###-###-####", "(###) ###-####", "###.###.####"] },
  { faker: new Faker({ locale: [en_GB, en, base] }), weight: 2, phone: ["+44 7### ######", "07### ### ###"] },
  { faker: new Faker({ locale: [de, en, base] }), weight: 1, phone: ["+49 15# #######", "0151 ########"] },
  { faker: new Faker({ locale: [fr, en, base] }), weight: 1, phone: ["+33 6 ## ## ## ##", "06 ## ## ## ##"] },
  { faker: new Faker({ locale: [ja, en, base] }), weight: 1, phone: ["+81 90-####-####"] },
];
const DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "fastmail.com", "hey.com", "gmx.de"];
const SEPARATORS = [".", "_", "", "-"];

/** The fixed "today" demo customers' sign-up dates count back from, so they are the same on every run. */
export const DEMO_SEED_DATE = new Date(Date.UTC(2026, 10, 1));

/** Deterministic: customer number `index` is the same person on every run and every machine. */
export function demoCustomer(index: number, now: Date): CustomerRow {
  const pick = LOCALES[index % 10 < 5 ? 0 : index % 10 < 7 ? 1 : (index % 10) - 5] ?? LOCALES[0]!;
  const faker = pick.faker;
  faker.seed(index + 1);
  // Japanese names come in kana/kanji; emails need ASCII, so those use romanised English names.
  const isJapanese = pick === LOCALES[4];
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const asciiFirst = isJapanese ? LOCALES[0]!.faker.person.firstName() : firstName;
  const local = [asciiFirst, lastName]
    .map((part) => part.normalize("NFD").replace(/[^a-zA-Z]/g, "").toLowerCase())
    .filter(Boolean)
    .join(faker.helpers.arrayElement(SEPARATORS));
  // The index suffix keeps emails unique without a lookup, so batches can be inserted blindly.
  const email = `${local || "customer"}${index}@${faker.helpers.arrayElement(DOMAINS)}`;
  const phone = faker.number.int(9) === 0 ? null : faker.helpers.replaceSymbols(faker.helpers.arrayElement(pick.phone));
  const daysAgo = faker.number.int({ min: 0, max: 4 * 365 });
  const createdAt = new Date(now.getTime() - daysAgo * 86_400_000 - faker.number.int(86_399_999));
  const id = uuid7(createdAt.getTime(), Uint8Array.from({ length: 10 }, () => faker.number.int(255)));
  return { id, firstName, lastName, email, phone, createdAt };
}

/** Inserts customers 0..count-1 that are missing, in batches; safe to run again. */
export async function seedDemoCustomers(
  db: Db,
  opts: { count: number; batchSize?: number; onProgress?: (done: number) => void },
): Promise<number> {
  const batchSize = opts.batchSize ?? 2_000;
  let inserted = 0;
  for (let start = 0; start < opts.count; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, opts.count - start) }, (_, i) => demoCustomer(start + i, DEMO_SEED_DATE));
    inserted += await insertCustomersBulk(db, rows);
    opts.onProgress?.(start + rows.length);
  }
  return inserted;
}
