import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import {
	findMinutesVersion,
	isSigningComplete,
	listVersionSignatures
} from '$lib/server/minutes/minutes';
import { mailSignedMinutes, verificationUrl } from '$lib/server/minutes/minutes-files';
import { prepareEfirmaSignature, submitEfirmaSignature } from '$lib/server/efirma/efirma-signing';
import { efirmaRefusalMessage, efirmaRefusalStatus } from '$lib/server/efirma/refusals';
import { base64ToBytes } from '$lib/efirma/signed-attributes';
import { m } from '$lib/paraglide/messages';
import { requireMeetingAction } from '../../../meeting-access';
import type { RequestHandler } from './$types';

const base64 = (max: number) =>
	z
		.string()
		.min(1)
		.max(max)
		.regex(/^[A-Za-z0-9+/]+={0,2}$/);
const request = z.discriminatedUnion('step', [
	z.object({ step: z.literal('prepare'), memberId: z.string().uuid() }),
	z.object({
		step: z.literal('sign'),
		memberId: z.string().uuid(),
		certificate: base64(16_000),
		signature: base64(2_000)
	})
]);

// e.firma signing of one version, in two steps (efirma-signing.ts). The browser sends only the
// signature value and the certificate: never the key, never its password.
export const POST: RequestHandler = async (event) => {
	const db = await getDatabase();
	const { access, meeting, mine } = await requireMeetingAction(db, event, 'minutes.sign');
	// JSON only: a cross-site form (text/plain) cannot post here in the signer's name.
	if (!event.request.headers.get('content-type')?.startsWith('application/json'))
		return json({ message: m.efirma_request_invalid() }, { status: 415 });
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		return json({ message: m.efirma_request_invalid() }, { status: 400 });
	}
	const parsed = request.safeParse(body);
	if (!parsed.success) return json({ message: m.efirma_request_invalid() }, { status: 400 });
	const input = parsed.data;
	// Only through one's own seat: another person's seat is not theirs to sign for.
	if (!mine.some((p) => p.id === input.memberId))
		return json({ message: m.efirma_refused_not_your_seat() }, { status: 403 });
	const number = Number(event.params.version);
	const version = Number.isInteger(number)
		? await findMinutesVersion(db, meeting.id, number)
		: null;
	if (!version) error(404);

	if (input.step === 'prepare') {
		const prepared = await prepareEfirmaSignature(
			db,
			access,
			version,
			input.memberId,
			verificationUrl(event.url.origin, version.sha256)
		);
		if (!prepared.ok)
			return json(
				{ message: efirmaRefusalMessage(prepared.reason) },
				{ status: efirmaRefusalStatus(prepared.reason) }
			);
		return json({ digest: prepared.digest, holder: prepared.holder });
	}
	let certificate: Uint8Array;
	let signature: Uint8Array;
	try {
		certificate = base64ToBytes(input.certificate);
		signature = base64ToBytes(input.signature);
	} catch {
		return json({ message: m.efirma_request_invalid() }, { status: 400 });
	}
	const result = await submitEfirmaSignature(db, access, version, {
		memberId: input.memberId,
		userId: access.user.id,
		certificate,
		signature,
		clientAddress: event.getClientAddress()
	});
	if (!result.ok)
		return json(
			{ message: efirmaRefusalMessage(result.reason) },
			{ status: efirmaRefusalStatus(result.reason) }
		);
	if (isSigningComplete(version, await listVersionSignatures(db, version.id)))
		await mailSignedMinutes(
			db,
			{
				origin: event.url.origin,
				slug: access.secretariat.slug,
				bodyName: access.secretariat.name,
				meeting
			},
			version
		);
	return json({ message: m.efirma_signed_done(), sha256: result.pdfSha256 });
};
