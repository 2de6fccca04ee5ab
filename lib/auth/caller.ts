import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getEnv } from "../env";
import { noteDatabaseOutage } from "../http/outage";
import { resolveSessionToken, type Caller } from "../sessions/resolve";
import { sessionCookieName } from "./config";
import { sessionTokenIn } from "./session-cookie";

/**
 * Who is calling, for pages and server actions: the session token inside Auth.js's encrypted cookie,
 * checked against its row. Anything unreadable (forged, foreign, expired, revoked) is a signed-out
 * caller. Memoised for the request with React `cache`. A database outage is thrown (error page, 503).
 */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const jar = await cookies(); // first: marks the page dynamic before anything reads the environment
  const env = getEnv();
  const name = sessionCookieName(env.SECURE_COOKIES);
  const sid = await sessionTokenIn(jar.get(name)?.value);
  if (!sid) return null;
  try {
    const caller = await resolveSessionToken(sid);
    // Only a browser session's token belongs in the cookie: an API token planted there counts for nothing.
    return caller?.session.kind === "browser" ? caller : null;
  } catch (error) {
    noteDatabaseOutage(error); // the page's 500 becomes a 503
    throw error;
  }
});
