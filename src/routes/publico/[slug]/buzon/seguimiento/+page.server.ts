import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findPublicBody } from '$lib/server/public/site';
import { findRequestByTrackingNumber } from '$lib/server/public/requests';
import { normaliseTrackingNumber } from '$lib/server/public/tracking-number';
import type { PageServerLoad } from './$types';

// Following a request with its tracking number: its status and, once given, the answer.
export const load: PageServerLoad = async ({ params, url }) => {
	const db = await getDatabase();
	const body = await findPublicBody(db, params.slug);
	if (!body) error(404);
	const typed = url.searchParams.get('numero') ?? '';
	const number = normaliseTrackingNumber(typed);
	const found = number ? await findRequestByTrackingNumber(db, body.id, number) : null;
	return {
		typed,
		isNew: url.searchParams.has('nuevo'),
		request: found && {
			trackingNumber: found.trackingNumber,
			kind: found.kind,
			status: found.status,
			message: found.message,
			createdAt: found.createdAt,
			answer: found.answer,
			answeredAt: found.answeredAt
		}
	};
};
