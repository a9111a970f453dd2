"""CI use (issue 6): `titlecli test` case files, JUnit output, `regions validate` for rule maintainers."""

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

XSD = ROOT / "tests" / "data" / "junit.xsd"
PROFILE = EXAMPLES / "changzhi-engineer.yaml"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def junit_check(xml: str):
    """The XML is valid JUnit (schema) and an independent reader (junitparser) reads it."""
    import xmlschema
    from junitparser import JUnitXml

    xmlschema.XMLSchema(str(XSD)).validate(xml)
    return JUnitXml.fromstring(xml.encode("utf-8"))


def test_bundled_cases_all_pass(cli):
    # The project's own CI: every case file under examples/cases/ holds.
    code, out, err = cli("test", EXAMPLES / "cases")
    assert code == 0, out + err
    assert out.strip().splitlines()[-1].endswith(" passed, 0 failed")
    assert "FAIL" not in out
    # a seed's file name (000_c538dbbcd327a8c4.txt) is a comment in region files, never output
    assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", out + err)


def test_every_bundled_region_has_its_own_cases():
    # Each bundled region is the region some case actually runs against (its own file under
    # examples/cases/), not merely a word somewhere in a case file: `national` appears in every
    # file that names a region extending it.
    from titlecli import casetest, regions

    by_file: dict[str, set[str]] = {}
    for f in sorted((EXAMPLES / "cases").glob("*.yaml")):
        by_file[f.stem] = {c.region.id for c in casetest.load_cases(f)}
    bundled = {rid for rid, path in regions.all_files().items() if path.parent == regions.bundled_dir()}
    missing = sorted(rid for rid in bundled if rid not in by_file.get(rid, set()))
    assert not missing, f"regions without their own case file in examples/cases: {missing}"


def test_a_failing_case_shows_expected_against_actual_with_reasons(cli, tmp_path):
    # 003 三(一)3: four years after the assistant title — the example reached them on 2020-09-01, not 2021
    cases = write(
        tmp_path / "c.yaml",
        f"""
cases:
  - name: wrong-date
    profile: {PROFILE}
    as_of: 2022-08-01
    expect:
      intermediate: {{eligible: true, earliest_date: 2021-09-01, failed: [achievement]}}
  - name: right
    profile: {PROFILE}
    as_of: 2022-08-01
    expect:
      intermediate: true
""",
    )
    code, out, _ = cli("test", cases, "--lang", "en")
    assert code == 1
    assert "FAIL" in out and "wrong-date" in out and "PASS" in out
    assert "earliest_date: expected 2021-09-01, got 2020-09-01" in out
    assert "rule achievement: expected failed, got passed" in out
    assert "years-after-assistant" in out  # the reasons are listed under the failure
    assert out.strip().splitlines()[-1] == "1 passed, 1 failed"


def test_inline_profile_and_a_level_without_route(cli, tmp_path):
    cases = write(
        tmp_path / "c.yaml",
        """
region: shanxi-changzhi-2022
as_of: 2022-08-01
cases:
  - name: no-senior-route-in-changzhi
    profile: {name: 王五, id_number: "140402199205153219", application: {series: engineering},
              education: [{level: bachelor, graduated: 2014-07-01, degree: bachelor, related: true}],
              assessments: {2021: qualified}}
    expect:
      senior: {eligible: false}
      member: {eligible: true}
""",
    )
    code, out, err = cli("test", cases)
    assert code == 0, out + err


@pytest.mark.parametrize(
    "body,where,what",
    [
        (
            "cases:\n  - name: a\n    profile: nowhere.yaml\n    as_of: 2022-08-01\n    expect: {intermediate: true}\n",
            "cases[0].profile",
            "nowhere.yaml",
        ),
        (
            f"cases:\n  - name: a\n    profile: {PROFILE}\n    as_of: 2022-13-01\n    expect: {{intermediate: true}}\n",
            ":4 cases[0].as_of",
            "2022-13-01",
        ),
        (f"cases:\n  - name: a\n    profile: {PROFILE}\n    expect: {{intermediate: true}}\n", "cases[0].as_of", "as_of"),
        (
            f"cases:\n  - name: a\n    profile: {PROFILE}\n    as_of: 2022-08-01\n    expect: {{boss: true}}\n",
            "cases[0].expect.boss",
            "boss",
        ),
        (
            f"cases:\n  - name: a\n    profile: {PROFILE}\n    as_of: 2022-08-01\n    expct: {{intermediate: true}}\n",
            ":5 cases[0].expct",
            "unknown key",
        ),
        (
            f"cases:\n  - name: a\n    profile: {PROFILE}\n    region: atlantis\n    as_of: 2022-08-01\n    expect: {{intermediate: true}}\n",
            "cases[0].region",
            "atlantis",
        ),
        (
            "cases:\n  - name: a\n    profile: {name: x, id_number: '140402199205153218', application: {series: engineering}}\n"
            "    as_of: 2022-08-01\n    region: shanxi-changzhi-2022\n    expect: {intermediate: true}\n",
            "cases[0].profile.id_number",
            "check digit",
        ),
        ("cases: [\n", "", "invalid YAML"),
    ],
)
def test_a_broken_case_file_exits_2_naming_file_and_key(cli, tmp_path, body, where, what):
    f = write(tmp_path / "broken.yaml", body)
    code, out, err = cli("test", f, "--lang", "en")
    assert code == 2
    assert "broken.yaml" in err and where in err and what in err, err
    assert "Traceback" not in err + out


def test_test_junit_is_valid_and_counts_failures(cli, tmp_path):
    cases = write(
        tmp_path / "c.yaml",
        f"""
as_of: 2022-08-01
cases:
  - {{name: ok, profile: {PROFILE}, expect: {{intermediate: true}}}}
  - {{name: bad, profile: {PROFILE}, expect: {{intermediate: false}}}}
""",
    )
    out_file = tmp_path / "out" / "junit.xml"
    code, out, err = cli("test", cases, "--format", "junit", "-o", out_file, "--lang", "en")
    assert code == 1 and out == ""
    xml = junit_check(out_file.read_text(encoding="utf-8"))
    assert xml.tests == 2 and xml.failures == 1
    suite = next(iter(xml))
    by_name = {c.name: c for c in suite}
    assert by_name["ok"].is_passed
    assert "eligible: expected false, got true" in by_name["bad"].result[0].message


def test_check_junit_one_case_per_level_with_failed_reasons(cli):
    code, out, _ = cli("check", PROFILE, "--as-of", "2022-08-01", "--format", "junit")
    xml = junit_check(out)
    suite = next(iter(xml))
    names = [c.name for c in suite]
    assert any(n.startswith("intermediate 工程师") for n in names)
    assert len(names) == len({n.split()[0] for n in names})  # one case per level
    assert "140402199205153219" not in out and "1404**********3219" in out
    # the member level (技术员) is passed; a profile with no paper fails intermediate with its reasons
    by = {c.name.split()[0]: c for c in suite}
    assert by["intermediate"].is_passed


def test_check_junit_failure_carries_the_failed_reason(cli, tmp_path):
    text = PROFILE.read_text(encoding="utf-8").replace("2016-09-01", "2020-09-01")
    f = write(tmp_path / "late.yaml", text)
    code, out, _ = cli("check", f, "--as-of", "2022-08-01", "--format", "junit", "--level", "intermediate", "--lang", "en")
    assert code == 1
    xml = junit_check(out)
    case = next(iter(next(iter(xml))))
    assert not case.is_passed
    msg = case.result[0].message
    # 003 三(一)7 "任现职以来年度考核合格以上累计不低于4次": since 2020 only 2020 and 2021 count
    assert msg.startswith("not eligible for intermediate") and "(2 assessments qualified or better, 4 needed)" in msg


def test_check_junit_is_byte_identical_between_runs(cli):
    a = cli("check", PROFILE, "--as-of", "2022-08-01", "--format", "junit")[1]
    b = cli("check", PROFILE, "--as-of", "2022-08-01", "--format", "junit")[1]
    assert a == b


def test_regions_validate_in_ci_names_file_line_and_key(cli, tmp_path):
    notice = "documents: {x: {title: X, kind: notice}}\nnotice: {document: x}\n"
    write(tmp_path / "orphan.yaml", f"id: orphan\nname: O\nextends: nowhere\n{notice}")
    write(
        tmp_path / "nosource.yaml",
        f"""id: nosource
name: N
{notice}routes:
  - id: r
    level: intermediate
    route: review
    pathways:
      - id: p
        conditions:
          - {{kind: duration, years: 4, from: graduation}}
""",
    )
    write(
        tmp_path / "typo.yaml",
        f"id: typo\nname: T\n{notice}routes:\n  - {{id: r, level: boss, route: review, pathways: []}}\n",
    )
    code, out, err = cli("regions", "validate", tmp_path, "--lang", "en")
    assert code == 2
    assert "orphan.yaml:3 extends" in err and "nowhere" in err
    assert "nosource.yaml:12 routes[0].pathways[0].conditions[0].source" in err
    assert "typo.yaml:6 routes[0].level" in err
    code, out, err = cli("regions", "validate", ROOT / "regions")
    assert code == 0, err
