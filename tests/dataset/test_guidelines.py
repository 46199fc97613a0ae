"""The guideline a system builder reads must not quote the test articles; the decisions that do
live in the appendix, which the guideline links with a warning and the build ships beside it."""

from __future__ import annotations

import re

from conftest import ROOT

WORD = re.compile(r"\w+")
RUN = 6  # words: longer than the stock phrases a rule has to name ("in einem Brief an den")
APPENDIX = "GUIDELINES-appendix-test-decisions.md"


def _runs(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_the_guideline_and_the_format_quote_no_test_article() -> None:
    seed_runs = set().union(*(_runs(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "seeds").glob("*.txt"))))
    for name in ("GUIDELINES.md", "README.md"):
        quoted = _runs((ROOT / "annotations" / name).read_text(encoding="utf-8")) & seed_runs
        assert not quoted, f"annotations/{name} quotes the test articles: {sorted(' '.join(run) for run in quoted)[:5]}"


def test_the_appendix_quotes_them_and_is_linked_with_a_warning() -> None:
    guideline = (ROOT / "annotations" / "GUIDELINES.md").read_text(encoding="utf-8")
    appendix = (ROOT / "annotations" / APPENDIX).read_text(encoding="utf-8")
    assert f"]({APPENDIX})" in guideline and "Warning" in guideline
    assert appendix.lstrip().startswith("# ") and "Reading it means reading test answers" in appendix.replace("\n> ", " ")
    assert (ROOT / "benchmark" / APPENDIX).read_bytes() == (ROOT / "annotations" / APPENDIX).read_bytes()
