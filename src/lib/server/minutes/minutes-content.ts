/**
 * What a frozen version of the minutes holds, and how it is hashed. The content is assembled at the
 * close of a meeting from the live record (Z art. 9.3: the facilitator's *acta circunstanciada*;
 * Z art. 7.5, I III.6, T III.6: approved, initialed and signed): place, date, start and end,
 * attendance with role and whether remote (RULES.md defaults), the quorum log, the agenda with each
 * item's text from the co-edited document, and each decision with how it was taken and its counts.
 * Labels are resolved to Spanish when frozen, so the hash covers exactly the words of the document.
 *
 * The hash: SHA-256 (hex) of the content's canonical JSON — objects with their keys sorted,
 * no whitespace, arrays in order, dates as ISO strings. The same content always gives the same hash.
 * Pure: no database, no clock.
 */
import { createHash } from 'node:crypto';

export interface MinutesPerson {
	memberId: string;
	name: string;
	role: string;
	/** The role in Spanish, as the document prints it. */
	roleLabel: string;
	position: string;
	/** The seat's sector and organisation in Spanish, or '' without a seat. */
	seat: string;
}

export interface MinutesContent {
	version: number;
	secretariat: { name: string; slug: string };
	meeting: {
		id: string;
		kind: 'ordinary' | 'extraordinary';
		title: string;
		place: string;
		scheduledAt: string;
		startedAt: string | null;
		endedAt: string | null;
		timeZone: string;
	};
	/** Every stretch of presence, in order of arrival: a person who left and came back has two. */
	attendance: (MinutesPerson & {
		remote: boolean;
		checkedInAt: string;
		checkedOutAt: string | null;
	})[];
	/**
	 * Every change of the quorum; when it suspended or resumed a motion under way, which one (absent
	 * in versions frozen before suspensions were recorded, so their hashes stand).
	 */
	quorumLog: {
		met: boolean;
		seatsPresent: number;
		seatsNeeded: number;
		at: string;
		motionEvent?: 'suspended' | 'resumed';
		motion?: string;
	}[];
	agenda: { position: number; title: string; paragraphs: string[] }[];
	decisions: {
		agendaPosition: number;
		text: string;
		/** The agreement's number in the body's register ("ACUERDO 2026-3"), when it carried. */
		agreement: string | null;
		carried: boolean;
		/** How it was decided: the rules' reason code ('consensus', 'majority', …). */
		reason: string;
		votesFor: number;
		votesAgainst: number;
		abstentions: number;
	}[];
	/** Who must sign this version, by the body's rules (minutes-signers.ts). */
	signers: MinutesPerson[];
	/**
	 * The head of the session's sealed record when this version was frozen (rules/event-chain.ts):
	 * how many events and the last one's SHA-256. Absent in versions frozen before the record
	 * existed, so their hashes stand.
	 */
	eventLog?: { events: number; sha256: string };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The canonical JSON of a value: sorted keys, no whitespace. The hash is taken over it. */
export function canonicalJson(value: unknown): string {
	const normalise = (item: unknown): Json => {
		if (item === null || item === undefined) return null;
		if (item instanceof Date) return item.toISOString();
		if (Array.isArray(item)) return item.map(normalise);
		if (typeof item === 'object') {
			const out: { [key: string]: Json } = {};
			for (const key of Object.keys(item).sort()) {
				const child = (item as Record<string, unknown>)[key];
				if (child !== undefined) out[key] = normalise(child);
			}
			return out;
		}
		if (typeof item === 'number' && !Number.isFinite(item)) throw new Error('not a finite number');
		return item as Json;
	};
	return JSON.stringify(normalise(value));
}

/** SHA-256 (hex) of bytes or a string. */
export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

/** The hash of a version: SHA-256 of its content's canonical JSON. */
export function hashMinutesContent(content: MinutesContent): string {
	return sha256Hex(canonicalJson(content));
}

/** Whether a string looks like a SHA-256 in hex (what /verificar accepts). */
export function isSha256Hex(value: string): boolean {
	return /^[0-9a-f]{64}$/.test(value);
}
