import { getDatabase } from '$lib/server/db';
import { buildInstallationPdf, pdfResponse } from '$lib/server/documents/body-documents';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import type { RequestHandler } from './$types';

// The installation act as a PDF, for the body's members only.
export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'documents.download');
	const pdf = await buildInstallationPdf(db, access, access.can('secretariat.view-contacts'));
	return pdfResponse(pdf, `${access.secretariat.slug.toUpperCase()}-INST.pdf`);
};
