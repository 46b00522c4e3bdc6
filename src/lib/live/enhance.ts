import { applyAction, enhance } from '$app/forms';
import { invalidateAll } from '$app/navigation';

/**
 * SvelteKit's `enhance` for the live room's forms: a tap is answered with its success or its
 * refusal only, and a success does not reload the page's data — the live room already brings the
 * new state to every screen, this one included (issue 12: the reload was half of a tap's work on
 * the server). Only an answer that says `reload` (a change of what the page loaded besides the
 * live state: the removal proposals, the people of the body) reloads it.
 *
 * It also leaves the focus where the person has moved it. Applying a successful action resets the
 * focus and the text selection to the page, as a navigation would; in the room that landed
 * mid-sentence in the minutes when a tap answered late ("Terminar la intervención", then typing)
 * and the rest of the sentence went nowhere. So when the focus has left the submitted form once
 * the answer is in, a success is not applied; otherwise, and for every failure, SvelteKit's own
 * steps run (failures do not move the focus, and show their message).
 */
export function enhanceKeepingFocus(form: HTMLFormElement): ReturnType<typeof enhance> {
	return enhance(form, () => async ({ result, update }) => {
		if (result.type !== 'success') return update();
		form.reset();
		if (result.data?.reload === true) await invalidateAll();
		// Decided once the answer (and any reload) is in: that is when people click elsewhere.
		const focus = document.activeElement;
		const movedOn = focus !== null && focus !== document.body && !form.contains(focus);
		if (!movedOn) await applyAction(result);
	});
}
