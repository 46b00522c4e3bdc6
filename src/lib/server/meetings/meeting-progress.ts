/**
 * The meeting's progress: the facilitator opens it (its start time in the minutes) and moves
 * through its agenda. Room changes: the engine refuses them in a closed or cancelled meeting, and
 * a meeting opens only once (rules/room-actions.ts).
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { agendaItems, meetings } from '../db/schema';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { changeMeetingRoom, type RoomChangeResult } from './room-change';
import { appendMeetingEvent } from './event-log';

/** Opens the meeting: from now on it takes motions; the minutes start at this time. */
export function openMeeting(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string
): Promise<RoomChangeResult<never>> {
	return changeMeetingRoom<never>(db, body, meetingId, 'open', async ({ tx, meeting }) => {
		await tx
			.update(meetings)
			.set({ status: 'open', startedAt: meeting.startedAt ?? new Date() })
			.where(eq(meetings.id, meetingId));
		await appendMeetingEvent(tx, body, meetingId, 'meeting-opened');
		return { ok: true };
	});
}

/** Moves the current agenda item by `delta`, kept within the agenda. */
export function moveCurrentItem(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	delta: number
): Promise<RoomChangeResult<never>> {
	return changeMeetingRoom<never>(db, body, meetingId, 'move-agenda', async ({ tx, meeting }) => {
		const items = await tx
			.select({ position: agendaItems.position })
			.from(agendaItems)
			.where(eq(agendaItems.meetingId, meetingId));
		const last = Math.max(0, items.length - 1);
		const currentItem = Math.min(last, Math.max(0, meeting.currentItem + delta));
		await tx.update(meetings).set({ currentItem }).where(eq(meetings.id, meetingId));
		if (currentItem !== meeting.currentItem)
			await appendMeetingEvent(tx, body, meetingId, 'agenda-moved', {
				from: meeting.currentItem,
				to: currentItem
			});
		return { ok: true };
	});
}
