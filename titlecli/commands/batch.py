"""`titlecli batch ROSTER`: verdicts, dossiers and a summary for a whole roster."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.progress import TaskID

from ..errors import NOT_ELIGIBLE, OK, Problem, UserError
from ..i18n import plural, t
from .common import LANG_OPTION, output_error, output_path, parse_date, parse_term, run, setup_lang


def _template(path: str, force: bool = False, region: str | None = None, level: str | None = None) -> int:
    """An empty roster; with a region (and a level), only the columns its rules read."""
    from ..roster.template import write_template

    if output_path(path, "--template").exists() and not force:  # it may be the roster the clerk has just filled in
        raise UserError(
            Problem(
                path,
                "--template",
                t(
                    "文件已存在，未覆盖：请换一个文件名，或加 --force 覆盖",
                    "the file exists and was left alone: choose another name, or add --force to overwrite it",
                ),
            )
        )
    target = output_path(path, "--template")
    scope = _template_scope(region, level)
    try:
        out = write_template(target, scope)
    except OSError as e:
        err = output_error(e, target, "--template")
        if err is None:
            raise
        raise err from None
    from ..term import plain

    typer.echo(
        t(
            f"已写入花名册模板：{plain(out)}（含下拉选项、示例行和填写说明）",
            f"roster template written: {plain(out)} (drop-down lists, an example row, instructions)",
        )
    )
    if scope is not None:
        zh, en = scope.whom()
        n = len(scope.columns)
        typer.echo(t(f"只含 {zh} 的申报条件用到的 {n} 列", f"only the {n} columns the rules of {en} read"))
    return OK


def _template_scope(region: str | None, level: str | None):
    """The columns a template for --region (and --level) holds: what its rules read."""
    if region is None:
        return None
    from .. import regions
    from ..model import LEVELS as ORDER
    from ..roster.template import Scope

    loaded = regions.load(region)
    levels = [lv for lv in ORDER if any(r.level == lv for r in loaded.routes)]
    if level is not None and level not in levels:
        from ..terms import LEVELS, nm

        offered = t("、", ", ").join(nm(LEVELS, lv) for lv in levels)
        raise UserError(
            Problem(
                None,
                "--level",
                t(
                    f"{loaded.name} 没有 {nm(LEVELS, level)} 的申报条件（有：{offered}）",
                    f"{loaded.name_en or loaded.name} has no conditions for {nm(LEVELS, level)} (it has: {offered})",
                ),
            )
        )
    return Scope.of(loaded, level)


def _cpus() -> int:
    """The CPUs this process may run on (a container or taskset may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _workers(jobs: int | None) -> tuple[int, str | None]:
    """-j as given, or the CPU count; never more than the CPUs: each worker holds a dossier in
    memory (tens of MB) and more workers than cores only wait for each other (-j 40 on two
    cores started 46 processes and took 3 GB)."""
    if jobs is not None and jobs < 1:
        raise UserError(Problem(None, "-j", t("并行进程数应至少为 1", "the number of workers must be at least 1")))
    cpus = _cpus()
    if jobs is None:
        return cpus, None
    if jobs > cpus:
        return cpus, t(
            f"注意：-j {jobs} 超过可用的 CPU 数，按 {cpus} 个并行进程运行（更多进程只会互相等待、多占内存）",
            f"note: -j {jobs} is more than the {plural(cpus, 'CPU')} available; running {plural(cpus, 'worker')} "
            "(more would only wait for each other and use more memory)",
        )
    return jobs, None


def _shard(value: str | None) -> tuple[int, int] | None:
    """--shard K/N: this run does the K-th of N parts of the roster (1 <= K <= N)."""
    if value is None:
        return None
    import re

    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)) <= 10_000:
        raise UserError(
            Problem(
                None,
                "--shard",
                t(
                    f"应写成 K/N（第 K 份，共 N 份，1 ≤ K ≤ N），如 1/4：{value!r}",
                    f"expected K/N (part K of N, 1 <= K <= N), e.g. 1/4: {value!r}",
                ),
            )
        )
    return int(m.group(1)), int(m.group(2))


def _region(region: str | None, region_path: list[str] | None) -> str | None:
    """--region checked once (a wrong one is the command's mistake, not every applicant's), as its id."""
    from .. import regions

    for d in region_path or []:
        regions.add_search_path(d)
    if region:  # a wrong --region is the command's mistake, not every applicant's
        try:
            region = regions.load(region).id if not regions.looks_like_path(region) else region
        except UserError as e:  # unknown id: name the option; a broken region file: its own file and line
            raise UserError(
                [Problem(p.file, p.path, p.message, p.line) if p.file else Problem(None, "--region", p.message) for p in e.problems]
            ) from None
    return region


def _outdir(roster: Path, outdir: str | None, shard: tuple[int, int] | None) -> Path:
    stem = f"{roster.stem}-{t('输出', 'out')}" + (f"-{shard[0]}of{shard[1]}" if shard else "")
    out = Path(outdir) if outdir else roster.parent / stem
    if out.exists() and not out.is_dir():
        raise UserError(Problem(str(out), "-o", t("输出位置是一个文件，应为文件夹", "the output is a file; expected a folder")))
    return out


class _Progress:
    """The progress bar on stderr: counts, failures, elapsed time and ETA."""

    def __init__(self, err):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.err = err
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(t("失败 {task.fields[failed]}", "failed {task.fields[failed]}")),
            TimeElapsedColumn(),
            TextColumn(t("剩余", "ETA")),
            TimeRemainingColumn(),
            console=err,
            transient=False,
        )
        self.task: TaskID | None = None
        self.failed = 0

    def start(self, total: int, skipped: int) -> None:
        if skipped:
            self.err.print(
                t(f"{skipped} 人的输入未变，沿用上次的卷宗", f"{plural(skipped, 'applicant')} unchanged since the last run: kept")
            )
        self.task = self.bar.add_task(t("申报人", "applicants"), total=total, completed=skipped, failed=0)
        self.bar.start()

    def result(self, done: int, total: int, res) -> None:
        if res.status == "failed":
            self.failed += 1
        if self.task is not None:
            self.bar.update(self.task, completed=done, failed=self.failed)

    def stop(self) -> None:
        if self.task is not None:
            self.bar.stop()


def _run(roster: str, opts, err):
    from ..batch import run as run_batch

    progress = _Progress(err)
    try:
        return run_batch(roster, opts, progress.result, progress.start)
    except KeyboardInterrupt:
        err.print(
            t(
                "已停止：已完成的卷宗都已保存；重新运行同一命令会接着完成剩下的申报人",
                "stopped: the dossiers finished so far are kept; run the same command again to finish the rest",
            ),
            markup=False,
        )
        raise
    except OSError as e:  # an output folder that cannot be made, a full disk, a summary open in Excel
        from ..datafile import os_reason

        raise UserError(
            Problem(
                str(e.filename or opts.outdir),
                "",
                t(
                    f"无法读写：{os_reason(e)}（请检查该位置是否存在、可写，文件是否正被 Excel/WPS 打开）；重新运行同一命令会接着完成",
                    f"cannot read or write: {e.strerror or e} (check that the place exists and is writable, and that the file is not open in Excel/WPS); run the same command again to finish",
                ),
            )
        ) from None
    finally:
        progress.stop()


def _merge(folders: list[str], outdir: str | None) -> int:
    """--merge DIR …: one 汇总表 and report.json of the shards' outputs."""
    from ..batch import merge, write_outputs

    if not outdir:
        raise UserError(Problem(None, "-o", t("合并分片时请用 -o 指定输出文件夹", "give the output folder with -o when merging shards")))
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise UserError(Problem(str(out), "-o", t("输出位置是一个文件，应为文件夹", "the output is a file; expected a folder")))
    from ..batch.state import check_outdir, load_state

    check_outdir(folders[0], out, None, load_state(out))
    result = merge([Path(f) for f in folders], out)
    out.mkdir(parents=True, exist_ok=True)
    from ..batch.state import Journal

    journal = Journal(out, load_state(out))
    write_outputs(result, journal)
    journal.compact()
    _print_summary(result)
    return NOT_ELIGIBLE if result.failed else OK


def _batch(
    roster,
    template,
    outdir,
    attachments,
    jobs,
    as_of,
    region,
    region_path,
    level,
    skip_broken,
    force,
    shard,
    merge_dirs,
    lang,
    unit_docs=False,
    publicity_start=None,
) -> int:
    setup_lang(lang)
    if template:
        from ..terms import LEVELS

        return _template(template, force, _region(region, region_path), parse_term(LEVELS, level, "--level"))
    if merge_dirs:
        return _merge(merge_dirs, outdir)
    if not roster:
        raise UserError(
            Problem(
                None,
                "ROSTER",
                t(
                    "请给出花名册（.xlsx、.csv 或档案文件夹），或用 --template 生成模板",
                    "give a roster (.xlsx, .csv or a folder of profiles), or --template to write one",
                ),
            )
        )
    region = _region(region, region_path)
    from ..terms import LEVELS

    level = parse_term(LEVELS, level, "--level")
    part = _shard(shard)
    jobs, jobs_note = _workers(jobs)
    rpath = Path(roster)
    if not rpath.exists():
        raise UserError(Problem(str(rpath), "", t("花名册文件不存在", "roster file not found")))
    from rich.console import Console

    from ..batch import Options

    opts = Options(
        outdir=_outdir(rpath, outdir, part),
        attachments=Path(attachments) if attachments else None,
        jobs=jobs,
        as_of=parse_date(as_of),
        region=region,
        level=level,
        skip_broken=skip_broken,
        force=force,
        shard=part,
        unit_docs=unit_docs,
        publicity_start=parse_date(publicity_start, "--publicity-start") if publicity_start else None,
    )
    err = Console(stderr=True, highlight=False)
    if jobs_note:
        err.print(jobs_note, markup=False, soft_wrap=True)
    result = _run(roster, opts, err)
    _print_summary(result)
    return NOT_ELIGIBLE if result.failed else OK


def _print_summary(result) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..batch import REPORT_FILE, STATUS_NAMES
    from ..batch.attachments import mask_ids
    from ..batch.summary import main_reason, target_verdict
    from ..term import esc, plain
    from ..terms import LEVEL_NAMES, nm

    console = Console(highlight=False)
    for w in result.notices:  # before any row: the notices the verdicts rest on, once each
        console.print("⚠ " + plain(w), style="yellow", markup=False, soft_wrap=True)
    table = Table(title=t("批量申报汇总", "Batch summary"))
    for h in (
        t("行", "Row"),
        t("姓名", "Name"),
        t("身份证号", "ID number"),
        t("申报级别", "Level"),
        t("结论", "Verdict"),
        t("主要原因", "Main reason"),
        t("页数", "Pages"),
        t("缺少材料", "Missing"),
        t("状态", "Status"),
    ):
        table.add_column(h, overflow="fold", no_wrap=h in (t("行", "Row"), t("身份证号", "ID number")))
    details = []
    for r in result.rows:
        status = t(*STATUS_NAMES[r.status])
        table.add_row(  # roster cells and file names: the clerk's text, never markup
            esc(r.row),
            esc(r.name),
            esc(r.id_number),
            nm(LEVEL_NAMES, r.target_level) if r.target_level else "",
            target_verdict(r),
            esc(mask_ids(main_reason(r))),
            "" if r.pages is None else str(r.pages),
            t(f"{len(r.missing)} 项", str(len(r.missing))) if r.missing else "",
            f"[red]{status}[/]" if r.failed else status,
        )
        if r.problems or r.notes:
            details.append((r, r.problems + r.notes))
    console.print(table)
    for w in result.warnings:
        console.print(t("注意：", "note: ") + plain(w), markup=False, soft_wrap=True)
    for r, lines in details:  # the reasons in full, below the table where they have room
        mark = "[red]✗[/]" if r.failed else "·"
        console.print(f"{mark} {esc(r.row)} {esc(r.name)}", markup=True)
        for line in lines:
            console.print(f"    {plain(mask_ids(line))}", markup=False, soft_wrap=True)  # one reason, one line
    counts = {s: sum(1 for r in result.rows if r.status == s) for s in STATUS_NAMES}
    parts = [f"{t(*STATUS_NAMES[s])} {n}" for s, n in counts.items() if n]
    console.print(
        t(f"共 {len(result.rows)} 人：", f"{len(result.rows)} applicants: ")
        + t("，", ", ").join(parts)
        + t("；缺少的材料见汇总表", "; missing materials are listed in the summary")
    )
    if result.unmatched:
        console.print(
            t("附件文件夹中未匹配到申报人的：", "attachments matching no applicant: ") + plain(t("、", ", ").join(result.unmatched)),
            markup=False,
            soft_wrap=True,
        )
    for d in result.documents:
        console.print(plain(t(f"单位材料：{result.outdir / d}", f"unit document: {result.outdir / d}")), markup=False, soft_wrap=True)
    console.print(
        plain(
            t(
                f"汇总表：{result.summary_file}　报告：{result.outdir / REPORT_FILE}",
                f"summary: {result.summary_file}  report: {result.outdir / REPORT_FILE}",
            )
        ),
        markup=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    @app.command("batch")
    def batch_cmd(
        roster: str | None = typer.Argument(
            None, metavar="ROSTER", help="花名册 .xlsx / .csv，或档案文件夹 / roster .xlsx, .csv or a folder of profiles"
        ),
        template: str | None = typer.Option(
            None,
            "--template",
            help="写出空白花名册模板（.xlsx）后退出；加 --region（和 --level）只含该地区规则用到的列"
            " / write an empty roster template and exit; with --region (and --level) only the columns its rules read",
        ),
        outdir: str | None = typer.Option(None, "--output", "-o", help="输出文件夹（默认：花名册名-输出） / output folder"),
        attachments: str | None = typer.Option(
            None, "--attachments", "-a", help="附件文件夹：每人一个子文件夹，以身份证号或姓名命名 / one folder per applicant"
        ),
        jobs: int | None = typer.Option(None, "--jobs", "-j", help="并行进程数（默认 CPU 数） / worker processes (default: CPU count)"),
        as_of: str | None = typer.Option(None, "--as-of", help="检查日期 YYYY-MM-DD（默认今天） / date to check at"),
        region: str | None = typer.Option(None, "--region", "-r", help="地区 id 或规则文件（覆盖花名册中的地区） / region for everyone"),
        region_path: list[str] | None = typer.Option(None, "--region-path", help="额外的地区规则文件夹 / extra folder of region files"),
        level: str | None = typer.Option(
            None,
            "--level",
            "-l",
            help="卷宗按此级别装订：员级、助理级、中级、副高级、正高级（默认：各人的申报级别） / level the dossiers are for: member, assistant, intermediate, deputy_senior, senior",
        ),
        skip_broken: bool = typer.Option(
            False, "--skip-broken", help="损坏的扫描件以占位页代替，不使此人失败 / placeholder pages for broken scans"
        ),
        force: bool = typer.Option(
            False,
            "--force",
            help="全部重新生成，不沿用上次结果；--template 时覆盖已有文件 / rebuild everyone; with --template, overwrite the file",
        ),
        shard: str | None = typer.Option(
            None,
            "--shard",
            help="只做花名册的第 K 份（共 N 份，按身份证号分），如 1/4；各份的输出用 --merge 合并 / run part K of N of the roster",
        ),
        merge_dirs: list[str] | None = typer.Option(
            None, "--merge", help="合并各分片的输出文件夹为一份汇总表（与 -o 一起用） / merge the outputs of shards into one summary"
        ),
        unit_docs: bool = typer.Option(
            False,
            "--unit-docs",
            help="生成单位材料：《公示情况一览表》（xlsx、PDF）和每人的《推荐报告》草稿（docx）；地区要求这些材料时总会生成 / "
            "write the unit's publicity table (xlsx, PDF) and a draft recommendation report per applicant (docx); always when the region asks for them",
        ),
        publicity_start: str | None = typer.Option(
            None, "--publicity-start", help="公示开始日期 YYYY-MM-DD（默认 --as-of） / first day of the publicity period (default: --as-of)"
        ),
        lang: str = LANG_OPTION,
    ) -> None:
        """批量申报：一份花名册生成每人的资格结论、卷宗和汇总表；中断后重跑只补做剩下的。Verdicts, dossiers and a summary for a roster."""
        run(
            _batch,
            roster,
            template,
            outdir,
            attachments,
            jobs,
            as_of,
            region,
            region_path,
            level,
            skip_broken,
            force,
            shard,
            merge_dirs,
            lang,
            unit_docs,
            publicity_start,
        )


__all__ = ["register"]
