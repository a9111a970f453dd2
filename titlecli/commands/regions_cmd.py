"""`titlecli regions list | show ID | validate FILE... | new ID --extends PARENT`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ..errors import OK, Problem, UserError
from ..i18n import capital, t
from .common import LANG_OPTION, run, setup_lang

regions_app = typer.Typer(help="地区规则：列出、查看、校验、新建。Bundled and user region rule files.", no_args_is_help=True)


def _place(place) -> str:
    """Where a region file was found, in words."""
    if place.origin == "pack":
        return t(f"扩展包 {place.pack.dist}", f"the pack {place.pack.dist}")
    if place.origin == "bundled":
        return t("内置规则", "the bundled rules")
    return t(f"文件夹 {place.folder}", f"the folder {place.folder}")


def _shadowing(catalogue: dict) -> list[str]:
    """One line per id found in more than one place: which file is used, which it hides."""
    out = []
    for rid, found in catalogue.items():
        if len(found) > 1:
            used, hidden = _place(found[0][1]), t("、", ", ").join(_place(pl) for _, pl in found[1:])
            out.append(
                t(f"注意：{rid} 使用{used}中的规则，覆盖了{hidden}中的同名规则", f"note: {rid} comes from {used}, which hides {hidden}")
            )
    return out


def _list(lang: str, fmt: str, region_path, as_of: str | None = None) -> int:
    lang = setup_lang(lang)
    from .common import parse_date

    day = parse_date(as_of)
    from .. import regions
    from ..citations import kind_name

    for d in region_path or []:
        regions.add_search_path(d)
    rows: list[dict[str, Any]] = []  # what --format json prints
    problems = [
        Problem(
            None,
            "",
            t(
                f"地区规则扩展包 {p.dist}（入口 {p.name}）无法使用：{p.error}",
                f"the region pack {p.dist} ({p.name}) cannot be used: {p.error}",
            ),
        )
        for p in regions.packs()
        if p.error
    ]
    found = regions.catalogue()
    for rid, places in found.items():
        path, place = places[0]
        try:
            r = regions.load(str(path))
        except UserError as e:
            problems += e.problems
            continue
        eff = r.notice.period
        doc = r.notice.document
        rows.append(
            {
                "id": rid,
                "name": regions.region_name(r),
                # the principal document as a person names it (文号, else 《title》) and its kind,
                # so a region resting on a Q&A compilation does not pass for a local notice
                "document": doc.label,
                "document_number": doc.number,
                "document_title": doc.title,
                "document_kind": doc.kind,
                "effective": f"{eff.from_ or ''}–{eff.until or ''}" if eff else "",
                # whether the notice held on the day (--as-of, default today): current, expired,
                # not_yet or unknown (the document states no period)
                "notice_status": r.notice.status(day),
                "notice_status_text": r.notice.short_status(day),
                "path": str(path),
                # where it was found: a pack or folder may shadow a bundled region of the same id
                "origin": place.origin,
                "pack": place.pack.dist if place.pack else None,
                "shadows": [str(p) for p, _ in places[1:]],
            }
        )
    if fmt == "json":
        import json

        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from ..term import esc, plain

        table = Table(title=t("地区规则", "Regions"), expand=True)
        # The id is what people type and the dates are what they compare: never cut them short.
        table.add_column(t("编号", "ID"), no_wrap=True, min_width=max((len(row["id"]) for row in rows), default=4))
        table.add_column(t("名称", "Name"), overflow="fold", ratio=2)
        table.add_column(t("主要依据及类型", "Principal document, kind"), overflow="fold", ratio=3)
        table.add_column(t("有效期", "Effective"), no_wrap=True)
        for row in rows:
            cell = Text(plain(row["document"]))
            cell.append("\n" + capital(kind_name(row["document_kind"])), style="bold")
            # ids, names and documents are what region files say: never markup
            period = Text(plain(row["effective"].replace("–", "\n至 " if lang == "zh" else "\nto ")))
            if row["notice_status_text"]:
                # an ended notice, or one with no stated period, is said before anyone picks it
                period.append(("\n" if row["effective"] else "") + capital(row["notice_status_text"]), style="bold yellow")
            table.add_row(esc(row["id"]), esc(row["name"]), cell, period)
        console = Console()
        console.print(table)
        for line in _shadowing(found):
            console.print(plain(line), markup=False, highlight=False)
    if problems:
        raise UserError(problems)
    return OK


def _notice_tree(tree, r) -> None:
    """The principal document, then the other documents the region's rules cite."""
    from ..citations import cited_documents, kind_name
    from ..term import esc

    n = r.notice
    doc = n.document
    nt = tree.add(t("通知", "Notice"))
    nt.add(esc(doc.title))
    # a remark the region file gives in Chinese only is shown to an English reader as such
    remark = t("备注", "Remark" if n.note_en else "Remark (in Chinese)")
    for label, val in (
        (t("文号", "Number"), doc.number),
        (t("发文单位", "Issuer"), doc.issuer),
        (t("类型", "Kind"), kind_name(doc.kind)),
        (t("日期", "Date"), doc.date),
        (t("网址", "URL"), doc.url),
        (t("说明", "Note"), doc.note),
        (t("有效期", "Effective"), f"{n.period.from_} – {n.period.until}" if n.period else t("原文未写明", "not stated in the document")),
        (t("核对日期", "Reviewed"), n.reviewed),
        (remark, t(n.note or "", n.note_en or n.note or "")),
    ):
        if val:
            nt.add(f"{label}{t('：', ': ')}{esc(val)}")
    others = [d for d in cited_documents(r) if d is not doc]
    if others:
        dt = tree.add(t("其他依据文件", "Other documents cited"))
        for d in others:
            head = esc(d.label) + t(f"（{kind_name(d.kind)}）", f" ({kind_name(d.kind)})")
            dt.add(head + (f" {esc(d.title)}" if d.number else ""))


def _show(ref: str, lang: str, region_path, ids: bool = False) -> int:
    lang = setup_lang(lang)
    from rich.console import Console
    from rich.tree import Tree

    from .. import regions
    from ..term import esc

    for d in region_path or []:
        regions.add_search_path(d)
    r = regions.load(ref)
    # everything below but titlecli's own words is what the region file says: escaped (term.esc);
    # ids (what case files and `--region` name) only with --ids or in English
    name = esc(regions.region_name(r))
    tree = Tree(f"[bold]{name}[/]" + (f" ({esc(r.id)})" if ids or lang == "en" else ""))
    _notice_tree(tree, r)
    _rules_tree(tree, r, lang, ids)
    _filing_tree(tree, r, lang)
    Console().print(tree)
    return OK


def _id(key: str | None, ids: bool) -> str:
    """A rule's id, for the region author who asked for them (--ids)."""
    from ..term import esc

    return f" [dim]\\[{esc(key)}][/]" if ids and key else ""


def _rules_tree(tree, r, lang: str, ids: bool = False) -> None:
    """Who may apply: the cut-off, exclusions, each route with its pathways, and relaxations."""
    from ..engine import describe
    from ..term import esc

    if r.count_until:
        tree.add(t(f"资历计算截止：{r.count_until}", f"Years counted to: {r.count_until}"))
    if r.exclusions:
        ex = tree.add(t("不得申报", "Exclusions"))
        for e in r.exclusions:
            ex.add(f"{esc(capital(describe(e)))}{_id(e.id, ids)}  [dim]{esc(e.source)}[/]")
    for route in r.routes:
        _route_tree(tree, r, route, lang, ids)
    if r.adjustments:
        at = tree.add(t("放宽条件", "Adjustments"))
        for a in r.adjustments:
            at.add(f"{esc((a.text_en if lang == 'en' and a.text_en else a.text) or a.id)}  [dim]{esc(a.source)}[/]")


def _route_tree(tree, region, route, lang: str, ids: bool) -> None:
    """One route: its heading in words (title, level, route, the series it is for), its common
    conditions, then each pathway with its conditions."""
    from ..engine import LEVEL_NAMES, ROUTE_NAMES, describe, nm
    from ..regions import title_name
    from ..term import esc
    from ..terms import series_name

    every = route.series == "*"
    series = t("各系列", "every series") if every else t("、", ", ").join(series_name(s, region) for s in route.series)
    title = title_name(region, route.series[0], route.level) if route.series != "*" else ""
    head = f"{nm(LEVEL_NAMES, route.level)} · {nm(ROUTE_NAMES, route.route)}"
    if title and title != nm(LEVEL_NAMES, route.level):
        head = f"{title} · {head}"
    rt = tree.add(f"[bold]{esc(capital(head))}[/]{t(f'（{esc(series)}）', f' ({esc(series)})')}{_id(route.id, ids)}")
    for c in route.requires:
        rt.add(f"{t('共同条件：', 'Requires: ')}{esc(describe(c))}{_id(c.id, ids)}  [dim]{esc(c.source or route.source or '')}[/]")
    for pw in route.pathways:
        text = pw.text_en if lang == "en" and pw.text_en else (pw.text or "")
        pt = rt.add(f"{t('途径：', 'Pathway: ')}{esc(text)}{_id(pw.id, ids)}  [dim]{esc(pw.source or route.source or '')}[/]")
        for c in pw.conditions:
            pt.add(f"{esc(capital(describe(c)))}{_id(c.id, ids)}  [dim]{esc(c.source or '')}[/]")


def _filing_tree(tree, r, lang: str) -> None:
    """How to apply: materials, fees, the online system and the submission window."""
    from ..term import esc
    from ..terms import LEVELS

    if r.materials:
        mt = tree.add(t("申报材料", "Materials"))
        for m in r.materials:
            copies = t(f"一式{m.copies}份", f"{m.copies} {'copy' if m.copies == 1 else 'copies'}")
            mt.add(
                f"{esc(m.name_en if lang == 'en' and m.name_en else m.name)} {copies}{t('（验原件）', ' (original shown)') if m.original else ''}"
                f"{'' if m.bound else t('（另行报送，不装订入册）', ' (handed in separately, not bound)')}  [dim]{esc(m.source)}[/]"
            )
    if r.fees:
        ft = tree.add(t("收费", "Fees"))
        for f in r.fees:
            levels = capital(LEVELS.listing(f.levels) if f.levels else t("各级别", "every level"))
            unit = t(f.unit, "yuan per applicant") if f.unit == "元/人" else f.unit  # the schema's default unit
            ft.add(f"{levels}{t('：', ': ')}{f.amount:g} {esc(unit)}  [dim]{esc(f.source)}[/]")
    if r.online:
        tree.add(t(f"网上申报系统：{esc(r.online.system)}", f"Online system: {esc(r.online.system)}") + f"  [dim]{esc(r.online.source)}[/]")
    if r.window:
        w = r.window
        if w.until is None:
            tree.add(t(f"收审时间：{w.from_} 起（截止日未写）", f"Submission window: from {w.from_} (no closing day given)"))
        else:
            tree.add(t(f"收审时间：{w.from_} 至 {w.until}", f"Submission window: {w.from_} to {w.until}"))


def _validate(files: list[str], lang: str) -> int:
    lang = setup_lang(lang)
    from .. import regions
    from ..term import plain

    problems: list[Problem] = []
    good = 0
    targets: list[Path] = []
    for f in files:
        p = Path(f)
        if p.is_dir():
            targets += sorted(p.glob("*.y*ml"))
        else:
            targets.append(p)
    if not targets:
        raise UserError(Problem(None, "FILE", t("没有可校验的文件", "no files to validate")))
    for p in targets:
        try:
            _region, removals = regions.validate(p)
        except UserError as e:
            problems += e.problems
            continue
        good += 1
        print(f"✓ {plain(p)}")
        for r in removals:  # what each `remove:` took out, so a path that matched the wrong entry shows
            print("  " + plain(t(f"去掉 {r}", f"removed {r}")))
    if problems:
        raise UserError(problems)
    return OK


def _new(region_id: str, extends: str, out: str | None, lang: str, region_path) -> int:
    lang = setup_lang(lang)
    from .. import regions
    from ..starter import write_starter

    for d in region_path or []:
        regions.add_search_path(d)
    target = write_starter(region_id, extends, Path(out) if out else Path(f"{region_id}.yaml"))
    print(
        t(
            f"已写入 {target}；按本地通知修改后运行：titlecli regions validate {target}",
            f"wrote {target}; edit it to match the local notice, then run: titlecli regions validate {target}",
        )
    )
    return OK


def register(app: typer.Typer) -> None:
    @regions_app.command("list")
    def list_cmd(
        lang: str = LANG_OPTION,
        fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
        region_path: list[str] | None = typer.Option(None, "--region-path", help="extra folder of region files"),
        as_of: str | None = typer.Option(
            None, "--as-of", help="按哪一天判断通知是否仍有效 YYYY-MM-DD（默认今天） / the day notices are judged on (default today)"
        ),
    ) -> None:
        """列出可用地区 / list the regions."""
        run(_list, lang, fmt, region_path, as_of)

    @regions_app.command("show")
    def show_cmd(
        region: str = typer.Argument(..., help="地区（如 盐城）或规则文件 / region (e.g. jiangsu-yancheng) or rule file"),
        lang: str = LANG_OPTION,
        region_path: list[str] | None = typer.Option(None, "--region-path", help="extra folder of region files"),
        ids: bool = typer.Option(
            False, "--ids", help="同时列出规则编号（案例文件引用它们）/ also list the rules' ids (case files name them)"
        ),
    ) -> None:
        """显示地区规则 / show a region's rules."""
        run(_show, region, lang, region_path, ids)

    @regions_app.command("validate")
    def validate_cmd(
        files: list[str] = typer.Argument(..., metavar="FILE...", help="规则文件或文件夹 / region files or folders"),
        lang: str = LANG_OPTION,
    ) -> None:
        """校验地区规则文件 / validate region files."""
        run(_validate, files, lang)

    @regions_app.command("new")
    def new_cmd(
        region_id: str = typer.Argument(..., metavar="ID", help="新地区的编号（也是文件名）/ the new region's id (its file name)"),
        extends: str = typer.Option(..., "--extends", help="继承的地区 / the region it extends"),
        out: str | None = typer.Option(None, "-o", "--output", help="写到此文件（默认 ./ID.yaml）/ file to write"),
        lang: str = LANG_OPTION,
        region_path: list[str] | None = typer.Option(None, "--region-path", help="extra folder of region files"),
    ) -> None:
        """新建一个继承某地区的规则文件（带注释的起始模板）/ write a commented starter region file."""
        run(_new, region_id, extends, out, lang, region_path)

    app.add_typer(regions_app, name="regions")


__all__ = ["register"]
