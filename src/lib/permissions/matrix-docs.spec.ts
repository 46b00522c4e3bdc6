import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actions, permissionMatrix, roles, type Role } from './matrix';

/** The permission matrix as the Markdown table docs/PERMISSIONS.md must carry. */
function renderMatrixTable(): string {
	const header = `| action | ${roles.join(' | ')} |`;
	const rule = `| --- |${roles.map(() => ' :-: |').join('')}`;
	const rows = actions.map((action) => {
		const allowed = permissionMatrix[action] as readonly Role[];
		return `| \`${action}\` | ${roles.map((role) => (allowed.includes(role) ? '✓' : '—')).join(' | ')} |`;
	});
	return [header, rule, ...rows].join('\n');
}

/** Prettier pads Markdown tables; compare them without spaces and with dash runs folded. */
const normalize = (markdown: string) => markdown.replace(/ +/g, '').replace(/-+/g, '-');

describe('docs/PERMISSIONS.md', () => {
	it('shows the permission matrix exactly as the code has it', () => {
		const docs = readFileSync('docs/PERMISSIONS.md', 'utf8');
		const table = renderMatrixTable();
		expect(normalize(docs), `expected this table in docs/PERMISSIONS.md:\n\n${table}\n`).toContain(
			normalize(table)
		);
	});
});
