// The parts of an OpenAPI 3.1 document the reference page reads (server/api/openapi.ts makes it).

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  default?: unknown;
};

export type Parameter = { in: string; name: string; required?: boolean; description?: string; schema?: JsonSchema };
export type MediaContent = Record<string, { schema?: JsonSchema }>;

export type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  "x-scope"?: string;
  parameters?: Parameter[];
  requestBody?: { content?: MediaContent };
  responses?: Record<string, { description?: string; content?: MediaContent }>;
};

export type OpenApiJson = {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

/** The schema a `$ref` names ("#/components/schemas/Money"), and its name. */
export function resolveSchema(doc: OpenApiJson, schema: JsonSchema): { name: string | null; schema: JsonSchema } {
  const name = schema.$ref?.replace("#/components/schemas/", "") ?? null;
  return { name, schema: name ? (doc.components?.schemas?.[name] ?? {}) : schema };
}

/** "string", "string | null", "array of Money", "USD | EUR"… as a reader would say it. */
export function typeLabel(doc: OpenApiJson, schema: JsonSchema): string {
  if (schema.$ref) return resolveSchema(doc, schema).name ?? "object";
  if (schema.enum) return schema.enum.map(String).join(" | ");
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map((v) => typeLabel(doc, v)).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "any"];
  return types.map((t) => (t === "array" && schema.items ? `array of ${typeLabel(doc, schema.items)}` : t === "string" && schema.format ? `string (${schema.format})` : t)).join(" | ");
}
