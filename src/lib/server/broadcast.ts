/**
 * The one place that knows how a committed change reaches the WebSocket rooms. A change of a
 * meeting's room (meetings/room-change.ts, `changeMeetingRoom`) reserves its publish while it holds
 * the meeting's row lock, reads the new states inside its transaction, commits, and only then sends
 * them; the Yjs server (server/yjs-server.ts), which registered itself here at start, writes the
 * members' state into the meeting's live room, where every phone and the projector receive it, and
 * the public state (names only of those who consented) into its public room, which the public view
 * follows without an account. Clients only ever read those rooms.
 *
 * The SvelteKit bundle and the server's bundle each carry a copy of this module: the publisher is
 * kept on `globalThis` so both copies find it.
 */
import type { MeetingState } from '../live/meeting-state';

export interface RoomPublisher {
	/** Sets `key` of the room's shared map to `value`, if the room is open; a closed room loads fresh. */
	publish(room: string, key: string, value: unknown): void;
}

const PUBLISHER = Symbol.for('mesa-abierta.room-publisher');
type ProcessGlobal = typeof globalThis & { [PUBLISHER]?: RoomPublisher };

/** Called once by the Yjs server when it starts. */
export function registerRoomPublisher(publisher: RoomPublisher): void {
	(globalThis as ProcessGlobal)[PUBLISHER] = publisher;
}

const LIVE_ROOM = /^([a-z0-9]+(?:-[a-z0-9]+)*):meeting-([0-9a-f-]{36}):live$/;

/** The name of a meeting's live room: `<slug>:meeting-<id>:live`. */
export function liveRoomName(slug: string, meetingId: string): string {
	return `${slug}:meeting-${meetingId}:live`;
}

const PUBLIC_ROOM = /^([a-z0-9]+(?:-[a-z0-9]+)*):meeting-([0-9a-f-]{36}):public$/;

/** The name of a meeting's public live room: `<slug>:meeting-<id>:public`. */
export function publicRoomName(slug: string, meetingId: string): string {
	return `${slug}:meeting-${meetingId}:public`;
}

/** The body and meeting of a public live room's name, or null for any other room. */
export function parsePublicRoomName(room: string): { slug: string; meetingId: string } | null {
	const match = PUBLIC_ROOM.exec(room);
	return match ? { slug: match[1]!, meetingId: match[2]! } : null;
}

const MINUTES_ROOM = /^([a-z0-9]+(?:-[a-z0-9]+)*):minutes-([0-9a-f-]{36})$/;

/** The name of a meeting's co-edited minutes: `<slug>:minutes-<id>`. */
export function minutesRoomName(slug: string, meetingId: string): string {
	return `${slug}:minutes-${meetingId}`;
}

/** The body and meeting of a minutes room's name, or null for any other room. */
export function parseMinutesRoomName(room: string): { slug: string; meetingId: string } | null {
	const match = MINUTES_ROOM.exec(room);
	return match ? { slug: match[1]!, meetingId: match[2]! } : null;
}

/** The body and meeting of a live room's name, or null for any other room. */
export function parseLiveRoomName(room: string): { slug: string; meetingId: string } | null {
	const match = LIVE_ROOM.exec(room);
	return match ? { slug: match[1]!, meetingId: match[2]! } : null;
}

// Publishes of one meeting go out in the order their changes committed: each change takes its
// place in the queue while it holds the meeting's row lock (so places are taken in commit order),
// and a place waits for the ones before it. An older state can never overwrite a newer one.
const publishing = new Map<string, Promise<void>>();

/** What a committed change publishes: the members' state and the public view's. */
export interface PublishedStates {
	state: MeetingState;
	publicState: MeetingState;
}

/** A place in a meeting's queue of publishes: filled with the committed states, or given up. */
export interface PublishSlot {
	send(states: PublishedStates): void;
	cancel(): void;
}

/**
 * Takes the meeting's next place in the publish queue. Call it under the meeting's row lock, and
 * settle it exactly once — `send` after the commit, `cancel` when nothing was committed — or the
 * meeting's later publishes wait for ever.
 */
export function reserveMeetingPublish(slug: string, meetingId: string): PublishSlot {
	let settle!: (states: PublishedStates | null) => void;
	const filled = new Promise<PublishedStates | null>((resolve) => (settle = resolve));
	const previous = publishing.get(meetingId) ?? Promise.resolve();
	const next = previous
		.then(() => filled)
		.then((states) => {
			const publisher = (globalThis as ProcessGlobal)[PUBLISHER];
			if (!states || !publisher) return;
			publisher.publish(liveRoomName(slug, meetingId), 'state', states.state);
			publisher.publish(publicRoomName(slug, meetingId), 'state', states.publicState);
		})
		.catch(() => undefined);
	publishing.set(meetingId, next);
	const forget = () => {
		if (publishing.get(meetingId) === next) publishing.delete(meetingId);
	};
	next.then(forget, forget);
	return { send: (states) => settle(states), cancel: () => settle(null) };
}
