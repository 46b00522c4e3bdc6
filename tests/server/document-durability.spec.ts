/**
 * The co-edited documents survive the server: an update acknowledged as saved is in the database,
 * and after a kill -9 and a restart a new client receives it. Runs the built app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createBodyWithFacilitator,
	createMinutesRoom,
	signUpFirstAccount,
	startApp,
	type AppProcess
} from '../support/app-process';
import { connectMinutes as connect, waitFor } from '../support/yjs-client';

describe('documents across a crash', () => {
	let app: AppProcess;
	let cookie: string;
	let slug: string;

	beforeAll(async () => {
		app = await startApp();
		cookie = await signUpFirstAccount(app);
		slug = await createBodyWithFacilitator(app, cookie);
	});
	afterAll(async () => {
		if (app.child.exitCode === null && app.child.signalCode === null) await app.stop();
	});

	it('acknowledges a change only once stored, and a kill -9 loses none of the acknowledged ones', async () => {
		const room = await createMinutesRoom(app, cookie, slug);
		const writer = connect(app, cookie, room);
		await waitFor(() => writer.provider.synced, 10_000, 'writer synced');
		writer.doc.getText('acta').insert(0, 'Acuerdo 1: se aprueba el orden del día.');
		await waitFor(writer.isSaved, 10_000, 'first save');
		writer.doc.getText('acta').insert(0, 'Sesión ordinaria. ');
		await waitFor(writer.isSaved, 10_000, 'second save');
		writer.provider.destroy();

		await app.stop('SIGKILL', { keepData: true });
		app = await startApp({}, [], { dataDir: app.dataDir });

		const reader = connect(app, cookie, room);
		try {
			await waitFor(() => reader.provider.synced, 10_000, 'reader synced after restart');
			expect(reader.doc.getText('acta').toString()).toBe(
				'Sesión ordinaria. Acuerdo 1: se aprueba el orden del día.'
			);
		} finally {
			reader.provider.destroy();
		}
	});
});
