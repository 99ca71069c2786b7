/**
 * The model folder the server, the CLI, the inference workers, the benches and the evaluation use when none is named
 * (relative to the repository root). 2.0.0 replaced 1.3.0 here once it matched or beat it on `npm run model:eval`
 * (models/tandem-fim-v2/README.md, "Against 1.3.0").
 */
export const DEFAULT_MODEL_DIR = "models/tandem-fim-v2";
