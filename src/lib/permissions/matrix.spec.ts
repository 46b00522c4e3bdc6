import { describe, expect, it } from 'vitest';
import { actions, can, permissionMatrix, roles, type Action, type Role } from './matrix';

describe('the permission matrix', () => {
	it('names only known roles', () => {
		for (const action of actions)
			for (const role of permissionMatrix[action]) expect(roles).toContain(role);
	});

	it.each(actions)('%s: allows exactly its roles, each alone', (action) => {
		for (const role of roles) {
			expect(can([role], action), `${role} on ${action}`).toBe(
				(permissionMatrix[action] as readonly Role[]).includes(role)
			);
		}
	});

	const nobodyButVoters: Action[] = ['ballot.cast', 'motion.object'];
	it.each(nobodyButVoters)(
		'%s is for seat holders only: never the facilitator, companions, guests, observers, the public or admins',
		(action) => {
			for (const role of [
				'facilitator',
				'companion',
				'guest',
				'observer',
				'public',
				'instance-admin',
				'secretariat-admin'
			] as Role[]) {
				expect(can([role], action)).toBe(false);
			}
			expect(can(['titular'], action)).toBe(true);
			expect(can(['substitute'], action)).toBe(true);
		}
	);

	it('gives observers and the public the minutes to read but never to edit', () => {
		for (const role of ['observer', 'public'] as Role[]) {
			expect(can([role], 'minutes.read')).toBe(true);
			expect(can([role], 'minutes.edit')).toBe(false);
		}
	});

	it('lets anyone with voice edit the minutes and ask for the floor', () => {
		for (const role of ['facilitator', 'titular', 'substitute', 'companion', 'guest'] as Role[]) {
			expect(can([role], 'minutes.edit')).toBe(true);
			expect(can([role], 'floor.request')).toBe(true);
		}
	});

	it('combines roles: a facilitator who is also secretariat admin may edit rules and run votes', () => {
		expect(can(['facilitator', 'secretariat-admin'], 'secretariat.edit-rules')).toBe(true);
		expect(can(['facilitator', 'secretariat-admin'], 'vote.open-close')).toBe(true);
		expect(can([], 'secretariat.view')).toBe(false);
	});
});
