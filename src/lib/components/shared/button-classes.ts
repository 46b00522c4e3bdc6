/**
 * The look of every button and button-like link: one tap target of at least 44 px (WCAG 2.5.5),
 * one focus ring, three tones. Button.svelte uses it; a control that cannot be a Button (a
 * `<summary>`, a label styled as a button) takes the same classes from here.
 */
export type ButtonTone = 'primary' | 'secondary' | 'danger';
export type ButtonSize = 'md' | 'sm';

const base =
	'inline-flex min-h-11 items-center justify-center rounded-md text-center focus:outline-3 focus:outline-offset-2 focus:outline-teal-700 disabled:cursor-not-allowed disabled:opacity-60';

const tones: Record<ButtonTone, string> = {
	primary: 'bg-teal-800 font-semibold text-white hover:bg-teal-900',
	secondary: 'border border-teal-800 bg-white text-teal-900 hover:bg-teal-50',
	danger: 'border border-red-800 bg-white font-medium text-red-900 hover:bg-red-50'
};

const sizes: Record<ButtonSize, string> = {
	md: 'px-4 py-2',
	sm: 'px-3 py-2 text-sm'
};

/** The classes of a button of this tone and size. */
export function buttonClass(tone: ButtonTone = 'primary', size: ButtonSize = 'md'): string {
	const weight = tone === 'secondary' ? (size === 'sm' ? 'font-medium' : 'font-semibold') : '';
	return [base, tones[tone], sizes[size], weight].filter(Boolean).join(' ');
}
