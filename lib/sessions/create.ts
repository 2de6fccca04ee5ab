import "server-only";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { newToken } from "../auth/tokens";
import { getEnv } from "../env";
import type { ClientInfo } from "./client-info";

export type NewSession = { id: string; token: string; expiresAt: Date };

/** Inserts a session row and returns its token: the only time the token exists outside the caller. */
export async function createSession(userId: string, kind: "browser" | "api", client: ClientInfo): Promise<NewSession> {
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + getEnv().SESSION_TTL_DAYS * 86_400_000);
  const db = await getDb();
  const [row] = await db
    .insert(sessions)
    .values({
      userId,
      tokenHash: hash,
      kind,
      expiresAt,
      ip: client.ip?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
    })
    .returning({ id: sessions.id });
  return { id: row!.id, token, expiresAt };
}
