"""The built wheel carries the region rules and templates: a user who `pip install`s titlecli
(not an editable checkout) gets every bundled region."""

import json
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {r.stderr[-500:]}")
    return next(out.glob("titlecli-*.whl"))


def test_wheel_contains_regions_and_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "titlecli/regions/shanxi-changzhi-2022.yaml" in names
    regions = {n for n in names if n.startswith("titlecli/regions/") and n.endswith(".yaml")}
    assert len(regions) == len(list((ROOT / "regions").glob("*.yaml")))


def test_installed_wheel_lists_regions_from_outside_the_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = dict(os.environ, PYTHONPATH=str(site), TITLECLI_NO_CACHE="1")
    code = "import titlecli, sys; print(titlecli.__file__); sys.argv=['titlecli','regions','list','--format','json']; from titlecli.cli import main; main()"
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    first, rest = r.stdout.split("\n", 1)
    assert first.startswith(str(site))
    ids = {x["id"] for x in json.loads(rest)}
    assert "shanxi-changzhi-2022" in ids
    assert all(str(site) in x["path"] for x in json.loads(rest))
