/**
 * The console's "speaking time" form: the facilitator sets the meeting's speaking-time limit in
 * minutes, or clears it (speaking-limit.ts). Wired in +page.server.ts as `setSpeakingLimit`.
 */
import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { readFormData } from '$lib/server/forms';
import { setSpeakingLimit, SPEAKING_LIMIT_RANGE } from '$lib/server/meetings/speaking-limit';
import { requireMeetingAction } from './meeting-access';
import { roomRefusalMessages } from './room-refusals';
import type { RequestEvent } from './$types';

/** An empty field clears the limit; otherwise whole minutes within the range the console offers. */
const limitSchema = z.union([
	z.literal('').transform(() => null),
	z.coerce
		.number()
		.int()
		.min(SPEAKING_LIMIT_RANGE.min / 60)
		.max(SPEAKING_LIMIT_RANGE.max / 60)
		.transform((minutes) => minutes * 60)
]);

/** Only whoever grants the floor sets its limit (the permission matrix's 'floor.grant'). */
export async function setSpeakingLimitAction(event: RequestEvent) {
	const db = await getDatabase();
	const { access, meeting } = await requireMeetingAction(db, event, 'floor.grant');
	const form = await readFormData(event.request);
	const parsed = limitSchema.safeParse(String(form.get('minutes') ?? '').trim());
	if (!parsed.success) return fail(400, { message: m.speaking_limit_invalid() });
	const result = await setSpeakingLimit(db, access, meeting.id, parsed.data);
	if (!result.ok) return fail(409, { message: roomRefusalMessages[result.reason]() });
	return { done: true };
}
