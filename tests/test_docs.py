"""docs/ holds the public formats (issue 19 item 5): generated from the code that reads and
writes them (titlecli.formats_doc), so they cannot drift from it; the README and the examples
point there."""

import json
import re

import pytest
from conftest import EXAMPLES, ROOT

from titlecli import casetest, formats_doc


@pytest.mark.parametrize("name", sorted(formats_doc.RENDERERS))
def test_the_committed_doc_is_what_the_code_says(name):
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == formats_doc.RENDERERS[name](), f"docs/{name} is out of date: run python -m titlecli.formats_doc"


def test_every_key_check_prints_is_explained_and_every_explained_key_is_printed(cli):
    # every example profile, every level: the union of what `check --format json` prints
    seen: set[str] = set()
    for profile in sorted(EXAMPLES.glob("*.yaml")):
        _, out, _ = cli("check", profile, "--as-of", "2022-08-01", "--format", "json")
        seen |= formats_doc.json_paths(json.loads(out))
    documented = set(formats_doc.JSON_KEYS)
    assert not seen - documented, f"printed but not in docs/check-json.md: {sorted(seen - documented)}"
    assert not documented - seen, f"in docs/check-json.md but printed by no example: {sorted(documented - seen)}"


def test_the_case_file_keys_are_the_ones_titlecli_test_reads():
    assert set(formats_doc.FILE_KEY_TEXT) == casetest.FILE_KEYS
    assert set(formats_doc.CASE_KEY_TEXT) == casetest.CASE_KEYS
    assert set(formats_doc.EXPECT_KEY_TEXT) == casetest.EXPECT_KEYS


def test_the_case_file_example_in_the_docs_passes(cli, tmp_path):
    f = tmp_path / "cases" / "example.yaml"
    f.parent.mkdir()
    f.write_text(formats_doc.CASE_EXAMPLE.replace("../changzhi-engineer.yaml", str(EXAMPLES / "changzhi-engineer.yaml")), encoding="utf-8")
    code, out, err = cli("test", f)
    assert code == 0, out + err


def test_the_readme_and_the_examples_point_to_docs_not_to_a_contract_they_do_not_hold():
    texts = {p: p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted(EXAMPLES.rglob("*.yaml"))]}
    cited = [str(p.relative_to(ROOT)) for p, text in texts.items() if re.search(r"contract\s*§", text)]
    assert not cited, f"cite 'the contract §N', which the repository does not hold: {cited}"
    readme = texts[ROOT / "README.md"]
    for doc in sorted((ROOT / "docs").glob("*.md")):
        assert f"docs/{doc.name}" in readme, f"README does not link docs/{doc.name}"
