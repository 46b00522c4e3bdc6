import { getDatabase } from '$lib/server/db';
import { verifyHash } from '$lib/server/minutes/verification';
import type { PageServerLoad } from './$types';

// Public: the QR code of a PDF of minutes opens this page with the version's hash.
export const load: PageServerLoad = async (event) => ({
	result: await verifyHash(await getDatabase(), event.params.hash)
});
