// The OpenAPI 3.1 document of the open-data API, generated from the operation table and the
// zod schemas (zod's own JSON Schema output, which is the dialect OpenAPI 3.1 uses).
import { z } from 'zod';
import { API_BASE, OPEN_DATA_CACHE_SECONDS, OPEN_DATA_LIMIT, OPERATIONS } from './operations.ts';
import { BILINGUAL_SEPARATOR, errorSchema, openDataComponents } from './schemas.ts';

export type JsonSchema = z.core.JSONSchema.JSONSchema;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content: { 'application/json': { schema: JsonSchema } };
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  parameters: OpenApiParameter[];
  responses: Record<string, OpenApiResponse>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  externalDocs: { url: string; description: string };
  paths: Record<string, { get: OpenApiOperation }>;
  components: { schemas: Record<string, JsonSchema> };
}

export const OPEN_DATA_VERSION = '1.0.0';

const both = (text: { cs: string; en: string }) => `${text.cs}${BILINGUAL_SEPARATOR}${text.en}`;
const componentUri = (id: string) => `#/components/schemas/${id}`;

/** JSON Schema 2020-12, without noise: a format (uuid, date-time) says what its regex would. */
const jsonSchemaOptions = {
  target: 'draft-2020-12',
  override: ({ jsonSchema }) => {
    if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
    // z.int()'s safe-integer bounds say nothing a reader needs.
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  },
} satisfies z.core.ToJSONSchemaParams;

function refTo(schema: z.ZodType): JsonSchema {
  const id = openDataComponents.get(schema)?.id;
  if (!id) throw new Error('open data: a response schema is not a registered component');
  return { $ref: componentUri(id) };
}

function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(openDataComponents, {
    ...jsonSchemaOptions,
    io: 'output',
    uri: componentUri,
  });
  // Components live inside the document: no $schema or $id of their own.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );
}

function parameters(schema: z.ZodObject, where: OpenApiParameter['in']): OpenApiParameter[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = z.toJSONSchema(field, {
      ...jsonSchemaOptions,
      io: 'input',
      unrepresentable: 'any',
    });
    const { $schema: _dialect, description, ...rest } = json;
    return {
      name,
      in: where,
      required: where === 'path' || !z.safeParse(field, undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } });
const plainHeader = (cs: string, en?: string) => ({
  description: en ? both({ cs, en }) : cs,
  schema: { type: 'string' } as JsonSchema,
});

function responses(op: (typeof OPERATIONS)[keyof typeof OPERATIONS]) {
  const error = (cs: string, en: string): OpenApiResponse => ({
    description: both({ cs, en }),
    content: jsonContent(refTo(errorSchema)),
  });
  const out: Record<string, OpenApiResponse> = {
    '200': {
      description: both(op.summary),
      headers: {
        'Cache-Control': plainHeader(`public, max-age=${OPEN_DATA_CACHE_SECONDS}`),
        ETag: plainHeader(
          'Pro podmíněné dotazy (If-None-Match → 304)',
          'For conditional requests (If-None-Match → 304)',
        ),
      },
      content: jsonContent(refTo(op.response)),
    },
    '400': error(
      'Neplatné parametry (podrobnosti podle parametru)',
      'Invalid parameters (details per parameter)',
    ),
  };
  if (op.single) out['404'] = error('Nic takového není', 'No such thing');
  out['429'] = {
    ...error('Příliš mnoho dotazů z jedné adresy', 'Too many requests from one address'),
    headers: { 'Retry-After': plainHeader('Za kolik sekund to zkusit znovu', 'Seconds to wait') },
  };
  return out;
}

/** The API's rules, in Markdown paragraphs (also on the docs page). */
export const DESCRIPTION = {
  cs: [
    'Data zasedání města pro každého, bez přihlášení: zasedání, program, hostitelé, záznamy a přepisy, archiv a hledání v něm, veřejné dotazy s odpověďmi a výsledky uzavřených anket.',
    `Jen čtení (GET, HEAD). CORS je otevřený (\`Access-Control-Allow-Origin: *\`, bez cookies). Odpovědi mají \`Cache-Control: public, max-age=${OPEN_DATA_CACHE_SECONDS}\` a ETag. Z jedné adresy nejvýše ${OPEN_DATA_LIMIT.points} dotazů za ${OPEN_DATA_LIMIT.duration} s, pak 429 s \`Retry-After\`. Časy jsou ISO 8601 v UTC; adresy (\`…Url\`, \`links\`) jsou cesty na tomto serveru. Chyby mají tvar \`{ "error": { "code", "message", "details" } }\`; zprávy česky, anglicky s \`Accept-Language: en\`.`,
  ],
  en: [
    'The town’s session data for anyone, without logging in: sessions, agendas, hosts, recordings and transcripts, the archive and its search, public questions with answers, and the results of closed polls.',
    `Read only (GET, HEAD). CORS is open (\`Access-Control-Allow-Origin: *\`, no cookies). Responses carry \`Cache-Control: public, max-age=${OPEN_DATA_CACHE_SECONDS}\` and an ETag. At most ${OPEN_DATA_LIMIT.points} requests per ${OPEN_DATA_LIMIT.duration} s from one address, then 429 with \`Retry-After\`. Times are ISO 8601 in UTC; addresses (\`…Url\`, \`links\`) are paths on this server. Errors look like \`{ "error": { "code", "message", "details" } }\`; messages in Czech, in English with \`Accept-Language: en\`.`,
  ],
};

export function openApiDocument(townName: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const [operationId, op] of Object.entries(OPERATIONS)) {
    paths[op.path] = {
      get: {
        operationId,
        summary: `${op.summary.cs} / ${op.summary.en}`,
        description: both(op.description),
        parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
        responses: responses(op),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${townName}: otevřená data / open data`,
      version: OPEN_DATA_VERSION,
      description: [...DESCRIPTION.cs, ...DESCRIPTION.en].join(BILINGUAL_SEPARATOR),
    },
    servers: [{ url: API_BASE, description: both({ cs: 'Tento server', en: 'This server' }) }],
    externalDocs: {
      url: '/api/docs',
      description: both({ cs: 'Dokumentace pro lidi', en: 'Documentation for people' }),
    },
    paths,
    components: { schemas: componentSchemas() },
  };
}
