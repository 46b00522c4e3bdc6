/**
 * Section a's signed minutes: each closed meeting's published version (approved and signed by
 * all, $lib/server/minutes/published.ts) as a PDF link on the public site.
 */
import { m } from '$lib/paraglide/messages';
import { findPublishedMinutes } from '../minutes/published';
import type { MeetingDocument, MeetingDocumentSource } from './site';

export const publicMinutesPath = (slug: string, meetingId: string, number: number) =>
	`/publico/${slug}/actas/${meetingId}/${number}`;

export const signedMinutes: MeetingDocumentSource = async (db, body, meetingIds) => {
	const published = await findPublishedMinutes(db, body.id, meetingIds);
	const documents = new Map<string, MeetingDocument[]>();
	for (const [meetingId, version] of published)
		documents.set(meetingId, [
			{
				title: m.public_signed_minutes({ number: version.number }),
				href: publicMinutesPath(body.slug, meetingId, version.number),
				mimeType: 'application/pdf'
			},
			// The session's sealed record, which the signed minutes' hash covers (names only with consent).
			{
				title: m.public_event_log_json(),
				href: `/publico/${body.slug}/actas/${meetingId}/registro.json`,
				mimeType: 'application/json'
			},
			{
				title: m.public_event_log_csv(),
				href: `/publico/${body.slug}/actas/${meetingId}/registro.csv`,
				mimeType: 'text/csv'
			}
		]);
	return documents;
};
