// The embeds' language from their URL, in the browser as on the server (hooks.server.ts).
// Not as a paraglide strategy here: paraglide's first getLocale() stores what it resolved in
// the language cookie, and a widget with ?lang=en would switch the whole site to English.
import { embedLocale } from '$lib/embed/locale';
import { overwriteGetLocale } from '$lib/paraglide/runtime';

const widgetLocale = embedLocale(new URL(window.location.href));
// A widget never navigates to the site's other pages (its links open new tabs).
if (widgetLocale) overwriteGetLocale(() => widgetLocale);
