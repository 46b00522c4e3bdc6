/**
 * Puts back what a person typed or chose before the app hydrated (noted by the inline script in
 * src/app.html), so that hydration never resets a field (issue 10); then marks the document as
 * hydrated (`<html data-hydrated>`), which the end-to-end tests wait for instead of racing it.
 */
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface TypedBeforeHydration {
	typed: Map<Field, string | boolean>;
	stop(): void;
}

declare global {
	interface Window {
		__typedBeforeHydration?: TypedBeforeHydration;
	}
}

export function restoreTypedBeforeHydration(): void {
	const noted = window.__typedBeforeHydration;
	delete window.__typedBeforeHydration;
	if (noted) {
		noted.stop();
		for (const [field, value] of noted.typed) {
			if (!field.isConnected) continue;
			// Dispatched like the person's own input, so bindings and handlers see it too.
			if (typeof value === 'boolean' && field instanceof HTMLInputElement) {
				if (field.checked === value) continue;
				field.checked = value;
				field.dispatchEvent(new Event('change', { bubbles: true }));
			} else if (typeof value === 'string') {
				// Even when hydration kept the value: the handlers attached by hydration never saw
				// it (the sessions form's live warning of a date too soon for the notice, say).
				if (field.value !== value) field.value = value;
				field.dispatchEvent(new Event('input', { bubbles: true }));
				field.dispatchEvent(new Event('change', { bubbles: true }));
			}
		}
	}
	document.documentElement.dataset.hydrated = '';
}
