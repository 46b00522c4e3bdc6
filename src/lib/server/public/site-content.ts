/**
 * What the body's admins and facilitator edit for the public site: contact data, communiqués,
 * links of interest, and the members' consent to publication (members.public_consent). Each write
 * is scoped to the body: a row of another body is never touched (false is returned).
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { communiques, members, publicContacts, publicLinks } from '../db/schema';

export interface ContactInput {
	email: string;
	phone: string;
	address: string;
	hours: string;
	contactName: string;
}

/** Saves the body's contact data (one row per body). */
export async function savePublicContact(db: Database, secretariatId: string, input: ContactInput) {
	await db
		.insert(publicContacts)
		.values({ secretariatId, ...input })
		.onConflictDoUpdate({
			target: publicContacts.secretariatId,
			set: { ...input, updatedAt: new Date() }
		});
}

/** Adds a communiqué, published at once or kept as a draft. */
export async function addCommunique(
	db: Database,
	secretariatId: string,
	input: { title: string; body: string; publish: boolean }
) {
	const [row] = await db
		.insert(communiques)
		.values({
			secretariatId,
			title: input.title,
			body: input.body,
			publishedAt: input.publish ? new Date() : null
		})
		.returning();
	return row!;
}

/** Publishes a draft or withdraws a published communiqué. */
export async function setCommuniquePublished(
	db: Database,
	secretariatId: string,
	id: string,
	publish: boolean
): Promise<boolean> {
	const rows = await db
		.update(communiques)
		.set({ publishedAt: publish ? new Date() : null })
		.where(and(eq(communiques.id, id), eq(communiques.secretariatId, secretariatId)))
		.returning({ id: communiques.id });
	return rows.length > 0;
}

/** Deletes a communiqué of the body. */
export async function deleteCommunique(db: Database, secretariatId: string, id: string) {
	const rows = await db
		.delete(communiques)
		.where(and(eq(communiques.id, id), eq(communiques.secretariatId, secretariatId)))
		.returning({ id: communiques.id });
	return rows.length > 0;
}

/** Adds a link of interest at the end of the list. */
export async function addPublicLink(
	db: Database,
	secretariatId: string,
	input: { title: string; url: string }
) {
	const existing = await db
		.select({ id: publicLinks.id })
		.from(publicLinks)
		.where(eq(publicLinks.secretariatId, secretariatId));
	await db.insert(publicLinks).values({ secretariatId, ...input, sortOrder: existing.length });
}

/** Deletes a link of the body. */
export async function deletePublicLink(db: Database, secretariatId: string, id: string) {
	const rows = await db
		.delete(publicLinks)
		.where(and(eq(publicLinks.id, id), eq(publicLinks.secretariatId, secretariatId)))
		.returning({ id: publicLinks.id });
	return rows.length > 0;
}

/** Records whether a member consented to the site showing their name, position and institution. */
export async function setMemberPublicConsent(
	db: Database,
	secretariatId: string,
	memberId: string,
	consent: boolean
): Promise<boolean> {
	const rows = await db
		.update(members)
		.set({ publicConsent: consent })
		.where(and(eq(members.id, memberId), eq(members.secretariatId, secretariatId)))
		.returning({ id: members.id });
	return rows.length > 0;
}
