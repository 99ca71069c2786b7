/** A small structured logger: one line a record, JSON when LOG_FORMAT=json. */
export interface Log {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLog(scope = "tandem", quiet = false): Log {
  const json = process.env.LOG_FORMAT === "json";
  const write = (level: string, msg: string, fields?: Record<string, unknown>) => {
    if (quiet && level !== "error") return;
    const line = json
      ? JSON.stringify({ t: new Date().toISOString(), level, scope, msg, ...fields })
      : `[${scope}] ${level === "info" ? "" : level.toUpperCase() + " "}${msg}${fields ? " " + JSON.stringify(fields) : ""}`;
    (level === "error" ? console.error : console.log)(line);
  };
  return {
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
  };
}
