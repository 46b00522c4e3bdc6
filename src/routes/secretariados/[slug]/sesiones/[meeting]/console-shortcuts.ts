/**
 * The facilitator console's keyboard shortcuts: S next item, A previous item, D give the floor to
 * the first person waiting (the clock starts), T end the turn (the clock stops). Letters of the
 * Spanish words (Siguiente, Anterior, Dar, Terminar), shown in the console's legend. A key typed
 * into the minutes, a field or a dialog, or with a modifier, is the person's, never a shortcut.
 */

export type ConsoleShortcut = 'next' | 'previous' | 'grant-floor' | 'finish-floor';

export const CONSOLE_SHORTCUTS: readonly { key: string; target: ConsoleShortcut }[] = [
	{ key: 's', target: 'next' },
	{ key: 'a', target: 'previous' },
	{ key: 'd', target: 'grant-floor' },
	{ key: 't', target: 'finish-floor' }
];

const TYPING =
	'input, textarea, select, [contenteditable]:not([contenteditable="false"]), dialog[open]';

/** The shortcut a key press asks for, or null when it is typing or not a shortcut. */
export function consoleShortcut(event: {
	key: string;
	altKey: boolean;
	ctrlKey: boolean;
	metaKey: boolean;
	repeat: boolean;
	target: EventTarget | null;
}): ConsoleShortcut | null {
	if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return null;
	const target = event.target as Element | null;
	if (target && typeof target.closest === 'function' && target.closest(TYPING)) return null;
	return CONSOLE_SHORTCUTS.find((s) => s.key === event.key.toLowerCase())?.target ?? null;
}
