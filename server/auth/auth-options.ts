import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/server/db/client";
import { authenticateStaff } from "@/server/modules/staff/staff.service";

export const SIGN_IN_PATH = "/sign-in";

// The session carries only the staff id; role and active status are read from the database on
// every request (see getActiveActor), so a change applies on the next request.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: SIGN_IN_PATH },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const staffId = await authenticateStaff(await getDb(), credentials.email, credentials.password);
        return staffId ? { id: staffId } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return { sub: token.sub };
    },
    session({ session, token }) {
      return { expires: session.expires, staffId: token.sub } as typeof session;
    },
  },
};
