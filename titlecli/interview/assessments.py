"""Annual assessments typed as one answer: `2016-2021 合格，2019 优秀`.

A person reads their assessment record as a run of years with the same result and a few
exceptions, so that is what the interview takes: clauses separated by commas, semicolons or
new lines, each a year, a range of years or a list of years, followed by a result.  A later
clause overrides what a range before it said (the exception); one year given two results by
two clauses that each name it alone is an error.  `format_years` writes a record back in the
same shape, so an edited profile's assessments are offered as text the parser reads again.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

from ..i18n import t
from ..terms import GRADES, normalize

# The words typed for each result are the vocabulary's (titlecli/terms.py GRADES: 合格, 称职 …)
GRADE_WORDS: dict[str, tuple[str, ...]] = {x.key: (x.zh, x.en, *x.aliases, x.key) for x in GRADES.terms.values()}

_DASH = r"\s*(?:-|–|—|~|～|至|到|to)\s*"
_YEAR = r"(\d{4})\s*(?:年度|年)?"
_SEP = re.compile(r"[，,；;\n]+")
_LIST_SEP = re.compile(r"\s*(?:、|/|和|及|and)\s*|\s+")


@functools.cache
def _word_index() -> list[tuple[re.Pattern, str]]:
    """(a pattern for the word at the end of a clause, the grade), longest words first: 基本合格
    before 合格, 不合格 before 合格; spaces inside a word are optional (basically qualified)."""
    pairs = {(w, g) for g, words in GRADE_WORDS.items() for w in words}
    out = []
    for w, g in sorted(pairs, key=lambda p: -len(normalize(p[0]))):
        chars = [re.escape(c) for c in normalize(w).replace("_", " ") if not c.isspace()]
        out.append((re.compile(r"\s*".join(chars) + r"$", re.IGNORECASE), g))
    return out


_FILLER = re.compile(r"(?:年度考核|考核结果|考核|结果|均为|都是|为|是|:|：)\s*$")


def _strip_filler(s: str) -> str:
    while True:
        cut = _FILLER.sub("", s).strip()
        if cut == s:
            return s
        s = cut


def _grade(text: str) -> tuple[str, str] | None:
    """(grade, the years part) when the clause ends with a result word."""
    s = _strip_filler(re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip())
    for pattern, grade in _word_index():
        m = pattern.search(s)
        if m:
            return grade, _strip_filler(s[: m.start()].strip())
    return None


def _years(text: str) -> list[int]:
    s = text.strip()
    m = re.fullmatch(_YEAR + _DASH + _YEAR, s)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if b < a:
            raise ValueError(t(f"{a}-{b}：起始年份晚于结束年份", f"{a}-{b}: the range starts after it ends"))
        if b - a > 60:
            raise ValueError(t(f"{a}-{b}：跨度不合理", f"{a}-{b}: not a plausible span"))
        return list(range(a, b + 1))
    parts = [p for p in _LIST_SEP.split(s) if p]
    out = []
    for p in parts:
        m = re.fullmatch(_YEAR, p)
        if not m:
            raise ValueError(t(f"看不懂“{text}”中的年份", f"cannot read the years in {text!r}"))
        out.append(int(m.group(1)))
    if not out:
        raise ValueError(t("结果前应写年份，如 2019 优秀", "put the years before the result, as in 2019 excellent"))
    return out


def parse_years(text: str) -> dict[int, str]:
    """`2016-2021 合格，2019 优秀` -> {2016: qualified, …, 2019: excellent, …}, years in order.

    Raises ValueError with a message in the user's language (which clause, what is wrong)."""
    got: dict[int, str] = {}
    alone: set[int] = set()  # years a clause named by themselves, not through a range
    for clause in (c.strip() for c in _SEP.split(text)):
        if not clause:
            continue
        found = _grade(clause)
        if found is None:
            raise ValueError(
                t(
                    f"“{clause}”缺少考核结果（优秀、合格、基本合格、不合格、未定等次）",
                    f"{clause!r} has no result (excellent, qualified, basically qualified, unqualified, not graded)",
                )
            )
        grade, head = found
        years = _years(head)
        ranged = re.fullmatch(_YEAR + _DASH + _YEAR, head) is not None
        for y in years:
            if not 1950 <= y <= 2100:
                raise ValueError(t(f"年份 {y} 不合理", f"year {y} is not plausible"))
            if y in alone and got.get(y) != grade:
                raise ValueError(t(f"{y} 年给了两个不同的结果", f"{y} is given two different results"))
            got[y] = grade
            if not ranged:
                alone.add(y)
    return dict(sorted(got.items()))


def _runs(years: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return runs


def format_years(record: dict[int, str], names: dict[str, str] | None = None) -> str:
    """The record as `2016-2021 合格，2019 优秀`: each run of consecutive years as a range of its
    most common result, then the years that differ from it."""
    if not record:
        return ""
    if names is None:
        names = {g: GRADES.name(g) for g in GRADES}
    sep = t("，", ", ")
    ranges: list[str] = []
    exceptions: list[str] = []
    for run in _runs(list(record)):
        base = Counter(record[y] for y in run).most_common(1)[0][0]
        if len(run) <= 2:  # 2019 合格，2020 优秀 reads better than a range with an exception
            ranges += [f"{y} {names[record[y]]}" for y in run]
            continue
        ranges.append(f"{run[0]}-{run[-1]} {names[base]}")
        exceptions += [f"{y} {names[record[y]]}" for y in run if record[y] != base]
    return sep.join(ranges + exceptions)
