/**
 * The speaking-time limit of a meeting: set by the facilitator from the console (no preset states
 * one; Z art. 7.10–11 leaves the floor to the facilitator's direction). The screens count the
 * current speaker's time down from it (room-state.ts carries it as `speakers.limitSeconds`).
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { meetings } from '../db/schema';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { changeMeetingRoom } from './room-change';

/** The limits the console offers, in seconds: from one minute to fifteen. */
export const SPEAKING_LIMIT_RANGE = { min: 60, max: 900 } as const;

/**
 * Sets (or clears, with null) the meeting's speaking-time limit, as a room change so every screen
 * receives it. Admissible whenever the speakers' list may be reordered: not in a closed or
 * cancelled meeting (rules/room-actions.ts, 'move-floor').
 */
export function setSpeakingLimit(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	seconds: number | null
) {
	return changeMeetingRoom<never>(db, body, meetingId, 'move-floor', async ({ tx }) => {
		await tx
			.update(meetings)
			.set({ speakingLimitSeconds: seconds })
			.where(eq(meetings.id, meetingId));
		return { ok: true };
	});
}
