// Lets scripts (tsx, plain Node) load server code marked `import "server-only"`. That package throws
// unless resolved with the "react-server" export condition, which Next.js sets for its server
// bundles; a script is server code too, so this resolves that one package (and nothing else) the
// same way. Registered by preflight.ts, which every npm script that loads server code preloads.
import { register } from "node:module";

const hooks = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}`;

export function allowServerOnlyImports(): void {
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
