"""The built wheel, installed into a fresh venv away from this checkout, starts and builds a digest.

Nothing is fetched: the wheel is built with the test venv's hatchling (no build isolation), installed
with ``--no-deps --no-index``, and its dependencies come from the test venv's site-packages through
a ``.pth`` line. That line adds the directory only; the ``.pth`` files inside it (the editable
install's hook back to ``src/``) are not run, so ``research_digest`` can only come from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow
PAGE = "rsis-co26021-china-russia-arctic"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(out), str(ROOT)], out)
    (found,) = out.glob("research_digest-*.whl")
    return found


def test_wheel_carries_templates_gazetteer_starter_and_license(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in [
        "research_digest/templates/base.html",
        "research_digest/templates/static/style.css",
        "research_digest/data/actors.yaml",
        "research_digest/data/arctic-land.json",
        "research_digest/starter/digest.toml",
        "research_digest/starter/github/workflows/pages.yml",
        "research_digest/starter/gitignore",
    ]:
        assert name in names, name
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_wheel_in_a_fresh_venv_inits_ingests_and_builds_a_digest(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = Path(
        run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path).stdout.strip()
    )
    (purelib / "test-venv-deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        tmp_path,
    )
    digest = str(env_dir / "bin" / "digest")

    where = run([str(python), "-c", "import research_digest.resources as r; print(r.default_templates())"], tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(env_dir), where.stdout  # the wheel's copy, not the checkout's

    run([digest, "init", "demo", "--title", "Wheel Demo"], tmp_path)
    demo = tmp_path / "demo"
    shutil.copy(SEEDS / f"{PAGE}.txt", demo / "content" / "sources")
    ingest = run([digest, "ingest"], demo)
    assert "Ingested 1 page(s)" in ingest.stderr and "0 error(s)" in ingest.stderr
    build = run([digest, "build"], demo)
    assert "from 1 record(s)" in build.stderr and "0 error(s)" in build.stderr
    brief = (demo / "build" / "briefs" / PAGE / "index.html").read_text(encoding="utf-8")
    assert "Wheel Demo" in brief and "Arctic" in brief
    assert f"briefs/{PAGE}/" in (demo / "build" / "index.html").read_text(encoding="utf-8")
    map_page = (demo / "build" / "map" / "index.html").read_text(encoding="utf-8")  # the wheel's coastline and coords
    assert '<path class="land" d="M' in map_page and 'aria-label="Greenland: 1 event"' in map_page
    run([digest, "check"], demo)
