// Adds or replaces UI messages in both locales at once, so parallel edits never clobber
// each other's keys: node scripts/add-messages.mjs file.json  (or - for stdin)
// The input is { "key": { "cs": "…", "en": "…" }, … }.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const source = process.argv[2] ?? '-';
const input = JSON.parse(readFileSync(source === '-' ? 0 : source, 'utf8'));
for (const locale of ['cs', 'en']) {
  const path = new URL(`../web/messages/${locale}.json`, import.meta.url);
  const messages = JSON.parse(readFileSync(path, 'utf8'));
  for (const [key, texts] of Object.entries(input)) {
    if (texts?.[locale] === undefined) throw new Error(`${key}: missing ${locale}`);
    messages[key] = texts[locale];
  }
  writeFileSync(path, JSON.stringify(messages, null, 2) + '\n');
}
// Prettier lays out arrays (plural variants) its own way; keep the files as `format:check` wants.
execFileSync('npx', ['prettier', '--write', 'web/messages'], {
  cwd: new URL('..', import.meta.url),
  stdio: 'ignore',
});
console.log(`added ${Object.keys(input).length} messages`);
