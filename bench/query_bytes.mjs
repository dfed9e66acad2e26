// Bytes a cold search moves with the default theme's search page: runs the bundle's
// own pagefind.js in Node with fetch replaced by a file reader that logs each file.
// usage: node query_bytes.mjs OUTPUT_DIR QUERY...   prints one JSON line per query
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [root, ...queries] = process.argv.slice(2);
const theme = statSync(join(root, "assets"), { throwIfNoEntry: false }) ? "assets" : "";
for (const q of queries) {
  const seen = new Map();
  globalThis.fetch = async (url) => {
    const rel = String(url).replace(/^https?:\/\/[^/]+/, "").split("?")[0];
    const path = join(root, rel);
    const body = readFileSync(path);
    seen.set(rel, body.length);
    return new Response(body);
  };
  const bundle = join(root, "pagefind", "pagefind.js");
  const pf = await import(pathToFileURL(bundle).href + "?" + q);
  seen.set("/pagefind/pagefind.js", statSync(bundle).size);
  await pf.options({ basePath: "/pagefind/" });
  await pf.init();
  const all = await pf.search(q);
  const named = await pf.search(q, { filters: { kind: ["entity", "dossier"] } });
  await Promise.all(all.results.slice(0, 10).map((r) => r.data()));
  await Promise.all(named.results.slice(0, 3).map((r) => r.data()));
  let bytes = 0;
  for (const size of seen.values()) bytes += size;
  console.log(JSON.stringify({ q, results: all.results.length, files: seen.size, bytes }));
}
