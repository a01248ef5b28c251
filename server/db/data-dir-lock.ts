import fs from "node:fs";
import path from "node:path";

/**
 * PGlite lets one process open a data folder; a second opener corrupts it. This lock file beside
 * the folder (`<dataDir>.lock`, holding the owner's pid) makes a second process fail with a clear
 * message instead. A lock whose process is gone is stale and taken over. Opens within one process
 * share the lock (counted), since the same process serialises its own access.
 */
const held = new Map<string, number>();

export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  const count = held.get(lockPath) ?? 0;
  if (count === 0) takeLock(lockPath, dataDir);
  held.set(lockPath, count + 1);
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    const left = (held.get(lockPath) ?? 1) - 1;
    if (left > 0) return void held.set(lockPath, left);
    held.delete(lockPath);
    removeIfOurs(lockPath);
  };
}

function takeLock(lockPath: string, dataDir: string): void {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      process.once("exit", () => removeIfOurs(lockPath));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number(fs.readFileSync(lockPath, "utf8").trim());
    if (owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `The embedded database in ${dataDir} is open in process ${owner} (a running \`npm start\`?). ` +
          "Stop that process first, or use PostgreSQL by setting DATABASE_URL.",
      );
    }
    fs.rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not lock ${dataDir}; remove ${lockPath} if no Creditdesk process is running`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function removeIfOurs(lockPath: string): void {
  try {
    if (Number(fs.readFileSync(lockPath, "utf8").trim()) === process.pid) fs.rmSync(lockPath, { force: true });
  } catch {
    // Already gone.
  }
}
