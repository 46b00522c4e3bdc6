import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		// Runes everywhere in our code; libraries keep their own mode.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Svelte transitions and Tailwind's runtime-free CSS still set inline style attributes.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		// The origin check on form posts is made in src/lib/server/request-refusals.ts instead, the
		// same check, so that a refused post is told in the person's language on their page; kit's own
		// check answers before any hook, in English plain text.
		csrf: { trustedOrigins: ['*'] },
		typescript: {
			config: (config) => {
				config.include.push(
					'../server/**/*.ts',
					'../tests/**/*.ts',
					'../bench/**/*.ts',
					'../scripts/**/*.js'
				);
				config.include.push('../drizzle.config.ts', '../playwright.config.ts');
				return config;
			}
		}
	}
};

export default config;
