"""The explain page in a real browser: Debian's headless chromium (skipped only where it is absent)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

from claimbench.dataset.gold import load_gold
from claimbench.files import read_submission
from claimbench.reports.explain_html import render_against_html, render_html
from claimbench.scoring.explain import explain, explain_against
from claimbench.scoring.report import score

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium; .ci/run does this)")
SCREENSHOTS = ROOT / "build" / "screenshots"


def chromium(tmp_path: Path, *args: str) -> str:
    assert CHROMIUM is not None
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
        "--hide-scrollbars", *args,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and raw pixel rows of an 8-bit RGB or RGBA PNG (what chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunk = data[position + 8 : position + 8 + length]
        header = chunk if kind == b"IHDR" else header
        idat += chunk if kind == b"IDAT" else b""
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    channels = 3 if colour == 2 else 4
    raw, stride, rows = zlib.decompress(idat), width * channels, []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up, corner = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(b for i in range(0, stride, channels) for b in row[i : i + 3]) for row in rows]


@pytest.fixture(scope="module")
def rules_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    gold = load_gold()
    claims, _ = read_submission(ROOT / "baselines" / "rules" / "predictions.jsonl", gold)
    explained = explain(score(gold, claims, resamples=0), gold, claims, "full")
    page = tmp_path_factory.mktemp("page") / "rules.html"
    page.write_text(render_html(explained, gold, "rules"), encoding="utf-8")
    return page, {"explained": explained, "report": score(gold, claims, resamples=0)}


def test_the_browser_draws_as_many_spans_per_status_as_the_report_counts(rules_page: tuple[Path, dict], tmp_path: Path) -> None:
    page, data = rules_page
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    spans = re.findall(r'<span class="claim[^"]*"[^>]*data-kind="(gold|pred)"[^>]*data-status="(\w+)"', dom)
    assert spans
    seen = Counter(spans)
    report = data["report"]
    outcomes = Counter(o.status for doc in report.documents.values() for o in doc.outcomes["claims"]["full"])
    assert seen[("gold", "tp")] == outcomes["tp"] == seen[("pred", "tp")]
    assert seen[("gold", "fn")] == outcomes["fn"]
    assert seen[("pred", "fp")] == outcomes["fp"]
    # optional gold claims, and predictions matched to them, count neither way (MUC-style)
    assert seen[("gold", "optional")] + seen[("pred", "optional")] == outcomes["optional"] + sum(
        1 for doc in report.documents.values() for o in doc.outcomes["claims"]["full"] if o.status == "optional" and o.gold and o.pred
    )
    assert not {status for _, status in seen} - {"tp", "fn", "fp", "optional"}


def test_opening_a_claim_shows_its_details(rules_page: tuple[Path, dict], tmp_path: Path) -> None:
    page, data = rules_page
    record = next(r for r in data["explained"]["records"] if r["kind"] == "gold" and r["status"]["full"] == "tp")
    anchor = f"gold-{record['doc_id']}-{record['id']}"
    dom = chromium(tmp_path, "--dump-dom", f"{page.as_uri()}#{anchor}")
    panel = dom.split('<aside id="detail"', 1)[1].split("</aside>", 1)[0]
    assert f"Gold {record['id']}" in panel
    assert record["normalized"].replace("&", "&amp;")[:40] in panel
    assert "Boundaries (prediction vs gold)" in panel and f"Matched with</dt><dd>{record['partner']['full']}" in panel
    assert f'id="{anchor}"' in dom and "selected" in dom.split(f'id="{anchor}"', 1)[0].rsplit("<span", 1)[1]


# detail: a matched claim with part errors opened by its link; headless chromium paints the area
# above a fragment-scrolled position blank, so that screenshot is tall and only its lower part shows
@pytest.mark.parametrize("name, size", [("desktop", "1280,1600"), ("phone", "390,3200"), ("detail", "1280,2400")])
def test_screenshot_is_not_blank(rules_page: tuple[Path, dict], tmp_path: Path, name: str, size: str) -> None:
    page, data = rules_page
    url = page.as_uri()
    if name == "detail":
        record = next(r for r in data["explained"]["records"] if r["kind"] == "gold" and r["category"] == "part_errors")
        url += f"#gold-{record['doc_id']}-{record['id']}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"explain-rules-{name}.png"
    chromium(tmp_path, f"--screenshot={target}", f"--window-size={size}", url)
    width, height, rows = decode_png(target.read_bytes())
    assert (width, height) == tuple(int(v) for v in size.split(","))
    colours = Counter(row[i : i + 3] for row in rows[::4] for i in range(0, len(row), 12))
    assert len(colours) > 20, "the page looks blank"
    assert sum(colours.values()) - colours.most_common(1)[0][1] > 0.02 * sum(colours.values())
    assert bytes((0xDC, 0xF5, 0xE3)) in colours, "no matched (tp) claim background painted"


@pytest.fixture(scope="module")
def against_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    gold = load_gold()
    explained = {}
    for name in ("rules", "spacy"):
        claims, _ = read_submission(ROOT / "baselines" / name / "predictions.jsonl", gold)
        explained[name] = explain(score(gold, claims, resamples=0), gold, claims, "full")
    compared = explain_against(explained["rules"], explained["spacy"], ("rules", "spacy"))
    page = tmp_path_factory.mktemp("against") / "rules-against-spacy.html"
    page.write_text(render_against_html(compared, gold, "rules against spacy"), encoding="utf-8")
    return page, compared


def test_the_browser_draws_the_against_page_with_the_differences_and_both_predicted_layers(
    against_page: tuple[Path, dict], tmp_path: Path
) -> None:
    page, compared = against_page
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    gold = dict(re.findall(r'<span class="claim[^"]*"[^>]*data-claim-id="([^"]+)" data-kind="gold"[^>]*data-found="(\w+)"', dom))
    difference = compared["found_by_one_only"]["full"]
    assert len(gold) == len(load_gold().claims)
    assert sorted(i for i, found in gold.items() if found == "a_only") == difference["a_only"]
    assert sorted(i for i, found in gold.items() if found == "b_only") == difference["b_only"]
    preds = Counter(re.findall(r'<span class="claim[^"]*"[^>]*data-kind="pred" data-system="(a|b)" data-status="(\w+)"', dom))
    for key in ("a", "b"):
        expected = Counter(r["status"]["full"] for r in compared["systems"][key]["records"] if r["kind"] == "pred")
        assert {status: preds[(key, status)] for status in expected} == dict(expected)
    links = re.findall(r'<h3 id="found-(a_only|b_only)">.*?</h3><p class="found-list">(.*?)</p>', dom)
    assert {side: len(re.findall(r"<a href=", html)) for side, html in links} == {s: len(difference[s]) for s in ("a_only", "b_only")}


def test_opening_a_claim_found_by_one_only_shows_both_systems(against_page: tuple[Path, dict], tmp_path: Path) -> None:
    page, compared = against_page
    claim_id = compared["found_by_one_only"]["full"]["a_only"][0]
    doc_id = next(r["doc_id"] for r in compared["systems"]["a"]["records"] if r["id"] == claim_id)
    dom = chromium(tmp_path, "--dump-dom", f"{page.as_uri()}#gold-{doc_id}-{claim_id}")
    panel = dom.split('<aside id="detail"', 1)[1].split("</aside>", 1)[0]
    assert "Found by: <b>found by A only</b>" in panel
    assert f"rules: Gold {claim_id} — tp" in panel and f"spacy: Gold {claim_id} — fn" in panel


def test_against_screenshot_is_not_blank(against_page: tuple[Path, dict], tmp_path: Path) -> None:
    page, _ = against_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / "explain-rules-against-spacy-desktop.png"
    chromium(tmp_path, f"--screenshot={target}", "--window-size=1280,1600", page.as_uri())
    width, height, rows = decode_png(target.read_bytes())
    assert (width, height) == (1280, 1600)
    colours = Counter(row[i : i + 3] for row in rows[::4] for i in range(0, len(row), 12))
    assert len(colours) > 20, "the page looks blank"
    assert bytes((0xDB, 0xEA, 0xFE)) in colours, "no 'found by A only' gold claim background painted"
