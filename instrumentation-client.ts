/**
 * Runs in the browser before any of the app's code (Next's client instrumentation hook).
 *
 * Zod compiles object parsers with `new Function` when it can, and finds out by trying `Function("")`
 * as each object schema is built. Under the pages' Content-Security-Policy (no 'unsafe-eval',
 * server/page-headers.ts) that try is a blocked eval the browser reports on every page; the browser
 * parses little, so it parses without compiling, decided here before any schema is built.
 */
import { z } from "zod";

z.config({ jitless: true });
