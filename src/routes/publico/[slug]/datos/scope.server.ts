/** The open-data scope and catalogue context of a body's public site, for its data routes. */
import { error } from '@sveltejs/kit';
import type { Database } from '$lib/server/db';
import { findPublicBody, readPublicContact } from '$lib/server/public/site';
import { catalogueContextFor } from '$lib/server/open-data/distribution';

export async function bodyOpenDataScope(db: Database, slug: string, origin: string) {
	const body = await findPublicBody(db, slug);
	if (!body) error(404);
	const contact = await readPublicContact(db, body.id);
	return {
		body,
		scope: { secretariatId: body.id },
		context: catalogueContextFor(origin, body.name, {
			slug: body.slug,
			contactName: contact.contactName,
			contactEmail: contact.email
		})
	};
}
