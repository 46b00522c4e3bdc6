import QRCode from 'qrcode';
import { getDatabase } from '$lib/server/db';
import { liveRoomName } from '$lib/server/broadcast';
import { readMeetingState } from '$lib/server/meetings/room-state';
import { requireMeetingAction } from '../meeting-access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { access, meeting } = await requireMeetingAction(db, event, 'meeting.view-live');
	// The short link (routes/sala) leads to the meeting under way: short to read and to type, and a
	// smaller code that scans from further back. The full address stays for the screen reader.
	const joinUrl = `${event.url.origin}/sala/${access.secretariat.slug}`;
	const meetingUrl = `${event.url.origin}/secretariados/${access.secretariat.slug}/sesiones/${meeting.id}`;
	// Drawn on the server (no script needed); `qrcode` is maintained and renders SVG.
	const svg = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return {
		qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
		meeting: { id: meeting.id, title: meeting.title },
		state: await readMeetingState(db, access, meeting),
		room: liveRoomName(access.secretariat.slug, meeting.id),
		joinUrl,
		joinText: joinUrl.replace(/^https?:\/\//, ''),
		meetingUrl
	};
};
