import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { NO_CLIENT, newUser, PASSWORD } from "@/vitest/people";
import { signIn } from "../auth/sign-in";
import type { Result } from "../result";
import { resolveSessionToken, type Caller } from "../sessions/resolve";
import { NOT_ADMIN } from "./access";
import { listAdminEvents } from "./events";
import { setRoleByLogin } from "./grant";
import {
  CONFIRM_USERNAME,
  deleteUserAsAdmin,
  revokeSessionsAsAdmin,
  sendResetAsAdmin,
  sendVerificationAsAdmin,
  updateUserAsAdmin,
} from "./manage";
import { adminEventListSchema, adminUserListSchema } from "./schemas";
import { NOT_A_SESSION_ID, NOT_AN_ID } from "./target-id";
import { getAdminUserDetail, listAdminUsers } from "./users";

async function callerOf(username: string): Promise<Caller> {
  const result = await signIn({ login: username, password: PASSWORD }, "api", NO_CLIENT);
  if (!result.ok) throw new Error(`sign-in failed: ${result.error.message}`);
  return (await resolveSessionToken(result.value.session.token))!;
}

/** Every admin action of lib/admin that takes a caller, aimed at the account `id`. */
const everyAction = (caller: Caller) => ({
  promote: (id: string) => updateUserAsAdmin(caller, id, { role: "admin" }, NO_CLIENT),
  disable: (id: string) => updateUserAsAdmin(caller, id, { disabled: true, disabledReason: "x" }, NO_CLIENT),
  delete: (id: string) => deleteUserAsAdmin(caller, id, NO_CLIENT),
  deleteConfirmed: (id: string) => deleteUserAsAdmin(caller, id, NO_CLIENT, { username: "someone" }),
  revokeAll: (id: string) => revokeSessionsAsAdmin(caller, id, NO_CLIENT),
  revokeOne: (id: string) => revokeSessionsAsAdmin(caller, id, NO_CLIENT, randomUUID()),
  sendReset: (id: string) => sendResetAsAdmin(caller, id, NO_CLIENT),
  sendVerification: (id: string) => sendVerificationAsAdmin(caller, id, NO_CLIENT),
  detail: (id: string) => getAdminUserDetail(caller, id),
  listUsers: (id: string) => listAdminUsers(caller, adminUserListSchema.parse({ query: id })),
  listEvents: () => listAdminEvents(caller, adminEventListSchema.parse({})),
});

const MALFORMED = ["not-a-uuid", "", "1; select pg_sleep(1)", "00000000-0000-0000-0000-00000000000g"];

describe("every admin action checks the role before it reads", () => {
  it("an ordinary account gets one refusal for an existing, a missing or a malformed id, naming nobody", async () => {
    const plain = await newUser("usr");
    const victim = await newUser("vic");
    const caller = await callerOf(plain.username);
    expect(caller.role).toBe("user");
    for (const [name, act] of Object.entries(everyAction(caller))) {
      for (const id of [victim.id, randomUUID(), ...MALFORMED]) {
        // A database error would reject (and log a stack); every answer must be this one refusal.
        const result: Result<unknown> = await act(id);
        expect(result, `${name}(${JSON.stringify(id)})`).toEqual({
          ok: false,
          error: { code: "forbidden", message: NOT_ADMIN },
        });
      }
    }
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, victim.id));
    expect(row).toMatchObject({ role: "user", disabledAt: null });
  });

  it("an administrator naming a malformed id gets a field error, never a database error", async () => {
    const admin = await newUser("adm");
    expect((await setRoleByLogin(admin.username, "admin")).ok).toBe(true);
    const caller = await callerOf(admin.username);
    const byId = Object.entries(everyAction(caller)).filter(([name]) => !name.startsWith("list"));
    for (const [name, act] of byId) {
      for (const id of MALFORMED) {
        expect(await act(id), `${name}(${JSON.stringify(id)})`).toEqual({
          ok: false,
          error: { code: "validation", message: NOT_AN_ID, fields: { userId: [NOT_AN_ID] } },
        });
      }
    }
    const target = await newUser("tgt");
    for (const sessionId of MALFORMED) {
      expect(await revokeSessionsAsAdmin(caller, target.id, NO_CLIENT, sessionId)).toEqual({
        ok: false,
        error: { code: "validation", message: NOT_A_SESSION_ID, fields: { sessionId: [NOT_A_SESSION_ID] } },
      });
    }
  });

  it("the delete's typed username is checked by lib/admin, for an administrator only", async () => {
    const admin = await newUser("adm");
    expect((await setRoleByLogin(admin.username, "admin")).ok).toBe(true);
    const caller = await callerOf(admin.username);
    const target = await newUser("del");
    const wrong = await deleteUserAsAdmin(caller, target.id, NO_CLIENT, { username: "someone else" });
    expect(wrong).toEqual({
      ok: false,
      error: {
        code: "validation",
        message: CONFIRM_USERNAME,
        fields: { confirmUsername: [`Type ${target.username} exactly.`] },
      },
    });
    const missing = await deleteUserAsAdmin(caller, randomUUID(), NO_CLIENT, { username: target.username });
    expect(missing).toMatchObject({ ok: false, error: { code: "not_found" } });
    const db = await getDb();
    expect(await db.select({ id: users.id }).from(users).where(eq(users.id, target.id))).toHaveLength(1);
    const right = await deleteUserAsAdmin(caller, target.id, NO_CLIENT, { username: ` ${target.username} ` });
    expect(right).toEqual({ ok: true, value: undefined });
    expect(await db.select({ id: users.id }).from(users).where(eq(users.id, target.id))).toHaveLength(0);
  });
});
