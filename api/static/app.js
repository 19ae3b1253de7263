/* Segue demo page: a search box with as-you-type results.
 *
 * No framework, no build step. Every value from the server is inserted as text,
 * except the keys present in `hit.highlight`: those are server-escaped HTML whose
 * matched parts are wrapped in <mark>. They are parsed in an inert <template> and
 * only <mark> elements and text are copied into the page (defence in depth).
 */
(() => {
  "use strict";

  const DEBOUNCE_MS = 80;
  const LIMIT = 20;
  const BUSY_AFTER_MS = 150;
  const GROUPS = [
    ["artist", "Artists", "Artist"],
    ["track", "Tracks", "Track"],
    ["album", "Albums", "Album"],
    ["playlist", "Playlists", "Playlist"],
    ["episode", "Episodes", "Episode"],
  ];
  const TYPE_LABEL = Object.fromEntries(GROUPS.map(([t, , one]) => [t, one]));

  const $ = (sel) => document.querySelector(sel);
  const input = $("#q");
  const form = $("#search-form");
  const statusEl = $("#status");
  const hintEl = $("#hint");
  const emptyEl = $("#empty");
  const layoutEl = $("#layout");
  const resultsEl = $("#results");
  const detailsEl = $("#details");
  const detailsTitle = $("#details-title");
  const detailsKicker = $("#details-kicker");
  const detailsStatus = $("#details-status");
  const detailsFields = $("#details-fields");
  const detailsClose = $("#details-close");
  const similarEl = $("#details-similar");
  const similarList = $("#similar-list");
  const versionsEl = $("#details-versions");
  const versionsList = $("#versions-list");

  const pageParams = new URLSearchParams(window.location.search);
  const apiKey = pageParams.get("key") || "";

  const state = {
    timer: 0,
    busyTimer: 0,
    seq: 0, // id of the newest search; only its answer may render
    controller: null,
    rows: [], // option elements in visual order
    active: -1,
    detailsController: null,
    detailsSeq: 0,
  };

  // ---------------------------------------------------------------- helpers

  function headers() {
    const h = { Accept: "application/json" };
    if (apiKey) h.Authorization = `Bearer ${apiKey}`;
    return h;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  const inert = document.createElement("template");

  /* Server highlight HTML -> fragment holding only text and <mark>. */
  function markedFragment(html) {
    inert.innerHTML = String(html);
    const out = document.createDocumentFragment();
    const copy = (src, dst) => {
      for (const node of src.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          dst.append(node.data);
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.localName === "mark") {
            const mark = document.createElement("mark");
            copy(node, mark);
            dst.append(mark);
          } else {
            copy(node, dst); // unknown element: keep its text, drop the element
          }
        }
      }
    };
    copy(inert.content, out);
    inert.innerHTML = "";
    return out;
  }

  function has(obj, key) {
    return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
  }

  /* A span showing hit[key] (or one element of it), highlighted when the server says so. */
  function field(hit, key, plain, index) {
    const span = el("span", `f-${key}`);
    let html = null;
    if (has(hit.highlight, key)) {
      const v = hit.highlight[key];
      if (index === undefined) html = typeof v === "string" ? v : null;
      else if (Array.isArray(v) && typeof v[index] === "string") html = v[index];
    }
    if (html !== null) span.append(markedFragment(html));
    else span.textContent = plain === undefined || plain === null ? "" : String(plain);
    return span;
  }

  function artistsNode(hit) {
    const plain = Array.isArray(hit.artists) ? hit.artists : [];
    const marked = has(hit.highlight, "artists") && Array.isArray(hit.highlight.artists)
      ? hit.highlight.artists : [];
    const n = Math.max(plain.length, plain.length ? 0 : marked.length);
    if (!n) return null;
    const span = el("span", "f-artists");
    for (let i = 0; i < n; i++) {
      if (i) span.append(", ");
      span.append(field(hit, "artists", plain[i] ?? "", i));
    }
    return span;
  }

  function isBlank(v) {
    return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  }

  function hueOf(s) {
    let h = 0;
    for (const ch of String(s)) h = (h * 31 + ch.codePointAt(0)) % 360;
    return h;
  }

  function avatar(hit, big) {
    const name = isBlank(hit.name) ? "?" : String(hit.name).trim();
    const a = el("span", `avatar avatar-${hit.type || "other"}${big ? " avatar-big" : ""}`);
    a.setAttribute("aria-hidden", "true");
    a.textContent = Array.from(name)[0].toLocaleUpperCase();
    a.style.setProperty("--hue", String(hueOf(hit.id || name)));
    return a;
  }

  function formatMs(ms) {
    const n = Number(ms);
    if (!Number.isFinite(n)) return "";
    return `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
  }

  function formatCount(n) {
    const v = Number(n);
    if (!Number.isFinite(v)) return "";
    return `${v.toLocaleString()} ${v === 1 ? "result" : "results"}`;
  }

  /* "artists · album · year" etc. Returns a fragment with separators. */
  function metaLine(hit, { withType = false } = {}) {
    const parts = [];
    const type = hit.type;
    const push = (node) => { if (node) parts.push(node); };
    const text = (v) => (isBlank(v) ? null : el("span", null, v));
    if (withType && type !== "artist") push(text(TYPE_LABEL[type] || type));
    switch (type) {
      case "track":
        push(artistsNode(hit));
        if (!isBlank(hit.album)) push(field(hit, "album", hit.album));
        push(text(hit.year));
        break;
      case "album":
        push(artistsNode(hit));
        push(text(hit.year));
        break;
      case "artist": {
        push(text("Artist"));
        const genres = Array.isArray(hit.genres) ? hit.genres.filter((g) => !isBlank(g)) : [];
        if (genres.length) push(text(genres.slice(0, 3).join(", ")));
        break;
      }
      case "playlist":
        if (!isBlank(hit.owner)) {
          const by = el("span", null, "By ");
          by.append(field(hit, "owner", hit.owner));
          push(by);
        }
        if (!isBlank(hit.description)) push(field(hit, "description", hit.description));
        break;
      case "episode":
        if (!isBlank(hit.show)) push(field(hit, "show", hit.show));
        if (!isBlank(hit.description)) push(field(hit, "description", hit.description));
        break;
      default:
        push(artistsNode(hit));
        if (!isBlank(hit.description)) push(field(hit, "description", hit.description));
    }
    const frag = document.createDocumentFragment();
    parts.forEach((p, i) => {
      if (i) frag.append(el("span", "sep", " · "));
      frag.append(p);
    });
    return frag;
  }

  // ---------------------------------------------------------------- rendering

  function hitRow(hit, top) {
    const row = el("div", top ? "hit hit-top" : "hit");
    row.setAttribute("role", "option");
    row.setAttribute("aria-selected", "false");
    row.dataset.id = String(hit.id ?? "");
    row.dataset.type = String(hit.type ?? "");
    row.id = `opt-${state.rows.length}`;
    row.dataset.index = String(state.rows.length);
    state.rows.push(row);

    row.append(avatar(hit, top));
    const body = el("div", "hit-body");
    const name = el("div", "hit-name");
    name.append(field(hit, "name", isBlank(hit.name) ? hit.id : hit.name));
    const meta = el("div", "hit-meta");
    meta.append(metaLine(hit, { withType: false }));
    body.append(name, meta);
    row.append(body);
    const badge = el("span", `badge badge-${hit.type || "other"}`, TYPE_LABEL[hit.type] || hit.type || "");
    row.append(badge);
    appendVersions(meta, hit);
    return row;
  }

  function groupSection(type, title, extraClass) {
    const section = el("section", `group${extraClass ? ` ${extraClass}` : ""}`);
    section.dataset.type = type;
    section.setAttribute("role", "group");
    const h = el("h2", "group-title", title);
    h.id = `g-${type}`;
    section.setAttribute("aria-labelledby", h.id);
    section.append(h);
    return section;
  }

  function clearResults() {
    resultsEl.replaceChildren();
    resultsEl.dataset.query = "";
    state.rows = [];
    setActive(-1);
    input.setAttribute("aria-expanded", "false");
  }

  // How sure the answer is (`match`, `corrected_query` in the search answer): a
  // "Showing results for …" line when typos were forgiven, "No exact match" when only
  // some words matched; null when the answer is good as typed or there is nothing.
  function matchNotice(query, data) {
    const corrected = typeof data.corrected_query === "string" ? data.corrected_query : "";
    if (data.match === "none") return null;
    const note = el("p", "match-notice");
    note.dataset.match = String(data.match || "good");
    if (corrected && corrected !== query.trim().toLowerCase()) {
      note.append("Showing results for ", el("strong", "", corrected));
      if (data.match === "weak") note.append(" (no exact match)");
      return note;
    }
    if (data.match === "weak") {
      note.append(`No exact match for “${query}”. The closest results:`);
      return note;
    }
    return null;
  }

  function render(query, data) {
    clearResults();
    resultsEl.dataset.query = query;
    hintEl.hidden = true;

    const hits = Array.isArray(data.hits) ? data.hits.filter((h) => h && typeof h === "object") : [];
    const top = data.top && typeof data.top === "object" ? data.top : null;
    const total = Number.isFinite(Number(data.total)) ? Number(data.total) : hits.length;

    const frag = document.createDocumentFragment();
    const notice = hits.length || top ? matchNotice(query, data) : null;
    if (notice) frag.append(notice);
    if (top) {
      const section = groupSection("top", "Top result", "top-result");
      section.append(hitRow(top, true));
      frag.append(section);
    }
    const rest = hits.filter((h) => !(top && h.id === top.id && h.type === top.type));
    const known = new Set(GROUPS.map(([t]) => t));
    const extraTypes = [...new Set(rest.map((h) => h.type).filter((t) => !known.has(t)))];
    const order = [...GROUPS, ...extraTypes.map((t) => [t, String(t || "Other"), String(t || "")])];
    for (const [type, title] of order) {
      const items = rest.filter((h) => h.type === type);
      if (!items.length) continue;
      const section = groupSection(type, title);
      const list = el("div", "group-rows");
      for (const h of items) list.append(hitRow(h, false));
      section.append(list);
      frag.append(section);
    }
    resultsEl.append(frag);
    renderChips(data.facets);

    const shown = state.rows.length;
    input.setAttribute("aria-expanded", shown ? "true" : "false");
    if (!shown) {
      emptyEl.hidden = false;
      emptyEl.textContent = `No results for “${query}”. Check the spelling, or try fewer words.`;
    } else {
      emptyEl.hidden = true;
      emptyEl.textContent = "";
    }
    const took = formatMs(data.took_ms);
    setStatus("ok", took ? `${formatCount(total)} · ${took}` : formatCount(total));
  }

  function setStatus(kind, text) {
    statusEl.dataset.state = kind;
    statusEl.textContent = text;
  }

  function showHint() {
    clearResults();
    emptyEl.hidden = true;
    emptyEl.textContent = "";
    hintEl.hidden = false;
    setStatus("idle", "");
  }

  function setBusy(on) {
    clearTimeout(state.busyTimer);
    if (on) state.busyTimer = setTimeout(() => form.classList.add("busy"), BUSY_AFTER_MS);
    else form.classList.remove("busy");
    resultsEl.setAttribute("aria-busy", on ? "true" : "false");
  }

  // ---------------------------------------------------------------- errors

  async function problemMessage(res) {
    let title = "";
    let detail = "";
    try {
      const body = await res.json();
      if (body && typeof body === "object") {
        title = typeof body.title === "string" ? body.title : "";
        detail = typeof body.detail === "string" ? body.detail
          : body.detail != null ? JSON.stringify(body.detail) : "";
      }
    } catch (_) { /* not JSON: fall back to the status line */ }
    if (res.status === 401 || res.status === 403) {
      const why = detail || title || "not authorized";
      return `${res.status}: ${why}. This server needs a search key: open the page with ?key=…`;
    }
    const head = `${res.status}${title ? ` ${title}` : res.statusText ? ` ${res.statusText}` : ""}`;
    return detail ? `Search failed (${head}): ${detail}` : `Search failed (${head}).`;
  }

  function networkMessage(err) {
    return `Cannot reach the search server (${err && err.message ? err.message : "network error"}).`;
  }

  // ---------------------------------------------------------------- search

  function cancelSearch() {
    clearTimeout(state.timer);
    state.seq += 1; // any answer still on its way is now stale
    if (state.controller) state.controller.abort();
    state.controller = null;
    setBusy(false);
  }

  function scheduleSearch() {
    const q = input.value;
    syncUrl(q);
    clearTimeout(state.timer);
    if (q.trim() === "") {
      cancelSearch();
      showHint();
      return;
    }
    state.timer = setTimeout(() => search(q), DEBOUNCE_MS);
  }

  async function search(q) {
    cancelSearch();
    const seq = state.seq;
    const controller = new AbortController();
    state.controller = controller;
    setBusy(true);
    const url = `/v1/search?${new URLSearchParams({ q, limit: String(LIMIT), ...refineParams() })}`;
    try {
      const res = await fetch(url, { headers: headers(), signal: controller.signal });
      if (!res.ok) {
        const msg = await problemMessage(res);
        if (seq !== state.seq) return;
        clearResults();
        emptyEl.hidden = true;
        hintEl.hidden = true;
        setStatus("error", msg);
        return;
      }
      let data;
      try {
        data = await res.json();
      } catch (err) {
        if (err && err.name === "AbortError") throw err;
        data = null;
      }
      if (seq !== state.seq) return; // a newer keystroke owns the page now
      if (!data || typeof data !== "object") {
        clearResults();
        setStatus("error", "Search failed: the server sent an answer that is not JSON.");
        return;
      }
      render(q, data);
    } catch (err) {
      if (err && err.name === "AbortError") return;
      if (seq !== state.seq) return;
      clearResults();
      hintEl.hidden = true;
      emptyEl.hidden = true;
      setStatus("error", networkMessage(err));
    } finally {
      if (seq === state.seq) {
        state.controller = null;
        setBusy(false);
      }
    }
  }

  function syncUrl(q) {
    const params = new URLSearchParams(window.location.search);
    if (q) params.set("q", q);
    else params.delete("q");
    const qs = params.toString();
    const next = `${window.location.pathname}${qs ? `?${qs}` : ""}${window.location.hash}`;
    try { window.history.replaceState(null, "", next); } catch (_) { /* e.g. file:// */ }
  }

  // ---------------------------------------------------------------- refine: market, filter chips, versions
  //
  // The market selector and the chips (genre, decade, clean only) become the search's
  // `market` and `filter` parameters; the chips and their counts come from the answer's
  // facets, so they count every match, not the page.

  const marketEl = $("#market");
  const chipsEl = $("#chips");
  const CHIP_GENRES = 6;
  const refine = { market: pageParams.get("market") || "", genre: null, decade: null, clean: false };

  function quoted(value) {
    return `"${String(value).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  }

  function refineParams() {
    const parts = [];
    if (refine.genre !== null) parts.push(`genres = ${quoted(refine.genre)}`);
    if (refine.decade !== null) {
      const from = parseInt(refine.decade, 10);
      parts.push(`year >= ${from} AND year < ${from + 10}`);
    }
    if (refine.clean) parts.push("explicit = false");
    const params = { facets: "genres,year,explicit" };
    if (parts.length) params.filter = parts.join(" AND ");
    if (refine.market) params.market = refine.market;
    return params;
  }

  function filterChip(kind, value, label, count, pressed) {
    const chip = el("button", "chip filter-chip");
    chip.type = "button";
    chip.dataset.kind = kind;
    chip.dataset.value = String(value);
    chip.setAttribute("aria-pressed", pressed ? "true" : "false");
    chip.append(el("span", "chip-label", label));
    if (count !== null && count !== undefined) chip.append(el("span", "chip-count", Number(count).toLocaleString()));
    return chip;
  }

  function renderChips(facets) {
    chipsEl.replaceChildren();
    const f = facets && typeof facets === "object" ? facets : {};
    const genres = f.genres && typeof f.genres === "object" ? Object.entries(f.genres) : [];
    const decades = f.decade && typeof f.decade === "object" ? Object.entries(f.decade) : [];
    const clean = f.explicit && typeof f.explicit === "object" ? f.explicit.false : undefined;
    const shownGenres = genres.slice(0, CHIP_GENRES);
    if (refine.genre !== null && !shownGenres.some(([g]) => g === refine.genre)) {
      shownGenres.unshift([refine.genre, null]);
    }
    for (const [g, n] of shownGenres) chipsEl.append(filterChip("genre", g, g, n, refine.genre === g));
    const shownDecades = [...decades].sort((x, y) => y[1] - x[1]).slice(0, 5);
    if (refine.decade !== null && !shownDecades.some(([d]) => d === refine.decade)) {
      shownDecades.push([refine.decade, null]);
    }
    shownDecades.sort((x, y) => (x[0] < y[0] ? 1 : -1));
    for (const [d, n] of shownDecades) chipsEl.append(filterChip("decade", d, d, n, refine.decade === d));
    if (clean !== undefined || refine.clean) chipsEl.append(filterChip("clean", "false", "Clean only", clean, refine.clean));
  }

  function appendVersions(meta, hit) {
    const n = Number(hit.versions);
    if (!Number.isFinite(n) || n < 2) return;
    const note = el("span", "versions", `+${n - 1} ${n - 1 === 1 ? "version" : "versions"}`);
    if (Array.isArray(hit.version_ids)) note.title = hit.version_ids.join(", ");
    meta.append(el("span", "sep", " · "), note);
  }

  function refineChanged() {
    if (input.value.trim() !== "") search(input.value);
  }

  marketEl.value = refine.market;
  marketEl.addEventListener("change", () => {
    refine.market = marketEl.value;
    const params = new URLSearchParams(window.location.search);
    if (refine.market) params.set("market", refine.market); else params.delete("market");
    const qs = params.toString();
    try { window.history.replaceState(null, "", `${window.location.pathname}${qs ? `?${qs}` : ""}`); } catch (_) { /* file:// */ }
    refineChanged();
  });
  chipsEl.addEventListener("mousedown", (e) => { if (e.target.closest(".filter-chip")) e.preventDefault(); });
  chipsEl.addEventListener("click", (e) => {
    const chip = e.target.closest(".filter-chip");
    if (!chip) return;
    const on = chip.getAttribute("aria-pressed") !== "true";
    if (chip.dataset.kind === "genre") refine.genre = on ? chip.dataset.value : null;
    else if (chip.dataset.kind === "decade") refine.decade = on ? chip.dataset.value : null;
    else refine.clean = on;
    refineChanged();
  });

  // ---------------------------------------------------------------- keyboard

  function setActive(i) {
    const prev = state.rows[state.active];
    if (prev) {
      prev.setAttribute("aria-selected", "false");
      prev.classList.remove("active");
    }
    state.active = i >= 0 && i < state.rows.length ? i : -1;
    const row = state.rows[state.active];
    if (row) {
      row.setAttribute("aria-selected", "true");
      row.classList.add("active");
      input.setAttribute("aria-activedescendant", row.id);
      row.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function onKeyDown(e) {
    if (e.isComposing || e.keyCode === 229) return; // IME composition (CJK input)
    const n = state.rows.length;
    switch (e.key) {
      case "ArrowDown":
        if (!n) return;
        e.preventDefault();
        setActive(Math.min(state.active + 1, n - 1));
        break;
      case "ArrowUp":
        if (!n) return;
        e.preventDefault();
        setActive(state.active <= 0 ? -1 : state.active - 1);
        break;
      case "Enter":
        e.preventDefault();
        if (!n) return;
        if (state.active < 0) setActive(0);
        openDetails(state.rows[state.active]);
        break;
      case "Escape":
        e.preventDefault();
        if (!detailsEl.hidden) {
          closeDetails();
        } else {
          input.value = "";
          syncUrl("");
          cancelSearch();
          showHint();
        }
        break;
      default:
    }
  }

  // ---------------------------------------------------------------- details

  function closeDetails() {
    state.detailsSeq += 1;
    if (state.detailsController) state.detailsController.abort();
    state.detailsController = null;
    detailsEl.hidden = true;
    layoutEl.classList.remove("has-details");
    detailsFields.replaceChildren();
    similarEl.hidden = true;
    similarList.replaceChildren();
    versionsEl.hidden = true;
    versionsList.replaceChildren();
  }

  /* "More like this": /v1/similar (audio vectors, else text); names are text, never HTML. */
  async function loadSimilar(id, seq, signal) {
    similarEl.hidden = true;
    similarList.replaceChildren();
    const res = await fetch(`/v1/similar?id=${encodeURIComponent(id)}&limit=5`, {
      headers: headers(), signal,
    });
    if (!res.ok || seq !== state.detailsSeq) return;
    const body = await res.json();
    if (seq !== state.detailsSeq || !Array.isArray(body.hits) || !body.hits.length) return;
    for (const hit of body.hits) {
      const li = el("li", "similar-hit", isBlank(hit.name) ? String(hit.id) : String(hit.name));
      li.dataset.id = String(hit.id);
      li.append(el("span", "similar-type", TYPE_LABEL[hit.type] || String(hit.type || "")));
      similarList.append(li);
    }
    similarEl.dataset.source = String(body.source || "");
    similarEl.hidden = false;
  }

  // The details panel reads like a record sleeve, not a field dump: "3:52", "Explicit",
  // genres as chips, country names, other versions of the same track.

  const DETAIL_ROWS = [
    // [key, label, format(value, doc) -> Node | string | null]
    ["artists", "By", (v) => listText(v)],
    ["album", "Album", (v) => textOrNull(v)],
    ["show", "Show", (v) => textOrNull(v)],
    ["owner", "Curated by", (v) => textOrNull(v)],
    ["year", "Released", (v) => (Number.isInteger(v) ? String(v) : null)],
    ["duration_ms", "Length", (v) => formatDuration(v)],
    ["genres", "Genres", (v) => chips(v)],
    ["language", "Language", (v) => languageName(v)],
    ["popularity", "Popularity", (v) => popularityMeter(v)],
    ["aliases", "Also known as", (v) => listText(v)],
    ["description", "About", (v) => textOrNull(v)],
    ["markets", "Available in", (v) => marketList(v)],
    ["id", "Catalog ID", (v) => textOrNull(v)],
  ];
  // Written by Segue or for machines: never shown as text.
  const HIDDEN_KEYS = new Set(["name", "type", "explicit", "version", "audio_embedding",
    "text_embedding", "highlight", "score", "explain"]);

  function textOrNull(v) {
    return isBlank(v) ? null : String(v);
  }

  function listText(v) {
    const items = (Array.isArray(v) ? v : [v]).filter((x) => !isBlank(x)).map(String);
    return items.length ? items.join(", ") : null;
  }

  /* 292267 -> "4:52"; an hour or more -> "1:02:03". */
  function formatDuration(ms) {
    const n = Number(ms);
    if (isBlank(ms) || !Number.isFinite(n) || n <= 0) return null;
    const total = Math.round(n / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const sec = String(total % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
  }

  function displayName(kind, code) {
    try {
      return new Intl.DisplayNames([navigator.language || "en"], { type: kind }).of(code) || code;
    } catch (_) {
      return code; // not a code Intl knows: show it as sent
    }
  }

  function languageName(code) {
    return isBlank(code) ? null : displayName("language", String(code));
  }

  function marketList(v) {
    const codes = (Array.isArray(v) ? v : []).filter((x) => !isBlank(x)).map(String);
    if (!codes.length) return null;
    const names = codes.map((c) => displayName("region", c.toUpperCase()));
    const span = el("span", "markets", names.length > 6
      ? `${names.slice(0, 6).join(", ")} and ${names.length - 6} more`
      : names.join(", "));
    span.title = names.join(", ");
    return span;
  }

  function chips(v) {
    const items = (Array.isArray(v) ? v : [v]).filter((x) => !isBlank(x));
    if (!items.length) return null;
    const list = el("span", "chips");
    for (const item of items) list.append(el("span", "chip", String(item)));
    return list;
  }

  function popularityMeter(v) {
    const n = Number(v);
    if (isBlank(v) || !Number.isFinite(n)) return null;
    const meter = el("span", "popularity", `${Math.round(n)} / 100`);
    const bar = el("span", "popularity-bar");
    bar.setAttribute("aria-hidden", "true");
    bar.style.setProperty("--pop", `${Math.max(0, Math.min(100, n))}%`);
    meter.append(bar);
    return meter;
  }

  function humanKey(k) {
    const words = k.replace(/_/g, " ").trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  /* A field Segue does not know (catalogs may send more): shown plainly, never a vector. */
  function otherValue(v) {
    if (isBlank(v) || (Array.isArray(v) && !v.length)) return null;
    if (Array.isArray(v)) {
      if (v.some((x) => typeof x === "number") && v.length > 8) return null;
      if (v.every((x) => x === null || typeof x !== "object")) return listText(v);
    }
    if (typeof v === "object") return null;
    if (typeof v === "boolean") return v ? "Yes" : "No";
    return String(v);
  }

  function detailRow(key, label, value) {
    if (value === null || value === undefined) return;
    const dt = el("dt", null, label);
    const dd = el("dd");
    dd.dataset.key = key;
    if (typeof value === "string") dd.textContent = value;
    else dd.append(value);
    detailsFields.append(dt, dd);
  }

  function renderDocument(doc) {
    detailsFields.replaceChildren();
    if (!isBlank(doc.name)) detailsTitle.textContent = String(doc.name);
    const badges = el("span", "badges");
    if (doc.explicit === true) {
      const badge = el("span", "badge badge-explicit", "Explicit");
      badge.title = "Explicit lyrics";
      badges.append(badge);
    }
    if (badges.childNodes.length) detailRow("explicit", "Advisory", badges);
    const known = new Set(DETAIL_ROWS.map(([k]) => k));
    for (const [key, label, format] of DETAIL_ROWS) {
      if (has(doc, key)) detailRow(key, label, format(doc[key], doc));
    }
    for (const key of Object.keys(doc).sort()) {
      if (known.has(key) || HIDDEN_KEYS.has(key)) continue;
      detailRow(key, humanKey(key), otherValue(doc[key]));
    }
  }

  /* Other recordings of a track: same title and a shared artist (a live take, a
     compilation, a remaster), found by searching the title and first artist. */
  async function loadVersions(doc, seq, signal) {
    versionsEl.hidden = true;
    versionsList.replaceChildren();
    const artists = Array.isArray(doc.artists) ? doc.artists.map(String) : [];
    if (doc.type !== "track" || isBlank(doc.name) || !artists.length) return;
    const q = `${doc.name} ${artists[0]}`;
    const res = await fetch(`/v1/search?q=${encodeURIComponent(q)}&type=track&limit=20&distinct=false`, {
      headers: headers(), signal,
    });
    if (!res.ok || seq !== state.detailsSeq) return;
    const body = await res.json();
    if (seq !== state.detailsSeq || !Array.isArray(body.hits)) return;
    const fold = (t) => String(t).normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase().trim();
    const title = fold(doc.name);
    const versions = body.hits.filter((h) => h.id !== doc.id && fold(h.name) === title
      && Array.isArray(h.artists) && h.artists.some((a) => artists.includes(String(a))));
    for (const hit of versions) {
      const parts = [hit.album, hit.year, formatDuration(hit.duration_ms)].filter((x) => !isBlank(x));
      const li = el("li", "version", parts.length ? parts.join(" · ") : String(hit.id));
      li.dataset.id = String(hit.id);
      if (hit.explicit === true) li.append(el("span", "badge badge-explicit", "E"));
      versionsList.append(li);
    }
    versionsEl.hidden = !versions.length;
  }

  async function openDetails(row) {
    if (!row) return;
    const id = row.dataset.id;
    const type = row.dataset.type;
    state.detailsSeq += 1;
    const seq = state.detailsSeq;
    if (state.detailsController) state.detailsController.abort();
    const controller = new AbortController();
    state.detailsController = controller;

    detailsEl.hidden = false;
    detailsEl.dataset.id = id;
    layoutEl.classList.add("has-details");
    detailsKicker.textContent = TYPE_LABEL[type] || type || "Document";
    detailsTitle.textContent = row.querySelector(".hit-name")?.textContent || id;
    detailsFields.replaceChildren();
    detailsStatus.dataset.state = "loading";
    detailsStatus.textContent = "Loading…";

    try {
      const res = await fetch(`/v1/documents/${encodeURIComponent(id)}`, {
        headers: headers(), signal: controller.signal,
      });
      if (!res.ok) {
        const msg = (await problemMessage(res)).replace(/^Search failed/, "Could not load the document");
        if (seq !== state.detailsSeq) return;
        detailsStatus.dataset.state = "error";
        detailsStatus.textContent = msg;
        return;
      }
      const body = await res.json();
      if (seq !== state.detailsSeq) return;
      let doc = body;
      if (doc && typeof doc === "object") {
        if (doc._source && typeof doc._source === "object") doc = { id: doc._id ?? id, ...doc._source };
        else if (doc.document && typeof doc.document === "object") doc = doc.document;
      }
      if (!doc || typeof doc !== "object") throw new Error("the answer is not a JSON object");
      detailsStatus.dataset.state = "ok";
      detailsStatus.textContent = "";
      renderDocument(doc);
      // Optional: a document without vectors, or a failed request, just shows no list.
      await Promise.all([loadSimilar(id, seq, controller.signal).catch(() => {}),
        loadVersions(doc, seq, controller.signal).catch(() => {})]);
    } catch (err) {
      if (err && err.name === "AbortError") return;
      if (seq !== state.detailsSeq) return;
      detailsStatus.dataset.state = "error";
      detailsStatus.textContent = `Could not load the document (${err && err.message ? err.message : "error"}).`;
    } finally {
      if (seq === state.detailsSeq) state.detailsController = null;
    }
  }

  // ---------------------------------------------------------------- wiring

  input.addEventListener("input", scheduleSearch);
  input.addEventListener("keydown", onKeyDown);
  form.addEventListener("submit", (e) => e.preventDefault());

  resultsEl.addEventListener("mousedown", (e) => {
    if (e.target.closest(".hit")) e.preventDefault(); // keep focus in the input
  });
  resultsEl.addEventListener("click", (e) => {
    const row = e.target.closest(".hit");
    if (!row) return;
    setActive(Number(row.dataset.index));
    openDetails(row);
    input.focus();
  });

  detailsClose.addEventListener("click", () => {
    closeDetails();
    input.focus();
  });

  hintEl.addEventListener("click", (e) => {
    const chip = e.target.closest("[data-example]");
    if (!chip) return;
    input.value = chip.dataset.example;
    input.focus();
    scheduleSearch();
  });

  const initial = pageParams.get("q");
  if (initial) {
    input.value = initial;
    scheduleSearch();
  } else {
    showHint();
  }
})();
