/**
 * How a signed-in person appears to the others in a co-edited document (the carets of the
 * minutes): their account's name and a colour fixed by their account. The Yjs server writes this
 * into every presence state a connection sends, from the login behind the connection
 * (server/Connection.ts), so nobody can appear under someone else's name; the page gives the
 * editor the same, so a person's own caret looks as the others see it.
 */

/** What the others see of a person's presence: the `user` field of their awareness state. */
export interface PresenceUser {
	name: string;
	color: string;
}

// Dark enough for white caret labels (WCAG AA on 0.75rem bold).
const CARET_COLORS = [
	'#0f5c5c',
	'#7c2d12',
	'#3f3f8f',
	'#6b21a8',
	'#166534',
	'#9f1239',
	'#1e3a8a',
	'#713f12'
];

/** The presence of an account, from its id (a UUID) and name. */
export function presenceOf(user: { id: string; name: string }): PresenceUser {
	const color = CARET_COLORS[parseInt(user.id.slice(0, 8), 16) % CARET_COLORS.length] ?? '#0f5c5c';
	return { name: user.name, color };
}
