import { takeRefusalMessage } from '$lib/server/request-refusals';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, cookies }) => ({
	user: locals.user
		? { name: locals.user.name, isInstanceAdmin: locals.user.isInstanceAdmin }
		: null,
	// A post refused as a whole and redirected here (request-refusals.ts): shown once.
	refusal: takeRefusalMessage(cookies)
});
