import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import {
	findPublicBody,
	listLooseEvidence,
	listPublicMeetings,
	listPublishedCommuniques,
	listPublishedMembers
} from '$lib/server/public/site';
import type { PageServerLoad } from './$types';

// Section a: the members who consented, the closed meetings with their documents and evidence,
// and the communiqués (RULES.md "The public website's sections" a).
export const load: PageServerLoad = async ({ params }) => {
	const db = await getDatabase();
	const body = await findPublicBody(db, params.slug);
	if (!body) error(404);
	const evidenceView = (file: {
		id: string;
		title: string;
		kind: string;
		mimeType: string;
		sizeBytes: number;
		hasThumbnail: boolean;
	}) => ({
		id: file.id,
		title: file.title,
		kind: file.kind,
		mimeType: file.mimeType,
		sizeBytes: file.sizeBytes,
		hasThumbnail: file.hasThumbnail
	});
	const [people, meetings, communiques, loose] = await Promise.all([
		listPublishedMembers(db, body.id),
		listPublicMeetings(db, body),
		listPublishedCommuniques(db, body.id),
		listLooseEvidence(db, body.id)
	]);
	return {
		people,
		meetings: meetings.map((meeting) => ({
			...meeting,
			evidence: meeting.evidence.map(evidenceView)
		})),
		communiques: communiques.map((c) => ({
			id: c.id,
			title: c.title,
			body: c.body,
			publishedAt: c.publishedAt!
		})),
		loose: loose.map(evidenceView)
	};
};
