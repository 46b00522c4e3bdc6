/**
 * A screen's view of a meeting's live room: it connects with the stock y-websocket client to the
 * room the server writes (clients only read it) and exposes the state as runes, so the phone, the
 * console and the projector re-render on every committed change. BroadcastChannel is off: every
 * tab goes through the server.
 *
 * Each connection starts from an empty document. The server rebuilds a live room from the
 * database whenever it opens it again (after a restart, or once everyone had left), with a new
 * Yjs client id; a screen that kept its old document would merge the two and could go on showing
 * the old state, since concurrent writes of one map key are settled by client id, not by time.
 * `connection` says whether what the screen shows is live (connection-watch.svelte.ts).
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { MeetingState } from './meeting-state';
import { ConnectionWatch, HEARTBEAT_MS } from './connection-watch.svelte';

const RETRY_MS = [500, 1000, 2000, 5000];

export class MeetingRoom {
	state = $state<MeetingState | null>(null);
	#watch = new ConnectionWatch(() => this.#reconnectAfresh(true));
	#room: string;
	#provider: WebsocketProvider | null = null;
	#doc: Y.Doc | null = null;
	#retries = 0;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;
	#asPublic: boolean;

	/**
	 * `asPublic`: the public view (/sesion-publica/…) follows the room as an observer without an
	 * account, whatever login the browser holds (server/yjs-server.ts, `?public=1`).
	 */
	constructor(room: string, initial: MeetingState, options: { asPublic?: boolean } = {}) {
		this.#room = room;
		this.#asPublic = options.asPublic ?? false;
		this.state = initial;
		this.#connect();
	}

	get connection() {
		return this.#watch.connection;
	}

	#connect(): void {
		const doc = new Y.Doc();
		const map = doc.getMap<MeetingState>('room');
		map.observe(() => {
			const next = map.get('state');
			if (next) this.state = next;
		});
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		const provider = new WebsocketProvider(`${protocol}//${location.host}/yjs`, this.#room, doc, {
			disableBc: true,
			resyncInterval: HEARTBEAT_MS,
			params: this.#asPublic ? { public: '1' } : {}
		});
		this.#watch.follow(provider);
		provider.on('status', ({ status }: { status: string }) => {
			if (status === 'connected') this.#retries = 0;
			else if (status === 'disconnected') this.#reconnectAfresh();
		});
		this.#doc = doc;
		this.#provider = provider;
	}

	/**
	 * Drops the document the last connection filled, and connects again with an empty one: after a
	 * pause that grows with the failures, or at once (`now`) when the network has just come back.
	 */
	#reconnectAfresh(now = false): void {
		if (this.#destroyed) return;
		if (now) {
			clearTimeout(this.#retryTimer);
			this.#retryTimer = undefined;
			this.#retries = 0;
		}
		if (this.#retryTimer !== undefined) return;
		const delay = now ? 0 : RETRY_MS[Math.min(this.#retries, RETRY_MS.length - 1)];
		this.#retries += 1;
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = undefined;
			if (!this.#destroyed) this.#connect();
		}, delay);
		// Destroying the provider reports "disconnected" again: the timer set above ignores it.
		this.#close();
	}

	#close(): void {
		this.#provider?.destroy();
		this.#doc?.destroy();
		this.#provider = null;
		this.#doc = null;
	}

	destroy(): void {
		this.#destroyed = true;
		clearTimeout(this.#retryTimer);
		this.#watch.destroy();
		this.#close();
	}
}
