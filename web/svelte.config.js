import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true,
  },
  kit: {
    // The server mounts build/handler.js inside its express app (see server/src/http).
    adapter: adapter({ out: 'build' }),
  },
};

export default config;
