import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMeetings } from '$lib/server/meetings/meetings';
import { listBodyMinutesVersions } from '$lib/server/minutes/minutes';
import { minutesPdfPath } from '$lib/server/minutes/minutes-files';
import type { PageServerLoad } from './$types';

// Every document of the body (Z art. 7.6, I VII.1: each member keeps a copy): the installation
// act, and per meeting its convocatoria and each version of its minutes.
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'documents.download');
	const slug = access.secretariat.slug;
	const versions = await listBodyMinutesVersions(db, access.secretariat.id);
	const meetings = await listMeetings(db, access.secretariat.id);
	return {
		timeZone: access.rules.timeZone,
		installation: `/secretariados/${slug}/instalacion/acta.pdf`,
		meetings: meetings.map((meeting) => ({
			id: meeting.id,
			title: meeting.title,
			scheduledAt: meeting.scheduledAt,
			convocatoria: `/secretariados/${slug}/sesiones/${meeting.id}/convocatoria.pdf`,
			minutesPage: `/secretariados/${slug}/sesiones/${meeting.id}/acta`,
			versions: versions
				.filter((v) => v.meetingId === meeting.id)
				.map((v) => ({
					number: v.number,
					approved: v.approvedAt !== null,
					pdf: minutesPdfPath(slug, meeting.id, v.number)
				}))
		}))
	};
};
