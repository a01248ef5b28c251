/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and the pg driver are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default nextConfig;
