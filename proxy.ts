import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

// A fast first gate: visitors without a session cookie go to sign-in. The real check (active
// staff, role) happens in the admin layout and in every tRPC procedure.
export async function proxy(request: NextRequest) {
  // A path that does not percent-decode (/customers/%ff) names no page; Next.js would fail to
  // decode its params with a bare 500, so it gets the 404 page instead.
  if (!isDecodable(request.nextUrl.pathname)) return NextResponse.rewrite(new URL("/_not-found", request.url));
  const token = await getToken({ req: request });
  if (token) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = "";
  const requested = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (requested !== "/") url.searchParams.set("callbackUrl", requested);
  return NextResponse.redirect(url);
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  matcher: ["/((?!api/|_next/|sign-in|favicon.ico).*)"],
};
