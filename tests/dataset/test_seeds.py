import hashlib

import pytest
from conftest import ROOT

SEEDS = ROOT / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def pinned_sums() -> dict[str, str]:
    lines = (SEEDS / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ") for line in lines)}


def test_sha256sums_lists_exactly_the_five_seeds_with_their_hashes() -> None:
    files = sorted(path.name for path in SEEDS.glob("*.txt"))
    assert len(files) == 5
    assert [name[:3] for name in files] == ["000", "001", "002", "003", "004"]
    sums = pinned_sums()
    assert sorted(sums) == files
    for name in files:
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == sums[name]


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seeds_are_byte_identical_to_the_shared_originals() -> None:
    originals = sorted(path.name for path in SHARED_SEEDS.glob("*.txt"))
    assert originals == sorted(path.name for path in SEEDS.glob("*.txt"))
    for name in originals:
        assert (SEEDS / name).read_bytes() == (SHARED_SEEDS / name).read_bytes()
