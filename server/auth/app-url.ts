/**
 * The app's public origin (NEXTAUTH_URL; `npm start` defaults it to http://localhost:$PORT).
 * The one place this reads the environment, for redirects, cookies and HSTS alike.
 */
export function appOrigin(env: NodeJS.ProcessEnv = process.env): string {
  return new URL(env.NEXTAUTH_URL || `http://localhost:${env.PORT || 3000}`).origin;
}

export const isHttpsOrigin = (origin: string) => new URL(origin).protocol === "https:";
