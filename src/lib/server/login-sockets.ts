/**
 * The one seam through which a committed change to a login or a membership reaches the open
 * WebSocket connections: signing out, a password reset or a removal from a body calls
 * `recheckLoginSockets` after its commit, and the Yjs server (server/yjs-server.ts), registered
 * here at start, re-checks at once the connections in scope against the database — closing with
 * 4401 those whose login ended and with 4403 those whose rights changed — instead of at the next
 * ping round. The re-check reads the committed state itself, so a call is only ever a hint: a
 * spurious or repeated one closes nothing that should stay open. In a cluster (REDIS_URL) the
 * call is also carried to the other instances (cluster/login-relay.ts), which re-check their own.
 *
 * The SvelteKit bundle and the server's bundle each carry a copy of this module: the handler is
 * kept on `globalThis` so both copies find it, as in broadcast.ts.
 */
import { relayLoginSocketRecheck } from './cluster/login-relay';

/** Whose connections to re-check: one login's, or every login of a user's. */
export type LoginSocketScope = { authSessionId: string } | { userId: string };

export type LoginSocketRecheck = (scope: LoginSocketScope) => void;

const RECHECK = Symbol.for('mesa-abierta.login-socket-recheck');
type ProcessGlobal = typeof globalThis & { [RECHECK]?: LoginSocketRecheck };

/** Called once by the Yjs server when it starts. */
export function registerLoginSocketRecheck(recheck: LoginSocketRecheck): void {
	(globalThis as ProcessGlobal)[RECHECK] = recheck;
}

/** Re-checks now the open connections in scope, on every instance; call it after the change committed. */
export function recheckLoginSockets(scope: LoginSocketScope): void {
	recheckLoginSocketsHere(scope);
	relayLoginSocketRecheck(scope);
}

/** Re-checks the connections in scope on this instance only (what another instance asked for). */
export function recheckLoginSocketsHere(scope: LoginSocketScope): void {
	(globalThis as ProcessGlobal)[RECHECK]?.(scope);
}
