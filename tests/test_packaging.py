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
    # With the build backend installed (the test extra has it), pip builds with it directly: an
    # isolated build first installs hatchling into a fresh environment, 5x the time of the build.
    try:
        import hatchling  # noqa: F401

        isolation = ["--no-build-isolation"]
    except ImportError:
        isolation = []
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
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


def test_wheel_carries_the_dossier_font_its_licence_and_the_layout(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for n in (
        "titlecli/fonts/wqy-microhei.ttc",
        "titlecli/fonts/LICENSE-wqy-microhei.txt",
        "titlecli/fonts/LICENSE-Apache-2.0.txt",
        "titlecli/templates/dossier.yaml",
    ):
        assert n in names, n


def test_installed_wheel_builds_a_dossier_from_outside_the_checkout(wheel, tmp_path):
    import shutil

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # a profile without scans: the cover, checklist and placeholders still need the font and
    # the templates from the installed wheel, which is what this test is about
    sample = tmp_path / "sample"
    sample.mkdir()
    shutil.copy(ROOT / "examples" / "changzhi-engineer.yaml", sample / "zhang-wei.yaml")
    env = dict(os.environ, PYTHONPATH=str(site), TITLECLI_NO_CACHE="1")
    env.pop("TITLECLI_FONT", None)
    code = (
        "import sys, titlecli.dossier.layout as L, titlecli.dossier.template as T; print(L.BUNDLED_FONT); print(T.bundled_dir()); "
        "sys.argv=['titlecli','dossier','sample/zhang-wei.yaml','--as-of','2022-08-01','-o','out.pdf']; from titlecli.cli import main; main()"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    font, templates = r.stdout.splitlines()[:2]
    assert font.startswith(str(site)) and templates.startswith(str(site))
    assert (tmp_path / "out.pdf").stat().st_size > 10_000
