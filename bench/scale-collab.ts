/**
 * bench:scale's collaboration and failover sections on their own (bench/scale.ts runs them before its inference
 * section), on loopback against this machine's Redis (REDIS_URL, default redis://127.0.0.1:6379) and PostgreSQL:
 *   - fan-out p50/p99 within one app process and across processes, against one process serving everyone;
 *   - edits lost, and ledger rows against edits made;
 *   - one app process SIGKILLed mid-run: its clients' reconnects, acknowledged edits kept, the consistency check.
 *
 *   npm run bench:scale:collab -- [--people 150] [--apps 3] [--pieces 10] [--rate 5] [--seconds 20] [--warmup 10] [--rounds 1] [--observers N|all]
 */
import { parseArgs } from "node:util";
import { collabArgs, scaleCollabOptions } from "./scale/args";
import { printScaleCollab } from "./scale/print";
import { runScaleCollab } from "./scale/sections";

process.setMaxListeners(0); // every y-websocket provider adds a process "exit" listener, and the bench runs 150
const { values } = parseArgs({ options: collabArgs, strict: true });
printScaleCollab(await runScaleCollab(scaleCollabOptions(values)));
