// The after-suite audit coverage check: every mutation procedure the integration run called
// successfully must have left at least one audit row with one of its expected actions, written by
// one of the staff members who called it. Pure: the audit lookup is passed in (a query in the
// run's teardown, a stub in check.test.ts).

/** In the run's temp folder: one JSON MutationCall per line, appended by the integration workers. */
export const MUTATION_CALLS_FILE = "mutation-calls.jsonl";

/** One successful mutation call, as the test helpers record it. */
export type MutationCall = { path: string; staffId: string };

/** How many audit rows carry one of `actions` and one of these actor ids. */
export type AuditLookup = (query: { actions: readonly string[]; actorIds: string[] }) => Promise<number>;

export async function findUnauditedMutations(
  calls: MutationCall[],
  expected: Record<string, readonly string[]>,
  countAuditRows: AuditLookup,
): Promise<string[]> {
  const callersByPath = new Map<string, Set<string>>();
  for (const call of calls) {
    const callers = callersByPath.get(call.path) ?? new Set<string>();
    callers.add(call.staffId);
    callersByPath.set(call.path, callers);
  }
  const problems: string[] = [];
  for (const [path, callers] of [...callersByPath].sort(([a], [b]) => a.localeCompare(b))) {
    const actions = expected[path];
    if (!actions?.length) {
      problems.push(`${path}: no expected audit action is listed (tests/audit-coverage/expected-actions.ts)`);
      continue;
    }
    const count = await countAuditRows({ actions, actorIds: [...callers] });
    if (count === 0) problems.push(`${path}: called successfully by ${callers.size} staff member(s), but no audit row with action ${actions.join(" or ")} by them`);
  }
  return problems;
}

/** The records file's lines (one JSON call per line); a missing file means no mutation was called. */
export function parseMutationCalls(text: string): MutationCall[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as MutationCall);
}
