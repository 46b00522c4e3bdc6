import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { readFormData } from '$lib/server/forms';
import { log } from '$lib/server/log';
import { sha256Hex } from '$lib/server/minutes/minutes-content';
import { verifyHash } from '$lib/server/minutes/verification';
import { verifyPdfSignatures, type PdfSignatureReport } from '$lib/server/efirma/verify-pdf';
import type { Actions } from './$types';

const MAX_BYTES = 20 * 1024 * 1024;

// Public: anyone may check a PDF of minutes against the approved versions, by its SHA-256, and
// read every advanced electronic signature (e.firma, PAdES) it holds, as a PDF reader would.
export const actions: Actions = {
	default: async (event) => {
		const form = await readFormData(event.request);
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0 || file.size > MAX_BYTES)
			return fail(400, { message: m.verify_file_required() });
		const bytes = new Uint8Array(await file.arrayBuffer());
		let signatures: PdfSignatureReport[] = [];
		try {
			signatures = await verifyPdfSignatures(bytes);
		} catch (cause) {
			// A file no reader could make sense of has no signatures to show; the hash still answers.
			log.warn({ err: cause }, 'verificar: could not read the signatures of an upload');
		}
		return {
			result: await verifyHash(await getDatabase(), sha256Hex(bytes)),
			signatures
		};
	}
};
