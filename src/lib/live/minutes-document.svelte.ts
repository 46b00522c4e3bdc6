/**
 * A meeting's co-edited minutes on this screen: one Yjs document per meeting, one section (an
 * XML fragment) per agenda item, kept in sync with the stock y-websocket client. It asks the server
 * to acknowledge what the database holds (`?saved=1`, MessageType.Saved = 100) and shows
 * "guardado" only when every local change is covered; while the connection is lost
 * (connection-watch.svelte.ts) what is not covered is shown as not saved. The document survives a
 * reconnection, so those changes are sent when the room is back.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { ConnectionWatch, HEARTBEAT_MS } from './connection-watch.svelte';

const SAVED_MESSAGE = 100;

export class MinutesDocument {
	saved = $state(true);
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	#savedClock = 0;
	// The network is back but the socket may be dead without knowing it: reconnect at once.
	#watch = new ConnectionWatch(() => {
		this.provider.disconnect();
		this.provider.connect();
	});

	constructor(room: string) {
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.provider = new WebsocketProvider(`${protocol}//${location.host}/yjs`, room, this.doc, {
			disableBc: true,
			resyncInterval: HEARTBEAT_MS,
			params: { saved: '1' }
		});
		this.provider.messageHandlers[SAVED_MESSAGE] = (_encoder, decoder) => {
			const committed = Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(
				this.doc.clientID
			);
			if (committed !== undefined) this.#savedClock = Math.max(this.#savedClock, committed);
			this.#refresh();
		};
		this.doc.on('update', () => this.#refresh());
		this.#watch.follow(this.provider);
	}

	get connection() {
		return this.#watch.connection;
	}

	#refresh(): void {
		this.saved = this.#savedClock >= Y.getState(this.doc.store, this.doc.clientID);
	}

	destroy(): void {
		this.#watch.destroy();
		this.provider.destroy();
		this.doc.destroy();
	}
}
