// dossier serve: live reload. Added by the server to the HTML it serves, never to
// the files `dossier build` writes. See dossier/dev/livereload.py for the protocol.
(() => {
  "use strict";
  const me = document.currentScript;
  if (!me || !("WebSocket" in window)) return;
  const run = me.dataset.run;
  const navigateOn = me.dataset.navigate === "1";
  let epoch = Number(me.dataset.epoch) || 0;
  let hash = me.dataset.hash;
  const SCROLL = "dossier-live-scroll";
  const ACTIVE = "dossier-live-tab";
  const tab = Math.random().toString(36).slice(2);
  const here = me.dataset.page || normal(location.pathname);
  let socket = null;
  let retry = 250;
  let queue = Promise.resolve();
  let host = null;
  let dismissed = "";
  let before = null;

  // the server lists addresses as files are named (`my pic.png`), a URL's path is
  // percent-encoded (`my%20pic.png`): compare them decoded
  function normal(path) {
    try { path = decodeURIComponent(path); } catch (error) { /* keep it as it is */ }
    return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
  }

  function pathOf(href) {
    try {
      const url = new URL(href, location.href);
      return url.origin === location.origin ? normal(url.pathname) : null;
    } catch (error) {
      return null;
    }
  }

  // a reload keeps the reader where they were
  try {
    const saved = JSON.parse(sessionStorage.getItem(SCROLL) || "null");
    sessionStorage.removeItem(SCROLL);
    if (saved && saved.path === location.pathname) {
      const restore = () => window.scrollTo(saved.x, saved.y);
      restore();
      window.addEventListener("load", restore, { once: true });
    }
  } catch (error) { /* storage may be off: the browser's own restoring remains */ }

  function reload() {
    try {
      sessionStorage.setItem(SCROLL, JSON.stringify(
        { path: location.pathname, x: window.scrollX, y: window.scrollY }));
    } catch (error) { /* no storage: reload all the same */ }
    location.reload();
  }

  // the tab the writer used last is the one --navigate moves
  function mark() {
    if (document.visibilityState === "visible") {
      try { localStorage.setItem(ACTIVE, tab); } catch (error) { /* ignore */ }
    }
  }
  function active() {
    try {
      const last = localStorage.getItem(ACTIVE);
      return last === tab || (!last && document.visibilityState === "visible");
    } catch (error) {
      return document.visibilityState === "visible";
    }
  }

  function sheets() {
    return [...document.querySelectorAll('link[rel~="stylesheet"]')];
  }

  function replaceSheet(link, href) {
    const next = link.cloneNode();
    next.href = href;
    next.addEventListener("load", () => link.remove(), { once: true });
    next.addEventListener("error", () => link.remove(), { once: true });
    link.after(next);
  }

  function refreshSheet(link) {
    const url = new URL(link.href);
    url.searchParams.set("dossier-live", String(epoch));
    replaceSheet(link, url.href);
  }

  async function check(urls, styles) {
    const all = urls === null;
    const changed = new Set(urls || []);
    if (changed.has(here) && !styles) { reload(); return; }
    if (all || changed.has(here)) {
      let response;
      try {
        response = await fetch(location.href, { cache: "no-store" });
      } catch (error) {
        return;   // the server is away: the next connection catches up
      }
      if (!response.ok) { reload(); return; }
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      const live = doc.querySelector("script[data-dossier-live]");
      if (!live || live.dataset.hash !== hash) { reload(); return; }
      // the same page, but for its stylesheets' names (hashed assets): swap them
      const now = sheets();
      const next = [...doc.querySelectorAll('link[rel~="stylesheet"]')]
        .map((link) => link.getAttribute("href"));
      if (next.length !== now.length) { reload(); return; }
      now.forEach((link, i) => {
        if (link.getAttribute("href") !== next[i]) replaceSheet(link, next[i]);
        else if (all && pathOf(link.href)) refreshSheet(link);
      });
      return;
    }
    for (const element of document.querySelectorAll("img[src], script[src], iframe[src]")) {
      if (element !== me && changed.has(pathOf(element.src))) { reload(); return; }
    }
    for (const link of sheets()) {
      if (changed.has(pathOf(link.href))) refreshSheet(link);
    }
  }

  // -- the error overlay: focusable, announced, dismissable, gone once fixed --------
  const STYLE = `
    .box { position: fixed; inset: auto 1rem 1rem 1rem; z-index: 2147483647;
      max-height: 60vh; overflow: auto; margin: 0 auto; max-width: 60rem;
      padding: 1rem 1.25rem; border-radius: 6px; border-left: 6px solid #b3261e;
      background: #fff8f6; color: #1d1b1b; box-shadow: 0 4px 24px rgba(0,0,0,.35);
      font: 15px/1.5 system-ui, sans-serif; }
    .box:focus { outline: 3px solid #1a5fb4; outline-offset: 2px; }
    h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
    p { margin: 0 0 .5rem; }
    ul { margin: 0 0 .75rem; padding-left: 1.25rem; }
    code { font: 14px/1.45 ui-monospace, monospace; white-space: pre-wrap;
      overflow-wrap: anywhere; }
    button { font: inherit; padding: .3rem .9rem; border-radius: 4px; cursor: pointer;
      border: 1px solid #8c1d18; background: #8c1d18; color: #fff; }
    button:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
    @media (prefers-color-scheme: dark) {
      .box { background: #2d1714; color: #f6e9e7; border-left-color: #ff8a80; }
      button { background: #ffb4ab; border-color: #ffb4ab; color: #410002; }
      .box:focus, button:focus-visible { outline-color: #8ab4f8; }   /* 3:1 and more on the dark box */
    }
    @media print { .box { display: none; } }`;

  function hide() {
    if (!host) return;
    host.remove();
    host = null;
    if (before && before.isConnected) before.focus({ preventScroll: true });
    before = null;
  }

  function overlay(errors) {
    const key = errors.join("\n");
    if (!errors.length) { dismissed = ""; hide(); return; }
    if (key === dismissed || (host && host.dataset.key === key)) return;
    hide();
    host = document.createElement("dossier-live-overlay");
    host.dataset.key = key;
    const root = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    const box = document.createElement("div");
    box.className = "box";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "false");
    box.setAttribute("aria-labelledby", "dossier-live-title");
    box.setAttribute("aria-describedby", "dossier-live-what");
    box.tabIndex = -1;
    const title = document.createElement("h2");
    title.id = "dossier-live-title";
    title.textContent = errors.length === 1
      ? "The last rebuild failed: 1 error" : `The last rebuild failed: ${errors.length} errors`;
    const what = document.createElement("p");
    what.id = "dossier-live-what";
    what.textContent = "This page shows the last good build. Fix the file and save: " +
      "this message goes away by itself.";
    const list = document.createElement("ul");
    for (const error of errors) {
      const item = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = error;
      item.append(code);
      list.append(item);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Dismiss";
    const close = () => { dismissed = key; hide(); };
    button.addEventListener("click", close);
    box.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    box.append(title, what, list, button);
    root.append(style, box);
    document.body.append(host);
    before = document.activeElement;
    box.focus({ preventScroll: true });
  }

  function handle(message) {
    if (Array.isArray(message.errors)) overlay(message.errors);
    if (message.type !== "changed") return;
    epoch = message.epoch;
    const target = message.navigate;
    if (navigateOn && target && normal(target) !== here && active()) {
      location.assign(target);
      return;
    }
    const urls = message.urls;
    const styles = message.styles === true;
    queue = queue.then(() => check(urls, styles)).catch(() => {});
  }

  function connect() {
    if (socket && socket.readyState <= WebSocket.OPEN) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${scheme}//${location.host}/__dossier/live?epoch=${epoch}&run=${run}`);
    socket = ws;
    ws.addEventListener("open", () => { retry = 250; });
    ws.addEventListener("message", (event) => {
      try { handle(JSON.parse(event.data)); } catch (error) { /* not ours */ }
    });
    ws.addEventListener("close", () => {
      if (socket !== ws) return;
      socket = null;
      if (document.visibilityState === "visible") {
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 4000);
      }
    });
  }

  document.addEventListener("visibilitychange", () => {
    mark();
    if (document.visibilityState === "visible") connect();
  });
  window.addEventListener("focus", mark);
  window.addEventListener("online", connect);
  window.addEventListener("pageshow", (event) => { if (event.persisted) connect(); });
  window.addEventListener("pagehide", () => {   // leaves the back-forward cache usable
    const ws = socket;
    socket = null;
    if (ws) ws.close();
  });
  mark();
  connect();
})();
