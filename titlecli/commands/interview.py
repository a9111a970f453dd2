"""`titlecli interview`: answer questions in a terminal instead of writing YAML."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import Problem, UserError
from ..i18n import t
from .common import LANG_OPTION, parse_date, run, setup_lang

# the smallest profile check reads (contract §1); a pip-installed user has no examples/ folder
_STARTER = """  name: 张伟
  id_number: "140402199205153219"
  application: {region: shanxi-changzhi-2022, series: engineering, level: intermediate}
  education:
    - {level: bachelor, graduated: 2014-07-01}
  work:
    - {start: 2014-07-15}"""


def _interview(output, region, region_path, as_of, lang) -> int:
    setup_lang(lang)
    day = parse_date(as_of)
    if not sys.stdin.isatty():
        raise UserError(
            Problem(
                None,
                "",
                t(
                    "interview 需要在终端中回答问题，但标准输入不是终端。"
                    "没有终端时请直接编写档案文件，再运行 titlecli check PROFILE；最少这几行即可开始"
                    "（地区 id 见 titlecli regions list）：\n" + _STARTER,
                    "interview asks questions in a terminal, but stdin is not a terminal. "
                    "Write a profile file instead and run titlecli check PROFILE; these lines are enough to start "
                    "(titlecli regions list shows the region ids):\n" + _STARTER,
                ),
            )
        )
    from rich.console import Console

    from .. import regions
    from ..interview.flow import Interview

    for d in region_path or []:
        regions.add_search_path(d)
    if region:
        regions.load(region)  # an unknown region is a usage error before any question
    console = Console(highlight=False)
    console.print(
        t(
            "[bold]职称申报问答[/]：回答问题即可生成申请人档案，最后检查是否符合申报条件。"
            "方向键选择，回车确认；随时可按 Ctrl-C 中断，已答内容会保存为草稿。",
            "[bold]Title application interview[/]: answer the questions to build your profile; it is checked at the end. "
            "Arrows choose, Enter confirms; Ctrl-C stops at any time and keeps your answers in a draft.",
        )
    )
    if output is None:
        import questionary

        from ..interview.store import draft_target

        # an unfinished draft here suggests its own file, so a plain `titlecli interview` resumes it
        drafts = [x for x in (draft_target(p) for p in sorted(Path(".").glob("*.draft.yaml"))) if x]
        output = questionary.text(
            t("档案保存到哪个文件？", "Save the profile to which file?"),
            default=drafts[0] if drafts else "profile.yaml",
            instruction=t("（已有的文件将被修改）", "(an existing file is edited)"),
        ).unsafe_ask()
    target = Path(output)
    if target.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise UserError(Problem(str(target), "", t("档案文件名应以 .yaml 或 .json 结尾", "a profile file name ends in .yaml or .json")))
    return Interview(target, console, region, day).run()


def register(app: typer.Typer) -> None:
    @app.command("interview")
    def interview_cmd(
        output: str | None = typer.Option(None, "--output", "-o", help="要写入或修改的档案文件 / profile file to write or edit"),
        region: str | None = typer.Option(None, "--region", "-r", help="地区 id 或规则文件路径 / region id or rule file"),
        region_path: list[str] | None = typer.Option(None, "--region-path", help="额外的地区规则文件夹 / extra folder of region files"),
        as_of: str | None = typer.Option(None, "--as-of", help="最后检查所用的日期 YYYY-MM-DD（默认今天） / date for the final check"),
        lang: str = LANG_OPTION,
    ) -> None:
        """回答问题生成或修改申请人档案，并检查是否符合条件。随时可按 Ctrl-C 中断，回答保存在草稿 PROFILE.draft.yaml，再次运行即可继续。需要终端；没有终端时请编写档案文件并运行 titlecli check。

        Build or edit a profile by answering questions, then check it. Ctrl-C keeps the answers in PROFILE.draft.yaml and the next run resumes them. Needs a terminal; without one, write a profile file and run titlecli check.
        """
        run(_interview, output, region, region_path, as_of, lang)


__all__ = ["register"]
