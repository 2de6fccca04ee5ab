import type { Worker } from "node:worker_threads";
import type { PGlite } from "@electric-sql/pglite";
import { spawnPgliteThread, takeEarlyPgliteThread } from "./pglite-spawn.mjs";

type QueryOptions = { rowMode?: "array" | "object"; parsers?: Record<number, unknown> };
type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * PGlite in a worker thread (db/pglite-worker.mjs), behind the part of PGlite's interface that
 * drizzle uses: query, exec, transaction, close. PGlite runs PostgreSQL as WebAssembly on the thread
 * that calls it; in the server's own thread, every query's parse, plan and execution held the event
 * loop (the bench measured twice the requests per second with it here). Calls keep their order, and
 * PGlite serialises them exactly as it does in-process.
 *
 * `parsers` may only ask for a type to be kept as text (what drizzle asks for): functions cannot
 * cross to the thread, so the thread applies that rule to the types named.
 */
export class PGliteThread {
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private failure: Error | undefined;

  /**
   * `template`: a dumpDataDir tarball a new data directory starts from (db/settings.ts, PGLITE_TEMPLATE).
   * `migrationsFolder`: the migrations a new database gets before the thread opens it (db/pglite-create.mjs).
   */
  constructor(dataDir: string, options: { template?: string; migrationsFolder?: string } = {}) {
    const job = { dataDir, template: options.template, migrationsFolder: options.migrationsFolder };
    // The production server may have started this very thread before Next.js loaded (db/pglite-spawn.mjs).
    const thread = takeEarlyPgliteThread(job) ?? spawnPgliteThread(job);
    this.worker = thread.worker;
    this.waitReady = thread.ready;
    this.worker.on("message", (m: { id?: number; result?: unknown; error?: { message: string } }) => {
      const call = m.id === undefined ? undefined : this.pending.get(m.id);
      if (!call) return;
      this.pending.delete(m.id!);
      if (m.error) call.reject(Object.assign(new Error(m.error.message), m.error));
      else call.resolve(m.result);
    });
    thread.onStop((error: Error) => {
      this.failure ??= error;
      for (const call of this.pending.values()) call.reject(this.failure);
      this.pending.clear();
    });
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  query<T>(sql: string, params: unknown[] = [], options?: QueryOptions, tx?: number) {
    const textTypes = options?.parsers ? Object.keys(options.parsers).map(Number) : undefined;
    return this.call<T>({ op: "query", sql, params, rowMode: options?.rowMode, textTypes, tx });
  }

  exec<T>(sql: string, tx?: number) {
    return this.call<T>({ op: "exec", sql, tx });
  }

  /** Runs `callback` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(callback: (tx: Pick<PGliteThread, "query" | "exec">) => Promise<T>): Promise<T> {
    const id = ++this.seq;
    await this.call({ op: "begin", tx: id });
    const tx = {
      query: <R>(sql: string, params?: unknown[], options?: QueryOptions) => this.query<R>(sql, params, options, id),
      exec: <R>(sql: string) => this.exec<R>(sql, id),
    };
    let result: T;
    try {
      result = await callback(tx as Pick<PGliteThread, "query" | "exec">);
    } catch (error) {
      await this.call({ op: "rollback", tx: id });
      throw error;
    }
    await this.call({ op: "commit", tx: id });
    return result;
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: "close" });
    await this.worker.terminate();
  }

  /** Typed for drizzle's PGlite driver, which only calls the methods above. */
  asPGlite(): PGlite {
    return this as unknown as PGlite;
  }
}
