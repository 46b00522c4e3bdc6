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
		// The origin check on form posts stays on (the default): no `csrf.checkOrigin: false` here.
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
