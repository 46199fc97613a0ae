"""One self-contained HTML page from the records of :func:`claimbench.scoring.explain.explain` (pure).

No network: CSS, script and data are inline, so the page works from ``file://``. Every claim is
drawn exactly once as an element with ``data-claim-id``, ``data-status`` and ``data-mode``, so the
counts on the page can be checked against the report. Claims of one layer (gold or predicted) that
overlap are drawn on extra tracks (copies of the text), because HTML elements cannot cross.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from claimbench.dataset.model import Corpus
from claimbench.scoring.explain import CATEGORIES, PARTS, found_by

STATUS_LABELS = {"tp": "matched", "fn": "missed", "fp": "spurious", "optional": "optional: counts neither way"}
FOUND_LABELS = {"a_only": "found by A only", "b_only": "found by B only", "both": "found by both", "neither": "found by neither"}

_CSS = """
:root { --tp: #1a7f37; --fn: #b35900; --fp: #c0142b; --bg: #fff; --fg: #1b1b1b; }
* { box-sizing: border-box; }
body { font: 16px/1.6 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
header, main { padding: 0 1rem; max-width: 1400px; margin: 0 auto; }
h1, h2, h3, .found-list { overflow-wrap: anywhere; } h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0; } td, th { border: 1px solid #bbb; padding: .2rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.signature { font: 12px monospace; word-break: break-all; color: #555; }
.summary { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; max-width: 100%; overflow-x: auto; }
.filters { margin: 1rem 0; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 24rem; gap: 1rem; }
.layers { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.layer h3 { font-size: 1rem; margin: .5rem 0; }
.track { white-space: pre-wrap; border: 1px solid #ddd; padding: .5rem; margin-bottom: .5rem; }
.claim { cursor: pointer; border-radius: 2px; padding: 0 1px; }
.claim::before { content: attr(data-label); font: bold 10px/1 system-ui; vertical-align: super; padding: 0 2px; }
.claim[data-status=tp] { background: #dcf5e3; border-bottom: 3px solid var(--tp); }
.claim[data-status=tp]::before { color: var(--tp); }
.claim[data-status=fn] { background: #fff0dc; border-bottom: 3px dashed var(--fn); }
.claim[data-status=fn]::before { color: var(--fn); }
.claim[data-status=fp] { background: repeating-linear-gradient(45deg, #fde2e6 0 6px, #fff 6px 10px); border-bottom: 3px dotted var(--fp); }
.claim[data-status=fp]::before { color: var(--fp); }
.claim[data-status=optional] { background: #eeeeee; border-bottom: 3px double #777; font-style: italic; }
.claim[data-status=optional]::before { color: #555; }
.claim[data-optional=true] { font-style: italic; }
.claim[data-found=a_only] { background: #dbeafe; outline: 3px solid #1d4ed8; outline-offset: -1px; }
.claim[data-found=a_only]::before { color: #1d4ed8; }
.claim[data-found=b_only] { background: #f3e8ff; border: 3px double #7e22ce; }
.claim[data-found=b_only]::before { color: #7e22ce; }
.claim[data-found=both] { background: #dcf5e3; border-bottom: 3px solid var(--tp); }
.claim[data-found=both]::before { color: var(--tp); }
.claim[data-found=neither] { background: #fff0dc; border-bottom: 3px dashed var(--fn); }
.claim[data-found=neither]::before { color: var(--fn); }
.layers.against { grid-template-columns: 1fr 1fr; }
.layers.against > .layer:first-child { grid-column: 1 / -1; }
.system-summary > summary { font-weight: bold; margin: .5rem 0; cursor: pointer; }
.found-list a { margin-right: .5rem; }
.claim:focus, .claim.selected { outline: 3px solid #1d4ed8; outline-offset: 1px; }
.claim.hidden { opacity: .15; }
#detail { position: sticky; top: .5rem; align-self: start; border: 2px solid #1d4ed8; padding: .75rem; max-height: 95vh; overflow: auto; background: #f6f8ff; }
#detail dt { font-weight: bold; } #detail dd { margin: 0 0 .4rem 0; }
.unlocated { list-style: none; padding: 0; }
@media (max-width: 900px) {
  .layout, .layers, .layers.against { grid-template-columns: 1fr; }
  #detail { position: fixed; bottom: 0; left: 0; right: 0; top: auto; max-height: 45vh; }
  main { padding-bottom: 46vh; }
}
"""

_JS = """
const data = JSON.parse(document.getElementById('explain-data').textContent);
const mode = data.mode;
const systemKeys = Object.keys(data.systems);
const byKey = new Map();
for (const key of systemKeys) for (const r of data.systems[key].records) byKey.set(key + '|' + r.doc_id + '|' + r.id, r);
const panel = document.getElementById('detail');
function esc(s) { return String(s ?? '—').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c])); }
function itemText(item) { return Object.entries(item).filter(([k]) => k !== 'span').map(([k, v]) => k + '=' + v).join(', '); }
function details(r, system) {
  const partnerId = r.partner[mode];
  const partner = partnerId ? byKey.get(system + '|' + r.doc_id + '|' + partnerId) : null;
  const who = systemKeys.length > 1 ? esc(data.systems[system].name) + ': ' : '';
  let html = '<h3>' + who + esc(r.kind === 'gold' ? 'Gold ' : 'Predicted ') + esc(r.id) + ' — ' + esc(r.status[mode]) + ' (' + esc(data.labels[r.status[mode]]) + ')</h3><dl>';
  html += '<dt>Category</dt><dd>' + esc(r.category) + ': ' + esc(data.category_descriptions[r.category]) + '</dd>';
  html += '<dt>Text</dt><dd>' + esc(r.text) + '</dd><dt>Normalized</dt><dd>' + esc(r.normalized) + '</dd>';
  if (r.optional) html += '<dt>Optional</dt><dd>' + esc(r.optional_reason) + '</dd>';
  if (r.kind === 'gold') html += '<dt>Modality / polarity</dt><dd>' + esc(r.modality) + ' / ' + esc(r.polarity) + '</dd>';
  html += '<dt>Span</dt><dd>' + (r.start === null ? 'not found in the text' : r.start + '–' + r.end) + '</dd>';
  if (partner) {
    const gold = r.kind === 'gold' ? r : partner, pred = r.kind === 'gold' ? partner : r;
    const ds = pred.start - gold.start, de = pred.end - gold.end;
    const side = (d, w) => d === 0 ? w + ' same' : w + ' ' + Math.abs(d) + ' chars ' + (d < 0 ? 'earlier' : 'later');
    html += '<dt>Matched with</dt><dd>' + esc(partner.id) + ' (credit ' + Number(r.credit[mode]).toFixed(2) + ')</dd>';
    html += '<dt>Boundaries (prediction vs gold)</dt><dd>' + (pred.start === null ? 'prediction not located' : side(ds, 'start') + '; ' + side(de, 'end')) + '</dd>';
  }
  html += '<dt>Status per mode</dt><dd>' + Object.entries(r.status).map(([m, s]) => esc(m) + ': ' + esc(s)).join(', ') + '</dd>';
  const gold = r.kind === 'gold' ? r : partner;
  for (const part of data.parts) {
    const own = r.parts[part];
    const outcomes = gold ? gold.parts[part].outcomes : own.outcomes;
    if (!own.items.length && !outcomes.length) continue;
    const find = (rec, span) => rec ? rec.parts[part].items.find(i => i.span === span) : null;
    const predRec = r.kind === 'pred' ? r : partner;
    html += '<dt>' + esc(part) + '</dt><dd><ul>';
    for (const o of outcomes) {
      const g = o.gold ? find(gold, o.gold) : null, p = o.pred ? find(predRec, o.pred) : null;
      html += '<li>' + esc(o.status) + ' (' + esc(data.labels[o.status]) + '): ' + (g ? 'gold ' + esc(itemText(g)) : '') + (g && p ? ' | ' : '') + (p ? 'pred ' + esc(itemText(p)) : '') + '</li>';
    }
    if (!outcomes.length) for (const i of own.items) html += '<li>' + esc(itemText(i)) + '</li>';
    html += '</ul></dd>';
  }
  return html + '</dl>';
}
function show(el) {
  document.querySelectorAll('.claim.selected').forEach(e => e.classList.remove('selected'));
  el.classList.add('selected');
  // a gold claim on the two-system page is shared: show it as each system sees it
  const systems = el.dataset.found ? systemKeys : [el.dataset.system];
  let html = el.dataset.found ? '<p class="found">Found by: <b>' + esc(data.found_labels[el.dataset.found]) + '</b> (mode ' + esc(data.pair_mode) + ')</p>' : '';
  for (const system of systems) html += details(byKey.get(system + '|' + el.dataset.doc + '|' + el.dataset.claimId), system);
  panel.innerHTML = html;
}
document.querySelectorAll('.claim').forEach(el => {
  el.addEventListener('click', () => show(el));
  el.addEventListener('mouseenter', () => show(el));
  el.addEventListener('focus', () => show(el));
  el.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(el); } });
});
function applyFilters() {
  const doc = document.getElementById('filter-doc').value;
  const part = document.getElementById('filter-part').value;
  const foundFilter = document.getElementById('filter-found');
  const found = foundFilter ? foundFilter.value : '';
  const statuses = new Set([...document.querySelectorAll('.filter-status:checked')].map(e => e.value));
  document.querySelectorAll('section.document').forEach(s => { s.hidden = doc !== '' && s.dataset.doc !== doc; });
  document.querySelectorAll('.claim').forEach(el => {
    const own = el.dataset.status ? [el.dataset.status] : [el.dataset.statusA, el.dataset.statusB];
    const [kind, name] = part.split(':');
    const partOk = part === '' || (el.dataset[kind === 'has' ? 'parts' : 'partErrors'] || '').split(' ').includes(name);
    const foundOk = found === '' || (el.dataset.found ? el.dataset.found === found : true);
    el.classList.toggle('hidden', !own.some(s => statuses.has(s)) || !partOk || !foundOk);
  });
}
document.querySelectorAll('#filter-doc, #filter-part, #filter-found, .filter-status').forEach(el => el.addEventListener('change', applyFilters));
// a link to a claim (the summary's instance links, or a URL ending in #gold-DOC-ID) opens its details
function showHash() {
  const el = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (el && el.classList.contains('claim')) { show(el); el.focus(); }
}
window.addEventListener('hashchange', showHash);
showHash();
"""


def _tracks(records: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Located claims split into tracks of non-overlapping spans (first fit, by start)."""
    tracks: list[list[dict[str, Any]]] = []
    for record in sorted(records, key=lambda r: (r["start"], -r["end"], r["id"])):
        for track in tracks:
            if track[-1]["end"] <= record["start"]:
                track.append(record)
                break
        else:
            tracks.append([record])
    return tracks


def anchor(record: dict[str, Any], system: str = "") -> str:
    """The element id of a drawn claim; predictions of a two-system page carry their system (a, b)."""
    tag = f"{system}-" if system and record["kind"] == "pred" else ""
    return f"{record['kind']}-{tag}{record['doc_id']}-{record['id'].replace(' ', '-')}"


def _parts_attributes(records: Sequence[dict[str, Any]]) -> str:
    """``data-parts`` (parts with items) and ``data-part-errors`` (parts with a missed or spurious item), for the part filter."""
    has = sorted({p for r in records for p in PARTS if r["parts"][p]["items"]}, key=PARTS.index)
    wrong = sorted({p for r in records for p in PARTS if any(o["status"] != "tp" for o in r["parts"][p]["outcomes"])}, key=PARTS.index)
    return f'data-parts="{" ".join(has)}" data-part-errors="{" ".join(wrong)}"'


def _span(record: dict[str, Any], mode: str, inner: str, system: str, page_system: str = "") -> str:
    """One claim of one system (``system``: a or b) as it scores in ``mode``."""
    status = record["status"][mode]
    optional = bool(record.get("optional"))
    optional_label = " optional" if optional else ""
    return (
        f'<span class="claim" id="{escape(anchor(record, page_system))}" tabindex="0" role="button" data-doc="{escape(record["doc_id"])}" '
        f'data-claim-id="{escape(record["id"])}" data-kind="{record["kind"]}" data-system="{system}" data-status="{status}" data-mode="{mode}" '
        f'data-category="{record["category"]}" data-label="{status.upper()}{optional_label}" data-optional="{str(optional).lower()}" '
        f'{_parts_attributes([record])} aria-label="{escape(record["kind"])} claim {escape(record["id"])}: {STATUS_LABELS[status]}">{inner}</span>'
    )


def _shared_gold_span(a: dict[str, Any], b: dict[str, Any], mode: str, pair_mode: str, inner: str) -> str:
    """A gold claim on the two-system page: drawn once, marked by which system finds it (``data-found``)."""
    found = found_by(a["partner"][pair_mode] is not None, b["partner"][pair_mode] is not None)
    optional = bool(a.get("optional"))
    label = found.replace("_", " ").upper()  # A ONLY, B ONLY, BOTH, NEITHER
    return (
        f'<span class="claim" id="{escape(anchor(a))}" tabindex="0" role="button" data-doc="{escape(a["doc_id"])}" '
        f'data-claim-id="{escape(a["id"])}" data-kind="gold" data-system="a" data-found="{found}" data-status-a="{a["status"][mode]}" '
        f'data-status-b="{b["status"][mode]}" data-mode="{mode}" data-label="{escape(label)}{" optional" if optional else ""}" '
        f'data-optional="{str(optional).lower()}" {_parts_attributes([a, b])} '
        f'aria-label="gold claim {escape(a["id"])}: {escape(FOUND_LABELS[found])}">{inner}</span>'
    )


Draw = Callable[[dict[str, Any], str], str]


def _track_html(text: str, track: Sequence[dict[str, Any]], draw: Draw) -> str:
    out, position = [], 0
    for record in track:
        out.append(escape(text[position : record["start"]]))
        out.append(draw(record, escape(text[record["start"] : record["end"]])))
        position = record["end"]
    out.append(escape(text[position:]))
    return f'<div class="track">{"".join(out)}</div>'


def _layer(title: str, text: str, records: Sequence[dict[str, Any]], draw: Draw) -> str:
    located = [r for r in records if r["start"] is not None]
    tracks = _tracks(located) or [[]]
    parts = [f'<div class="layer"><h3>{escape(title)}</h3>']
    for index, track in enumerate(tracks):
        if index:
            parts.append(f"<h3>{escape(title)}, overlapping claims (track {index + 1})</h3>")
        parts.append(_track_html(text, track, draw))
    unlocated = [r for r in records if r["start"] is None]
    if unlocated:
        parts.append("<h3>Predictions not found in the text</h3><ul class=\"unlocated\">")
        parts += [f"<li>{draw(r, escape(r['text']))}</li>" for r in unlocated]
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def _link(record: dict[str, Any], page_system: str = "") -> str:
    return f'<a href="#{escape(anchor(record, page_system))}">{escape(record["doc_id"])}/{escape(record["id"])}</a>'


def _summary(explained: dict[str, Any], page_system: str = "") -> str:
    summary, mode = explained["summary"], explained["mode"]
    rows = "".join(f"<tr><td>{s} ({STATUS_LABELS[s]})</td><td>{n}</td></tr>" for s, n in summary["status"].items())
    status_table = f"<table><caption>Claims in mode {mode}</caption><tr><th>status</th><th>count</th></tr>{rows}</table>"
    instances: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    for record in explained["records"]:
        if record["kind"] == "gold" or record["status"][mode] == "fp":
            instances[record["category"]].append(record)
    category_rows = []
    for category, count in summary["categories"].items():
        links = " ".join(_link(r, page_system) for r in instances[category])
        detail = f"<details><summary>{count}</summary>{links}</details>" if count else "0"
        category_rows.append(f"<tr><td>{category}: {escape(CATEGORIES[category])}</td><td>{detail}</td></tr>")
    category_table = f"<table><caption>Error categories</caption><tr><th>category</th><th>count</th></tr>{''.join(category_rows)}</table>"
    part_rows = "".join(f"<tr><td>{p}</td><td>{n}</td></tr>" for p, n in summary["part_errors"].items())
    part_table = f"<table><caption>Matched claims with part errors, by part</caption><tr><th>part</th><th>claims</th></tr>{part_rows}</table>"
    score_rows = "".join(
        f"<tr><td>{m}</td><td>{s['precision']:.3f}</td><td>{s['recall']:.3f}</td><td>{s['f1']:.3f}</td></tr>"
        for m, s in summary["scores"].items()
    )
    score_table = f"<table><caption>Claims (micro)</caption><tr><th>mode</th><th>P</th><th>R</th><th>F1</th></tr>{score_rows}</table>"
    return f'<div class="summary">{score_table}{status_table}{category_table}{part_table}</div>'


def _difference(compared: dict[str, Any], names: Sequence[str]) -> str:
    """The gold claims one system finds and the other misses: counts per mode, links in the page's mode."""
    pair_mode, difference = compared["pair_mode"], compared["found_by_one_only"]
    gold = {r["id"]: r for r in compared["systems"]["a"]["records"] if r["kind"] == "gold"}
    rows = "".join(f"<tr><td>{m}</td><td>{len(d['a_only'])}</td><td>{len(d['b_only'])}</td></tr>" for m, d in difference.items())
    head = "<tr><th>mode</th><th>found by A only</th><th>found by B only</th></tr>"
    lists = "".join(
        f'<div><h3 id="found-{side}">Found by {letter} only ({len(difference[pair_mode][side])}, mode {pair_mode}): {escape(name)}</h3>'
        f'<p class="found-list">{" ".join(_link(gold[i]) for i in difference[pair_mode][side]) or "none"}</p></div>'
        for side, letter, name in (("a_only", "A", names[0]), ("b_only", "B", names[1]))
    )
    return f'<div class="summary"><table><caption>Gold claims one system finds and the other misses</caption>{head}{rows}</table>{lists}</div>'


def _filters(corpus: Corpus, names: Sequence[str] = ()) -> str:
    options = "".join(f'<option value="{escape(d.doc_id)}">{escape(d.doc_id)}</option>' for d in corpus.documents)
    part_options = "".join(f'<option value="has:{p}">with {p}</option><option value="err:{p}">with {p} errors</option>' for p in PARTS)
    checkboxes = "".join(
        f'<label><input type="checkbox" class="filter-status" value="{s}" checked> {s} ({label})</label>' for s, label in STATUS_LABELS.items()
    )
    found = ""
    if names:
        labels = {"a_only": f"{names[0]} only", "b_only": f"{names[1]} only", "both": "both", "neither": "neither"}
        found_options = "".join(f'<option value="{key}">{escape(label)}</option>' for key, label in labels.items())
        found = f'<label>Gold found by <select id="filter-found"><option value="">any</option>{found_options}</select></label>'
    return (
        f'<div class="filters"><label>Document <select id="filter-doc"><option value="">all</option>{options}</select></label>'
        f'<label>Part <select id="filter-part"><option value="">any</option>{part_options}</select></label>{found}{checkboxes}</div>'
    )


def _page(title: str, signatures: Sequence[str], legend: str, summary: str, filters: str, sections: Sequence[str], payload: dict[str, Any]) -> str:
    data = json.dumps(dict(payload, labels=STATUS_LABELS, parts=list(PARTS), found_labels=FOUND_LABELS), ensure_ascii=False, sort_keys=True)
    data = data.replace("</", "<\\/")  # the JSON cannot close its script element
    signature_lines = "".join(f'<p class="signature">{escape(s)}</p>' for s in signatures)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1>{signature_lines}{legend}{summary}{filters}</header>"
        f'<main class="layout"><div>{"".join(sections)}</div>'
        '<aside id="detail" aria-live="polite"><p>Select a claim to see its details.</p></aside></main>'
        f'<script type="application/json" id="explain-data">{data}</script><script>{_JS}</script></body></html>\n'
    )


_LEGEND = (
    "<p>Status in mode <b>{mode}</b>: TP = matched (solid underline), FN = missed gold claim (dashed), "
    "FP = spurious prediction (hatched, dotted); gold claims marked optional are italic and labelled 'optional'. "
    "Hover, click or focus (Tab) a claim for its details.</p>"
)


def _section(document: Any, layers: str, against: bool = False) -> str:
    heading = escape(document.doc_id + (f": {document.title}" if document.title else ""))
    kind = "layers against" if against else "layers"
    return f'<section class="document" data-doc="{escape(document.doc_id)}"><h2>{heading}</h2><div class="{kind}">{layers}</div></section>'


def render_html(explained: dict[str, Any], corpus: Corpus, title: str) -> str:
    """The page: summary, filters, then per document the gold and predicted layers and a detail panel."""
    mode = explained["mode"]

    def draw(record: dict[str, Any], inner: str) -> str:
        return _span(record, mode, inner, "a")

    sections = []
    for document in corpus.documents:
        records = [r for r in explained["records"] if r["doc_id"] == document.doc_id]
        gold = _layer("Gold claims", document.text, [r for r in records if r["kind"] == "gold"], draw)
        pred = _layer("Predicted claims", document.text, [r for r in records if r["kind"] == "pred"], draw)
        sections.append(_section(document, gold + pred))
    payload = {"mode": mode, "systems": {"a": {"name": title, "records": explained["records"]}}, "category_descriptions": CATEGORIES}
    legend = _LEGEND.format(mode=escape(mode))
    return _page(title, [explained["signature"]], legend, _summary(explained), _filters(corpus), sections, payload)


def render_against_html(compared: dict[str, Any], corpus: Corpus, title: str) -> str:
    """The two-system page (from :func:`claimbench.scoring.explain.explain_against`): the gold layer drawn once and
    marked by which system finds each claim, both predicted layers, both summaries and the difference."""
    mode, pair_mode = compared["mode"], compared["pair_mode"]
    systems = compared["systems"]
    names = [systems["a"]["name"], systems["b"]["name"]]
    gold_b = {r["id"]: r for r in systems["b"]["records"] if r["kind"] == "gold"}

    def draw_gold(record: dict[str, Any], inner: str) -> str:
        return _shared_gold_span(record, gold_b[record["id"]], mode, pair_mode, inner)

    def drawer(system: str) -> Draw:
        return lambda record, inner: _span(record, mode, inner, system, system)

    sections = []
    for document in corpus.documents:
        layers = [_layer("Gold claims (found by A only, B only, both, neither)", document.text,
                         [r for r in systems["a"]["records"] if r["doc_id"] == document.doc_id and r["kind"] == "gold"], draw_gold)]  # fmt: skip
        for key, letter in (("a", "A"), ("b", "B")):
            records = [r for r in systems[key]["records"] if r["doc_id"] == document.doc_id and r["kind"] == "pred"]
            layers.append(_layer(f"{letter}: {systems[key]['name']}, predicted claims", document.text, records, drawer(key)))
        sections.append(_section(document, "".join(layers), against=True))
    summaries = "".join(
        f'<details class="system-summary"><summary>{letter}: {escape(systems[key]["name"])}: scores and error categories</summary>'
        f"{_summary(systems[key], key)}</details>"
        for key, letter in (("a", "A"), ("b", "B"))
    )
    legend = _LEGEND.format(mode=escape(mode)) + (
        f"<p>Gold claims are drawn once, marked by which system matches them in mode <b>{escape(pair_mode)}</b>: "
        f"A ONLY = found by {escape(names[0])} only (blue, thick outline), B ONLY = found by {escape(names[1])} only "
        "(purple, double outline), BOTH (green), NEITHER (orange, dashed). A = the first system, B = --against.</p>"
    )
    payload = {
        "mode": mode, "pair_mode": pair_mode, "category_descriptions": CATEGORIES,
        "systems": {key: {"name": systems[key]["name"], "records": systems[key]["records"]} for key in ("a", "b")},
    }  # fmt: skip
    signatures = [f"A: {systems['a']['signature']}", f"B: {systems['b']['signature']}"]
    return _page(title, signatures, legend, _difference(compared, names) + summaries, _filters(corpus, names), sections, payload)
