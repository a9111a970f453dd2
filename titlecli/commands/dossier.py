"""`titlecli dossier`: the bound, numbered dossier PDF with its checklist (and `--upload DIR`)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from ..errors import OK, Problem, UserError
from ..i18n import plural, t
from .common import LANG_OPTION, parse_date, parse_term, run, setup_lang


def default_output(profile: Path) -> Path:
    """`<profile stem>-dossier.pdf` next to the profile."""
    return profile.with_name(f"{profile.stem}-dossier.pdf")


def _load(profile_path: str, region_ref: str | None, region_path):
    from .. import regions
    from ..profile import load_profile

    for d in region_path or []:
        regions.add_search_path(d)
    prof = load_profile(profile_path)
    ref = region_ref or prof.application.region
    if not ref:
        raise UserError(
            Problem(
                profile_path,
                "application.region",
                t("未指定地区：请在档案中填写 application.region 或使用 --region", "no region: set application.region or pass --region"),
            )
        )
    try:
        reg = regions.load(ref, Path(profile_path).parent if not region_ref else None)
    except UserError as e:
        raise UserError([Problem(x.file or profile_path, x.path, x.message, x.line) for x in e.problems]) from None
    return prof, reg


def _check_output(out: Path) -> None:
    """-o must name a file in a folder: say so before the build, not with a traceback after it."""
    if out.is_dir():
        raise UserError(
            Problem(
                str(out),
                "-o",
                t(
                    "这是一个文件夹；请给出 PDF 文件名，如 -o 目录/申报材料.pdf",
                    "this is a folder; give a PDF file name, e.g. -o folder/dossier.pdf",
                ),
            )
        )
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UserError(Problem(str(out), "-o", t(f"{parent} 是文件，不是文件夹", f"{parent} is a file, not a folder")))
            break


def _os_error(e: OSError, out: Path, option: str) -> UserError:
    """An OSError while building: the output cannot be written, or an input file went away (or
    became unreadable) after it was checked."""
    from ..datafile import os_reason
    from .common import output_error

    err = output_error(e, out, option)
    if err is not None:
        return err
    if e.filename is None:
        raise e
    return UserError(
        Problem(
            os.fsdecode(e.filename),
            "",
            t(
                f"生成过程中无法读取此文件：{os_reason(e)}（是否在生成时被删除、移动或改动？请重新运行）",
                f"this file could not be read during the build: {os_reason(e)} (deleted, moved or changed meanwhile? run again)",
            ),
        )
    )


def print_checklist(rows, console, title: str = "") -> None:
    """The checklist as a table; `title` is plain text (it may hold the applicant's name)."""
    from rich.table import Table

    from ..term import esc

    table = Table(title=esc(title) if title else t("材料清单", "Checklist of materials"), show_lines=False)
    for col in (
        t("材料名称", "Material"),
        t("类别", "Category"),
        t("份数", "Copies"),
        t("验原件", "Original"),
        t("状态", "Status"),
        t("页码", "Pages"),
        t("备注", "Notes"),
    ):
        table.add_column(col, overflow="fold")
    for r in rows:
        if not r.bound:
            continue
        if r.present:
            status = "[green]✔ " + t("已附", "present") + "[/]"
        elif r.required:
            status = "[bold red]✘ " + t("缺", "MISSING") + "[/]"
        else:
            status = "[dim]" + t("未附（如有）", "absent (if any)") + "[/]"
        bad = [e for e in r.entries if e.placeholder == "broken"]
        note = r.note + ("；" if r.note and bad else "") + "；".join(f"{e.file}: {e.message}" for e in bad)
        table.add_row(  # region texts, file names and messages: never markup
            esc(r.name),
            esc(r.category),
            t(f"一式{r.copies}份", str(r.copies)),
            t("是", "yes") if r.original else t("否", "no"),
            status,
            esc(r.pages or "—"),
            esc(note),
        )
    console.print(table)
    separate = [r for r in rows if not r.bound]
    if separate:
        # 长工信〔2022〕139号 五.2 "单独进行胶装，不得装订入册": forms handed in beside the volume
        table = Table(title=t("另行报送，不装订入册", "Handed in separately, not bound into the volume"), show_lines=True)
        for col in (
            t("材料名称", "Material"),
            t("份数", "Copies"),
            t("备注", "Notes"),
            t("需填写的信息（据档案）", "To fill in (from the profile)"),
        ):
            table.add_column(col, overflow="fold")
        for r in separate:
            table.add_row(esc(r.name), t(f"一式{r.copies}份", str(r.copies)), esc(r.note), esc("\n".join(r.fill)))
        console.print(table)


def _dossier(profile, output, as_of, region, region_path, level, duplex, skip_broken, font, template, lang, checklist_only, upload) -> int:
    setup_lang(lang)
    from .. import dossier
    from ..terms import LEVELS

    level = parse_term(LEVELS, level, "--level")
    day = parse_date(as_of)
    prof, reg = _load(profile, region, region_path)
    base = Path(profile).parent
    if checklist_only:
        if upload:
            _warn(
                t(
                    "--checklist-only 不写任何文件，未生成 --upload 文件夹",
                    "--checklist-only writes nothing; no --upload folder was written",
                )
            )
        _print_checklist_only(dossier.checklist_plan(prof, reg, day, base_dir=base, level=level, template=template), prof, reg, _console())
        return OK
    out, inputs = _refuse_before_building(Path(profile), output, prof, reg, upload)
    try:
        res = dossier.build(
            prof,
            reg,
            day,
            out,
            base_dir=base,
            level=level,
            duplex=True if duplex else None,
            skip_broken=skip_broken,
            font=font,
            template=template,
        )
    except OSError as e:  # the output's folder: not writable, full, gone; or a scan gone mid-build
        raise _os_error(e, out, "-o") from None
    _print_built(res)
    if upload:
        from ..upload import build as build_upload
        from ..upload import print_table

        try:
            up = build_upload(prof, base, reg, day, Path(upload), level=level, skip_broken=skip_broken, inputs=inputs | {out.resolve()})
        except OSError as e:
            raise _os_error(e, Path(upload), "--upload") from None
        print_table(up, _console())
        _print_upload_gaps(up)
    return OK


def _console():
    """rich's console, for the tables (the checklist, the upload folder's)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)  # messages keep whole lines (paths!) when piped; tables still fit


def _say(spans: list[tuple[str, str]], stream=None) -> None:
    """One line of the result, styled as rich prints it (colours on a terminal only), through
    titlecli.textout: rich's import was ~20 ms of every dossier for these few lines (issue 18).
    Each span's text is plain text, never markup."""
    from ..textout import Line, write

    write([Line([(text, style) for text, style in spans])], stream)


def _warn(text: str) -> None:
    import sys

    from ..term import plain

    _say([(t("警告", "warning") + ":", "yellow"), (" " + plain(text), "")], sys.stderr)


def _print_missing(head: str, names: list[str]) -> None:
    """`缺少 2 项必需材料：身份证、照片` — a red head, then the names as the user wrote them."""
    from ..term import plain

    _say([(head, "bold red"), (plain(t("、", ", ").join(names)), "")])


def _print_problem(text: str) -> None:
    from ..term import plain

    _say([("•", "yellow"), (" " + plain(text), "")])


def _print_checklist_only(plan, prof, reg, console) -> None:
    from ..regions import region_name

    print_checklist(plan.rows, console, t(f"材料清单 · {prof.name} · {reg.name}", f"Checklist · {prof.name} · {region_name(reg)}"))
    for p in plan.problems:
        _print_problem(p)
    if plan.missing:
        n = len(plan.missing)
        _print_missing(t(f"缺少 {n} 项必需材料：", f"{plural(n, 'required material')} missing: "), plan.missing)


def _refuse_before_building(profile: Path, output, prof, reg, upload) -> tuple[Path, set[Path]]:
    """The output file (and the files it must not overwrite), once every reason to refuse it,
    or the --upload folder, is ruled out — before time is spent on the PDF."""
    if upload and (reg.online is None or not reg.online.items):
        raise UserError(
            Problem(
                reg.path,
                "online.items",
                t(
                    f"地区 {reg.id} 没有网上申报系统的上传项目，不能使用 --upload",
                    f"region {reg.id} describes no online upload items; --upload cannot be used",
                ),
            )
        )
    out = Path(output) if output else default_output(profile)
    if out.suffix.lower() != ".pdf":
        raise UserError(Problem(str(out), "-o", t("输出文件应以 .pdf 结尾", "the output file must end in .pdf")))
    inputs = {profile.resolve()} | {(profile.parent / d.file).resolve() for d in prof.documents}
    if out.resolve() in inputs:
        raise UserError(
            Problem(
                str(out), "-o", t("输出文件不能覆盖档案或其中的材料文件", "the output would overwrite the profile or one of its documents")
            )
        )
    if upload:  # a folder that cannot be written is refused before the PDF is built
        from ..upload import check_target

        check_target(Path(upload), inputs | {out.resolve()})
    _check_output(out)
    return out, inputs


def _print_built(res) -> None:
    from ..term import plain

    for w in res.warnings:
        _warn(w)
    written = t(
        f"已生成卷宗 {plain(res.path)}：共 {res.pages} 页{'（双面）' if res.duplex else ''}，{res.bytes / 1024:.0f} KB",
        f"dossier written to {plain(res.path)}: {res.pages} pages{' (duplex)' if res.duplex else ''}, {res.bytes / 1024:.0f} KB",
    )
    _say([(written, "")])
    if res.missing:
        n = len(res.missing)
        head = t(f"缺少 {n} 项必需材料（已插入占位页）：", f"{plural(n, 'required material')} missing (placeholder pages inserted): ")
        _print_missing(head, res.missing)
    for p in res.problems:
        _print_problem(p)


def _print_upload_gaps(up) -> None:
    """What the upload folder still lacks: items with no document, over the system's limits, unreadable."""
    missing = [f.name for f in up.files if not f.ok and not f.sources]
    skipped = [f.name for f in up.files if not f.ok and f.sources and f.action == t("无法读取，已跳过", "unreadable; skipped")]
    over = [f.name for f in up.files if not f.ok and f.sources and f.name not in skipped]
    if missing:
        _print_missing(t(f"缺少 {len(missing)} 项必需的上传材料：", f"{plural(len(missing), 'required upload item')} missing: "), missing)
    if over:
        n = len(over)
        _print_missing(
            t(
                f"{n} 项不符合系统限制（见上表）：",
                f"{plural(n, 'item')} {'does' if n == 1 else 'do'} not meet the system's limits (see the table): ",
            ),
            over,
        )
    if skipped:
        n = len(skipped)
        _print_missing(t(f"{n} 项因材料无法读取而跳过：", f"{plural(n, 'item')} skipped, a document is unreadable: "), skipped)


def register(app: typer.Typer) -> None:
    @app.command("dossier")
    def dossier_cmd(
        profile: str = typer.Argument(
            ..., metavar="PROFILE", help="申请人档案 YAML/JSON 文件（documents 中的路径相对于它） / profile file"
        ),
        output: str | None = typer.Option(
            None,
            "--output",
            "-o",
            metavar="OUT.pdf",
            help="输出 PDF（默认：档案旁的 <档案名>-dossier.pdf） / output PDF (default: <profile stem>-dossier.pdf next to the profile)",
        ),
        as_of: str | None = typer.Option(
            None,
            "--as-of",
            metavar="DATE",
            help="日期 YYYY-MM-DD（默认今天；相同输入与日期生成相同字节） / date (default today; same inputs and date give the same bytes)",
        ),
        region: str | None = typer.Option(None, "--region", "-r", metavar="REGION", help="地区 id 或规则文件路径 / region id or rule file"),
        region_path: list[str] | None = typer.Option(
            None, "--region-path", metavar="DIR", help="额外的地区规则文件夹 / extra folder of region files"
        ),
        level: str | None = typer.Option(
            None, "--level", "-l", metavar="LEVEL", help="member | assistant | intermediate | deputy_senior | senior"
        ),
        duplex: bool = typer.Option(
            False,
            "--duplex",
            help="双面打印：每类从奇数页开始，空白页标注“此页无正文”（长治等地区默认） / duplex: each category starts on an odd page",
        ),
        skip_broken: bool = typer.Option(
            False,
            "--skip-broken",
            help="无法读取的文件以占位页代替，而不是报错 / put a placeholder page for unreadable files instead of failing",
        ),
        font: str | None = typer.Option(
            None,
            "--font",
            metavar="TTF",
            help="另一个 TrueType 字体 .ttf/.ttc（或环境变量 TITLECLI_FONT；默认内置文泉驿微米黑） / another TrueType font",
        ),
        template: str | None = typer.Option(
            None,
            "--template",
            metavar="YAML",
            help="版式模板 YAML，覆盖内置 templates/dossier.yaml 中的键 / layout template overriding keys of the bundled one",
        ),
        lang: str = LANG_OPTION,
        checklist_only: bool = typer.Option(
            False, "--checklist-only", help="只在终端列出材料清单，不生成文件 / print the checklist only; write nothing"
        ),
        upload: str | None = typer.Option(
            None, "--upload", metavar="DIR", help="另生成网上申报系统的上传文件夹 DIR / also write the online system's upload folder DIR"
        ),
    ) -> None:
        """生成装订用的材料卷宗 PDF（封面、材料清单、目录、分类材料，页码与书签）。Build the numbered, bookmarked dossier PDF."""
        run(_dossier, profile, output, as_of, region, region_path, level, duplex, skip_broken, font, template, lang, checklist_only, upload)


__all__ = ["default_output", "register"]
