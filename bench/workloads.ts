/**
 * The workloads, as people in a meeting make them: the facilitator checks the seats in and out,
 * proposes motions and runs their votes while the voters cast ballots (each a tap posted as the
 * page's form), and one writer per room types the minutes. Every room paces its events with a
 * random pause, all rooms at once.
 */
import { performance } from 'node:perf_hooks';
import type { MeetingState } from '../src/lib/live/meeting-state';
import { parameters } from './parameters';
import { connectAll, openPeer, type Peer } from './peers';
import { Fanout, pause, Series } from './measure';
import type { Site } from './site';
import type { Body } from './setup';

/** What one engine's run measured. */
export class Results {
	readonly checkIn = new Series();
	readonly ballot = new Series();
	readonly minutes = new Series();
	readonly reference = new Series();
	readonly failures: string[] = [];
	/** Room actions posted (every tap, measured or not). */
	taps = 0;

	fail(where: string, error: unknown): void {
		this.failures.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
	}
}

export interface LiveRoom {
	body: Body;
	peers: Peer[];
	live: Fanout;
}

export const stateOf = (peer: Peer) =>
	peer.doc.getMap('room').get('state') as MeetingState | undefined;

/**
 * One live event: arms the test, posts the action, and records in `series` (when given) how long
 * until every client of the room passed the test. The post's answer (and the page-data reload
 * when the answer asks for one — or after every tap with RELOAD_AFTER_TAP, as the client did
 * before issue 12) is awaited too before the next event, as a browser would. A change not seen in
 * time stops the room.
 */
async function liveEvent(
	site: Site,
	results: Results,
	room: LiveRoom,
	cookie: string,
	action: string,
	fields: Record<string, string>,
	test: (state: MeetingState) => boolean,
	series?: Series
): Promise<void> {
	const watch = room.live.expect((i) => {
		const state = stateOf(room.peers[i]!);
		return state !== undefined && test(state);
	});
	const sent = performance.now();
	let answered = sent;
	results.taps += 1;
	try {
		const [seen] = await Promise.all([
			watch.seen,
			site.act(`${room.body.meetingPath}?/${action}`, cookie, fields).then((outcome) => {
				answered = performance.now();
				// What lib/live/enhance.ts does: reload only when the answer asks for it.
				const asked = (outcome.data as { reload?: boolean } | undefined)?.reload === true;
				if (parameters.reloadAfterTap || asked) return site.reload(room.body.meetingPath, cookie);
			})
		]);
		if (series) {
			series.add(sent, seen);
			series.answerSamples.push(answered - sent);
		}
		if (seen === null)
			throw new Error(
				`${action} was not seen by every client in ${parameters.eventTimeoutMs} ms` +
					(parameters.instances > 1
						? ` (missed by ${watch
								.unseen()
								.map((n, g) => `${n} on instance ${'AB'[g]}`)
								.join(', ')})`
						: '')
			);
	} catch (error) {
		watch.cancel();
		throw error;
	}
}

export async function checkInScript(
	site: Site,
	results: Results,
	admin: string,
	room: LiveRoom
): Promise<void> {
	const { pauseMs } = parameters;
	const seats = room.body.seatMembers;
	const seatsPresent = (n: number) => (s: MeetingState) => s.quorum.seatsPresent === n;
	const event = (action: string, memberId: string, n: number, series?: Series) =>
		liveEvent(site, results, room, admin, action, { memberId }, seatsPresent(n), series);
	await pause([0, pauseMs[1]]);
	// Every seat in (quorum for the ballots), then out and in again until CHECKINS are measured.
	let measured = 0;
	for (const [seat, memberId] of seats.entries()) {
		await pause(pauseMs);
		await event('checkIn', memberId, seat + 1, results.checkIn);
		measured += 1;
	}
	for (let round = 0; measured < parameters.checkIns; round++) {
		const memberId = seats[seats.length - 1 - (round % seats.length)]!;
		await pause(pauseMs);
		await event('checkOut', memberId, seats.length - 1);
		await pause(pauseMs);
		await event('checkIn', memberId, seats.length, results.checkIn);
		measured += 1;
	}
}

export async function ballotScript(
	site: Site,
	results: Results,
	admin: string,
	voters: string[],
	room: LiveRoom
): Promise<void> {
	const { pauseMs } = parameters;
	const choices = ['for', 'against', 'abstain'] as const;
	const cast = (s: MeetingState) =>
		s.motion ? s.motion.tally.for + s.motion.tally.against + s.motion.tally.abstain : -1;
	const event = (
		cookie: string,
		action: string,
		fields: Record<string, string>,
		test: (s: MeetingState) => boolean,
		series?: Series
	) => liveEvent(site, results, room, cookie, action, fields, test, series);
	await pause([0, pauseMs[1]]);
	for (let motion = 0; motion < parameters.motions; motion++) {
		const text = `Acuerdo de prueba ${motion + 1}`;
		await pause(pauseMs);
		await event(admin, 'propose', { text }, (s) => s.motion?.text === text);
		await pause(pauseMs);
		await event(admin, 'openVote', {}, (s) => s.motion?.status === 'voting');
		for (let v = 0; v < parameters.voters; v++) {
			await pause(pauseMs);
			const fields = { memberId: room.body.seatMembers[v]!, choice: choices[(v + motion) % 3]! };
			await event(voters[v]!, 'ballot', fields, (s) => cast(s) === v + 1, results.ballot);
		}
		await pause(pauseMs);
		await event(
			admin,
			'closeMotion',
			{},
			(s) => s.motion === null && s.decisions.length === motion + 1
		);
	}
}

/** One writer (client 0) types into the room's minutes; every other client must see each edit. */
async function minutesScript(peers: Peer[], fanout: Fanout, series: Series): Promise<void> {
	const texts = peers.map((peer) => peer.doc.getText('acta'));
	const writer = texts[0]!;
	const word = 'acuerdo ';
	await pause([0, parameters.editPauseMs[1]]);
	for (let edit = 0; edit < parameters.edits; edit++) {
		await pause(parameters.editPauseMs);
		const expected = writer.length + word.length;
		const watch = fanout.expect((i) => texts[i]!.length >= expected, [0]);
		const sent = performance.now();
		writer.insert(writer.length, word);
		const seen = await watch.seen;
		series.add(sent, seen);
		if (seen === null)
			throw new Error(`an edit was not seen by every peer in ${parameters.eventTimeoutMs} ms`);
	}
}

export interface MinutesRoom {
	peers: Peer[];
	fanout: Fanout;
}

/**
 * R × C minutes clients on a server; `room` names each room, `cookie` picks each client's login,
 * `serverUrl` each client's server when there are two (the writer, client 0, is on the first).
 */
export async function connectMinutes(
	serverUrl: string | ((client: number) => string),
	rooms: string[],
	cookie: (client: number) => string,
	saved: boolean
): Promise<MinutesRoom[]> {
	const { clients } = parameters;
	const urlOf = typeof serverUrl === 'string' ? () => serverUrl : serverUrl;
	const fanouts = rooms.map(() => new Fanout(clients, (c) => (urlOf(c) === urlOf(0) ? 0 : 1)));
	const peers = await connectAll(
		rooms.length * clients,
		(n) => {
			const r = Math.floor(n / clients);
			const c = n % clients;
			return openPeer(urlOf(c), rooms[r]!, cookie(c), {
				saved,
				onChange: () => fanouts[r]!.notify(c)
			});
		},
		() => true
	);
	return rooms.map((_, r) => ({
		peers: peers.slice(r * clients, (r + 1) * clients),
		fanout: fanouts[r]!
	}));
}

export async function runMinutes(
	rooms: MinutesRoom[],
	series: Series,
	results: Results
): Promise<void> {
	await Promise.all(
		rooms.map((room, r) =>
			minutesScript(room.peers, room.fanout, series).catch((error: unknown) =>
				results.fail(`minutes, room ${r + 1}`, error)
			)
		)
	);
}
