"""`claimbench build`: seeds/ + annotations/ → benchmark/ (and the gold copy shipped in the package).

The only module that reads seeds and annotation files and writes the dataset folder. Everything is
read and validated before anything is written, so a refused build leaves no file changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from claimbench.dataset.annotations import AnnotationError, parse_annotation_file, parse_registry
from claimbench.dataset.card import CONFIG_PATHS, SplitSize, render_card, render_croissant
from claimbench.dataset.gold import content_hash
from claimbench.dataset.model import Corpus
from claimbench.dataset.schema import CONFIG_FEATURES, config_rows
from claimbench.dataset.yaml_io import YamlFileError, load_yaml
from claimbench.version import DATASET_VERSION

# copied from annotations/ into the dataset folder: the guideline links its appendix, and the card's
# licence section links LICENSE, so they travel together
COPIED_FILES = ("GUIDELINES.md", "GUIDELINES-appendix-test-decisions.md", "LICENSE")


class BuildError(ValueError):
    """A refused build, as one line naming the file (and claim and field where there is one)."""


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def annotations(self) -> Path:
        return self.root / "annotations"

    @property
    def benchmark(self) -> Path:
        return self.root / "benchmark"

    @property
    def changelog(self) -> Path:
        return self.root / "CHANGELOG.md"

    @property
    def package_gold(self) -> Path:
        """The gold copy inside the source tree, installed with the package."""
        return self.root / "src" / "claimbench" / "data" / "gold"

    @property
    def agreement(self) -> Path:
        return self.annotations / "agreement.md"


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _check_seed_hashes(paths: ProjectPaths) -> dict[str, str]:
    """sha256 of each seed file, refusing any that differs from seeds/SHA256SUMS."""
    sums_path = paths.seeds / "SHA256SUMS"
    if not sums_path.is_file():
        raise BuildError(f"{_relative(sums_path, paths.root)}: missing")
    pinned: dict[str, str] = {}
    for number, line in enumerate(sums_path.read_text(encoding="utf-8").splitlines(), start=1):
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name:
            raise BuildError(f"{_relative(sums_path, paths.root)}:{number}: expected '<sha256>  <file name>'")
        pinned[name] = digest
    actual = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(paths.seeds.glob("*.txt"))}
    for name in sorted(set(pinned) | set(actual)):
        if name not in actual:
            raise BuildError(f"seeds/{name}: listed in SHA256SUMS but missing")
        if name not in pinned:
            raise BuildError(f"seeds/{name}: not listed in SHA256SUMS")
        if pinned[name] != actual[name]:
            raise BuildError(f"seeds/{name}: sha256 {actual[name]} differs from SHA256SUMS {pinned[name]}")
    return actual


def load_corpus(paths: ProjectPaths, annotation_dir: Path | None = None) -> Corpus:
    """Read and validate every seed and annotation file into the gold corpus."""
    annotation_dir = annotation_dir or paths.annotations
    hashes = _check_seed_hashes(paths)
    registry_path = paths.annotations / "entities.yaml"
    try:
        registry = parse_registry(_relative(registry_path, paths.root), load_yaml(registry_path, "entities.yaml"))
        documents, claims = [], []
        for seed_name in sorted(hashes):
            doc_id = seed_name[:3]
            annotation_path = annotation_dir / f"{doc_id}.yaml"
            display = _relative(annotation_path, paths.root)
            if not annotation_path.is_file():
                raise BuildError(f"{display}: missing (every seed needs an annotation file)")
            text = (paths.seeds / seed_name).read_text(encoding="utf-8")
            document, doc_claims = parse_annotation_file(
                display, load_yaml(annotation_path, display), doc_id, seed_name, text, hashes[seed_name], registry
            )
            documents.append(document)
            claims.extend(doc_claims)
    except (AnnotationError, YamlFileError) as error:
        raise BuildError(str(error)) from None
    stray = sorted(
        path.name for path in annotation_dir.glob("*.yaml") if path.stem not in {name[:3] for name in hashes}
    )
    if stray and annotation_dir != paths.annotations:
        raise BuildError(f"{_relative(annotation_dir, paths.root)}/{stray[0]}: no seed with this doc_id")
    return Corpus(
        documents=tuple(documents),
        claims=tuple(sorted(claims, key=lambda claim: claim.claim_id)),
        version=DATASET_VERSION,
    )


def config_table(rows: list[dict[str, object]], config: str) -> pa.Table:
    """One config as an Arrow table with the Hugging Face features embedded (so types survive loading)."""
    features = CONFIG_FEATURES[config]
    schema = features.arrow_schema.with_metadata(
        {"huggingface": json.dumps({"info": {"features": features.to_dict()}}, sort_keys=True)}
    )
    return pa.Table.from_pylist(rows, schema=schema)


def parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", write_statistics=False, store_schema=True)
    return buffer.getvalue()


def render_outputs(paths: ProjectPaths, corpus: Corpus) -> dict[str, bytes]:
    """Every file of benchmark/, by relative path, as bytes."""
    rows = config_rows(corpus)
    tables = {config: config_table(rows[config], config) for config in CONFIG_PATHS}
    files = {CONFIG_PATHS[config]: parquet_bytes(table) for config, table in tables.items()}
    sizes = {
        config: SplitSize(num_examples=table.num_rows, num_bytes=table.nbytes, download_size=len(files[CONFIG_PATHS[config]]))
        for config, table in tables.items()
    }
    hashes = {path: hashlib.sha256(content).hexdigest() for path, content in files.items()}
    changelog = paths.changelog.read_text(encoding="utf-8") if paths.changelog.is_file() else ""
    if f"## {corpus.version}\n" not in changelog:
        raise BuildError(f"CHANGELOG.md: no entry '## {corpus.version}' for the dataset version (src/claimbench/version.py)")
    agreement = paths.agreement.read_text(encoding="utf-8") if paths.agreement.is_file() else None
    files["README.md"] = render_card(corpus, changelog, agreement, sizes).encode("utf-8")
    files["croissant.json"] = render_croissant(corpus, hashes).encode("utf-8")
    for name in COPIED_FILES:
        files[name] = (paths.annotations / name).read_bytes()
    manifest = {"dataset_version": corpus.version, "content_sha256": content_hash(corpus), "files": hashes}
    files["gold_manifest.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")
    return files


def _replace_tree(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into a fresh temporary folder, then swap it in for ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        for relative, content in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def build(paths: ProjectPaths) -> Corpus:
    """Validate everything, then write benchmark/ and its copy in the package (the same files, so an
    installed package can both score and ``datasets.load_dataset`` its gold)."""
    corpus = load_corpus(paths)
    files = render_outputs(paths, corpus)
    _replace_tree(paths.benchmark, files)
    _replace_tree(paths.package_gold, files)
    return corpus


def stale_files(paths: ProjectPaths) -> list[str]:
    """Files of benchmark/ and of the packaged copy that differ from a fresh build; [] when current."""
    files = render_outputs(paths, load_corpus(paths))
    targets = [(paths.benchmark, files, "benchmark"), (paths.package_gold, files, "src/claimbench/data/gold")]
    stale = []
    for folder, expected, label in targets:
        present = {_relative(path, folder) for path in folder.rglob("*") if path.is_file()}
        for relative in sorted(present | set(expected)):
            path = folder / relative
            if relative not in expected or not path.is_file() or path.read_bytes() != expected[relative]:
                stale.append(f"{label}/{relative}")
    return stale
