import { SchemaFields } from "./schema-fields";
import { typeLabel, type OpenApiJson, type Operation } from "./openapi-types";

const METHOD_TONES: Record<string, string> = {
  get: "bg-blue-50 text-blue-800 ring-blue-600/20",
  post: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  put: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

export const operationAnchor = (operation: Operation, method: string, path: string) => operation.operationId ?? `${method}-${path}`.replace(/[^\w-]/g, "-");

/** One route: method and path, what it does, its scope, parameters, body and answers. */
export function OperationView({ doc, path, method, operation, base }: { doc: OpenApiJson; path: string; method: string; operation: Operation; base: string }) {
  const body = operation.requestBody?.content?.["application/json"]?.schema;
  const id = operationAnchor(operation, method, path);
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`${id}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
        <span className={`rounded px-1.5 py-0.5 font-mono text-xs uppercase ring-1 ring-inset ${METHOD_TONES[method] ?? ""}`}>{method}</span>
        <code className="font-mono text-sm">
          {base}
          {path}
        </code>
      </h3>
      <p className="text-sm text-slate-800">{operation.summary}</p>
      {operation.description ? <p className="text-sm whitespace-pre-line text-slate-600">{operation.description}</p> : null}
      {operation.parameters?.length ? (
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Parameters</h4>
          <ul className="mt-1 space-y-1.5">
            {operation.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`} className="text-sm">
                <code className="font-semibold text-slate-900">{p.name}</code> <span className="text-xs text-slate-500">{p.in}, {p.schema ? typeLabel(doc, p.schema) : "string"}</span>
                {p.required ? <span className="ml-1 text-xs font-medium text-amber-700">required</span> : null}
                {p.description ? <p className="text-slate-600">{p.description}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {body ? (
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">JSON body</h4>
          <div className="mt-1">
            <SchemaFields doc={doc} schema={body} />
          </div>
        </div>
      ) : null}
      <div>
        <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Answers</h4>
        <dl className="mt-1 space-y-2">
          {Object.entries(operation.responses ?? {}).map(([status, response]) => {
            const schema = response.content?.["application/json"]?.schema;
            return (
              <div key={status} className="text-sm">
                <dt className="font-mono font-semibold text-slate-900">
                  {status} <span className="font-sans font-normal text-slate-600">{response.description}</span>
                </dt>
                {schema && status.startsWith("2") ? (
                  <dd className="mt-1 pl-4">
                    <SchemaFields doc={doc} schema={schema} />
                  </dd>
                ) : null}
              </div>
            );
          })}
        </dl>
      </div>
    </section>
  );
}
