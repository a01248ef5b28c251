// `npm test`: what CI runs, in order, stopping at the first failing step, then a summary.
import { spawn } from "node:child_process";
import { once } from "node:events";

const STEPS = ["check", "test:unit", "test:int", "test:e2e"] as const;

type Outcome = { step: string; seconds: number; exitCode: number };

function formatSeconds(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

let interrupted: NodeJS.Signals | undefined;
// The step shares our terminal and gets the signal too; let it stop, then report.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => (interrupted = signal));

const outcomes: Outcome[] = [];
for (const step of STEPS) {
  console.log(`\n▶ npm run ${step}\n`);
  const startedAt = performance.now();
  const child = spawn("npm", ["run", step], { stdio: "inherit" });
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  const exitCode = code ?? (signal ? 128 : 1);
  outcomes.push({ step, seconds: (performance.now() - startedAt) / 1000, exitCode });
  if (exitCode !== 0 || interrupted) break;
}

const passed = outcomes.filter((o) => o.exitCode === 0).length;
const failed = outcomes.length - passed;
const width = Math.max(...STEPS.map((s) => s.length));
console.log("\nSummary");
for (const step of STEPS) {
  const outcome = outcomes.find((o) => o.step === step);
  const status = !outcome ? "skipped" : outcome.exitCode === 0 ? "passed" : `FAILED (exit code ${outcome.exitCode})`;
  console.log(`  ${step.padEnd(width)}  ${outcome ? formatSeconds(outcome.seconds).padStart(12) : " ".repeat(12)}  ${status}`);
}
const total = outcomes.reduce((sum, o) => sum + o.seconds, 0);
console.log(`  ${"total".padEnd(width)}  ${formatSeconds(total).padStart(12)}${interrupted ? `  interrupted (${interrupted})` : ""}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || interrupted ? 1 : 0;
