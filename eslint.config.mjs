import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// ---- The import direction: page -> tRPC router -> service -> repo (README "Architecture"). ----

/** What browser code may take from server/ as values: schemas and pure rules the UI shares. Types are free. */
const CLIENT_SAFE_SERVER = [
  String.raw`modules/[^/]+/[^/]+\.schema`,
  "lib/money",
  "lib/dates",
  "auth/permissions",
  "auth/sign-in-messages",
  "modules/notifications/notification-channel",
  "modules/notifications/delivery-policy",
  "modules/limits/limit-rules",
  "trpc/limits",
];
/** What pages, layouts and route handlers (server components) also call: the guard, the session, tRPC. */
const SERVER_ENTRY = [
  "auth/page-guard",
  "auth/current-actor",
  "auth/auth-options",
  "auth/app-url",
  "auth/safe-redirect",
  "trpc/rsc",
  "trpc/error-shape",
  "trpc/http-handler",
  "http/health",
  "api/api-handler",
  "api/openapi",
];
/** `@/server/<anything but these>`, also written relatively. */
const serverImportExcept = (allowed) => String.raw`^(?:@/|(?:\.\./)+)server/(?!(?:${allowed.join("|")})$)`;

const restrict = (patterns) => ["error", { patterns }];

export const importDirection = [
  {
    // Browser code (client components and what they use): no server code, only shared schemas and rules.
    files: ["components/**/*.{ts,tsx}", "app/**/_components/**/*.{ts,tsx}"],
    ignores: ["app/**/_components/load-*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict([
        {
          regex: serverImportExcept(CLIENT_SAFE_SERVER),
          allowTypeImports: true,
          message: "Components reach the server through tRPC (components/providers/trpc.ts); import only *.schema.ts files and the shared rules listed in eslint.config.mjs.",
        },
      ]),
    },
  },
  {
    // Pages, layouts and route handlers: the page guard, the session and the tRPC caller, never a service, repo or the database.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/_components/**/*.{ts,tsx}", "app/**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict([
        {
          regex: serverImportExcept([...CLIENT_SAFE_SERVER, ...SERVER_ENTRY]),
          allowTypeImports: true,
          message: "Pages call procedures through the tRPC caller (server/trpc/rsc.ts), not services, repos or the database.",
        },
      ]),
    },
  },
  {
    // Services, verb files, repos and server libraries: no web framework.
    files: ["server/modules/**/*.ts", "server/lib/**/*.ts", "server/db/**/*.ts"],
    ignores: ["**/*.router.ts", "**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict([
        {
          regex: String.raw`^(?:@trpc/|@/server/trpc/|(?:\.\./)+trpc/|react(?:-dom)?(?:/|$)|next-auth(?:/|$)|next(?:/|$))`,
          message: "Services and repos never import tRPC, React, Next.js or next-auth: they take a ServiceContext and throw AppError; the router adapts.",
        },
      ]),
    },
  },
  {
    // Storefront API routes: schemas and a handler per route that calls module services, like routers.
    files: ["server/api/routes/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict([
        {
          regex: String.raw`^(?:.*\.repo$|@/server/db/|@/server/trpc/)`,
          allowTypeImports: true,
          message: "An API route calls module services with its validated input; repos, the database and tRPC are not its business.",
        },
      ]),
    },
  },
  {
    // Routers: a permission and an input schema per procedure, then the module's service.
    files: ["server/modules/**/*.router.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict([
        {
          regex: String.raw`^(?:\./(?![^/]+\.(?:service|schema)$)|.*\.repo$|@/server/db/)`,
          message: "A router calls its module's service (<module>.service.ts) with inputs from <module>.schema.ts; repos and the database are the service's.",
        },
      ]),
    },
  },
];

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", ".data/**", "prisma/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  ...importDirection,
];

export default config;
