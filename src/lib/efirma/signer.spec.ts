import { describe, expect, it, beforeAll } from 'vitest';
import { createTestAuthority, type TestAuthority } from '../../../server/demo-efirma-authority';
import { decryptSatKey, signDigestWithEfirma } from './signer';
import { parseCertificate, readCertificateIdentity, matchIdentity } from './certificate';

const ana = {
	name: 'Ana Pérez Ruiz',
	rfc: 'PERA800101AB1',
	curp: 'PERA800101MZSRZN09',
	password: 'clave-ana-1'
};
const digestHex = 'ab'.repeat(32);

describe('signing a digest with a SAT-shaped e.firma', () => {
	let authority: TestAuthority;
	beforeAll(async () => {
		authority = await createTestAuthority();
	});

	it('reads the RFC and CURP the SAT puts in the subject', async () => {
		const issued = await authority.issue(ana);
		const identity = readCertificateIdentity(parseCertificate(issued.cer));
		expect(identity).toMatchObject({ name: ana.name, rfc: ana.rfc, curp: ana.curp });
		expect(identity.serial).toBe(issued.serialNumber);
		expect(identity.issuer).toContain('PRUEBA');
	});

	it('decrypts the PKCS#8 key with its password and refuses a wrong one', async () => {
		const issued = await authority.issue(ana);
		expect(decryptSatKey(issued.key, ana.password)).toBeInstanceOf(Uint8Array);
		expect(decryptSatKey(issued.key, 'otra')).toBeNull();
		expect(decryptSatKey(new Uint8Array([1, 2, 3]), 'x')).toBe('not-a-key');
	});

	it('signs for the holder on record and refuses every other case with its reason', async () => {
		const issued = await authority.issue(ana);
		const base = {
			certificate: issued.cer,
			key: issued.key,
			password: ana.password,
			digestHex,
			holder: { rfc: ana.rfc, curp: ana.curp },
			now: new Date()
		};
		const signed = await signDigestWithEfirma(base);
		expect(signed.ok).toBe(true);
		expect((await signDigestWithEfirma({ ...base, password: 'mal' })).ok).toBe(false);
		expect(await signDigestWithEfirma({ ...base, password: 'mal' })).toEqual({
			ok: false,
			reason: 'wrong-password'
		});
		expect(
			await signDigestWithEfirma({ ...base, holder: { rfc: 'XAXX010101000', curp: ana.curp } })
		).toEqual({ ok: false, reason: 'rfc-mismatch' });
		expect(
			await signDigestWithEfirma({ ...base, holder: { rfc: ana.rfc, curp: 'XEXX010101HNEXXXA4' } })
		).toEqual({ ok: false, reason: 'curp-mismatch' });
		expect(await signDigestWithEfirma({ ...base, holder: null })).toEqual({
			ok: false,
			reason: 'no-identity-on-record'
		});
		expect(
			await signDigestWithEfirma({ ...base, now: new Date(Date.now() + 20 * 365 * 86400000) })
		).toEqual({ ok: false, reason: 'certificate-expired' });
		const other = await authority.issue({ ...ana, password: 'x' });
		expect(await signDigestWithEfirma({ ...base, key: other.key, password: 'x' })).toEqual({
			ok: false,
			reason: 'key-certificate-mismatch'
		});
	});

	it('matches identities case- and space-insensitively', () => {
		expect(
			matchIdentity(
				{ rfc: 'pera800101ab1', curp: ana.curp },
				{ rfc: ' PERA800101AB1 ', curp: ana.curp.toLowerCase() }
			)
		).toEqual({ ok: true });
	});
});
