/**
 * Which minutes the public may read: for each closed meeting, the newest version that the body
 * approved and that every signer has signed or refused to sign (Z art. 7.5–7.6, 7.9 a; I III.6,
 * III.12 a). Drafts, versions under signature and superseded versions stay with the members.
 */
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../db';
import { meetings, minutesSignatures, minutesVersions, type MinutesVersion } from '../db/schema';
import { isSigningComplete } from './minutes';

/** The published version of each of these meetings of the body, by meeting id. */
export async function findPublishedMinutes(
	db: Queryable,
	secretariatId: string,
	meetingIds: string[]
): Promise<Map<string, MinutesVersion>> {
	const published = new Map<string, MinutesVersion>();
	if (meetingIds.length === 0) return published;
	const approved = await db
		.select({ version: minutesVersions })
		.from(minutesVersions)
		.innerJoin(meetings, eq(meetings.id, minutesVersions.meetingId))
		.where(
			and(
				eq(meetings.secretariatId, secretariatId),
				inArray(minutesVersions.meetingId, meetingIds),
				isNotNull(minutesVersions.approvedAt)
			)
		)
		.orderBy(desc(minutesVersions.number));
	if (approved.length === 0) return published;
	const signatures = await db
		.select()
		.from(minutesSignatures)
		.where(
			inArray(
				minutesSignatures.versionId,
				approved.map(({ version }) => version.id)
			)
		);
	for (const { version } of approved) {
		if (published.has(version.meetingId)) continue;
		const own = signatures.filter((s) => s.versionId === version.id);
		if (isSigningComplete(version, own)) published.set(version.meetingId, version);
	}
	return published;
}
