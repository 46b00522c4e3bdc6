import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { findEvidence, readEvidenceFile } from '$lib/server/plan/evidence';
import type { RequestHandler } from './$types';

// A stored evidence file, for the body's members only; sent with the type sniffed at upload, never
// sniffed again by the browser, and as an attachment unless it is a PDF or an image.
export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'plan.view');
	const found = await findEvidence(db, access.secretariat.id, event.params.evidence);
	if (!found || found.evidence.kind !== 'file' || !found.evidence.storedName) error(404);
	const { storedName, contentType } = found.evidence;
	const bytes = await readEvidenceFile(storedName).catch(() => error(404));
	const inline = contentType === 'application/pdf' || contentType?.startsWith('image/');
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': contentType ?? 'application/octet-stream',
			'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${storedName}"`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
};
