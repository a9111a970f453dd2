"""`titlecli test`: YAML case files of a profile and the verdicts expected of it (for CI).

A case file (see examples/cases/ and README "Use in CI"):

    region: jiangsu-yancheng          # default for the cases (optional)
    as_of: 2023-06-30                 # default for the cases (optional)
    cases:
      - name: bachelor-4y-eligible
        profile: ../yancheng-bachelor.yaml   # relative to the case file, or an inline profile
        region: jiangsu-yancheng      # optional, else the file's, else the profile's
        as_of: 2023-06-30             # required here or at the top: cases must be reproducible
        expect:
          intermediate: {eligible: true, earliest_date: 2023-01-01, route: initial,
                         passed: [rule-id], failed: [rule-id]}

Every case file is read and every profile and region loaded before anything runs, so a broken
case file stops the run with exit 2 and every problem named (file, line, key path).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem, UserError, key_path
from .i18n import t

if TYPE_CHECKING:
    from .results import Reason

FILE_KEYS = {"region", "as_of", "cases", "description"}
CASE_KEYS = {"name", "profile", "region", "as_of", "expect", "description"}
EXPECT_KEYS = {"eligible", "earliest_date", "route", "passed", "failed"}


@dataclass
class Expect:
    level: str
    eligible: bool | None = None
    earliest_date: date | None = None
    has_earliest: bool = False
    route: str | None = None
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@dataclass
class Case:
    file: Path
    index: int
    name: str
    profile: Any  # titlecli.model.Profile
    profile_ref: str
    region: Any  # titlecli.rules.Region
    as_of: date
    expects: list[Expect]
    base_dir: Path


@dataclass
class Outcome:
    case: Case
    passed: bool
    diffs: list[str]
    details: list[str]


def case_files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(x for x in path.rglob("*") if x.suffix.lower() in (".yaml", ".yml") and x.is_file())
            if not found:
                raise UserError(Problem(str(path), "", t("文件夹中没有 .yaml 用例文件", "no .yaml case files in this folder")))
            out += found
        else:
            out.append(path)
    return out


def _date(v: Any) -> date | None:
    if isinstance(v, date):
        return v
    if isinstance(v, (str, int)) and not isinstance(v, bool):
        from .dates import typed_date

        return typed_date(str(v))
    return None


class _Reader:
    """Collects problems in one case file with their lines."""

    def __init__(self, path: Path, text: str):
        self.path, self.text = path, text
        self.problems: list[Problem] = []

    def add(self, loc: tuple, message: str) -> None:
        from .yamlio import line_of

        self.problems.append(Problem(str(self.path), key_path(loc), message, line_of(self.text, loc)))

    def unknown_keys(self, data: dict, allowed: set[str], loc: tuple) -> None:
        for k in data:
            if k not in allowed:
                self.add(
                    loc + (k,), t(f"未知的键（可用：{', '.join(sorted(allowed))}）", f"unknown key (allowed: {', '.join(sorted(allowed))})")
                )


def _read_expect(r: _Reader, level: Any, spec: Any, loc: tuple) -> Expect | None:
    """One level's expectation: `intermediate: true`, or a mapping of what the verdict must say."""
    from . import terms

    # a case file is written by people: 中级 as well as intermediate
    key = terms.LEVELS.lookup(level) if isinstance(level, str) else None
    if key is None:
        r.add(loc, terms.LEVELS.unknown_message(str(level)))
        return None
    if isinstance(spec, bool):  # shorthand: `intermediate: true`
        return Expect(key, eligible=spec)
    if not isinstance(spec, dict):
        r.add(loc, t("应为键值映射（eligible、earliest_date …）", "expected a mapping (eligible, earliest_date …)"))
        return None
    r.unknown_keys(spec, EXPECT_KEYS, loc)
    e = Expect(key)
    _read_verdict(r, spec, loc, e)
    _read_rule_ids(r, spec, loc, e)
    if e.eligible is None and not e.has_earliest and not e.passed and not e.failed:
        r.add(
            loc,
            t(
                "没有期望值：至少写 eligible、earliest_date、passed 或 failed 之一",
                "nothing expected: give eligible, earliest_date, passed or failed",
            ),
        )
    return e


def _read_verdict(r: _Reader, spec: dict, loc: tuple, e: Expect) -> None:
    """The verdict itself: eligible, earliest_date, route."""
    from . import terms

    if "eligible" in spec:
        if not isinstance(spec["eligible"], bool):
            r.add(loc + ("eligible",), t("应为 true 或 false", "expected true or false"))
        else:
            e.eligible = spec["eligible"]
    if "earliest_date" in spec:
        v = spec["earliest_date"]
        e.has_earliest = True
        e.earliest_date = None if v is None else _date(v)
        if v is not None and e.earliest_date is None:
            r.add(
                loc + ("earliest_date",),
                t(f"不是有效的日期 {v!r}（应为 YYYY-MM-DD 或 null）", f"not a valid date {v!r} (expected YYYY-MM-DD or null)"),
            )
    if "route" in spec:
        route = terms.ROUTES.lookup(spec["route"]) if isinstance(spec["route"], str) else None
        if route is None:
            r.add(loc + ("route",), terms.ROUTES.unknown_message(str(spec["route"])))
        else:
            e.route = route


def _read_rule_ids(r: _Reader, spec: dict, loc: tuple, e: Expect) -> None:
    """The reasons: rule ids that must pass and that must fail."""
    for key in ("passed", "failed"):
        if key in spec:
            v = spec[key]
            if isinstance(v, str):
                v = [v]
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                r.add(loc + (key,), t("应为规则 id 的列表", "expected a list of rule ids"))
            else:
                setattr(e, key, v)


class _CaseFile:
    """One case file being read: its defaults, what it has loaded, and its problems."""

    def __init__(self, path: Path, data: dict, r: _Reader):
        self.path, self.data, self.r = path, data, r
        self.names: dict[str, int] = {}
        self.regions: dict[tuple[str, Path], Any] = {}

    def case(self, i: int, c: Any) -> Case | None:
        loc = ("cases", i)
        if not isinstance(c, dict):
            self.r.add(loc, t("每个用例应为映射（name、profile、as_of、expect）", "each case is a mapping (name, profile, as_of, expect)"))
            return None
        self.r.unknown_keys(c, CASE_KEYS, loc)
        name = self.name(c, i, loc)
        as_of = self.as_of(c, loc)
        expects = self.expects(c, loc)
        profile, ref = self.profile(c, name, loc)
        region = self.region(c, profile, loc) if profile is not None else None
        if profile is None or region is None or as_of is None or not expects:
            return None
        prof_raw = c.get("profile")
        base = (self.path.parent / prof_raw).parent if isinstance(prof_raw, str) else self.path.parent
        return Case(self.path, i, name, profile, ref, region, as_of, expects, base)

    def name(self, c: dict, i: int, loc: tuple) -> str:
        name = c.get("name")
        if not isinstance(name, str) or not name.strip():
            self.r.add(loc + ("name",), t("缺少用例名称 name", "missing case name"))
            name = f"case {i + 1}"
        elif name in self.names:
            first = self.names[name] + 1
            self.r.add(loc + ("name",), t(f"用例名称重复（与第 {first} 个相同）", f"duplicate case name (same as case {first})"))
        self.names.setdefault(name, i)
        return name

    def as_of(self, c: dict, loc: tuple) -> date | None:
        raw = c.get("as_of", self.data.get("as_of"))
        as_of = _date(raw)
        if as_of is None and raw is None:
            self.r.add(
                loc + ("as_of",), t("缺少 as_of：用例须固定检查日期以便复现", "missing as_of: a case must fix its date to be reproducible")
            )
        elif as_of is None:
            self.r.add(loc + ("as_of",), t(f"不是有效的日期 {raw!r}（应为 YYYY-MM-DD）", f"not a valid date {raw!r} (expected YYYY-MM-DD)"))
        return as_of

    def expects(self, c: dict, loc: tuple) -> list[Expect]:
        spec = c.get("expect")
        if not isinstance(spec, dict) or not spec:
            self.r.add(loc + ("expect",), t("缺少 expect：按级别写出期望结果", "missing expect: the expected verdict per level"))
            return []
        found = (_read_expect(self.r, level, e, loc + ("expect", level)) for level, e in spec.items())
        return [e for e in found if e is not None]

    def profile(self, c: dict, name: str, loc: tuple) -> tuple[Any, str]:
        """The case's profile, from a file beside the case file or written inline."""
        from .profile import load_profile, validate_profile

        raw = c.get("profile")
        if isinstance(raw, str):
            try:
                return load_profile(self.path.parent / raw), raw
            except UserError as e:
                self.r.problems += [Problem(p.file, p.path, p.message, p.line) for p in e.problems]
                if not (self.path.parent / raw).exists():
                    self.r.add(loc + ("profile",), t(f"档案文件不存在：{raw}", f"profile file not found: {raw}"))
                return None, raw
        if isinstance(raw, dict):
            try:
                return validate_profile(raw, None, None), f"{self.path}#{name}"
            except UserError as e:
                inside = key_path(loc + ("profile",))
                for p in e.problems:
                    where = inside + ("." + p.path if p.path and not p.path.startswith("[") else p.path)
                    self.r.problems.append(Problem(str(self.path), where, p.message))
                return None, ""
        self.r.add(
            loc + ("profile",), t("缺少 profile：档案文件路径或内嵌档案", "missing profile: a profile file path or an inline profile")
        )
        return None, ""

    def region(self, c: dict, profile: Any, loc: tuple) -> Any:
        """The case's region (the case's, else the file's, else the profile's), each loaded once."""
        from . import regions

        ref = c.get("region") or self.data.get("region") or profile.application.region
        if not ref:
            self.r.add(loc + ("region",), t("未指定地区：在用例或档案中写 region", "no region: set region in the case or the profile"))
            return None
        key = (str(ref), self.path.parent)
        if key not in self.regions:
            try:
                self.regions[key] = regions.load(str(ref), self.path.parent)  # a bundled id wins over a file beside the cases
            except UserError as e:
                self.regions[key] = None
                where = loc + ("region",) if c.get("region") else (("region",) if self.data.get("region") else loc + ("profile",))
                for p in e.problems:
                    self.r.add(where, p.message if p.file is None else str(p))
        return self.regions[key]


def load_cases(path: Path) -> list[Case]:
    """Read one case file; every problem in it at once (UserError)."""
    from .profile import read_structured

    data, text = read_structured(path, t("用例", "case"))
    r = _Reader(path, text)
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        r.add((), t("用例文件应为映射，含 cases: 列表", "a case file is a mapping with a `cases:` list"))
        raise UserError(r.problems)
    r.unknown_keys(data, FILE_KEYS, ())
    file_as_of = data.get("as_of")
    if file_as_of is not None and _date(file_as_of) is None:
        r.add(("as_of",), t(f"不是有效的日期 {file_as_of!r}", f"not a valid date {file_as_of!r}"))
    reading = _CaseFile(path, data, r)
    cases = [reading.case(i, c) for i, c in enumerate(data["cases"])]
    if r.problems:
        raise UserError(r.problems)
    return [c for c in cases if c is not None]


def _pick(results, e: Expect):
    rs = [x for x in results if x.level == e.level and (e.route is None or x.route == e.route)]
    if not rs:
        return None
    return (
        next((x for x in rs if x.eligible), None)
        or min((x for x in rs if x.earliest_date), key=lambda x: x.earliest_date, default=None)
        or next((x for x in rs if x.route != "transfer"), rs[0])
    )


def _fmt(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def run_case(case: Case) -> Outcome:
    from .engine import LEVEL_NAMES, ROUTE_NAMES, check, nm

    v = check(case.profile, case.region, case.as_of, None, case.profile_ref, case.base_dir)
    diffs: list[str] = []
    details: list[str] = []
    for e in case.expects:
        res = _pick(v.results, e)
        what = nm(LEVEL_NAMES, e.level) + (f"·{nm(ROUTE_NAMES, e.route)}" if e.route else "")
        if res is None:
            # No route at this level: fine when "not eligible, no date" is all that was expected.
            if not (e.eligible is False and not e.passed and not e.failed and e.earliest_date is None):
                diffs.append(
                    t(
                        f"{e.level}：地区 {case.region.id} 没有此级别{('的' + nm(ROUTE_NAMES, e.route)) if e.route else ''}途径",
                        f"{e.level}: region {case.region.id} has no {(e.route + ' ') if e.route else ''}route at this level",
                    )
                )
            continue
        bad_here = []
        if e.eligible is not None and res.eligible != e.eligible:
            bad_here.append(
                t(
                    f"{e.level} eligible：期望 {_fmt(e.eligible)}，实际 {_fmt(res.eligible)}",
                    f"{e.level} eligible: expected {_fmt(e.eligible)}, got {_fmt(res.eligible)}",
                )
            )
        if e.has_earliest and res.earliest_date != e.earliest_date:
            bad_here.append(
                t(
                    f"{e.level} earliest_date：期望 {_fmt(e.earliest_date)}，实际 {_fmt(res.earliest_date)}",
                    f"{e.level} earliest_date: expected {_fmt(e.earliest_date)}, got {_fmt(res.earliest_date)}",
                )
            )
        by_rule: dict[str, list[Reason]] = {}
        for x in res.reasons:
            by_rule.setdefault(x.rule, []).append(x)
        for want, key in ((True, "passed"), (False, "failed")):
            for rid in getattr(e, key):
                got = by_rule.get(rid)
                if not got:
                    bad_here.append(
                        t(
                            f"{e.level} 规则 {rid}：不在理由中（有：{', '.join(by_rule) or '无'}）",
                            f"{e.level} rule {rid}: not among the reasons (there are: {', '.join(by_rule) or 'none'})",
                        )
                    )
                elif any(x.passed != want for x in got):
                    bad_here.append(
                        t(
                            f"{e.level} 规则 {rid}：期望{'通过' if want else '不通过'}，实际{'通过' if got[0].passed else '不通过'}",
                            f"{e.level} rule {rid}: expected {key}, got {'passed' if got[0].passed else 'failed'}",
                        )
                    )
        if bad_here:
            diffs += bad_here
            details.append(f"{res.title} · {what} · {res.pathway_text or ''}")
            details += [("  ✓ " if x.passed else "  ✗ ") + f"{x.rule}: {x.message}  [{x.source}]" for x in res.reasons]
    return Outcome(case, not diffs, diffs, details)


def run(paths: list[str]) -> list[Outcome]:
    files = case_files(paths)
    problems: list[Problem] = []
    cases: list[Case] = []
    for f in files:
        try:
            cases += load_cases(f)
        except UserError as e:
            problems += e.problems
    if problems:
        raise UserError(problems)
    return [run_case(c) for c in cases]


def junit(outcomes: list[Outcome]) -> str:
    from .junit import JCase, JSuite, render

    suites: dict[Path, JSuite] = {}
    for o in outcomes:
        s = suites.setdefault(o.case.file, JSuite(str(o.case.file)))
        jc = JCase(o.case.name, f"{o.case.region.id}.{o.case.file.stem}")
        if not o.passed:
            jc.failure = "; ".join(o.diffs)
            jc.details = "\n".join(o.diffs + [""] + o.details)
        s.cases.append(jc)
    return render(list(suites.values()), "titlecli test")
