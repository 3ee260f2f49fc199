// Paraglide compiler options, shared by vite.config.ts and scripts/paraglide-compile.mjs.
/** @satisfies {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
  project: './project.inlang',
  outdir: './src/lib/paraglide',
  // Czech for everyone unless the language switcher set the cookie; no URL prefixes. The embeds
  // take theirs from ?lang= (custom-embed on the server; see src/hooks.*.ts).
  /** @type {import('@inlang/paraglide-js').CompilerOptions['strategy']} */
  strategy: ['custom-embed', 'cookie', 'baseLocale'],
};
