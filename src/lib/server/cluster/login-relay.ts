/**
 * Carries `recheckLoginSockets` (src/lib/server/login-sockets.ts) to every instance: signing out,
 * a password reset or a removal from a body commits on one instance, while the login's sockets
 * may be open on any. The re-check reads the committed state itself, so the message is only a
 * hint; one lost while Redis is away is made good by the next ping round (30 s).
 */
import { getCluster, type Cluster } from './cluster';
import type { LoginSocketScope } from '../login-sockets';

const CHANNEL = 'logins';

interface LoginMessage {
	from: string;
	scope: LoginSocketScope;
}

/** Tells the other instances to re-check the connections in scope. */
export function relayLoginSocketRecheck(scope: LoginSocketScope): void {
	const cluster = getCluster();
	if (!cluster) return;
	const message: LoginMessage = { from: cluster.instanceId, scope };
	cluster.publish(CHANNEL, JSON.stringify(message));
}

/** The scope a message names, rebuilt field by field (never passed on as received). */
function scopeOf(value: unknown): LoginSocketScope | null {
	if (typeof value !== 'object' || value === null) return null;
	const scope = value as Record<string, unknown>;
	if (typeof scope.authSessionId === 'string') return { authSessionId: scope.authSessionId };
	if (typeof scope.userId === 'string') return { userId: scope.userId };
	return null;
}

/** Re-checks here what another instance asks for. */
export function followLoginSocketRechecks(
	cluster: Cluster,
	recheckHere: (scope: LoginSocketScope) => void
): () => void {
	return cluster.subscribe(CHANNEL, (raw) => {
		const message = JSON.parse(raw.toString()) as Partial<LoginMessage>;
		const scope = scopeOf(message.scope);
		if (message.from !== cluster.instanceId && scope) recheckHere(scope);
	}).stop;
}
