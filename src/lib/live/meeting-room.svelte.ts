/**
 * A screen's view of a meeting's live room: it connects with the stock y-websocket client to the
 * room the server writes (clients only read it) and exposes the state as runes, so the phone, the
 * console and the projector re-render on every committed change. BroadcastChannel is off: every
 * tab goes through the server.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { MeetingState } from './meeting-state';

export class MeetingRoom {
	state = $state<MeetingState | null>(null);
	connected = $state(false);
	#provider: WebsocketProvider;
	#doc = new Y.Doc();

	constructor(room: string, initial: MeetingState) {
		this.state = initial;
		const map = this.#doc.getMap<MeetingState>('room');
		map.observe(() => {
			const next = map.get('state');
			if (next) this.state = next;
		});
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.#provider = new WebsocketProvider(`${protocol}//${location.host}/yjs`, room, this.#doc, {
			disableBc: true
		});
		this.#provider.on(
			'status',
			({ status }: { status: string }) => (this.connected = status === 'connected')
		);
	}

	destroy(): void {
		this.#provider.destroy();
		this.#doc.destroy();
	}
}
