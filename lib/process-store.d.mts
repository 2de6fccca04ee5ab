/** Types of lib/process-store.mjs: what scripts/server.mjs and lib/ share within one process. */
import type { ServerResponse } from "node:http";

export type RequestContext = {
  /** The socket's remote address, as the server saw it. */
  ip: string | null;
  /** Set when a database outage broke this request: its 500 is answered as a 503. */
  databaseUnavailable: boolean;
  /** The administrator acting as the caller's account (an impersonation), once its caller is resolved. */
  actorId?: string | null;
};

export function runRequest<R>(context: RequestContext, handle: () => R): R;
export function outsideRequest<R>(fn: () => R): R;
export function announceSocketAddresses(): void;
export function servedWithSocketAddresses(): boolean;
export function currentRequest(): RequestContext | undefined;
export function markDatabaseOutage(): void;
export function markRequestActor(actorId: string): void;
export function requestActor(): string | null;
export function answer503OnOutage(res: ServerResponse, context: RequestContext): void;
export function startUpFinished(): Promise<void>;
export function reportStartedUp(): void;
export function publishEnv(env: unknown): void;
export function publishedEnv(): unknown;
export function onShutdown(close: () => unknown): void;
export function shutDown(): Promise<void>;
export function onStopWork(stop: () => unknown): void;
export function stopWork(): Promise<unknown>;
