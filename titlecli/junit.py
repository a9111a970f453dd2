"""JUnit XML for CI systems: `check --format junit` and `test --format junit`.

The shape is the one Jenkins, GitLab, GitHub test reporters and junitparser read
(`testsuites > testsuite > testcase > failure`, see tests/data/junit.xsd): one suite per profile
(or case file), one test case per level (or case); a failure carries the failed reasons.  No
timestamps or durations, so the same inputs give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr


@dataclass
class JCase:
    name: str
    classname: str
    failure: str | None = None  # the failure message (one line)
    details: str = ""  # the body of <failure> or, for a pass, <system-out>
    error: str | None = None  # could not be run at all (bad input)


@dataclass
class JSuite:
    name: str
    cases: list[JCase] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)


def _clean(s: str) -> str:
    # XML 1.0 forbids most control characters; a stray one must not make the report unreadable.
    return "".join(ch for ch in s if ch in "\t\n\r" or ord(ch) >= 0x20)


def render(suites: list[JSuite], name: str) -> str:
    tests = sum(len(s.cases) for s in suites)
    failures = sum(1 for s in suites for c in s.cases if c.failure is not None and c.error is None)
    errors = sum(1 for s in suites for c in s.cases if c.error is not None)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name={quoteattr(name)} tests="{tests}" failures="{failures}" errors="{errors}" time="0">',
    ]
    for i, s in enumerate(suites):
        sf = sum(1 for c in s.cases if c.failure is not None and c.error is None)
        se = sum(1 for c in s.cases if c.error is not None)
        out.append(
            f'  <testsuite name={quoteattr(_clean(s.name))} id="{i}" tests="{len(s.cases)}" failures="{sf}" '
            f'errors="{se}" skipped="0" time="0">'
        )
        if s.properties:
            out.append("    <properties>")
            for k, v in s.properties.items():
                out.append(f"      <property name={quoteattr(k)} value={quoteattr(_clean(v))}/>")
            out.append("    </properties>")
        for c in s.cases:
            head = f'    <testcase name={quoteattr(_clean(c.name))} classname={quoteattr(_clean(c.classname))} time="0"'
            if c.error is not None:
                out.append(head + ">")
                out.append(f'      <error message={quoteattr(_clean(c.error))} type="BadInput">{escape(_clean(c.details))}</error>')
                out.append("    </testcase>")
            elif c.failure is not None:
                out.append(head + ">")
                out.append(
                    f'      <failure message={quoteattr(_clean(c.failure))} type="NotEligible">{escape(_clean(c.details))}</failure>'
                )
                out.append("    </testcase>")
            elif c.details:
                out.append(head + ">")
                out.append(f"      <system-out>{escape(_clean(c.details))}</system-out>")
                out.append("    </testcase>")
            else:
                out.append(head + "/>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    from .term import xml_text

    return xml_text("\n".join(out) + "\n")


def _level_results(v):
    """One result per level: the eligible one, else the first that is not a transfer."""
    by_level: dict[str, list] = {}
    for r in v.results:
        by_level.setdefault(r.level, []).append(r)
    out = []
    for _level, rs in by_level.items():
        best = next((r for r in rs if r.eligible), None) or next((r for r in rs if r.route != "transfer"), rs[0])
        out.append(best)
    return out


def reasons_text(r) -> str:
    from .i18n import t

    lines = [("✓ " if x.passed else "✗ ") + f"{x.message}  [{x.source}]" for x in r.reasons]
    if r.earliest_date:
        lines.append(t(f"最早可申报：{r.earliest_date}", f"earliest date: {r.earliest_date}"))
    return "\n".join(lines)


def verdicts_junit(verdicts) -> str:
    """`check --format junit`: one suite per profile, one test case per level."""
    from .engine import LEVEL_NAMES, ROUTE_NAMES, nm
    from .i18n import t

    suites = []
    for v in verdicts:
        props = {"region": v.region, "as_of": v.as_of.isoformat(), "applicant": f"{v.name} {v.masked_id}", "notice": v.notice_status}
        s = JSuite(v.profile_path, properties=props)
        # an ended or undated notice heads every case's details, as it heads check's text output
        said = f"⚠ {v.notice_message}\n" if v.notice_message else ""
        for r in _level_results(v):
            name = f"{r.level} {r.title} ({nm(ROUTE_NAMES, r.route)})"
            case = JCase(name, f"{v.region}.{_stem(v.profile_path)}", details=said + reasons_text(r))
            if not r.eligible:
                unmet = t("；", "; ").join(x.message for x in r.unmet) or t("不符合", "not eligible")
                case.failure = t(f"不符合{nm(LEVEL_NAMES, r.level)}申报条件：", f"not eligible for {nm(LEVEL_NAMES, r.level)}: ") + unmet
            s.cases.append(case)
        if not s.cases:
            s.cases.append(
                JCase(
                    t("无适用的申报途径", "no route applies"),
                    f"{v.region}.{_stem(v.profile_path)}",
                    failure="; ".join(v.warnings) or "no route",
                    details="\n".join(v.warnings),
                )
            )
        suites.append(s)
    return render(suites, "titlecli check")


def _stem(path: str) -> str:
    from pathlib import PurePath

    return PurePath(path).stem or path
