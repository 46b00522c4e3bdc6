import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { readFormData } from '$lib/server/forms';
import {
	checkEventLogFile,
	MAX_MEETINGS_PER_FILE
} from '$lib/server/meetings/event-log-verification';
import type { Actions } from './$types';

const MAX_BYTES = 20 * 1024 * 1024;

// Public: anyone may check a downloaded sealed record of a session (JSON or CSV) against its
// chain and against the head sealed into the meeting's frozen minutes.
export const actions: Actions = {
	default: async (event) => {
		const form = await readFormData(event.request);
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0 || file.size > MAX_BYTES)
			return fail(400, { message: m.verify_log_file_required() });
		const checked = await checkEventLogFile(await getDatabase(), await file.text());
		if (!checked.ok)
			return fail(400, {
				message:
					checked.reason === 'empty'
						? m.verify_log_empty()
						: checked.reason === 'too-many'
							? m.verify_log_too_many({ max: MAX_MEETINGS_PER_FILE })
							: m.verify_log_unreadable()
			});
		return { meetings: checked.meetings };
	}
};
