import { describe, expect, it } from 'vitest';
import { checkConvener } from './convener';

const guarantorBody = { convenedBy: 'guarantor' as const };
const facilitatorBody = { convenedBy: 'facilitator' as const };

describe('checkConvener', () => {
	it.each([
		[
			'the guarantor seat titular issues (Z art. 11 I)',
			guarantorBody,
			['titular'],
			['guarantor'],
			'issue',
			true
		],
		[
			'the guarantor seat substitute issues',
			guarantorBody,
			['substitute'],
			['guarantor'],
			'issue',
			true
		],
		[
			'another seat titular may not issue',
			guarantorBody,
			['titular'],
			['executive'],
			'issue',
			false
		],
		[
			'another seat titular may not draft',
			guarantorBody,
			['titular'],
			['executive'],
			'draft',
			false
		],
		[
			'the facilitator drafts where the guarantor convenes (Z art. 9)',
			guarantorBody,
			['facilitator'],
			[],
			'draft',
			true
		],
		[
			'the facilitator does not issue where the guarantor convenes',
			guarantorBody,
			['facilitator'],
			[],
			'issue',
			false
		],
		[
			'the facilitator issues where the rules say so (T VI.2)',
			facilitatorBody,
			['facilitator'],
			[],
			'issue',
			true
		],
		[
			'the guarantor does not issue where the facilitator convenes',
			facilitatorBody,
			['titular'],
			['guarantor'],
			'issue',
			false
		],
		[
			'a secretariat admin issues on the convener’s behalf',
			guarantorBody,
			['secretariat-admin'],
			[],
			'issue',
			true
		],
		[
			'an instance admin issues on the convener’s behalf',
			facilitatorBody,
			['instance-admin'],
			[],
			'issue',
			true
		],
		['a companion never convenes', facilitatorBody, ['companion'], [], 'draft', false],
		['an observer never convenes', guarantorBody, ['observer'], [], 'issue', false]
	] as const)('%s', (_name, rules, roles, sectors, act, allowed) => {
		expect(checkConvener(rules, { roles, seatSectors: sectors }, act).ok).toBe(allowed);
	});
	it('says why it refuses', () => {
		expect(checkConvener(guarantorBody, { roles: ['titular'], seatSectors: [] }, 'issue')).toEqual({
			ok: false,
			reason: 'not-convener'
		});
	});
});
