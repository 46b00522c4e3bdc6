/**
 * Whether a screen's live connection can be trusted right now, known within seconds of losing it.
 * The y-websocket provider gives up on a silent socket only after 30 s (its `messageReconnectTimeout`
 * is fixed, yjs/y-websocket#127), and a phone whose network dropped keeps a socket that still looks
 * open. So three signals are combined: the browser's `offline`/`online` events; the provider's
 * status; and a heartbeat — the provider asks the server for its state every HEARTBEAT_MS
 * (`resyncInterval`), the server answers, and a socket that heard nothing for STALE_MS is taken as
 * lost. MeetingRoom and MinutesDocument each keep one; ConnectionBadge shows it.
 */
import type { WebsocketProvider } from 'y-websocket';

/** `connecting`: never connected yet; `reconnecting`: was live and lost the room; `offline`: no network. */
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Passed to the provider as `resyncInterval`: each resync is answered, so silence means a dead link. */
export const HEARTBEAT_MS = 2_000;
// Two missed answers and a margin: under 5 s from the last message to the screen saying so.
const STALE_MS = 4_500;
const CHECK_MS = 500;

export class ConnectionWatch {
	connection = $state<Connection>('connecting');
	#status = 'connecting';
	#everLive = false;
	#provider: WebsocketProvider | null = null;
	#check: ReturnType<typeof setInterval>;
	#onLost: () => void;
	#onOffline = () => this.#update();
	#onOnline = () => {
		this.#update();
		// The network is back, but the old socket may be dead without knowing it (the provider would
		// notice after 30 s), or alive with what was sent meanwhile lost: a new connection syncs both
		// ways, so changes made offline reach the server.
		this.#onLost();
	};

	/** `onLost`: called when the network comes back; the owner reconnects at once. */
	constructor(onLost: () => void) {
		this.#onLost = onLost;
		addEventListener('offline', this.#onOffline);
		addEventListener('online', this.#onOnline);
		this.#check = setInterval(() => this.#update(), CHECK_MS);
	}

	/** Follows a (new) provider: its status and the time of its last message. */
	follow(provider: WebsocketProvider): void {
		this.#provider = provider;
		this.#status = 'connecting';
		provider.on('status', ({ status }: { status: string }) => {
			if (this.#provider !== provider) return;
			this.#status = status;
			this.#update();
		});
		this.#update();
	}

	#update(): void {
		const heard = this.#provider?.wsLastMessageReceived ?? 0;
		const fresh = this.#status === 'connected' && Date.now() - heard < STALE_MS;
		if (!navigator.onLine) this.connection = 'offline';
		else if (fresh) this.connection = 'live';
		else this.connection = this.#everLive ? 'reconnecting' : 'connecting';
		if (this.connection === 'live') this.#everLive = true;
	}

	destroy(): void {
		clearInterval(this.#check);
		removeEventListener('offline', this.#onOffline);
		removeEventListener('online', this.#onOnline);
		this.#provider = null;
	}
}
