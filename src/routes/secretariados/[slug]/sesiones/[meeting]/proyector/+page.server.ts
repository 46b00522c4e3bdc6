import QRCode from 'qrcode';
import { getDatabase } from '$lib/server/db';
import { liveRoomName } from '$lib/server/broadcast';
import { readMeetingState } from '$lib/server/meetings/room-state';
import { requireMeetingAction } from '../meeting-access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { access, meeting } = await requireMeetingAction(db, event, 'meeting.view-live');
	const joinUrl = `${event.url.origin}/secretariados/${access.secretariat.slug}/sesiones/${meeting.id}`;
	// An image the room's phones can scan from their seats, drawn on the server (no script needed).
	const svg = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return {
		qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
		meeting: { id: meeting.id, title: meeting.title },
		state: await readMeetingState(db, access, meeting),
		room: liveRoomName(access.secretariat.slug, meeting.id),
		joinUrl
	};
};
