"""One self-contained HTML page from the records of :func:`claimbench.explain.explain` (pure).

No network: CSS, script and data are inline, so the page works from ``file://``. Every claim is
drawn exactly once as an element with ``data-claim-id``, ``data-status`` and ``data-mode``, so the
counts on the page can be checked against the report. Claims of one layer (gold or predicted) that
overlap are drawn on extra tracks (copies of the text), because HTML elements cannot cross.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

from claimbench.explain import CATEGORIES, PARTS
from claimbench.model import Corpus

STATUS_LABELS = {"tp": "matched", "fn": "missed", "fp": "spurious", "optional": "optional: counts neither way"}

_CSS = """
:root { --tp: #1a7f37; --fn: #b35900; --fp: #c0142b; --bg: #fff; --fg: #1b1b1b; }
* { box-sizing: border-box; }
body { font: 16px/1.6 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
header, main { padding: 0 1rem; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0; } td, th { border: 1px solid #bbb; padding: .2rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.signature { font: 12px monospace; word-break: break-all; color: #555; }
.summary { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
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
.claim:focus, .claim.selected { outline: 3px solid #1d4ed8; outline-offset: 1px; }
.claim.hidden { opacity: .15; }
#detail { position: sticky; top: .5rem; align-self: start; border: 2px solid #1d4ed8; padding: .75rem; max-height: 95vh; overflow: auto; background: #f6f8ff; }
#detail dt { font-weight: bold; } #detail dd { margin: 0 0 .4rem 0; }
.unlocated { list-style: none; padding: 0; }
@media (max-width: 900px) {
  .layout, .layers { grid-template-columns: 1fr; }
  #detail { position: fixed; bottom: 0; left: 0; right: 0; top: auto; max-height: 45vh; }
  main { padding-bottom: 46vh; }
}
"""

_JS = """
const data = JSON.parse(document.getElementById('explain-data').textContent);
const byKey = new Map(data.records.map(r => [r.doc_id + '|' + r.id, r]));
const mode = data.mode;
const panel = document.getElementById('detail');
function esc(s) { return String(s ?? '—').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c])); }
function itemText(item) { return Object.entries(item).filter(([k]) => k !== 'span').map(([k, v]) => k + '=' + v).join(', '); }
function show(el) {
  document.querySelectorAll('.claim.selected').forEach(e => e.classList.remove('selected'));
  el.classList.add('selected');
  const r = byKey.get(el.dataset.doc + '|' + el.dataset.claimId);
  const partnerId = r.partner[mode];
  const partner = partnerId ? byKey.get(r.doc_id + '|' + partnerId) : null;
  let html = '<h3>' + esc(r.kind === 'gold' ? 'Gold ' : 'Predicted ') + esc(r.id) + ' — ' + esc(r.status[mode]) + ' (' + esc(data.labels[r.status[mode]]) + ')</h3><dl>';
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
  panel.innerHTML = html + '</dl>';
}
document.querySelectorAll('.claim').forEach(el => {
  el.addEventListener('click', () => show(el));
  el.addEventListener('mouseenter', () => show(el));
  el.addEventListener('focus', () => show(el));
  el.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(el); } });
});
function applyFilters() {
  const doc = document.getElementById('filter-doc').value;
  const statuses = new Set([...document.querySelectorAll('.filter-status:checked')].map(e => e.value));
  document.querySelectorAll('section.document').forEach(s => { s.hidden = doc !== '' && s.dataset.doc !== doc; });
  document.querySelectorAll('.claim').forEach(el => el.classList.toggle('hidden', !statuses.has(el.dataset.status)));
}
document.querySelectorAll('#filter-doc, .filter-status').forEach(el => el.addEventListener('change', applyFilters));
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


def _span(record: dict[str, Any], mode: str, inner: str) -> str:
    status = record["status"][mode]
    optional = bool(record.get("optional"))
    optional_label = " optional" if optional else ""
    anchor = f"{record['kind']}-{record['doc_id']}-{record['id'].replace(' ', '-')}"
    return (
        f'<span class="claim" id="{escape(anchor)}" tabindex="0" role="button" data-doc="{escape(record["doc_id"])}" '
        f'data-claim-id="{escape(record["id"])}" data-kind="{record["kind"]}" data-status="{status}" data-mode="{mode}" '
        f'data-category="{record["category"]}" data-label="{status.upper()}{optional_label}" data-optional="{str(optional).lower()}" '
        f'aria-label="{escape(record["kind"])} claim {escape(record["id"])}: {STATUS_LABELS[status]}">{inner}</span>'
    )


def _track_html(text: str, track: Sequence[dict[str, Any]], mode: str) -> str:
    out, position = [], 0
    for record in track:
        out.append(escape(text[position : record["start"]]))
        out.append(_span(record, mode, escape(text[record["start"] : record["end"]])))
        position = record["end"]
    out.append(escape(text[position:]))
    return f'<div class="track">{"".join(out)}</div>'


def _layer(title: str, text: str, records: Sequence[dict[str, Any]], mode: str) -> str:
    located = [r for r in records if r["start"] is not None]
    tracks = _tracks(located) or [[]]
    parts = [f'<div class="layer"><h3>{title}</h3>']
    for index, track in enumerate(tracks):
        if index:
            parts.append(f"<h3>{title}, overlapping claims (track {index + 1})</h3>")
        parts.append(_track_html(text, track, mode))
    unlocated = [r for r in records if r["start"] is None]
    if unlocated:
        parts.append("<h3>Predictions not found in the text</h3><ul class=\"unlocated\">")
        parts += [f"<li>{_span(r, mode, escape(r['text']))}</li>" for r in unlocated]
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def _summary(explained: dict[str, Any]) -> str:
    summary, mode = explained["summary"], explained["mode"]
    rows = "".join(f"<tr><td>{s} ({STATUS_LABELS[s]})</td><td>{n}</td></tr>" for s, n in summary["status"].items())
    status_table = f"<table><caption>Claims in mode {mode}</caption><tr><th>status</th><th>count</th></tr>{rows}</table>"
    instances: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    for record in explained["records"]:
        if record["kind"] == "gold" or record["status"][mode] == "fp":
            instances[record["category"]].append(record)
    category_rows = []
    for category, count in summary["categories"].items():
        links = " ".join(
            f'<a href="#{escape(r["kind"])}-{escape(r["doc_id"])}-{escape(r["id"].replace(" ", "-"))}">{escape(r["doc_id"])}/{escape(r["id"])}</a>'
            for r in instances[category]
        )
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


def render_html(explained: dict[str, Any], corpus: Corpus, title: str) -> str:
    """The page: summary, filters, then per document the gold and predicted layers and a detail panel."""
    mode = explained["mode"]
    sections = []
    for document in corpus.documents:
        records = [r for r in explained["records"] if r["doc_id"] == document.doc_id]
        gold = _layer("Gold claims", document.text, [r for r in records if r["kind"] == "gold"], mode)
        pred = _layer("Predicted claims", document.text, [r for r in records if r["kind"] == "pred"], mode)
        heading = escape(document.doc_id + (f": {document.title}" if document.title else ""))
        sections.append(f'<section class="document" data-doc="{escape(document.doc_id)}"><h2>{heading}</h2><div class="layers">{gold}{pred}</div></section>')
    options = "".join(f'<option value="{escape(d.doc_id)}">{escape(d.doc_id)}</option>' for d in corpus.documents)
    checkboxes = "".join(
        f'<label><input type="checkbox" class="filter-status" value="{s}" checked> {s} ({label})</label>' for s, label in STATUS_LABELS.items()
    )
    filters = f'<div class="filters"><label>Document <select id="filter-doc"><option value="">all</option>{options}</select></label>{checkboxes}</div>'
    payload = dict(explained, labels=STATUS_LABELS, parts=list(PARTS))
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    legend = (
        "<p>Status in mode <b>{mode}</b>: TP = matched (solid underline), FN = missed gold claim (dashed), "
        "FP = spurious prediction (hatched, dotted); gold claims marked optional are italic and labelled 'optional' (still counted as tp/fn by the scorer). Hover, click or focus (Tab) a claim for its details.</p>"
    ).format(mode=escape(mode))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{escape(title)}</h1><p class="signature">{escape(explained["signature"])}</p>{legend}'
        f"{_summary(explained)}{filters}</header>"
        f'<main class="layout"><div>{"".join(sections)}</div>'
        '<aside id="detail" aria-live="polite"><p>Select a claim to see its details.</p></aside></main>'
        f'<script type="application/json" id="explain-data">{data}</script><script>{_JS}</script></body></html>\n'
    )
