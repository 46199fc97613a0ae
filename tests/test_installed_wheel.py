"""The wheel, installed into a fresh virtual environment outside the repository, runs every README
command or says in one line that it needs a clone (about a minute: builds the wheel, runs ~15 commands).

The fresh environment gets the wheel only; its dependencies come from this environment's
site-packages through a .pth path entry (this checks the package's own files, not pip's resolver).
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import ROOT

README_EXAMPLE = ROOT / "README.md"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(bin folder of a fresh venv with the wheel installed, an empty working folder outside the repo)."""
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(base), str(ROOT)],
                   check=True, capture_output=True, cwd=base)  # fmt: skip
    wheel = next(base.glob("claimbench-*.whl"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", "--no-deps", str(wheel)],
                   check=True, capture_output=True)  # fmt: skip
    purelib = subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()  # fmt: skip
    dependencies = [path for path in site.getsitepackages() if Path(path).is_dir()]
    (Path(purelib) / "dependencies.pth").write_text("\n".join(dependencies) + "\n", encoding="utf-8")
    outside = base / "outside"
    outside.mkdir()
    return venv / "bin", outside


def run(installed: tuple[Path, Path], *command: str) -> subprocess.CompletedProcess[str]:
    bin_dir, outside = installed
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(outside / ".hf"),
           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": ""}  # fmt: skip
    return subprocess.run([str(bin_dir / command[0]), *command[1:]], capture_output=True, text=True, cwd=outside, env=env, timeout=300)


def test_the_package_comes_from_the_wheel_not_the_clone(installed: tuple[Path, Path]) -> None:
    result = run(installed, "python", "-c", "import claimbench; print(claimbench.__file__)")
    assert result.returncode == 0, result.stderr
    assert str(ROOT) not in result.stdout and "site-packages" in result.stdout
    assert sysconfig.get_path("purelib") not in result.stdout


def test_scoring_commands_work_outside_a_clone(installed: tuple[Path, Path]) -> None:
    outside = installed[1]
    readme = README_EXAMPLE.read_text(encoding="utf-8")
    example = readme.split("A valid line (copy it into a `.jsonl` file as is):\n\n```json\n", 1)[1].split("```", 1)[0]
    (outside / "pred.jsonl").write_text(example, encoding="utf-8")
    assert run(installed, "claimbench", "--version").stdout.startswith("claimbench ")
    assert run(installed, "claimbench", "--help").returncode == 0
    assert "| **all** |" in run(installed, "claimbench", "stats").stdout
    assert run(installed, "claimbench", "validate", "pred.jsonl").returncode == 0
    scored = run(installed, "claimbench", "score", "pred.jsonl", "--json", "report.json")
    assert scored.returncode == 0 and json.loads((outside / "report.json").read_text(encoding="utf-8"))["scores"]
    assert run(installed, "claimbench", "compare", "pred.jsonl", "pred.jsonl", "--bootstrap", "10").returncode == 0
    assert run(installed, "claimbench", "regress", "pred.jsonl", "--baseline", "report.json").returncode == 0
    ran = run(installed, "claimbench", "run", "rules", "--out", "rules.jsonl")
    assert ran.returncode == 0 and (outside / "rules.jsonl").stat().st_size > 0, ran.stderr


def test_clone_only_commands_say_so_in_one_line(installed: tuple[Path, Path]) -> None:
    outside = installed[1]
    before = sorted(path.name for path in outside.iterdir())
    for command in (["baselines"], ["build"], ["agreement"], ["run", "llm"], ["leaderboard"]):
        result = run(installed, "claimbench", *command)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    quickstart = run(installed, "python", "-m", "claimbench.bench.throughput", "--quickstart")
    assert quickstart.returncode == 1 and "clone" in quickstart.stderr and quickstart.stderr.count("\n") == 1
    assert sorted(path.name for path in outside.iterdir()) == before


def test_the_shipped_dataset_loads_with_datasets(installed: tuple[Path, Path]) -> None:
    code = ("import claimbench; from datasets import load_dataset\n"
            "claims = load_dataset(str(claimbench.dataset_dir()), 'claims', split='test')\n"
            "print(len(claims), len(claimbench.load_gold().claims))")  # fmt: skip
    result = run(installed, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    rows, gold = result.stdout.split()
    assert rows == gold


def test_the_benchmark_script_runs_installed(installed: tuple[Path, Path]) -> None:
    result = run(installed, "python", "-m", "claimbench.bench.speed", "--documents", "50", "--claims", "5", "--repeat", "1")
    assert result.returncode == 0, result.stderr
    assert "claimbench --help" in result.stdout and "peak memory" in result.stdout
