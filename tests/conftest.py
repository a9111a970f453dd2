from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    # Each test session gets its own cache so no test depends on an earlier run.
    monkeypatch.setenv("TITLECLI_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(autouse=True)
def _chinese_first():
    # The language is process-wide (titlecli.i18n); a test that ran `--lang en` must not leave
    # English behind for a library call in the next test.
    from titlecli.i18n import set_lang

    set_lang("zh")
    yield
    set_lang("zh")


@pytest.fixture(autouse=True)
def _own_region_path():
    # --region-path adds to a process-wide list (titlecli.regions): a test that gave one (a
    # folder it then removed, or a path the file system refuses) must not leave it for the next.
    from titlecli import regions

    saved = list(regions._extra_dirs)
    yield
    regions._extra_dirs[:] = saved


@pytest.fixture
def cli():
    """Run the CLI in-process; returns (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from titlecli.cli import full_app

    def run(*args):
        runner = CliRunner()
        res = runner.invoke(full_app(), [str(a) for a in args])
        if res.exception and not isinstance(res.exception, SystemExit):
            raise res.exception
        return res.exit_code, res.stdout, res.stderr

    return run


def check_json(cli, path, as_of, level, lang="zh"):
    """`titlecli check --format json` of one profile: its verdict, the exit code agreeing with it."""
    import json

    code, out, err = cli("check", path, "--as-of", as_of, "--level", level, "--format", "json", "--lang", lang)
    assert code in (0, 1), err
    v = json.loads(out)
    assert code == (0 if v["eligible"] else 1)
    return v


def result(v, route_id):
    """The one result of a check's JSON for this route."""
    (r,) = [r for r in v["results"] if r["route_id"] == route_id]
    return r


def reasons(r):
    """A result's reasons by rule id."""
    return {x["rule"]: x for x in r["reasons"]}
