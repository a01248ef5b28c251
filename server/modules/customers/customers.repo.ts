import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import { customerSearchColumns, normaliseEmail } from "./customer-text";
import { keysetPage, type SegmentCursor } from "./search/keyset-segments";
import type { SearchPlan } from "./search/search-plan";

export type CustomerListRow = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  createdAt: Date;
  lastActivityAt: Date;
  sort_value: string | Date;
};

const LIST_COLUMNS = Prisma.sql`c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.email, c.phone,
  c.created_at AS "createdAt", c.last_activity_at AS "lastActivityAt"`;

export function searchCustomerRows(db: DbTx, plan: SearchPlan, cursor: SegmentCursor | null, limit: number) {
  return keysetPage<CustomerListRow>(db, {
    from: Prisma.sql`customer c`,
    select: LIST_COLUMNS,
    // What search matches read; customer_sort_name_id_idx and the prefix indexes INCLUDE them.
    walkColumns: ["sort_name", "search_name", "email", "phone_digits"],
    segments: plan.segments,
    order: plan.order,
    cursor,
    limit,
  });
}

export const findCustomerById = (db: DbTx, id: string) =>
  db.customer.findUnique({
    where: { id },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      phone: true,
      externalId: true,
      createdAt: true,
      lastActivityAt: true,
    },
  });

export type CustomerRecord = NonNullable<Awaited<ReturnType<typeof findCustomerById>>>;

const CUSTOMER_RECORD_COLUMNS = Prisma.sql`c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.email, c.phone,
  c.external_id AS "externalId", c.created_at AS "createdAt", c.last_activity_at AS "lastActivityAt"`;

export const findCustomerByExternalId = async (db: DbTx, externalId: string) =>
  (await db.$queryRaw<CustomerRecord[]>`SELECT ${CUSTOMER_RECORD_COLUMNS} FROM customer c WHERE c.external_id = ${externalId}`)[0] ?? null;

export const findCustomerByEmail = async (db: DbTx, email: string) =>
  (await db.$queryRaw<CustomerRecord[]>`SELECT ${CUSTOMER_RECORD_COLUMNS} FROM customer c WHERE c.email = ${normaliseEmail(email)}`)[0] ?? null;

/**
 * Serialises writers of one external id and of one email until the transaction ends (in a fixed
 * order, so two upserts never wait on each other in a cycle): a new customer's unique columns
 * cannot be taken between the check and the insert.
 */
export const lockCustomerIdentity = (db: DbTx, externalId: string, email: string) =>
  db.$executeRaw`
    SELECT pg_advisory_xact_lock(h) FROM (
      SELECT hashtextextended(name, 0) AS h FROM unnest(${[`customer.external_id ${externalId}`, `customer.email ${normaliseEmail(email)}`]}::text[]) AS name
      ORDER BY 1
    ) locks`;

export type CustomerChange = { id: string; firstName: string; lastName: string; email: string; phone: string | null };

/** Like createCustomerRecord, the derived search columns move with the names and phone. */
export const updateCustomerRecord = (db: DbTx, change: CustomerChange) =>
  db.customer.update({
    where: { id: change.id },
    data: { firstName: change.firstName, lastName: change.lastName, email: normaliseEmail(change.email), phone: change.phone, ...customerSearchColumns(change) },
  });

export type NewCustomer = {
  id?: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  externalId?: string | null;
  createdAt?: Date;
};

/** Every customer write goes through here so the derived search columns can never be stale. */
export function createCustomerRecord(db: DbTx, customer: NewCustomer) {
  return db.customer.create({
    data: {
      ...customer,
      email: normaliseEmail(customer.email),
      ...customerSearchColumns(customer),
      lastActivityAt: customer.createdAt,
    },
  });
}

/**
 * Bulk insert for seeding: one statement per batch through unnest() arrays, so a million rows
 * take minutes, not hours. Existing ids or emails are skipped, so a rerun inserts nothing.
 */
export async function insertCustomersBulk(db: DbTx, rows: (NewCustomer & { id: string; createdAt: Date })[]) {
  const cols = {
    id: [] as string[],
    firstName: [] as string[],
    lastName: [] as string[],
    email: [] as string[],
    phone: [] as (string | null)[],
    searchName: [] as string[],
    sortName: [] as string[],
    phoneDigits: [] as (string | null)[],
    createdAt: [] as Date[],
  };
  for (const row of rows) {
    const derived = customerSearchColumns(row);
    cols.id.push(row.id);
    cols.firstName.push(row.firstName);
    cols.lastName.push(row.lastName);
    cols.email.push(normaliseEmail(row.email));
    cols.phone.push(row.phone);
    cols.searchName.push(derived.searchName);
    cols.sortName.push(derived.sortName);
    cols.phoneDigits.push(derived.phoneDigits);
    cols.createdAt.push(row.createdAt);
  }
  return db.$executeRaw`
    INSERT INTO customer (id, first_name, last_name, email, phone, search_name, sort_name, phone_digits, created_at, last_activity_at)
    SELECT id, first_name, last_name, email, phone, search_name, sort_name, phone_digits, created_at, created_at
    FROM unnest(${cols.id}::uuid[], ${cols.firstName}::text[], ${cols.lastName}::text[], ${cols.email}::text[],
                ${cols.phone}::text[], ${cols.searchName}::text[], ${cols.sortName}::text[], ${cols.phoneDigits}::text[],
                ${cols.createdAt}::timestamptz[])
      AS t(id, first_name, last_name, email, phone, search_name, sort_name, phone_digits, created_at)
    ON CONFLICT DO NOTHING`;
}

/** The page's spendable balances above zero: the balance less what open holds set aside. */
export const positiveSpendableBalancesOf = (db: DbTx, customerIds: string[]) =>
  db.$queryRaw<{ customerId: string; currency: string; spendableMinor: bigint }[]>`
    SELECT customer_id AS "customerId", currency, balance_minor - held_minor AS "spendableMinor"
    FROM credit_balance
    WHERE customer_id = ANY(${customerIds}::uuid[]) AND balance_minor > held_minor
    ORDER BY currency`;

/**
 * A money event of this customer (a credit, spend, expiry, refund or payment): "Last activity"
 * moves to this transaction's time, in the same transaction as the event. Never backwards (a
 * transaction that began earlier may commit later), and a no-op, taking no lock, when this
 * transaction already moved it.
 */
export function customerActivitySql(customerId: string): Prisma.Sql {
  return Prisma.sql`UPDATE customer SET last_activity_at = now() WHERE id = ${customerId}::uuid AND last_activity_at < now()`;
}

/**
 * Sets Last activity from what the books hold: the newest payment, credit event (issue, spend,
 * expiry, adjustment) or refund (created or settled), or the sign-up when there is none. For
 * data written in bulk with past dates (the demo seed), where no service moved it.
 */
export const lastActivityFromHistory = (db: DbTx, customerIds: string[]) =>
  db.$executeRaw`
    UPDATE customer c SET last_activity_at = greatest(
      c.created_at,
      (SELECT max(p.captured_at) FROM payment p WHERE p.customer_id = c.id),
      (SELECT max(e.created_at) FROM credit_event e WHERE e.customer_id = c.id),
      (SELECT max(greatest(r.created_at, r.settled_at)) FROM refund r WHERE r.customer_id = c.id))
    WHERE c.id = ANY(${customerIds}::uuid[])`;
