/**
 * Control characters in what people type. PostgreSQL cannot store a NUL in text at all (the
 * statement fails), and the other C0/C1 controls only arrive from a pasted binary or a forged post;
 * tab, line feed and carriage return are ordinary typing and stay allowed. Every posted text field
 * is checked here (parseForm and formText in $lib/server/forms), so a stray control character is
 * a field error in the person's language instead of a failed statement.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Whether a typed text holds a control character other than tab, line feed or carriage return. */
export function hasControlCharacters(value: string): boolean {
	return CONTROL_CHARACTER.test(value);
}

/** The names of a posted form's text fields that hold control characters, each once. */
export function findControlCharacterFields(entries: Iterable<[string, unknown]>): string[] {
	const fields = new Set<string>();
	for (const [name, value] of entries)
		if (typeof value === 'string' && hasControlCharacters(value)) fields.add(name);
	return [...fields];
}
