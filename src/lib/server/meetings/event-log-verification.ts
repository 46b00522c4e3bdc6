/**
 * /verificar/registro's check of a downloaded sealed record: the chain of each meeting in the file
 * (rules/event-chain.ts), then — when this server holds frozen minutes of that meeting with a
 * sealed head — whether the file reaches one of those heads. The chain alone proves the file is
 * internally consistent; the seal proves it is the record the signed minutes cover.
 */
import type { Queryable } from '../db';
import {
	chainReachesHead,
	verifyEventChain,
	type ChainBreak,
	type ChainHead
} from '../../rules/event-chain';
import { parseEventLogFile, readSealedHeads } from './event-log-files';

export type SealCheck =
	| { status: 'sealed'; version: number; head: ChainHead; more: boolean }
	| { status: 'mismatch' }
	| { status: 'none' };

export interface MeetingLogCheck {
	meetingId: string;
	events: number;
	chain:
		| { ok: true; head: ChainHead }
		| { ok: false; brokenAt: number; reason: ChainBreak; validHead: ChainHead };
	seal: SealCheck;
}

export type EventLogCheck =
	| { ok: true; meetings: MeetingLogCheck[] }
	| { ok: false; reason: 'unreadable' | 'empty' | 'too-many' };

/** Meetings checked from one file at most: each costs a read of its minutes' seals. */
export const MAX_MEETINGS_PER_FILE = 500;

/** Checks the text of a downloaded log (JSON or CSV). */
export async function checkEventLogFile(db: Queryable, text: string): Promise<EventLogCheck> {
	const parsed = parseEventLogFile(text);
	if (!parsed.ok) return parsed;
	if (parsed.meetings.length > MAX_MEETINGS_PER_FILE) return { ok: false, reason: 'too-many' };
	const meetings: MeetingLogCheck[] = [];
	for (const { meetingId, events } of parsed.meetings) {
		const chain = verifyEventChain(events);
		// Only the part that holds can reach a seal.
		const intact = events.slice(0, chain.ok ? events.length : chain.validHead.events);
		const heads = await readSealedHeads(db, meetingId);
		const reached = heads.filter(({ head }) => chainReachesHead(intact, head)).at(-1);
		const seal: SealCheck = reached
			? {
					status: 'sealed',
					version: reached.version,
					head: reached.head,
					more: intact.length > reached.head.events
				}
			: heads.length
				? { status: 'mismatch' }
				: { status: 'none' };
		meetings.push({ meetingId, events: events.length, chain, seal });
	}
	return { ok: true, meetings };
}
