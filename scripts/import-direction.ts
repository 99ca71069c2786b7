/**
 * Which way imports may point between the top-level folders: lib/ is what app/ and server/ share and imports
 * nothing of ours outside itself; the browser's app/ and the server never import each other (app/ takes only the
 * tRPC router's type, for the client's inferred API); models/ uses the server only through server/inference.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface ImportRef {
  specifier: string;
  /** `import type { … }` or `export type { … }`: nothing of the module is loaded. */
  typeOnly: boolean;
  /** The names a static import binds, or null (namespace, default, side effect, export *, dynamic import). */
  names: string[] | null;
}

/** Every module a source names: static imports and re-exports, and dynamic import() and require() calls. */
export function importsOf(source: string, fileName = "file.ts"): ImportRef[] {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, kind);
  const refs: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly: typeOnlyOf(node), names: namesOf(node) });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) {
        refs.push({ specifier: node.arguments[0].text, typeOnly: false, names: null });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return refs;
}

function typeOnlyOf(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  // `import { type A }` still loads the module for its side effects: only `import type { A }` loads nothing.
  return ts.isExportDeclaration(node) ? node.isTypeOnly : (node.importClause?.isTypeOnly ?? false);
}

function namesOf(node: ts.ImportDeclaration | ts.ExportDeclaration): string[] | null {
  if (ts.isExportDeclaration(node)) return node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements.map((e) => e.name.text) : null;
  const clause = node.importClause;
  if (!clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) return null;
  return clause.namedBindings.elements.map((e) => (e.propertyName ?? e.name).text);
}

/** The repository path an import names (posix, from the root), or null for a package. */
export function resolveImport(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return path.posix.normalize(specifier.slice(2));
  if (specifier.startsWith("./") || specifier.startsWith("../")) return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  return null;
}

const top = (p: string) => p.split("/")[0];
const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
const withoutExtension = (p: string) => p.replace(/\.(ts|tsx|mts|mjs|js)$/, "");

/** Why `fromFile` may not import `target` (both repository paths), or null when it may. */
export function ruleBroken(fromFile: string, target: string, ref: ImportRef): string | null {
  const from = top(fromFile);
  const to = top(target);
  if (from === "app" && to === "server") {
    const routerType = ref.typeOnly && withoutExtension(target) === "server/api/root" && ref.names?.length === 1 && ref.names[0] === "AppRouter";
    return routerType ? null : "app/ imports server/ (only `import type { AppRouter }` is allowed)";
  }
  if (from === "server" && to === "app") return "server/ imports app/";
  if (from === "lib" && to !== "lib") return "lib/ imports outside lib/";
  if (from === "models" && to === "server" && !under(target, "server/inference")) return "models/ imports server/ other than server/inference";
  return null;
}

export interface Violation {
  /** `<file> -> <target>`, the form the allowlist uses. */
  edge: string;
  rule: string;
}

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const SKIP = new Set(["node_modules", "data", "runs", "__pycache__"]);

/** The source files under `dirs` of the repository at `root` (dot folders, dependencies and data left out). */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (entry.name.startsWith(".") || SKIP.has(entry.name)) continue;
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(child);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

/** Every import in the repository at `root` that points the wrong way. */
export function importViolations(root: string, dirs: readonly string[] = ["app", "server", "lib", "models"]): Violation[] {
  const found: Violation[] = [];
  for (const file of sourceFiles(root, dirs)) {
    for (const ref of importsOf(readFileSync(path.join(root, file), "utf8"), file)) {
      const target = resolveImport(file, ref.specifier);
      const rule = target && ruleBroken(file, target, ref);
      if (rule) found.push({ edge: `${file} -> ${withoutExtension(target)}`, rule });
    }
  }
  return found;
}
