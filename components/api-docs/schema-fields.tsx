import { resolveSchema, typeLabel, type JsonSchema, type OpenApiJson } from "./openapi-types";

/** The object a schema describes (through a $ref, an array's items or a nullable variant), if any. */
function objectOf(doc: OpenApiJson, schema: JsonSchema, depth: number): JsonSchema | null {
  if (depth > 4) return null;
  const resolved = resolveSchema(doc, schema).schema;
  if (resolved.properties) return resolved;
  if (resolved.items) return objectOf(doc, resolved.items, depth + 1);
  const variant = (resolved.anyOf ?? resolved.oneOf)?.find((v) => v.$ref || v.properties);
  return variant ? objectOf(doc, variant, depth + 1) : null;
}

/** An object's fields as a nested list: name, type, whether required, what it means. */
export function SchemaFields({ doc, schema, depth = 0 }: { doc: OpenApiJson; schema: JsonSchema; depth?: number }) {
  const object = objectOf(doc, schema, depth);
  if (!object?.properties) return <p className="text-sm text-slate-600">{typeLabel(doc, schema)}</p>;
  const required = new Set(object.required ?? []);
  return (
    <ul className={depth > 0 ? "mt-1 space-y-1 border-l border-slate-200 pl-3" : "space-y-1.5"}>
      {Object.entries(object.properties).map(([name, field]) => {
        const nested = objectOf(doc, field, depth + 1);
        return (
          <li key={name} className="text-sm">
            <code className="font-semibold text-slate-900">{name}</code> <span className="text-xs text-slate-500">{typeLabel(doc, field)}</span>
            {required.has(name) ? <span className="ml-1 text-xs font-medium text-amber-700">required</span> : null}
            {field.description ?? resolveSchema(doc, field).schema.description ? (
              <p className="text-slate-600">{field.description ?? resolveSchema(doc, field).schema.description}</p>
            ) : null}
            {nested && depth < 3 ? <SchemaFields doc={doc} schema={field} depth={depth + 1} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
