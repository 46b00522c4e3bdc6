/**
 * The sealed record of a session (issue 14 item 5): every change of a meeting's live room is an
 * event in the meeting's log, and each event carries the SHA-256 of the one before, so changing,
 * removing or reordering any past event breaks every hash after it. The head of the chain (how
 * many events and the last one's hash) is frozen into the minutes (Z art. 7.5–6, I III.6–7,
 * T III.6–7: the minutes are approved and signed), so the signatures cover the whole record.
 *
 * The hash of an event: SHA-256 (hex) of the canonical JSON — keys sorted, no whitespace — of
 * `{ seq, meetingId, at, kind, actor, payload, prev }`, where `seq` counts from 1, `at` is the ISO
 * 8601 time in UTC with milliseconds, `actor` the account that made the change (or null for the
 * system), and `prev` the previous event's hash (64 zeros for the first). Anyone can recompute it
 * from a downloaded log (docs/DOMAIN.md "The sealed record of a session").
 *
 * Pure: no database, no clock. The server appends with `chainEvent` (meetings/event-log.ts);
 * /verificar/registro and the tests check with `verifyEventChain`.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/** The `prev` of the first event of every meeting. */
export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue =
	null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type EventPayload = { [key: string]: JsonValue };

/** An event before it is chained: what happened, when, by whom. */
export interface EventDraft {
	meetingId: string;
	/** ISO 8601, UTC, with milliseconds (what `Date#toISOString` gives). */
	at: string;
	kind: string;
	/** The account that made the change; null for the system (the demo's seeding). */
	actor: string | null;
	payload: EventPayload;
}

/** An event of the chain, as stored and as downloaded. */
export interface ChainedEvent extends EventDraft {
	seq: number;
	prevHash: string;
	hash: string;
}

/** Where a chain stands: how many events and the last one's hash (GENESIS_HASH when none). */
export interface ChainHead {
	events: number;
	sha256: string;
}

/** The canonical JSON of a value: sorted keys, no whitespace; undefined members are left out. */
export function canonicalJson(value: unknown): string {
	const normalise = (item: unknown): JsonValue => {
		if (item === null || item === undefined) return null;
		if (Array.isArray(item)) return item.map(normalise);
		if (typeof item === 'object') {
			const out: { [key: string]: JsonValue } = {};
			for (const key of Object.keys(item).sort()) {
				const child = (item as Record<string, unknown>)[key];
				if (child !== undefined) out[key] = normalise(child);
			}
			return out;
		}
		if (typeof item === 'number' && !Number.isFinite(item)) throw new Error('not a finite number');
		if (typeof item === 'bigint' || typeof item === 'function' || typeof item === 'symbol')
			throw new Error(`not JSON: ${typeof item}`);
		return item as JsonValue;
	};
	return JSON.stringify(normalise(value));
}

/** The exact text the hash of an event is taken over. */
export function encodeEventForHash(event: Omit<ChainedEvent, 'hash'>): string {
	return canonicalJson({
		seq: event.seq,
		meetingId: event.meetingId,
		at: event.at,
		kind: event.kind,
		actor: event.actor,
		payload: event.payload,
		prev: event.prevHash
	});
}

/** SHA-256 (hex) of an event's canonical encoding. */
export function hashEvent(event: Omit<ChainedEvent, 'hash'>): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(encodeEventForHash(event))));
}

/** The next event of a chain whose last event is `previous` (null: the meeting's first). */
export function chainEvent(
	previous: Pick<ChainedEvent, 'seq' | 'hash'> | null,
	draft: EventDraft
): ChainedEvent {
	const unhashed = {
		...draft,
		seq: (previous?.seq ?? 0) + 1,
		prevHash: previous?.hash ?? GENESIS_HASH
	};
	return { ...unhashed, hash: hashEvent(unhashed) };
}

/** The head of a chain (its events in order). */
export function chainHead(events: readonly Pick<ChainedEvent, 'hash'>[]): ChainHead {
	return { events: events.length, sha256: events.at(-1)?.hash ?? GENESIS_HASH };
}

export type ChainBreak =
	/** Not 1, 2, 3…: an event is missing, repeated or out of order. */
	| 'sequence'
	/** An event of another meeting in this meeting's log. */
	| 'meeting'
	/** The `prevHash` is not the hash of the event before. */
	| 'link'
	/** The event's content does not give its hash: it was changed. */
	| 'content';

export type ChainVerdict =
	| { ok: true; head: ChainHead }
	| {
			ok: false;
			/**
			 * The sequence number at which the chain stops holding: the first event that does not hold
			 * (for a missing or misplaced event, the number expected there).
			 */
			brokenAt: number;
			reason: ChainBreak;
			/** The head of the part before the break, which still holds. */
			validHead: ChainHead;
	  };

/**
 * Checks a meeting's chain from its first event: numbering, one meeting, each link and each hash.
 * Answers the first event that does not hold; what comes after it cannot be trusted either.
 */
export function verifyEventChain(events: readonly ChainedEvent[]): ChainVerdict {
	let previous: ChainedEvent | null = null;
	for (const [index, event] of events.entries()) {
		const broken = (reason: ChainBreak): ChainVerdict => ({
			ok: false,
			brokenAt: index + 1,
			reason,
			validHead: chainHead(events.slice(0, index))
		});
		if (event.seq !== index + 1) return broken('sequence');
		if (previous && event.meetingId !== previous.meetingId) return broken('meeting');
		if (event.prevHash !== (previous?.hash ?? GENESIS_HASH)) return broken('link');
		if (hashEvent(event) !== event.hash) return broken('content');
		previous = event;
	}
	return { ok: true, head: chainHead(events) };
}

/** Whether a chain that holds reaches a sealed head: its event number `events` has that hash. */
export function chainReachesHead(events: readonly ChainedEvent[], head: ChainHead): boolean {
	if (head.events === 0) return head.sha256 === GENESIS_HASH;
	return events[head.events - 1]?.hash === head.sha256;
}
