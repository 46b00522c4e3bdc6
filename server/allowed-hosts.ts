/**
 * Without ORIGIN, SvelteKit takes the site's origin from the Host header, and emailed links
 * (invitations, password resets) are built from it. So that nobody can have a link to their own
 * host mailed to a victim, or rebind a DNS name to this machine, an unconfigured server answers
 * only to the names it really has: localhost, its host name and its own addresses (what a phone on
 * the room's network types), plus any listed in ALLOWED_HOSTS. With ORIGIN set, Host is not used.
 */
import os from 'node:os';

/** The host names (without port) this machine answers to. */
export function listAllowedHosts(env: Record<string, string | undefined>): Set<string> {
	const hosts = new Set(['localhost', '127.0.0.1', '[::1]', os.hostname().toLowerCase()]);
	for (const addresses of Object.values(os.networkInterfaces())) {
		for (const address of addresses ?? []) {
			hosts.add(address.family === 'IPv6' ? `[${address.address.split('%')[0]}]` : address.address);
		}
	}
	for (const host of (env.ALLOWED_HOSTS ?? '').split(','))
		if (host.trim()) hosts.add(host.trim().toLowerCase());
	return hosts;
}

/** Whether a request's Host header names this machine. */
export function isAllowedHost(hostHeader: string | undefined, allowed: Set<string>): boolean {
	if (!hostHeader) return false;
	const host = hostHeader.toLowerCase().replace(/:\d+$/, '');
	return allowed.has(host);
}
