"""The installed package is complete: every subpackage, the query library and the data files ship in the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile

import pytest
from conftest import ROOT


def test_pyproject_lists_every_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "graphkit").rglob("__init__.py")}
    assert set(config["packages"]) == on_disk | {"graphkit.cypher"}
    assert config["package-dir"] == {"graphkit.cypher": "cypher"}


@pytest.mark.slow
def test_the_built_wheel_installed_in_a_fresh_venv_lists_the_queries(tmp_path):
    """Build the wheel, install it (alone) in a new venv that borrows this venv's dependencies, list queries."""
    wheels = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(wheels.glob("graphkit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "graphkit/cypher/queries/statements-by-actor.cypher" in names
    assert "graphkit/cypher/schema.cypher" in names
    assert "graphkit/render/templates/map.html" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # the dependencies come from this venv; graphkit itself only from the wheel (this venv's editable
    # install is a finder that a path added by a .pth file does not run)
    (venv / site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k != "GRAPHKIT_QUERIES"}
    where = subprocess.run([str(python), "-c", "import graphkit; print(graphkit.__file__)"], cwd=tmp_path,
                           check=True, capture_output=True, text=True, env=env).stdout
    assert where.startswith(str(venv)), where
    listed = subprocess.run([str(venv / "bin" / "graphkit"), "queries"], cwd=tmp_path, capture_output=True,
                            text=True, env=env, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert "statements-by-actor" in listed.stdout
    assert int(listed.stdout.splitlines()[-1].strip("()").split()[0]) >= 15  # "(21 rows)"
