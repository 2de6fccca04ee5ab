import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";

/**
 * The outbox rows this process found sealed under a secret it does not hold: written by an instance
 * with a newer AUTH_SECRET during a rolling deploy, or by a misconfigured one. Such a row is not this
 * process's to send, and not a failure: the worker gives its claim back and leaves it to an instance
 * that holds the secret. Remembering the ids keeps this process from claiming (and logging) the same
 * row again and again, and from waking for it. At most MAX_REMEMBERED ids: past that, a row's claim is
 * given back with its lease left to run (so it comes round once a lease, not in a loop). Module state,
 * not the process store: it belongs to the secrets this copy of the module was configured with.
 */
const MAX_REMEMBERED = 1000;
const ids = new Set<string>();

/** Notes a row as not openable here. True the first time (log it then), false when known or full. */
export function rememberUnopened(id: string): "new" | "known" | "full" {
  if (ids.has(id)) return "known";
  if (ids.size >= MAX_REMEMBERED) return "full";
  ids.add(id);
  return "new";
}

/** The condition "not one of the rows this process cannot open", or undefined while there are none. */
export function notUnopened(): SQL | undefined {
  if (ids.size === 0) return undefined;
  // One array parameter however many ids: uuids from our own rows, as a PostgreSQL array literal.
  return sql`${mailOutbox.id} <> all(${`{${[...ids].join(",")}}`}::uuid[])`;
}
