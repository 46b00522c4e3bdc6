/**
 * Trusted time (RFC 3161): with TSA_URL set, the server asks that authority for a time-stamp
 * token over each signature value and adds it to the CMS as the signature-time-stamp unsigned
 * attribute (PAdES baseline B-T). Reading a token back (genTime, the authority, whether it covers
 * the signature) serves /verificar. Built with pkijs; the request is a plain HTTP POST of
 * application/timestamp-query.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash, randomBytes } from 'node:crypto';
import { OIDS } from '../../efirma/signed-attributes';
import { nameAttribute } from '../../efirma/certificate';

const TST_INFO = '1.2.840.113549.1.9.16.1.4';
const toBuffer = (bytes: Uint8Array): ArrayBuffer =>
	bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export class TimestampError extends Error {}

/** Asks the authority at `url` for a token over `signatureValue`; throws TimestampError. */
export async function requestTimestampToken(
	url: string,
	signatureValue: Uint8Array
): Promise<Uint8Array> {
	const imprint = createHash('sha256').update(signatureValue).digest();
	const nonce = randomBytes(8);
	nonce[0]! &= 0x7f;
	const request = new pkijs.TimeStampReq({
		version: 1,
		messageImprint: new pkijs.MessageImprint({
			hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 }),
			hashedMessage: new asn1js.OctetString({ valueHex: toBuffer(imprint) })
		}),
		nonce: new asn1js.Integer({ valueHex: toBuffer(nonce) }),
		certReq: true
	});
	let response: Response;
	try {
		response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/timestamp-query' },
			body: new Uint8Array(request.toSchema().toBER()),
			signal: AbortSignal.timeout(10_000)
		});
	} catch (cause) {
		throw new TimestampError(`time-stamp authority unreachable: ${String(cause)}`);
	}
	if (!response.ok) throw new TimestampError(`time-stamp authority answered ${response.status}`);
	const body = new Uint8Array(await response.arrayBuffer());
	const parsed = asn1js.fromBER(toBuffer(body));
	if (parsed.offset === -1) throw new TimestampError('time-stamp response is not DER');
	const answer = new pkijs.TimeStampResp({ schema: parsed.result });
	if (answer.status.status > 1 || !answer.timeStampToken)
		throw new TimestampError(`time-stamp refused (status ${answer.status.status})`);
	const token = readTimestampToken(new Uint8Array(answer.timeStampToken.toSchema().toBER()));
	if (!token || !equalBytes(token.imprint, imprint))
		throw new TimestampError('time-stamp token does not cover the signature');
	return new Uint8Array(answer.timeStampToken.toSchema().toBER());
}

const equalBytes = (a: Uint8Array, b: Uint8Array) =>
	a.length === b.length && a.every((byte, i) => byte === b[i]);

export interface TimestampInfo {
	genTime: Date;
	/** The SHA-256 the token covers. */
	imprint: Uint8Array;
	/** The authority's name, from its certificate in the token when present. */
	authority: string;
	signedData: pkijs.SignedData;
}

/** What a token says (its time, the hash it covers, its authority), or null if unreadable. */
export function readTimestampToken(token: Uint8Array): TimestampInfo | null {
	try {
		const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(toBuffer(token)).result });
		const signedData = new pkijs.SignedData({ schema: contentInfo.content });
		if (signedData.encapContentInfo.eContentType !== TST_INFO) return null;
		const content = signedData.encapContentInfo.eContent!;
		const tstInfo = new pkijs.TSTInfo({
			schema: asn1js.fromBER(content.getValue()).result
		});
		const tsaCertificate = signedData.certificates?.find(
			(c): c is pkijs.Certificate => c instanceof pkijs.Certificate
		);
		return {
			genTime: tstInfo.genTime,
			imprint: new Uint8Array(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView),
			authority: tsaCertificate ? nameAttribute(tsaCertificate.subject, '2.5.4.3') : '',
			signedData
		};
	} catch {
		return null;
	}
}

/** Whether a token's own signature verifies and its imprint is that of `stamped` (pkijs). */
export async function verifyTimestampToken(
	info: TimestampInfo,
	stamped: Uint8Array
): Promise<boolean> {
	try {
		const result = await info.signedData.verify({
			signer: 0,
			checkChain: false,
			extendedMode: true,
			data: toBuffer(stamped)
		});
		return (result as unknown as { signatureVerified: boolean }).signatureVerified === true;
	} catch {
		return false;
	}
}
