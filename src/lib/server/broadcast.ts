/**
 * The one place that knows how a committed change reaches the WebSocket rooms. A form action
 * commits first, then calls `publishMeetingState`; the Yjs server (server/yjs-server.ts), which
 * registered itself here at start, writes the new state into the meeting's live room, where every
 * phone and the projector receive it. Clients only ever read that room.
 *
 * The SvelteKit bundle and the server's bundle each carry a copy of this module: the publisher is
 * kept on `globalThis` so both copies find it.
 */
import type { Queryable } from './db';
import type { Meeting } from './db/schema';
import type { LoadedSecretariat } from './secretariats/secretariats';
import { readMeetingState, type MeetingState } from './meetings/meetings';

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

// Publishes of one meeting run one after another: each reads the state after the previous has
// been sent, so a slower read can never overwrite a newer state with an older one.
const publishing = new Map<string, Promise<unknown>>();

/** Reads a meeting's state as committed and sends it to its live room; call it after the commit. */
export function publishMeetingState(
	db: Queryable,
	secretariat: LoadedSecretariat,
	meeting: Pick<Meeting, 'id'>
): Promise<MeetingState> {
	const previous = publishing.get(meeting.id) ?? Promise.resolve();
	const next = previous
		.catch(() => undefined)
		.then(async () => {
			const state = await readMeetingState(db, secretariat, meeting.id);
			const room = liveRoomName(secretariat.secretariat.slug, meeting.id);
			(globalThis as ProcessGlobal)[PUBLISHER]?.publish(room, 'state', state);
			return state;
		});
	publishing.set(meeting.id, next);
	void next.finally(() => {
		if (publishing.get(meeting.id) === next) publishing.delete(meeting.id);
	});
	return next;
}
