// How many demo customers a first run seeds. Its own module so e2e specs can read it without
// loading the database client (server-only code) that prepare-database.ts brings in.
export const DEMO_CUSTOMER_COUNT = 300;
