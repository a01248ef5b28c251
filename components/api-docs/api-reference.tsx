import { OperationView, operationAnchor } from "./operation-view";
import type { OpenApiJson, Operation } from "./openapi-types";

type Entry = { path: string; method: string; operation: Operation };

function byTag(doc: OpenApiJson): [string, Entry[]][] {
  const groups = new Map<string, Entry[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      const tag = operation.tags?.[0] ?? "Other";
      groups.set(tag, [...(groups.get(tag) ?? []), { path, method, operation }]);
    }
  }
  return [...groups.entries()];
}

/** A readable reference of an OpenAPI document: its introduction, a contents list and every route by tag. */
export function ApiReference({ doc }: { doc: OpenApiJson }) {
  const base = doc.servers?.[0]?.url ?? "";
  const groups = byTag(doc);
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-slate-900">{doc.info.title}</h1>
        <p className="text-sm text-slate-500">
          Version {doc.info.version} ·{" "}
          <a href={`${base}/openapi.json`} className="text-blue-700 underline underline-offset-2">
            OpenAPI document (JSON)
          </a>
        </p>
        {doc.info.description ? <p className="text-sm whitespace-pre-line text-slate-700">{doc.info.description}</p> : null}
      </header>
      <nav aria-label="Routes" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold text-slate-900">Routes</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {groups.flatMap(([, entries]) =>
            entries.map(({ path, method, operation }) => (
              <li key={`${method} ${path}`}>
                <a href={`#${operationAnchor(operation, method, path)}`} className="text-blue-700 underline-offset-2 hover:underline">
                  <span className="font-mono text-xs uppercase">{method}</span> <code className="font-mono">{path}</code>
                </a>{" "}
                <span className="text-slate-600">{operation.summary}</span>
              </li>
            )),
          )}
        </ul>
      </nav>
      {groups.map(([tag, entries]) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="space-y-3">
          <h2 id={`tag-${tag}`} className="text-lg font-semibold text-slate-900">
            {tag}
          </h2>
          {entries.map((entry) => (
            <OperationView key={`${entry.method} ${entry.path}`} doc={doc} base={base} {...entry} />
          ))}
        </section>
      ))}
    </div>
  );
}
