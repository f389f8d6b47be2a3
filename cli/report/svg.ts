import * as path from "path";
import { pathToFileURL } from "url";
import type * as GraphvizModule from "@hpcc-js/wasm-graphviz";

type GraphvizLib = typeof GraphvizModule;

// The package is ESM-only. This project compiles to CommonJS, where TypeScript would turn
// `import()` into `require()`; a real dynamic import keeps it loadable on every Node 20.
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

let loaded: Promise<GraphvizModule.Graphviz> | undefined;

/** Graphviz compiled to WebAssembly, loaded once per process (no system binary). */
async function graphviz(): Promise<GraphvizModule.Graphviz> {
  loaded ??= (async () => {
    const entry = require.resolve("@hpcc-js/wasm-graphviz", { paths: [path.resolve(__dirname, "..", "..")] });
    const lib = (await importEsm(pathToFileURL(entry).href)) as GraphvizLib;
    return lib.Graphviz.load();
  })();
  return loaded;
}

/** Renders DOT source to an SVG document, in process. */
export async function renderSvg(dot: string): Promise<string> {
  const gv = await graphviz();
  return gv.dot(dot, "svg");
}
