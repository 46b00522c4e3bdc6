/**
 * A local RFC 3161 time-stamping authority for the tests (a test tool, not product): an HTTP
 * server that answers an application/timestamp-query with a granted TimeStampResp whose token is
 * signed by a certificate of the test authority (extended key usage timeStamping). Built with
 * pkijs. `requests` counts the queries it answered, so a test can tell it was used.
 */
import { createServer, type Server } from 'node:http';
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { TestAuthority } from '../../server/demo-efirma-authority';
import { buildSignedAttributes } from '../../src/lib/efirma/signed-attributes';

const crypto = webcrypto as unknown as Crypto;
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto }));
const TST_INFO = '1.2.840.113549.1.9.16.1.4';
const toBuffer = (bytes: Uint8Array): ArrayBuffer =>
	bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export interface LocalTimestampAuthority {
	url: string;
	requests: number;
	close(): Promise<void>;
}

let serial = 1;

async function answer(
	query: Uint8Array,
	signer: { certificate: pkijs.Certificate; der: Uint8Array; privateKey: CryptoKey }
) {
	const request = new pkijs.TimeStampReq({ schema: asn1js.fromBER(toBuffer(query)).result });
	const tstInfo = new pkijs.TSTInfo({
		version: 1,
		policy: '1.3.6.1.4.1.55555.1.1',
		messageImprint: request.messageImprint,
		serialNumber: new asn1js.Integer({ value: serial++ }),
		genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
		...(request.nonce ? { nonce: request.nonce } : {})
	});
	const content = new Uint8Array(tstInfo.toSchema().toBER());
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', toBuffer(content)));
	const certHash = new Uint8Array(await crypto.subtle.digest('SHA-256', toBuffer(signer.der)));
	const { attributes } = buildSignedAttributes(digest, signer.certificate, certHash);
	// The content type of a token is id-ct-TSTInfo, not id-data.
	attributes.attributes.find((a) => a.type === '1.2.840.113549.1.9.3')!.values = [
		new asn1js.ObjectIdentifier({ value: TST_INFO })
	];
	const signedData = new pkijs.SignedData({
		version: 3,
		encapContentInfo: new pkijs.EncapsulatedContentInfo({
			eContentType: TST_INFO,
			eContent: new asn1js.OctetString({ valueHex: toBuffer(content) })
		}),
		signerInfos: [
			new pkijs.SignerInfo({
				version: 1,
				sid: new pkijs.IssuerAndSerialNumber({
					issuer: signer.certificate.issuer,
					serialNumber: signer.certificate.serialNumber
				}),
				signedAttrs: attributes
			})
		],
		certificates: [signer.certificate]
	});
	await signedData.sign(signer.privateKey, 0, 'SHA-256');
	const token = new pkijs.ContentInfo({
		contentType: '1.2.840.113549.1.7.2',
		content: signedData.toSchema(true)
	});
	const response = new pkijs.TimeStampResp({
		status: new pkijs.PKIStatusInfo({ status: 0 }),
		timeStampToken: token
	});
	return new Uint8Array(response.toSchema().toBER());
}

/** Starts the authority on `port` (0: any free port) of 127.0.0.1. */
export async function startTimestampAuthority(
	authority: TestAuthority,
	port = 0
): Promise<LocalTimestampAuthority> {
	const issued = await authority.issueTimestamping('Sellado de tiempo de PRUEBA — Mesa Abierta');
	const signer = {
		der: issued.certificate,
		certificate: new pkijs.Certificate({
			schema: asn1js.fromBER(toBuffer(issued.certificate)).result
		}),
		privateKey: issued.privateKey
	};
	const state = { requests: 0 };
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			answer(new Uint8Array(Buffer.concat(chunks)), signer)
				.then((body) => {
					state.requests++;
					res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
				})
				.catch(() => res.writeHead(400).end());
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.address();
	const actual = typeof address === 'object' && address ? address.port : port;
	return {
		url: `http://127.0.0.1:${actual}/tsa`,
		get requests() {
			return state.requests;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
