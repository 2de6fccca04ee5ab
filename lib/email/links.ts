import "server-only";
import { getEnv } from "../env";

/** A link into the app, built from APP_URL only — never from the request's Host or X-Forwarded-Host. */
export function appLink(path: string, token: string): string {
  const url = new URL(path, getEnv().BASE_URL + "/");
  url.searchParams.set("token", token);
  return url.toString();
}
