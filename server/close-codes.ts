/** WebSocket close codes the Yjs server ends connections with (4000–4999 are the application's). */
export const CloseCode = {
	/** A message that could not be decoded, or one of an unknown type, repeatedly. */
	BadMessage: 4400,
	/** The login behind the connection ended (signed out, password reset, expired). */
	Unauthorized: 4401,
	/** A read-only connection that kept writing, or whose rights in the body changed. */
	Forbidden: 4403,
	/** The server is shutting down; clients reconnect by themselves. */
	GoingAway: 1001
} as const;
