/**
 * The sealed record of a session as files: the JSON and CSV a member downloads with the minutes,
 * the public downloads for a published meeting, and /verificar/registro reads back.
 *
 * Both carry every sealed field of each event (rules/event-chain.ts), so the chain can be checked
 * from the file alone; the names beside them are not sealed (the chain holds ids only) and follow
 * the audience: the members see everyone's, the public only the names of the people who agreed to
 * the public site naming them (members.public_consent, as the public room and the open data do).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Queryable } from '../db';
import { members, minutesVersions, users } from '../db/schema';
import {
	canonicalJson,
	chainHead,
	type ChainHead,
	type ChainedEvent,
	type EventPayload
} from '../../rules/event-chain';
import { readMeetingEvents } from './event-log';

export const EVENT_LOG_FORMAT = 'mesa-abierta/registro-sellado/1';

export type EventLogAudience = 'members' | 'public';

export interface EventLogDownload {
	format: typeof EVENT_LOG_FORMAT;
	hash: string;
	meeting: { id: string; title: string; secretariat: string };
	head: ChainHead;
	events: ChainedEvent[];
	/** Names of the ids in the events (accounts and memberships): not sealed. */
	people: Record<string, string>;
}

const HASH_NOTE =
	'SHA-256 (hex) del JSON canónico (claves ordenadas, sin espacios) de {seq, meetingId, at, kind, actor, payload, prev}; prev del primer evento: 64 ceros.';

/** The ids an event names: its actor and the member its payload is about. */
function idsOf(event: ChainedEvent): string[] {
	const member = event.payload.member;
	return [event.actor, typeof member === 'string' ? member : null].filter(
		(id): id is string => id !== null
	);
}

/**
 * The names of the people the events name, for an audience. Members: every membership's and
 * account's name. Public: only memberships (and accounts through them) that consented.
 */
export async function readEventLogPeople(
	db: Queryable,
	secretariatId: string,
	events: readonly ChainedEvent[],
	audience: EventLogAudience
): Promise<Record<string, string>> {
	const ids = [...new Set(events.flatMap(idsOf))];
	if (ids.length === 0) return {};
	const people: Record<string, string> = {};
	const rows = await db
		.select({
			id: members.id,
			userId: members.userId,
			name: members.name,
			consent: members.publicConsent
		})
		.from(members)
		.where(and(eq(members.secretariatId, secretariatId), inArray(members.id, ids)));
	const byUser = await db
		.select({ userId: members.userId, name: members.name, consent: members.publicConsent })
		.from(members)
		.where(and(eq(members.secretariatId, secretariatId), inArray(members.userId, ids)));
	for (const row of [...rows, ...byUser.map((r) => ({ ...r, id: r.userId! }))])
		if (audience === 'members' || row.consent) people[row.id] = row.name;
	if (audience === 'members') {
		const accounts = await db
			.select({ id: users.id, name: users.name })
			.from(users)
			.where(inArray(users.id, ids));
		for (const account of accounts) people[account.id] ??= account.name;
	}
	return people;
}

/** A meeting's log as its download for an audience. */
export async function buildEventLogDownload(
	db: Queryable,
	secretariat: { id: string; slug: string },
	meeting: { id: string; title: string },
	audience: EventLogAudience
): Promise<EventLogDownload> {
	const events = await readMeetingEvents(db, meeting.id);
	return {
		format: EVENT_LOG_FORMAT,
		hash: HASH_NOTE,
		meeting: { id: meeting.id, title: meeting.title, secretariat: secretariat.slug },
		head: chainHead(events),
		events,
		people: await readEventLogPeople(db, secretariat.id, events, audience)
	};
}

/** The CSV columns: the sealed fields first (the payload as canonical JSON), then the names. */
export const EVENT_LOG_CSV_COLUMNS = [
	'secuencia',
	'sesion_id',
	'fecha',
	'tipo',
	'actor',
	'datos',
	'hash_anterior',
	'hash',
	'actor_nombre',
	'persona_nombre'
] as const;

/** One event as a CSV row (also the open-data dataset's row). */
export function eventLogRow(event: ChainedEvent, people: Record<string, string>) {
	const member = event.payload.member;
	return {
		secuencia: event.seq,
		sesion_id: event.meetingId,
		fecha: event.at,
		tipo: event.kind,
		actor: event.actor ?? '',
		datos: canonicalJson(event.payload),
		hash_anterior: event.prevHash,
		hash: event.hash,
		actor_nombre: event.actor ? (people[event.actor] ?? '') : '',
		persona_nombre: typeof member === 'string' ? (people[member] ?? '') : ''
	};
}

export function eventLogCsv(download: EventLogDownload): string {
	return stringify(
		download.events.map((event) => eventLogRow(event, download.people)),
		{ header: true, columns: [...EVENT_LOG_CSV_COLUMNS] }
	);
}

const eventSchema = z.object({
	seq: z.number().int(),
	meetingId: z.string(),
	at: z.string(),
	kind: z.string(),
	actor: z.string().nullable(),
	payload: z.record(z.string(), z.json()),
	prevHash: z.string(),
	hash: z.string()
});
const logSchema = z.object({ events: z.array(eventSchema) });

export type ParsedEventLog =
	| { ok: true; format: 'json' | 'csv'; meetings: { meetingId: string; events: ChainedEvent[] }[] }
	| { ok: false; reason: 'unreadable' | 'empty' };

/** Groups events by meeting, keeping the file's order within each. */
function byMeeting(events: ChainedEvent[]) {
	const groups = new Map<string, ChainedEvent[]>();
	for (const event of events) {
		const group = groups.get(event.meetingId) ?? [];
		group.push(event);
		groups.set(event.meetingId, group);
	}
	return [...groups].map(([meetingId, list]) => ({ meetingId, events: list }));
}

/**
 * Reads a downloaded log back: the JSON download, or a CSV with the sealed columns (the members'
 * or public download, or the open-data dataset, which may hold several meetings). Answers the
 * events per meeting, exactly as written — the chain decides whether they hold.
 */
export function parseEventLogFile(text: string): ParsedEventLog {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') return { ok: false, reason: 'empty' };
	if (trimmed.startsWith('{')) {
		let value: unknown;
		try {
			value = JSON.parse(trimmed);
		} catch {
			return { ok: false, reason: 'unreadable' };
		}
		const parsed = logSchema.safeParse(value);
		if (!parsed.success) return { ok: false, reason: 'unreadable' };
		const events = parsed.data.events.map((e) => ({ ...e, payload: e.payload as EventPayload }));
		return events.length
			? { ok: true, format: 'json', meetings: byMeeting(events) }
			: { ok: false, reason: 'empty' };
	}
	try {
		const rows: Record<string, string>[] = parse(trimmed, {
			columns: true,
			skip_empty_lines: true
		});
		if (rows.length === 0) return { ok: false, reason: 'empty' };
		const events = rows.map((row) => {
			const payload = JSON.parse(row.datos ?? '');
			if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
				throw new Error('payload');
			const seq = Number(row.secuencia);
			if (!Number.isInteger(seq) || !row.sesion_id || !row.fecha || !row.tipo || !row.hash)
				throw new Error('row');
			return {
				seq,
				meetingId: row.sesion_id,
				at: row.fecha,
				kind: row.tipo,
				actor: row.actor ? row.actor : null,
				payload: payload as EventPayload,
				prevHash: row.hash_anterior ?? '',
				hash: row.hash
			};
		});
		return { ok: true, format: 'csv', meetings: byMeeting(events) };
	} catch {
		return { ok: false, reason: 'unreadable' };
	}
}

/** The heads sealed into a meeting's frozen minutes, by version number (those that have one). */
export async function readSealedHeads(
	db: Queryable,
	meetingId: string
): Promise<{ version: number; head: ChainHead }[]> {
	if (!/^[0-9a-f-]{36}$/i.test(meetingId)) return [];
	const rows = await db
		.select({ number: minutesVersions.number, content: minutesVersions.content })
		.from(minutesVersions)
		.where(eq(minutesVersions.meetingId, meetingId))
		.orderBy(minutesVersions.number);
	return rows.flatMap((row) =>
		row.content.eventLog ? [{ version: row.number, head: row.content.eventLog }] : []
	);
}

/** The download as a response: `format` is the route's (json or csv); anything else is null. */
export function eventLogResponse(
	download: EventLogDownload,
	format: string,
	cacheControl: string
): Response | null {
	if (format !== 'json' && format !== 'csv') return null;
	const name = `registro-sellado-${download.meeting.id}.${format}`;
	const body = format === 'json' ? JSON.stringify(download, null, 2) + '\n' : eventLogCsv(download);
	return new Response(body, {
		headers: {
			'content-type':
				format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': cacheControl
		}
	});
}
