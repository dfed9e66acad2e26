// Bytes a cold search moves with the default theme's search page: runs the bundle's
// own pagefind.js in Node with fetch replaced by a file reader that logs each file
// (each once: a browser's cache), merging every other index pagefind-entry.json lists
// (other languages) and loading every filter's counts at start, as the page does
// (search.js calls filters() for the counts shown before a query).
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
  const entry = JSON.parse(readFileSync(join(root, "pagefind", "pagefind-entry.json")));
  seen.set("/pagefind/pagefind-entry.json", statSync(join(root, "pagefind", "pagefind-entry.json")).size);
  const languages = Object.keys(entry.languages || {});
  // the primary index: the page's language, in Node Pagefind's fallback (the largest)
  const own = languages.sort((a, b) => entry.languages[b].page_count - entry.languages[a].page_count)[0];
  for (const other of languages) {
    if (other !== own) await pf.mergeIndex("/pagefind/./", { language: other });
  }
  await pf.init();
  await pf.filters();
  const all = await pf.search(q);
  const named = await pf.search(q, { filters: { kind: ["entity", "dossier"] } });
  await Promise.all(all.results.slice(0, 10).map((r) => r.data()));
  await Promise.all(named.results.slice(0, 3).map((r) => r.data()));
  let bytes = 0;
  for (const size of seen.values()) bytes += size;
  console.log(JSON.stringify({ q, results: all.results.length, files: seen.size, bytes }));
}
