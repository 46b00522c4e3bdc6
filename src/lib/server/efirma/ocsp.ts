/**
 * Revocation check by OCSP (RFC 6960), only when OCSP_URL is configured (the SAT restricts its own
 * responder to public bodies). The answer is reported either way: good, revoked, unknown, that the
 * responder could not be asked, or that no responder is configured. Built with pkijs.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export type RevocationStatus =
	| { status: 'not-configured' }
	| { status: 'good' | 'revoked' | 'unknown'; checkedAt: string }
	| { status: 'unavailable'; detail: string };

const toBuffer = (bytes: Uint8Array): ArrayBuffer =>
	bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
const certificateOf = (der: Uint8Array) =>
	new pkijs.Certificate({ schema: asn1js.fromBER(toBuffer(der)).result });

/** Asks the responder at `url` about `certificate` (DER), issued by `issuer` (DER). */
export async function checkRevocation(
	url: string,
	certificate: Uint8Array,
	issuer: Uint8Array
): Promise<RevocationStatus> {
	try {
		const cert = certificateOf(certificate);
		const issuerCert = certificateOf(issuer);
		const request = new pkijs.OCSPRequest();
		await request.createForCertificate(cert, {
			hashAlgorithm: 'SHA-1',
			issuerCertificate: issuerCert
		});
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/ocsp-request' },
			body: new Uint8Array(request.toSchema(true).toBER()),
			signal: AbortSignal.timeout(10_000)
		});
		if (!response.ok) return { status: 'unavailable', detail: `HTTP ${response.status}` };
		const parsed = new pkijs.OCSPResponse({
			schema: asn1js.fromBER(await response.arrayBuffer()).result
		});
		const answer = await parsed.getCertificateStatus(cert, issuerCert);
		if (!answer.isForCertificate) return { status: 'unavailable', detail: 'no answer for it' };
		const status = answer.status === 0 ? 'good' : answer.status === 1 ? 'revoked' : 'unknown';
		return { status, checkedAt: new Date().toISOString() };
	} catch (cause) {
		return { status: 'unavailable', detail: String(cause).slice(0, 200) };
	}
}
