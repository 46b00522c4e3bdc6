/**
 * The signer's words for what their own browser refuses before anything is sent (signer.ts):
 * a wrong password, a key of another certificate, a certificate of another person (with both
 * values, so they see which), an expired one.
 */
import { m } from '$lib/paraglide/messages';
import type { CertificateIdentity } from './certificate';
import type { SignerRefusal } from './signer';

/** The message for a refusal in the browser; `identity` and `holder` fill the details. */
export function signerRefusalMessage(
	reason: SignerRefusal,
	identity: Pick<CertificateIdentity, 'rfc' | 'curp' | 'notBefore' | 'notAfter'> | null,
	holder: { rfc: string; curp: string } | null,
	formatDate: (date: Date) => string
): string {
	switch (reason) {
		case 'not-a-certificate':
			return m.efirma_refused_not_a_certificate();
		case 'not-a-key':
			return m.efirma_client_not_a_key();
		case 'not-rsa':
			return m.efirma_refused_not_rsa();
		case 'wrong-password':
			return m.efirma_client_wrong_password();
		case 'key-certificate-mismatch':
			return m.efirma_client_key_certificate_mismatch();
		case 'no-identity-on-record':
			return m.efirma_refused_no_identity_on_record();
		case 'rfc-mismatch':
			return m.efirma_client_rfc_mismatch({
				certificate: identity?.rfc ?? '',
				record: holder?.rfc ?? ''
			});
		case 'curp-mismatch':
			return m.efirma_client_curp_mismatch({
				certificate: identity?.curp ?? '',
				record: holder?.curp ?? ''
			});
		case 'certificate-expired':
			return identity
				? m.efirma_client_expired({ date: formatDate(identity.notAfter) })
				: m.efirma_refused_certificate_expired();
		case 'certificate-not-yet-valid':
			return identity
				? m.efirma_client_not_yet_valid({ date: formatDate(identity.notBefore) })
				: m.efirma_refused_certificate_not_yet_valid();
	}
}
