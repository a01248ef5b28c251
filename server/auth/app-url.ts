import { config } from "@/server/config";

/**
 * The app's public origin (NEXTAUTH_URL; `npm start` defaults it to http://localhost:$PORT), for
 * redirects, cookies and HSTS alike.
 */
export function appOrigin(): string {
  const { NEXTAUTH_URL, PORT } = config();
  return new URL(NEXTAUTH_URL ?? `http://localhost:${PORT}`).origin;
}

export const isHttpsOrigin = (origin: string) => new URL(origin).protocol === "https:";
