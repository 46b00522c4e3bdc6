/**
 * The bench's bodies, seats, meetings and accounts, made through the app's forms: each room is one
 * meeting of its own body (Zacatecas template, seven seats), opened, with the instance admin as its
 * facilitator and the first VOTERS seats held by voters' accounts.
 */
import { signUpFirstAccount, type AppProcess } from '../tests/support/app-process';
import { parameters, PASSWORD, PRESET, PRESET_SECTORS, SEATS } from './parameters';
import { Site } from './site';

export interface Body {
	index: number;
	slug: string;
	meetingId: string;
	meetingPath: string;
	/** Each seat's titular membership id, in seat order; the first VOTERS are the voters. */
	seatMembers: string[];
}

const voterEmail = (v: number) => `votante${v + 1}@bench.mx`;
const seatName = (seat: number) => `Asiento ${seat + 1}`;
const uuidAfter = (html: string, from: number) =>
	/name="memberId" value="([0-9a-f-]{36})"/.exec(html.slice(from))?.[1];

/** Runs `work` on every item, at most `limit` at a time. */
async function inBatches<T, R>(
	items: T[],
	limit: number,
	work: (item: T, index: number) => Promise<R>
) {
	const results: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) {
				const index = next++;
				results[index] = await work(items[index]!, index);
			}
		})
	);
	return results;
}

async function createBody(
	site: Site,
	admin: string,
	adminEmail: string,
	index: number
): Promise<Body> {
	const created = await site.act('/secretariados/nuevo', admin, {
		name: `Mesa de prueba ${index + 1}`,
		preset: PRESET
	});
	const slug = created.location?.split('/').pop();
	if (!slug) throw new Error('no body was created');
	const members = `/secretariados/${slug}/integrantes`;

	// The instance admin becomes the facilitator (linked at once: the account exists).
	await site.act(`${members}?/addMember`, admin, {
		role: 'facilitator',
		name: 'Facilitación',
		position: '',
		email: adminEmail,
		phone: ''
	});
	let html = await site.page(members, admin);
	const facilitator = uuidAfter(html, 0);
	if (!facilitator) throw new Error(`${slug}: the facilitator was not added`);
	await site.act(`${members}?/invite`, admin, { memberId: facilitator });

	// A titular on every seat; the first VOTERS seats are held by the voters' accounts-to-be.
	html = await site.page(members, admin);
	const seatIds = [
		...new Set([...html.matchAll(/\/integrantes\/asiento\/([0-9a-f-]{36})/g)].map((m) => m[1]!))
	];
	if (seatIds.length !== SEATS)
		throw new Error(`${slug}: expected ${SEATS} seats, found ${seatIds.length}`);
	const blank = (prefix: string) =>
		Object.fromEntries(
			['Name', 'Position', 'Email', 'Phone', 'TermStartsOn', 'TermEndsOn', 'Reelections'].map(
				(f) => [`${prefix}${f}`, '']
			)
		);
	for (const [seat, seatId] of seatIds.entries()) {
		await site.act(`${members}/asiento/${seatId}?/save`, admin, {
			sector: PRESET_SECTORS[seat]!,
			organisation: `Organización ${seat + 1}`,
			...blank('titular'),
			...blank('substitute'),
			titularName: seatName(seat),
			titularEmail:
				seat < parameters.voters ? voterEmail(seat) : `asiento${seat + 1}.mesa${index + 1}@bench.mx`
		});
	}

	const meeting = await site.act(`/secretariados/${slug}/sesiones?/create`, admin, {
		kind: 'ordinary',
		title: 'Sesión de prueba',
		date: new Date().toISOString().slice(0, 10),
		time: '10:00',
		place: 'Sala',
		// Today is too soon for the notice period: the facilitator's "create it anyway".
		shortNotice: 'accepted'
	});
	const meetingId = meeting.location?.split('/').pop();
	if (!meetingId) throw new Error(`${slug}: no meeting was created`);
	const meetingPath = `/secretariados/${slug}/sesiones/${meetingId}`;
	await site.act(`${meetingPath}?/open`, admin, {});

	// The facilitator's roll call: one entry per person (RollCall.svelte), titled with the name,
	// then its check-in form with the member id.
	html = await site.page(meetingPath, admin);
	const roll = html.split('data-testid="roll-person"').slice(1);
	const seatMembers = Array.from({ length: SEATS }, (_, seat) => {
		const entry = roll.find((item) => item.includes(`title="${seatName(seat)}"`));
		const id = entry ? uuidAfter(entry, 0) : undefined;
		if (!id) throw new Error(`${slug}: no member id for ${seatName(seat)}`);
		return id;
	});
	return { index, slug, meetingId, meetingPath, seatMembers };
}

/** An account for a seat holder: an instance invitation, its link read from the outbox, accepted. */
async function createVoter(site: Site, admin: string, v: number): Promise<string> {
	const email = voterEmail(v);
	await site.act('/admin/invitaciones', admin, { email });
	const outbox = await site.page('/admin/outbox', admin);
	const entry = outbox
		.split('<li')
		.find((item) => item.includes(email) && item.includes('/invitacion/'));
	const token = entry && /\/invitacion\/([A-Za-z0-9_-]+)/.exec(entry)?.[1];
	if (!token) throw new Error(`no invitation link for ${email} in the outbox`);
	const accepted = await site.act(`/invitacion/${token}`, '', {
		name: `Votante ${v + 1}`,
		password: PASSWORD,
		passwordConfirm: PASSWORD
	});
	if (!accepted.cookie) throw new Error(`accepting the invitation of ${email} gave no session`);
	return accepted.cookie;
}

export interface Cast {
	/** The instance admin's session: the facilitator of every body. */
	admin: string;
	voters: string[];
	bodies: Body[];
}

/** The first account (the instance admin), ROOMS bodies with an open meeting, VOTERS accounts. */
export async function setUp(app: AppProcess, site: Site): Promise<Cast> {
	const adminEmail = 'admin@bench.mx';
	const admin = await signUpFirstAccount(app, adminEmail);
	const bodies = await inBatches(
		Array.from({ length: parameters.rooms }, (_, i) => i),
		4,
		(i) => createBody(site, admin, adminEmail, i)
	);
	const voters: string[] = [];
	for (let v = 0; v < parameters.voters; v++) voters.push(await createVoter(site, admin, v));
	return { admin, voters, bodies };
}
