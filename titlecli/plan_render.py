"""Renderers of a Plan: JSON (docs/plan.md) and text for a terminal 80 columns wide."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from . import dates
from .citations import Citation
from .i18n import capital, lang, t
from .plan import Event, ExclusionNote, ExpiringMaterial, Ledger, LevelPlan, Plan, RegionPlan, RoutePlan
from .results import Task
from .term import plain
from .terms import LEVEL_NAMES, ROUTE_NAMES, nm

if TYPE_CHECKING:
    from rich.console import JustifyMethod

# ---------------------------------------------------------------------------- JSON


def _d(x: date | None) -> str | None:
    return x.isoformat() if x else None


def _cite(c: Citation | None) -> dict:
    return {"source": str(c) if c is not None else "", "citation": c.to_json() if c is not None else None}


def _task_json(x: Task) -> dict:
    return {
        "rule": x.rule,
        "text": x.text,
        "quantities": x.quantities,
        "routine": x.routine,
        "by": _d(x.by),
        "opens": _d(x.opens),
        "detail": x.detail,
        **_cite(x.citation),
    }


def _route_json(r: RoutePlan) -> dict:
    return {
        "route": r.route,
        "route_id": r.route_id,
        "pathway": r.pathway,
        "pathway_text": r.pathway_text,
        "reachable": r.reachable,
        "by_time_alone": r.by_time_alone,
        "opens": _d(r.opens),
        "can_apply": _d(r.can_apply),
        "apply_on": _d(r.apply_on),
        "deciding": [{"rule": s.rule, "text": s.text, "date": _d(s.date), **_cite(s.citation)} for s in r.deciding],
        "tasks": [_task_json(x) for x in r.tasks],
        "blockers": [_task_json(x) for x in r.blockers],
        "exclusions": [
            {"rule": e.rule, "text": e.text, "in_force": e.in_force, "lapses": e.lapses, "lapses_on": _d(e.lapses_on), **_cite(e.citation)}
            for e in r.exclusions
        ],
        "assumes": [{"level": a.level, "title": a.title, "obtained": _d(a.obtained)} for a in r.assumes],
        "other_pathways": [
            {
                "pathway": o.pathway,
                "text": o.text,
                "reachable": o.reachable,
                "opens": _d(o.opens),
                "can_apply": _d(o.can_apply),
                "tasks": o.tasks,
            }
            for o in r.others
        ],
        "warnings": r.warnings,
    }


def _ledger_json(lg: Ledger | None) -> dict | None:
    if lg is None:
        return None
    years = []
    for row in lg.rows:
        st, sp, sr = row.short()
        years.append(
            {
                "year": row.year,
                "total": row.total,
                "public": row.public,
                "professional": row.professional,
                "need_total": row.need_total,
                "need_public": row.need_public,
                "need_professional": row.need_professional,
                "short_total": st,
                "short_public": sp,
                "short_professional": sr,
                "public_missing": row.public_missing,
                "checked": row.checked,
                "state": row.state,
            }
        )
    cycle = None
    if lg.cycle is not None:
        c = lg.cycle
        cycle = {"first": c.first, "last": c.last, "years": c.years, "done": c.done, "need": c.need, "short": max(c.need - c.done, 0)}
    return {
        "route": lg.route,
        "requirements": [{"text": text, **_cite(c)} for text, c in lg.requirements],
        "years": years,
        "cycle": cycle,
        "next_task": _task_json(lg.next_task) if lg.next_task else None,
    }


def _material_json(m: ExpiringMaterial) -> dict:
    return {
        "rule": m.rule,
        "text": m.text,
        "hand_in_by": _d(m.hand_in_by),
        "valid_until": _d(m.valid_until),
        "generate_from": _d(m.generate_from),
        "held_until": [_d(x) for x in m.held_until],
        **_cite(m.citation),
    }


def _event_json(e: Event) -> dict:
    return {"date": _d(e.day), "end": _d(e.end), "kind": e.kind, "text": e.text, **_cite(e.citation)}


def _next_json(rp: RegionPlan) -> dict | None:
    lv = rp.next_level
    if lv is None or lv.best is None:
        return None
    b = lv.best
    return {
        "level": lv.level,
        "title": lv.title,
        "route": b.route,
        "route_id": b.route_id,
        "by_time_alone": b.by_time_alone,
        "opens": _d(b.opens),
        "can_apply": _d(b.can_apply),
        "apply_on": _d(b.apply_on),
        "tasks": len(b.open_tasks),
    }


def region_json(rp: RegionPlan, rank: int) -> dict:
    window = None
    if rp.window is not None:
        window = {"from": _d(rp.window[0]), "until": _d(rp.window[1]), **_cite(rp.window[2])}
    deadlines = None
    if rp.deadlines is not None:
        deadlines = {"dates": [_d(x) for x in rp.deadlines[0]], "note": rp.deadlines[2], **_cite(rp.deadlines[1])}
    return {
        "rank": rank,
        "region": rp.region,
        "region_name": rp.region_name,
        "notice": {"text": rp.notice, "status": rp.notice_status, "message": rp.notice_message},
        "count_until": _d(rp.count_until),
        "next_level": _next_json(rp),
        "top_reached": rp.top_reached,
        "levels": [
            {"level": lv.level, "title": lv.title, "reachable": lv.best is not None, "routes": [_route_json(r) for r in lv.routes]}
            for lv in rp.levels
        ],
        "beyond_until": rp.beyond_until,
        "ledger": _ledger_json(rp.ledger),
        "materials": [_material_json(m) for m in rp.materials],
        "window": window,
        "deadlines": deadlines,
        "events": [_event_json(e) for e in rp.events],
        "warnings": rp.warnings,
    }


def plan_json(p: Plan) -> dict:
    return {
        "profile": p.profile_path,
        "applicant": {"name": p.name, "id_number": p.masked_id},
        "as_of": p.as_of.isoformat(),
        "until": p.until,
        "current_level": p.current_level,
        "next_by_time_alone": p.exit_code == 0,
        "ranking": {"level": p.ranking_level, "decisive": p.decisive} if len(p.regions) > 1 else None,
        "regions": [region_json(rp, i + 1) for i, rp in enumerate(p.regions)],
    }


# ---------------------------------------------------------------------------- text


def _say(console, text: str, indent: int = 0, style: str | None = None, hang: int = 0) -> None:
    """One paragraph with a hanging indent, broken by the rules of Chinese typesetting (the
    dossier's line breaker): a closing mark never starts a line, a date or a 文号 is never split."""
    from rich.cells import cell_len
    from rich.text import Text

    from .linebreak import wrap

    width = max(console.width - indent - hang, 20)
    # what people wrote (names, employers, region texts) reaches the terminal as text (titlecli.term)
    for i, line in enumerate(wrap(plain(capital(text)), width, cell_len)):
        console.print(Text(" " * (indent + (hang if i else 0)) + line, style=style or ""), soft_wrap=True)


def _span_words(a: date, b: date) -> str:
    """ "9 个月" from a to b."""
    return dates.fmt_span(dates.span(a, b), lang())


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _head(p: Plan, rp: RegionPlan, console) -> None:
    from rich.panel import Panel
    from rich.text import Text

    head = Text()
    head.append(plain(f"{p.name}  {p.masked_id}\n"), style="bold")
    head.append(plain(t(f"地区：{rp.region_name}（{rp.region}）\n", f"Region: {rp.region_name} ({rp.region})\n")))
    head.append(plain(t(f"依据：{rp.notice}\n", f"Notice: {rp.notice}\n")))
    cur = nm(LEVEL_NAMES, p.current_level) if p.current_level else t("无", "none")
    head.append(t(f"检查日期：{p.as_of}    现有职称：{cur}", f"As of: {p.as_of}    Present title: {cur}"))
    if rp.count_until and rp.count_until != p.as_of:
        head.append(t(f"\n资历计算截止：{rp.count_until}", f"\nYears counted to: {rp.count_until}"))
    if rp.notice_message:
        # before anything else, as check says it: an ended notice, or one that states no period
        head.append("\n")
        head.append(plain("⚠ " + rp.notice_message), style="bold yellow")
    console.print(Panel(head, title="titlecli plan", expand=False))
    for w in rp.warnings:
        _say(console, "⚠ " + w, 0, "yellow")


def _when_words(b: RoutePlan, as_of: date) -> str:
    n = len(b.open_tasks)
    if b.by_time_alone:
        if b.can_apply and b.can_apply > as_of:
            return t(
                f"只需等待：{b.can_apply} 起时间条件满足（还差 {_span_words(as_of, b.can_apply)}）",
                f"time alone: the conditions are met on {b.can_apply} (in {_span_words(as_of, b.can_apply)})",
            )
        return t("时间条件已满足，现在即可申报", "the time conditions are met: you may apply now")
    if b.can_apply and b.can_apply > as_of:
        return t(
            f"另需完成 {n} 项任务；都完成后最早 {b.can_apply} 可申报",
            f"{_plural(n, 'task')} to do as well; with {'it' if n == 1 else 'them'} done, {b.can_apply} at the earliest",
        )
    return t(f"另需完成 {n} 项任务，完成后即可申报", f"{_plural(n, 'task')} to do; then you may apply")


def _summary(rp: RegionPlan, console) -> None:
    if rp.top_reached:
        _say(console, t("已取得本地区规则中的最高级别。", "The highest level this region encodes is already held."), 0, "bold")
        return
    lv = rp.next_level
    if lv is None:
        _say(
            console,
            t("下一级：按本地区规则，目前没有可以走通的路线（见下）", "Next level: no route this region encodes is open to you (below)"),
            0,
            "bold red",
        )
        return
    b = lv.best
    assert b is not None
    _say(
        console,
        t(
            f"下一级：{lv.title}（{nm(LEVEL_NAMES, lv.level)} · {nm(ROUTE_NAMES, b.route)}）",
            f"Next level: {lv.title} ({nm(LEVEL_NAMES, lv.level)}, {nm(ROUTE_NAMES, b.route)})",
        ),
        0,
        "bold",
    )
    _say(console, _when_words(b, rp.as_of), 2, "green" if b.by_time_alone else "yellow")


def _task_line(x: Task, console) -> None:
    head = t("照常：", "keep up: ") if x.routine else t("待办：", "to do: ")
    by = t(f"（{x.by} 前）", f" (by {x.by})") if x.by else ""
    _say(console, head + x.text + by, 4, "dim" if x.routine else "yellow")
    if x.citation is not None:
        _say(console, t(f"依据：{x.citation}", f"source: {x.citation}"), 6, "dim")


def _route_text(r: RoutePlan, i: int, as_of: date, console) -> None:
    mark = "①②③④⑤⑥⑦⑧⑨"[i] if i < 9 else f"({i + 1})"
    _say(console, f"{mark} {nm(ROUTE_NAMES, r.route)}", 1, "bold")
    _say(console, t(f"途径：{r.pathway_text}", f"pathway: {r.pathway_text}"), 4)
    for s in r.deciding:
        left = (
            t(f"（还差 {_span_words(as_of, s.date)}）", f" (in {_span_words(as_of, s.date)})")
            if s.date > as_of
            else t("（已满足）", " (met)")
        )
        _say(console, t(f"时间：{s.date} 满足 — {s.text}{left}", f"time: met on {s.date} — {s.text}{left}"), 4)
    if not r.deciding:
        _say(console, t("时间：没有年限要求", "time: no years required"), 4)
    for a in r.assumes:
        _say(
            console,
            t(
                f"假设：{a.obtained} 取得{a.title}（上一级最早可申报之日）",
                f"assumes: {a.title} obtained on {a.obtained} (the earliest day to apply for it)",
            ),
            4,
            "dim",
        )
    for x in r.tasks:
        _task_line(x, console)
    if r.apply_on and not r.open_tasks:
        _say(console, t(f"可申报：{r.apply_on} 起", f"may apply: from {r.apply_on}"), 4, "bold")
    elif r.apply_on:
        _say(
            console,
            t(f"完成待办后可申报，最早 {r.apply_on}", f"may apply once the tasks are done, {r.apply_on} at the earliest"),
            4,
            "bold",
        )
    for w in r.warnings:
        _say(console, "⚠ " + w, 4, "yellow")
    for e in r.exclusions:
        # one that lifts before the route opens anyway (a level years ahead) is said once, below
        if e.in_force and not (e.lapses_on and r.opens and e.lapses_on < r.opens):
            lift = t(f"，{e.lapses_on} 解除", f", lifts on {e.lapses_on}") if e.lapses_on else ""
            _say(console, t(f"✗ 不得申报：{e.text}{lift}", f"✗ may not apply: {e.text}{lift}"), 4, "red")
    for o in [o for o in r.others if o.reachable][:2]:
        later = o.can_apply.isoformat() if o.can_apply and o.can_apply > as_of else ""
        if o.tasks:
            st = t(f"另需 {o.tasks} 项任务", f"{_plural(o.tasks, 'task')} to do") + (
                t(f"，最早 {later}", f", {later} at the earliest") if later else ""
            )
        else:
            st = later or t("已满足", "met")
        _say(console, t(f"其他途径：{o.text} — {st}", f"other pathway: {o.text} — {st}"), 4, "dim")


def _level_text(lv: LevelPlan, as_of: date, console) -> None:
    _say(console, f"━━ {nm(LEVEL_NAMES, lv.level)} · {lv.title}", 0, "bold")
    if lv.best is None:
        r = lv.routes[0] if lv.routes else None
        why = t("；", "; ").join(x.text for x in r.blockers) if r else ""
        _say(console, t(f"不适用：{why}", f"closed: {why}"), 4, "dim")
        return
    for i, r in enumerate(x for x in lv.routes if x.reachable):
        _route_text(r, i, as_of, console)
    closed = [x for x in lv.routes if not x.reachable]
    if closed:
        names = t("、", ", ").join(nm(ROUTE_NAMES, x.route) for x in closed)
        _say(console, t(f"不适用的路线：{names}", f"closed routes: {names}"), 4, "dim")


def _exclusions_text(rp: RegionPlan, console) -> None:
    seen: dict[str, ExclusionNote] = {}
    for lv in rp.levels:
        for r in lv.routes:
            for e in r.exclusions:
                seen.setdefault(e.rule, e)
    if not seen:
        return
    _say(console, t("会终止申报的情形", "What would end the road"), 0, "bold")
    for e in seen.values():
        lapse = t("（期满后解除）", " (lifts when served)") if e.lapses else ""
        now = t("目前在限制中", "in force now") if e.in_force else t("目前不涉及", "not the case now")
        if e.in_force and e.lapses_on:
            now += t(f"，{e.lapses_on} 解除", f", lifts on {e.lapses_on}")
        _say(console, f"• {e.text}{lapse} — {now}", 2, "red" if e.in_force else None, hang=2)
    console.print()


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:g}"


def _ledger_table(lg: Ledger):
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2, 0, 0))
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        (t("年度", "Year"), "left"),
        (t("已完成", "Done"), "right"),
        (t("公需", "Public"), "right"),
        (t("要求", "Needed"), "right"),
        (t("差额", "Short"), "right"),
        ("", "left"),
    )
    for col, just in columns:
        table.add_column(col, justify=just)
    for row in lg.rows:
        st, sp, sr = row.short()
        need = _num(row.need_total) + (f"/{_num(row.need_public)}" if row.need_public else "")
        short = _num(st) if st else ""
        if sp:
            short += t(f"（公需 {sp:g}）", f" ({sp:g} public)")
        if sr:
            short += t(f"（专业 {sr:g}）", f" ({sr:g} specialised)")
        if row.public_missing:
            short += t("（须含公需）", " (public subjects)")
        note = {"past": t("已过", "past"), "current": t("本年", "this year"), "future": t("未到", "to come")}[row.state]
        if row.checked:
            note += t("，下次申报核查", ", checked next")
        table.add_row(
            str(row.year), _num(row.total), _num(row.public), need, short or "✓", note, style="red" if short and row.checked else None
        )
    return table


def _ledger_text(lg: Ledger, console) -> None:
    from rich.padding import Padding

    _say(console, t(f"继续教育台账（按 {lg.route} 的要求）", f"Continuing education ledger (as {lg.route} asks)"), 0, "bold")
    for text, c in lg.requirements:
        _say(console, text + (t(f"〔{c}〕", f" [{c}]") if c else ""), 2, "dim")
    console.print(Padding(_ledger_table(lg), (0, 0, 0, 2)))
    if lg.cycle is not None:
        cy = lg.cycle
        whole = len(cy.years) == cy.last - cy.first + 1
        state = "" if whole else t("（只计全年在岗的年度）", " (only the years worked in full count)")
        _say(
            console,
            t(
                f"累计：{cy.first}–{cy.last} 年 {cy.done:g} 学时，需 {cy.need:g}{state}",
                f"In all: {cy.done:g} h over {cy.first}–{cy.last}, {cy.need:g} needed{state}",
            ),
            2,
        )
    if lg.next_task is not None:
        _say(console, t(f"下次申报前须完成：{lg.next_task.text}", f"Before the next application: {lg.next_task.text}"), 2, "yellow")
    console.print()


def _materials_text(rp: RegionPlan, console) -> None:
    if not rp.materials:
        return
    _say(console, t("有时效的材料", "Materials that expire"), 0, "bold")
    for m in rp.materials:
        _say(console, f"• {m.text}", 2, hang=2)
        line = t(
            f"{m.hand_in_by} 前交材料，须有效至 {m.valid_until} 以后",
            f"handed in by {m.hand_in_by}, it must be valid until {m.valid_until} or later",
        )
        if m.generate_from:
            line += t(f"；生成（打印）日期不早于 {m.generate_from}", f"; print it no earlier than {m.generate_from}")
        else:
            line += t("；打印时所选有效期须覆盖此日", "; choose a validity that covers that day when printing it")
        _say(console, line, 4)
        for v in m.held_until:
            if v < m.valid_until:
                _say(console, t(f"现有备案表 {v} 到期，届时须重新打印", f"the record on file expires {v}: print a new one"), 4, "yellow")
        if m.citation is not None:
            _say(console, t(f"依据：{m.citation}", f"source: {m.citation}"), 4, "dim")
    console.print()


def _window_text(rp: RegionPlan, console) -> None:
    if rp.window is not None:
        a, b, c = rp.window
        src = t(f"〔{c}〕", f" [{c}]") if c else ""
        if a and b:
            span = t(f"{a} 至 {b}", f"{a} to {b}")
        else:  # a notice that gives one end only (青海: from 12-11, no end given)
            span = t(f"{a} 起（通知未写截止日）", f"from {a} (the notice gives no last day)") if a else t(f"至 {b}", f"until {b}")
        _say(console, t(f"申报时间：{span}{src}", f"Hand-in window: {span}{src}"))
    if rp.deadlines is not None:
        ds, c, note = rp.deadlines
        shown = t("、", ", ").join(d.isoformat() for d in ds[:4])
        src = t(f"〔{c}〕", f" [{c}]") if c else ""
        _say(console, t(f"受理截止：{note}；接下来：{shown}{src}", f"Hand-in deadlines: {note}; next: {shown}{src}"))


# ---------------------------------------------------------------------------- timeline

_MARKS = "123456789abcdefghijkmnpqrstuvwxyz"


def timeline(rp: RegionPlan, width: int = 80) -> list[str]:
    """The road drawn in ASCII (safe in any terminal, whatever it makes of wide characters):
    a year ruler, the work periods (= worked, . carrying on from today) and the dates as marks;
    then one line per mark."""
    from rich.cells import cell_len

    marked = [e for e in rp.events if e.kind != "work"]
    work = [e for e in rp.events if e.kind == "work"]
    days = [e.day for e in rp.events] + [e.end for e in rp.events if e.end]
    if not days:
        return []
    first = date(min(days).year, 1, 1)
    last = date(max(max(days), rp.as_of).year + 1, 1, 1)
    labels = (t("年份", "year"), t("工作", "work"), t("节点", "dates"))
    lw = max(cell_len(x) for x in labels) + 2
    w = width - 2 - lw - 1
    total = (last - first).days

    def x(d: date) -> int:
        return min(w - 1, max(0, round((d - first).days * (w - 1) / total)))

    years = list(range(first.year, last.year + 1))
    step = next(s for s in (1, 2, 5, 10, 20, 50) if (len(years) / s) * 5 <= w)
    ruler, ticks = [" "] * w, [" "] * w
    for y in years:
        if (y - first.year) % step:
            continue
        pos = x(date(y, 1, 1))
        ticks[pos] = "|"
        if pos + 4 <= w and all(c == " " for c in ruler[max(pos - 1, 0) : pos + 4]):
            ruler[pos : pos + 4] = list(str(y))
    bar = [" "] * w
    for e in work:
        for i in range(x(e.day), x(e.end or last) + 1):
            bar[i] = "=" if i <= x(rp.as_of) else "."
    row, legend, n = [" "] * w, [], 0
    for e in marked:
        sym = "^" if e.kind == "today" else _MARKS[n % len(_MARKS)]
        n += e.kind != "today"
        pos = x(e.day)
        while pos < w - 1 and row[pos] != " ":
            pos += 1
        row[pos] = sym
        legend.append((sym, e))

    def line(label: str, cells: list[str]) -> str:
        return ("  " + label + " " * (lw - cell_len(label)) + "".join(cells)).rstrip()

    out = [line(labels[0], ruler), line("", ticks), line(labels[1], bar), line(labels[2], row)]
    for sym, e in legend:
        span = t(f" 至 {e.end}", f" to {e.end}") if e.end else ""
        out.append(f"   {sym} {e.day}{span} {e.text}")
    for e in work:
        span = t(f" 至 {e.end}", f" to {e.end}") if e.end else t(" 至今", " to date")
        out.append(f"   = {e.day}{span} {e.text}")
    return out


def _timeline_text(rp: RegionPlan, console) -> None:
    lines = timeline(rp, min(console.width, 100))
    if not lines:
        return
    _say(console, t("时间线", "Timeline"), 0, "bold")
    from rich.text import Text

    for ln in lines[:4]:
        console.print(Text(plain(ln)), soft_wrap=True)
    for ln in lines[4:]:
        # a legend line folds under its text, not under the mark
        _say(console, ln.strip(), 3, hang=13)
    console.print()


def _ranking_text(p: Plan, console) -> None:
    level = nm(LEVEL_NAMES, p.ranking_level or "")
    _say(console, t(f"各地比较：{level}最早何时可申报", f"Where it is fastest: when {level} opens"), 0, "bold")
    for i, rp in enumerate(p.regions, 1):
        r = next((lv.best for lv in rp.levels if lv.level == p.ranking_level), None)
        if r is None:
            st = t("无法取得", "out of reach")
        else:
            st = f"{r.can_apply}  {nm(ROUTE_NAMES, r.route)}"
            if r.open_tasks:
                st += t(f"（另需 {len(r.open_tasks)} 项任务）", f" ({_plural(len(r.open_tasks), 'task')} too)")
        name = t(f"{rp.short_name}（{rp.region}）", f"{rp.short_name} ({rp.region})")
        _say(console, f"{i:>2}. {name}  {st}", 2)
    if p.decisive:
        _say(console, t(f"差别：{p.decisive}", f"The difference: {p.decisive}"), 2, "yellow")
    console.print()


def plan_text(p: Plan, console, all_regions: bool = False) -> None:
    if len(p.regions) > 1:
        _ranking_text(p, console)
    for rp in p.regions[:1] if all_regions else p.regions:
        _head(p, rp, console)
        _summary(rp, console)
        _window_text(rp, console)
        console.print()
        _say(console, t("晋升之路", "The road"), 0, "bold underline")
        for lv in rp.levels:
            _level_text(lv, p.as_of, console)
        if rp.beyond_until:
            names = t("、", ", ").join(nm(LEVEL_NAMES, x) for x in rp.beyond_until)
            _say(console, t(f"{p.until} 年以后：{names}", f"after {p.until}: {names}"), 2, "dim")
        console.print()
        _exclusions_text(rp, console)
        if rp.ledger is not None:
            _ledger_text(rp.ledger, console)
        _materials_text(rp, console)
        _timeline_text(rp, console)
    if all_regions and len(p.regions) > 1:
        _say(
            console,
            t("其他地区的详细计划：titlecli plan 档案 --region 地区编号", "Other regions in detail: titlecli plan PROFILE --region ID"),
            0,
            "dim",
        )


__all__ = ["plan_json", "plan_text", "region_json", "timeline"]
