// /api/docs: the OpenAPI document rendered as one self-contained, accessible HTML page
// (no scripts, no external resources): every operation with its parameters and response,
// then every schema with its fields.
import { API_BASE, OPERATIONS, type OperationId } from './operations.ts';
import { DESCRIPTION, type JsonSchema, type OpenApiDocument } from './openapi.ts';
import { BILINGUAL_SEPARATOR } from './schemas.ts';

const esc = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Escaped, with `code` spans of the Markdown descriptions. */
const inline = (text: string) => esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** A bilingual description: Czech, then the English part marked as such. */
function bilingual(description: string | undefined, tag: 'p' | 'span' = 'p'): string {
  if (!description) return '';
  const [cs = '', ...en] = description.split(BILINGUAL_SEPARATOR);
  const english = en.length
    ? `${tag === 'span' ? '<br>' : ''}<${tag} lang="en" class="en">${inline(en.join(' '))}</${tag}>`
    : '';
  return `<${tag}>${inline(cs)}</${tag}>${english}`;
}

const schemaAnchor = (id: string) => `schema-${id}`;
const refName = (ref: string) => ref.split('/').at(-1) ?? ref;

/** The type of a schema in a few words, with links to named schemas. */
function typeOf(schema: JsonSchema): string {
  if (schema.$ref) {
    const id = refName(schema.$ref);
    return `<a href="#${schemaAnchor(id)}">${esc(id)}</a>`;
  }
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.enum) return schema.enum.map((v) => `<code>${esc(String(v))}</code>`).join(' | ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const named = types.map((type) => {
    if (type === 'array') {
      if (schema.prefixItems) {
        return `[${schema.prefixItems.map((s) => (typeof s === 'object' ? typeOf(s) : '')).join(', ')}]`;
      }
      const items =
        typeof schema.items === 'object' && !Array.isArray(schema.items) ? schema.items : {};
      return `pole / array of ${typeOf(items)}`;
    }
    if (type === 'object' && typeof schema.additionalProperties === 'object') {
      return `{ string: ${typeOf(schema.additionalProperties)} }`;
    }
    if (type === 'string' && schema.format) return `string (${esc(schema.format)})`;
    return esc(type);
  });
  return named.join(' | ') || 'any';
}

interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string | undefined;
}

/** An inline object inside a property (possibly nullable, possibly in an array), to flatten. */
function inlineObject(schema: JsonSchema): { schema: JsonSchema; suffix: string } | null {
  const plain = schema.anyOf?.find((s) => s.type !== 'null') ?? schema;
  if (plain.properties) return { schema: plain, suffix: '.' };
  const items = plain.type === 'array' ? plain.items : undefined;
  if (items && typeof items === 'object' && !Array.isArray(items) && items.properties) {
    return { schema: items, suffix: '[].' };
  }
  return null;
}

function fieldRows(schema: JsonSchema, prefix = ''): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const [name, value] of Object.entries(schema.properties ?? {})) {
    if (typeof value !== 'object') continue;
    rows.push({
      name: prefix + name,
      type: typeOf(value),
      required: schema.required?.includes(name) ?? false,
      description: value.description,
    });
    const nested = inlineObject(value);
    if (nested) rows.push(...fieldRows(nested.schema, `${prefix}${name}${nested.suffix}`));
  }
  return rows;
}

const yesNo = (value: boolean) =>
  value ? 'ano <span lang="en">(yes)</span>' : 'ne <span lang="en">(no)</span>';

function fieldTable(caption: string, rows: FieldRow[]): string {
  const body = rows
    .map(
      (row) =>
        `<tr><th scope="row"><code>${esc(row.name)}</code></th><td>${row.type}</td>` +
        `<td>${yesNo(row.required)}</td><td>${bilingual(row.description, 'span')}</td></tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table>
<caption class="vh">${caption}</caption>
<thead><tr><th scope="col">Pole <span lang="en">(field)</span></th><th scope="col">Typ <span lang="en">(type)</span></th><th scope="col">Vždy <span lang="en">(required)</span></th><th scope="col">Popis <span lang="en">(description)</span></th></tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}

function operationSection(path: string, get: OpenApiDocument['paths'][string]['get']): string {
  const op = OPERATIONS[get.operationId as OperationId];
  const url = `${API_BASE}${path}`;
  const anchor = `op-${get.operationId}`;
  const params = get.parameters.length
    ? `<div class="scroll"><table>
<caption class="vh">Parametry <span lang="en">(parameters)</span>: <code>GET ${esc(url)}</code></caption>
<thead><tr><th scope="col">Název <span lang="en">(name)</span></th><th scope="col">Kde <span lang="en">(in)</span></th><th scope="col">Typ <span lang="en">(type)</span></th><th scope="col">Povinný <span lang="en">(required)</span></th><th scope="col">Popis <span lang="en">(description)</span></th></tr></thead>
<tbody>
${get.parameters
  .map(
    (p) =>
      `<tr><th scope="row"><code>${esc(p.name)}</code></th><td>${p.in}</td><td>${typeOf(p.schema)}</td>` +
      `<td>${yesNo(p.required)}</td><td>${bilingual(p.description, 'span')}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table></div>`
    : '<p>Bez parametrů. <span lang="en">No parameters.</span></p>';
  const responses = Object.entries(get.responses)
    .map(([status, response]) => {
      const ref = response.content['application/json'].schema.$ref;
      const shape = ref ? typeOf({ $ref: ref }) : '';
      return `<li><strong>${status}</strong>: ${shape} ${bilingual(response.description, 'span')}</li>`;
    })
    .join('\n');
  const example = get.parameters.some((p) => p.in === 'path')
    ? ''
    : `<p>Zkusit <span lang="en">(try it)</span>: <a href="${esc(url)}"><code>GET ${esc(url)}</code></a></p>`;
  return `<section aria-labelledby="${anchor}">
<h3 id="${anchor}"><code>GET ${esc(url)}</code> — ${esc(op.summary.cs)} <span lang="en" class="en">(${esc(op.summary.en)})</span></h3>
<p>${esc(op.description.cs)}</p>
<p lang="en" class="en">${esc(op.description.en)}</p>
${example}
<h4>Parametry <span lang="en">(parameters)</span></h4>
${params}
<h4>Odpovědi <span lang="en">(responses)</span></h4>
<ul>
${responses}
</ul>
</section>`;
}

function schemaSection(id: string, schema: JsonSchema): string {
  return `<section aria-labelledby="${schemaAnchor(id)}">
<h3 id="${schemaAnchor(id)}">${esc(id)}</h3>
${bilingual(schema.description)}
${fieldTable(`Pole schématu <span lang="en">(fields of)</span> ${esc(id)}`, fieldRows(schema))}
</section>`;
}

const STYLE = `
:root { color-scheme: light; --fg: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b4f8a; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
.wrap { max-width: 68rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; }
h1 { font-size: 1.9rem; margin: .5rem 0; }
h2 { font-size: 1.45rem; margin-top: 2.5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.15rem; margin-top: 2rem; overflow-wrap: anywhere; }
h4 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.en { color: var(--muted); }
code { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; font-size: .92em; background: #f2f2f2; padding: 0 .2em; border-radius: 3px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
/* For screen readers only: the heading above says it to sighted readers. */
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f5f5f5; }
tbody th { font-weight: normal; white-space: nowrap; }
`;

export function docsPage(doc: OpenApiDocument, townName: string): string {
  const ops = Object.entries(doc.paths);
  const schemas = Object.entries(doc.components.schemas);
  const paragraphs = (texts: string[], lang?: 'en') =>
    texts.map((t) => `<p${lang ? ` lang="${lang}" class="en"` : ''}>${inline(t)}</p>`).join('\n');
  return `<!doctype html>
<html lang="cs">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Otevřená data: API — ${esc(townName)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#obsah">Přeskočit na obsah</a>
<div class="wrap">
<header>
<p>${esc(townName)} · Náměstí</p>
<h1>Otevřená data: veřejné API <span lang="en" class="en">(open data: public API)</span></h1>
</header>
<nav aria-labelledby="toc">
<h2 id="toc">Obsah <span lang="en">(contents)</span></h2>
<ul>
<li><a href="#pravidla">Jak API používat <span lang="en">(how to use it)</span></a></li>
<li><a href="#operace">Operace <span lang="en">(operations)</span></a>
<ul>
${ops.map(([path, { get }]) => `<li><a href="#op-${get.operationId}"><code>GET ${esc(API_BASE + path)}</code></a></li>`).join('\n')}
</ul></li>
<li><a href="#schemata">Schémata <span lang="en">(schemas)</span></a></li>
</ul>
</nav>
<main id="obsah">
<section aria-labelledby="pravidla">
<h2 id="pravidla">Jak API používat <span lang="en">(how to use it)</span></h2>
${paragraphs(DESCRIPTION.cs)}
${paragraphs(DESCRIPTION.en, 'en')}
<p>Strojově čitelný popis <span lang="en">(machine-readable description)</span>: <a href="/api/openapi.json"><code>/api/openapi.json</code></a> (OpenAPI ${esc(doc.openapi)}, verze <span lang="en">(version)</span> ${esc(doc.info.version)}).</p>
</section>
<section aria-labelledby="operace">
<h2 id="operace">Operace <span lang="en">(operations)</span></h2>
${ops.map(([path, { get }]) => operationSection(path, get)).join('\n')}
</section>
<section aria-labelledby="schemata">
<h2 id="schemata">Schémata <span lang="en">(schemas)</span></h2>
${schemas.map(([id, schema]) => schemaSection(id, schema)).join('\n')}
</section>
</main>
</div>
</body>
</html>
`;
}
