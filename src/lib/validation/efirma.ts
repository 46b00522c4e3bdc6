/**
 * The e.firma identities form: a seat holder's RFC (12 characters for a company, 13 for a person)
 * and CURP (18), as the SAT writes them in the certificate; upper-cased, spaces removed.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

const compact = (value: unknown) =>
	typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value;

export const efirmaIdentitySchema = z.object({
	memberId: z.uuid(),
	rfc: z.preprocess(
		compact,
		z
			.string()
			.regex(/^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/, { error: () => m.efirma_identity_invalid_rfc() })
	),
	curp: z.preprocess(
		compact,
		z.string().regex(/^[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d$/, {
			error: () => m.efirma_identity_invalid_curp()
		})
	)
});
