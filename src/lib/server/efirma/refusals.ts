/**
 * The person's words for each reason an e.firma signature is refused, on the server; the browser
 * has its own for what it checks before anything is sent (src/lib/efirma/messages.ts).
 */
import { m } from '$lib/paraglide/messages';
import type { EfirmaRefusal } from './efirma-signing';

const messages: Record<EfirmaRefusal, () => string> = {
	'not-efirma': m.efirma_refused_not_efirma,
	'not-prepared': m.efirma_refused_not_prepared,
	stale: m.efirma_refused_stale,
	'not-a-certificate': m.efirma_refused_not_a_certificate,
	'not-rsa': m.efirma_refused_not_rsa,
	'untrusted-authority': m.efirma_refused_untrusted_authority,
	'certificate-revoked': m.efirma_refused_certificate_revoked,
	'bad-signature': m.efirma_refused_bad_signature,
	'timestamp-unavailable': m.efirma_refused_timestamp_unavailable,
	'rfc-mismatch': m.efirma_refused_rfc_mismatch,
	'curp-mismatch': m.efirma_refused_curp_mismatch,
	'no-identity-on-record': m.efirma_refused_no_identity_on_record,
	'certificate-expired': m.efirma_refused_certificate_expired,
	'certificate-not-yet-valid': m.efirma_refused_certificate_not_yet_valid,
	'not-approved': m.minutes_sign_refused_not_approved,
	'not-a-signer': m.minutes_sign_refused_not_a_signer,
	'already-decided': m.minutes_sign_refused_already_decided,
	superseded: m.minutes_sign_refused_superseded
};

/** The message for a refusal, in the request's language. */
export const efirmaRefusalMessage = (reason: EfirmaRefusal) => messages[reason]();

/** Its status: 503 when the time-stamp authority failed, 403 for the certificate, else 409. */
export function efirmaRefusalStatus(reason: EfirmaRefusal): number {
	if (reason === 'timestamp-unavailable') return 503;
	if (
		[
			'not-approved',
			'not-a-signer',
			'already-decided',
			'superseded',
			'stale',
			'not-prepared',
			'not-efirma'
		].includes(reason)
	)
		return 409;
	return 403;
}
