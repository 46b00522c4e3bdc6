import { applyAction, enhance } from '$app/forms';
import { invalidateAll } from '$app/navigation';

/**
 * SvelteKit's `enhance` for the live room's forms, leaving the focus where the person has moved it.
 * Applying a successful action resets the focus and the text selection to the page, as a
 * navigation would; in the room that landed mid-sentence in the minutes when a tap answered late
 * ("Terminar la intervención", then typing) and the rest of the sentence went nowhere. So when the
 * focus has left the submitted form once the answer is in, a success only reloads the data (the
 * room's state arrives live anyway); otherwise, and for every failure, SvelteKit's own steps run
 * (failures do not move the focus, and show their message).
 */
export function enhanceKeepingFocus(form: HTMLFormElement): ReturnType<typeof enhance> {
	return enhance(form, () => async ({ result, update }) => {
		if (result.type !== 'success') return update();
		form.reset();
		await invalidateAll();
		// Decided after the reload, which can take a moment: that is when people click elsewhere.
		const focus = document.activeElement;
		const movedOn = focus !== null && focus !== document.body && !form.contains(focus);
		if (!movedOn) await applyAction(result);
	});
}
