"""Renderers of a Verdict: JSON (contract §3) and text (titlecli.textout's tables)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .citations import render_cell
from .engine import LEVEL_NAMES, ROUTE_NAMES, nm
from .i18n import capital, t
from .results import Verdict

if TYPE_CHECKING:
    from .textout import Line


def _d(x: date | None) -> str | None:
    return x.isoformat() if x else None


def verdict_json(v: Verdict) -> dict:
    return {
        "profile": v.profile_path,
        "applicant": {"name": v.name, "id_number": v.masked_id},
        "region": v.region,
        "as_of": v.as_of.isoformat(),
        "count_until": v.count_until.isoformat(),
        "eligible": v.eligible,
        "requested_level": v.requested_level,
        "current_level": v.current_level,
        "results": [
            {
                "level": r.level,
                "title": r.title,
                "route": r.route,
                "route_id": r.route_id,
                "eligible": r.eligible,
                "applicable": r.applicable,
                "not_applicable": r.not_applicable or None,
                "earliest_date": _d(r.earliest_date),
                "pathway": r.pathway,
                "pathway_text": r.pathway_text,
                "reasons": [x.to_json() for x in r.reasons],
                "alternatives": [
                    {
                        "pathway": a.pathway,
                        "text": a.text,
                        "eligible": a.eligible,
                        "earliest_date": _d(a.earliest_date),
                        "unmet": a.unmet,
                        "source": a.source,
                    }
                    for a in r.alternatives
                ],
                "warnings": r.warnings,
            }
            for r in v.results
        ],
        # the notice first: whether the rules the verdicts rest on held on the check date
        "notice": {"text": v.notice, "status": v.notice_status, "message": v.notice_message},
        "warnings": ([v.notice_message] if v.notice_message else [])
        + v.warnings
        + [t(f"{v.online_system}：{x.message}", f"{v.online_system}: {x.message}") for x in v.online if not x.passed],
        "online": {"system": v.online_system, "checks": [x.to_json() for x in v.online]} if v.online_system else None,
    }


def dumps(obj) -> str:
    """The report's JSON: json.dumps(obj, ensure_ascii=False, indent=2)'s text (titlecli.jsonout
    writes it at the C encoder's speed), with the controls a terminal would act on escaped."""
    from .jsonout import dumps as indented
    from .term import json_text

    return json_text(indented(obj))


def verdict_word(v: Verdict, eligible: bool) -> str:
    """符合 / 暂不符合, or, under a notice that has ended, 按该通知（2022 年度）符合: a verdict on a
    past round must not look like one on today."""
    if v.notice_status == "expired":
        return (
            t(f"按该通知（{v.notice_round}）符合", f"eligible under that notice ({v.notice_round})")
            if eligible
            else t(f"按该通知（{v.notice_round}）不符合", f"not eligible under that notice ({v.notice_round})")
        )
    return t("符合", "eligible") if eligible else t("暂不符合", "not eligible")


def result_heading(r) -> str:
    """What a result is about, in words: the title, its level, the route and — where two routes
    of one level and kind are checked — what tells them apart (工程师 · 中级 · 评审（工程系列专门条件）).
    The title is left out where the region names none (it would only repeat the level)."""
    from .terms import LEVELS

    parts = [r.title] if r.title and r.title not in (LEVELS.zh(r.level), LEVELS.en(r.level)) else []
    parts += [nm(LEVEL_NAMES, r.level), nm(ROUTE_NAMES, r.route)]
    head = " · ".join(parts)
    if r.route_label:
        head += t(f"（{r.route_label}）", f" ({r.route_label})")
    return capital(head)


def _since(day: date, as_of: date, brackets: bool = False) -> str:
    """When a pathway holds: 自 2020-09-01 起符合 for a day reached, 将于 2022-11-01 起符合 for a
    day still to come (a round whose years are counted to a later cut-off)."""
    future = day > as_of
    text = t(f"将于 {day} 起符合", f"eligible from {day}") if future else t(f"自 {day} 起符合", f"eligible since {day}")
    if brackets:  # beside ✓ 符合 / ✓ eligible: the date alone
        return t(f"（{text}）", f"(from {day})" if future else f"(since {day})")
    return text


def verdict_lines(v: Verdict, width: int, verbose: bool = False) -> list[Line]:
    """The verdict as a person reads it in a terminal `width` columns wide: a box with who,
    where, under which notice and when, then per title a table of conditions with sources."""
    # imported here: JSON output draws nothing (titlecli.textout, ~1.5 ms of start-up)
    from .term import plain
    from .textout import Line, panel, text, wrap

    def para(value: str, style: str = "") -> list[Line]:
        """Lines that hold the user's words (names, region and notice texts): their control
        characters shown, not sent to the terminal; folded to the width."""
        return wrap(text(plain(value), style), width)

    out = panel(_head(v), "titlecli check", width)
    for w in v.warnings:
        out += para("⚠ " + capital(w), "yellow")
    if v.online:
        out += para(t(f"网上申报系统：{v.online_system}", f"Online system: {v.online_system}"), "bold")
        for x in v.online:
            out += para(("  ✓ " if x.passed else "  ✗ ") + x.message + f"  [{x.source}]", "green" if x.passed else "yellow")
        out.append(Line())
    for r in v.results:
        heading = result_heading(r)
        if (not r.applicable or (r.route == "transfer" and not r.eligible and not r.earliest_date)) and not verbose:
            # not this applicant's route: one quiet line saying why
            why = r.not_applicable or r.pathway_text or ""
            out += para(t(f"{heading}：不适用", f"{heading}: does not apply"), "dim")
            out += para(f"  {capital(why)}", "dim")
            out.append(Line())
            continue
        out += _result_table(v, r, heading, width)
        for w in r.warnings:
            out += para("  ⚠ " + capital(w), "yellow")
        if not r.eligible and r.unmet:
            out += para(t("  尚缺：", "  Missing: ") + t("；", "; ").join(x.message for x in r.unmet), "red")
        others = [a for a in r.alternatives if a.eligible or a.earliest_date] if not verbose else r.alternatives
        for a in others[: (None if verbose else 3)]:
            met = t("符合", "eligible") if a.eligible else t("不符合", "not met")
            st = _since(a.earliest_date, v.as_of) if a.earliest_date else met
            out += para(t(f"  其他途径：{a.text} — {st}", f"  Other pathway: {a.text} — {st}"), "dim")
        out.append(Line())
    return out


def _head(v: Verdict) -> list[Line]:
    """Who, where, under which notice and on which day — and, before any verdict, whether that
    notice has ended or states no period."""
    from .term import plain
    from .textout import Line, text

    head = [
        Line().add(plain(f"{v.name}  {v.masked_id}"), "bold"),
        Line().add(plain(t(f"地区：{v.region_name}", f"Region: {v.region_name} ({v.region})"))),
        Line().add(plain(t(f"依据：{v.notice}", f"Notice: {v.notice}"))),
        Line().add(t(f"检查日期：{v.as_of}", f"As of: {v.as_of}")),
    ]
    if v.count_until != v.as_of:
        head[-1].add(t(f"    资历计算截止：{v.count_until}", f"    years counted to: {v.count_until}"))
    if v.notice_message:
        # before any verdict: an ended notice, or one that states no period, is said at the top
        head += text(plain("⚠ " + capital(v.notice_message)), "bold yellow")
    return head


def _status(v: Verdict, r, line: Line) -> Line:
    """The verdict beside a heading: ✓ 符合 / ✗ 暂不符合 / – 不适用, and when."""
    if not r.applicable:
        return line.add("– " + t("不适用", "does not apply"), "dim")
    line.add(("✓ " if r.eligible else "✗ ") + verdict_word(v, r.eligible), "green" if r.eligible else "red")
    if r.earliest_date and not r.eligible:
        return line.add(t(f"  最早可申报：{r.earliest_date}", f"  earliest: {r.earliest_date}"))
    if r.earliest_date:
        return line.add("  " + _since(r.earliest_date, v.as_of, brackets=True))
    if not r.eligible:
        return line.add(t("  时间无法补足，需满足下列条件", "  time alone will not fix this"))
    return line


def _result_table(v: Verdict, r, heading: str, width: int) -> list[Line]:
    """One title's verdict: the heading and status, the conditions with their sources, the pathway."""
    from .term import plain
    from .textout import Column, Line, table, text

    title = _status(v, r, Line().add(plain(heading + "  ")))
    columns = [
        Column("", width=2),
        Column(t("条件", "Condition"), ratio=7),
        # at 80 columns wide enough for a 文号 on one line ("长工信〔2022〕139号"), the section below it
        Column(t("依据", "Source"), ratio=3, style="dim"),
    ]
    rows = [
        [
            [Line().add("✓", "green") if x.passed else Line().add("✗", "red")],
            text(plain(capital(x.message))),
            text(plain(render_cell(x.citation))),
        ]
        for x in r.reasons
    ]
    caption = text(plain(t(f"途径：{r.pathway_text}", f"Pathway: {r.pathway_text}"))) if r.pathway_text else None
    return table(columns, rows, width, title=[title], caption=caption)


def verdict_text(v: Verdict, console, verbose: bool = False) -> None:
    """The verdict printed through a rich console (the interview's): the same lines as check's."""
    from rich.text import Text as RichText

    from .textout import render

    lines = verdict_lines(v, console.width, verbose)
    console.print(RichText.from_ansi(render(lines, styles=True)), soft_wrap=True, end="")
