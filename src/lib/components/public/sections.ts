/**
 * The seven sections of a body's public site (RULES.md "The public website's sections" a–g), in
 * order, with their Spanish paths under /publico/<slug>.
 */
import { resolve } from '$app/paths';
import { m } from '$lib/paraglide/messages';

export const publicSections = [
	{
		path: 'secretariado',
		href: (slug: string) => resolve('/publico/[slug]/secretariado', { slug }),
		title: m.public_section_body,
		summary: m.public_section_body_summary
	},
	{
		path: 'agenda',
		href: (slug: string) => resolve('/publico/[slug]/agenda', { slug }),
		title: m.public_section_agenda,
		summary: m.public_section_agenda_summary
	},
	{
		path: 'contacto',
		href: (slug: string) => resolve('/publico/[slug]/contacto', { slug }),
		title: m.public_section_contact,
		summary: m.public_section_contact_summary
	},
	{
		path: 'datos',
		href: (slug: string) => resolve('/publico/[slug]/datos', { slug }),
		title: m.public_section_data,
		summary: m.public_section_data_summary
	},
	{
		path: 'enlaces',
		href: (slug: string) => resolve('/publico/[slug]/enlaces', { slug }),
		title: m.public_section_links,
		summary: m.public_section_links_summary
	},
	{
		path: 'buzon',
		href: (slug: string) => resolve('/publico/[slug]/buzon', { slug }),
		title: m.public_section_requests,
		summary: m.public_section_requests_summary
	},
	{
		path: 'participa',
		href: (slug: string) => resolve('/publico/[slug]/participa', { slug }),
		title: m.public_section_join,
		summary: m.public_section_join_summary
	}
] as const;
