"""`titlecli batch --template`: an empty roster workbook — the roster sheet (headers, two example
rows), drop-down lists kept on a hidden sheet, and the instructions sheet listing every column."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_bytes
from ..i18n import t
from ..workbook import workbook_bytes
from .columns import COLUMNS, SECTION_NAMES, YES_NO, Column, for_rules

if TYPE_CHECKING:
    from ..rules import Region

SHEET = "花名册"
CHOICES_SHEET = "选项"
HELP_SHEET = "填写说明"
ROWS = 500  # rows the drop-down lists cover
# A cell of one of these holds one word of a list (a 年度考核 cell holds several grades: no list)
DROP_DOWN_KINDS = ("enum", "bool", "series", "region")

KIND_TEXT = {
    "text": ("文字", "text"),
    "id": ("18 位身份证号（文本格式）", "18-character ID number (text cell)"),
    "date": (
        "日期 YYYY-MM-DD（也可 2014/7/1、2014.07、2014年7月1日；只写年月时按当月 1 日）",
        "date YYYY-MM-DD (2014/7/1, 2014.07 and 2014年7月1日 are read too; a month alone means its 1st)",
    ),
    "bool": ("是 / 否", "是 (yes) / 否 (no)"),
    "enum": ("下拉选择", "pick from the list"),
    "series": ("下拉选择或系列 id", "pick from the list or a series id"),
    "int": ("整数", "whole number"),
    "percent": ("百分数，如 12%", "percentage, e.g. 12%"),
    "grades": ("年份:等次，逗号分隔", "year:grade, comma separated"),
    "hours": ("年份:总学时/公需学时，逗号分隔", "year:total/public hours, comma separated"),
    "region": ("地区名称，下拉选择", "the region's place, pick from the list"),
}

SCHEME_ZH = [
    "一、每位申报人占一行或连续多行。",
    "  · 第一行填写姓名、身份证号、单位、申报信息，以及第一条学历、工作经历、职称……",
    "  · 同一人的第二条学历（或工作经历、职称、论文、业绩、奖项、证书、技能等级）写在紧接着的下一行，称为“续行”：",
    "    续行的 姓名、身份证号 可以留空，也可以重复填写（须与第一行相同），单位、申报信息等个人列留空。",
    "  · 每一行对每一类经历最多增加一条；某一类在该行全部留空，则该行不增加这一类。",
    "  · 同一身份证号出现在不相邻的两处，视为重复，整个花名册报错并指出行号。",
    "二、日期写成 2014-07-01；工作结束时间留空或写“至今”表示仍在岗。",
    "三、年度考核写成 2019:合格,2020:优秀；继续教育学时写成 2021:72/24（总学时/公需科目学时）。",
    "四、身份证号列已设为文本格式；从其他表格粘贴时请“只粘贴值”，避免末尾数字丢失。",
    "五、第 2、3 行是示例（序号列为“示例”，导入时忽略），可以删除。",
    "六、附件：--attachments 指定的文件夹中每人一个子文件夹，以身份证号或姓名命名（如 张伟 或 140402199205153219 或 张伟_140402199205153219）；",
    "    文件名中含 身份证、毕业证、学位证、学信网/备案表、照片、社保、劳动合同、聘任、考核、继续教育、论文、业绩、获奖 等字样即可自动归类，",
    "    无法归类的文件放入“其它材料”并在汇总表中注明。",
    "七、列名也可用英文键名（如 education.graduated），见下表。",
    "八、序号、民族、政治面貌、籍贯、职务、年龄、备注等列可以保留，导入时跳过；性别、出生日期（出生年月）列会与身份证号核对。",
    "    与已知列名相近的列名（如“毕业时问”）会报错并提示正确列名，以免数据被悄悄丢掉；与档案无关的列（如 部门、工号）跳过并在汇总表中注明。",
    "    “日期”与“时间”、“年月”通用（毕业日期 = 毕业年月 = 毕业时间）。单元格中的 / 或 无 视为未填。",
]
SCHEME_EN = [
    "1. One applicant takes one row or several consecutive rows.",
    "   The first row holds the name, ID number, employer, application and the first education, work period, title...",
    "   A second education (or work period, title, paper, achievement, award, certificate, skill) goes on the next row, a",
    "   'continuation row': its name and ID number may be empty or repeated (identical); the personal columns stay empty.",
    "   Each row adds at most one entry to each history list; a list whose columns are all empty on a row gets nothing.",
    "   The same ID number in two places that do not follow each other is a duplicate: the roster is refused, naming the rows.",
    "2. Dates as 2014-07-01; an empty end date (or 至今) means the job goes on.",
    "3. Assessments as 2019:合格,2020:优秀; continuing-education hours as 2021:72/24 (total/public).",
    "4. The ID-number column is formatted as text; paste values only.",
    "5. Rows 2 and 3 are an example (序号 = 示例, ignored on import); delete them if you like.",
    "6. Attachments: under --attachments one folder per applicant named by ID number or name; files are sorted by the",
    "   words in their names (身份证, 毕业证, 学位证, 学信网/备案表, 照片, 社保, 劳动合同, 聘任, 考核, 继续教育, 论文, 业绩, 获奖...);",
    "   files that cannot be sorted go to 'other' and are noted in the summary.",
    "7. Headers may be the English key paths (e.g. education.graduated), listed below.",
    "8. 序号, 民族, 政治面貌, 籍贯, 职务, 年龄, 备注 and similar columns are skipped; 性别 and 出生日期 are checked against the ID number.",
    "   A header close to a known one (毕业时问) is an error naming it, so no column is silently dropped; one unlike any (部门, 工号) is",
    "   skipped and noted in the summary. 日期, 年月 and 时间 are the same in headers. / or 无 in a cell means empty.",
]


def _choice_labels(c: Column) -> list[str]:
    """The Chinese names a drop-down offers: the vocabulary's (titlecli.terms), the places of the
    region files for 地区."""
    if c.kind == "region":
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        from .. import regions

        # a region file's name is text someone wrote: no control character reaches a cell
        return [ILLEGAL_CHARACTERS_RE.sub("\ufffd", n) for n in regions.vocabulary().names()]
    return c.choices.names() if c.choices is not None else []


def _alias_example(c: Column) -> str:
    """A word the column takes besides the drop-down's names, for the message Excel shows."""
    if c.kind == "region":
        return "盐城"
    if c.choices is not None:
        for x in c.choices.terms.values():
            for a in x.aliases:
                if re.search(r"[\u4e00-\u9fff]", a):
                    return a
    return "是"


@dataclass(frozen=True)
class Scope:
    """Whom a template is for: every column, or the columns one region's rules read."""

    columns: tuple[Column, ...] = COLUMNS
    place: tuple[str, str] | None = None  # the region as people name it: (青海, Qinghai)
    level: str | None = None

    @classmethod
    def of(cls, region: Region, level: str | None = None) -> Scope:
        from .. import regions
        from ..interview.needs import region_needs

        known = regions.vocabulary().terms.get(region.id)
        place = (known.zh, known.en) if known is not None else (region.name, region.name_en or region.name)
        return cls(for_rules(region_needs(region, None, level)), place, level)

    def whom(self) -> tuple[str, str]:
        """青海中级 / Qinghai (intermediate)."""
        from .. import terms

        assert self.place is not None
        if self.level is None:
            return self.place
        term = terms.LEVELS.terms[self.level]
        return f"{self.place[0]} {term.zh}", f"{self.place[1]} ({term.en})"


def template_bytes(scope: Scope | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    scope = scope or Scope()
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    _roster_sheet(ws, scope)
    _drop_downs(ws, wb.create_sheet(CHOICES_SHEET), scope.columns)
    _instructions(wb.create_sheet(HELP_SHEET), scope)
    wb.active = 0
    return workbook_bytes(wb)


def _roster_sheet(ws, scope: Scope) -> None:
    """The headers, coloured by part (the person's columns, the history columns), and the two
    example rows: a person's first row and a continuation row."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = scope.columns
    ws.title = SHEET
    headers = ["序号"] + [c.zh for c in columns]
    ws.append(headers)

    def example(c: Column, continuation: bool) -> object:
        if c.kind == "region" and scope.place is not None:
            return None if continuation else scope.place[0]
        if continuation:  # it repeats the name and ID number, as the instructions allow
            return c.example if c.key in ("name", "id_number") else c.example2 if c.section else None
        return c.example

    ex1 = ["示例"] + [example(c, False) for c in columns]
    ex2 = ["示例"] + [example(c, True) for c in columns]
    ws.append(ex1)
    ws.append(ex2)
    bold = Font(bold=True)
    person_fill = PatternFill("solid", fgColor="FFF2CC")
    history_fill = PatternFill("solid", fgColor="DDEBF7")
    grey = Font(color="808080", italic=True)
    for j, c in enumerate(columns, start=2):
        cell = ws.cell(row=1, column=j)
        cell.font = bold
        cell.fill = history_fill if c.section else person_fill
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(j)].width = max(10, min(30, 2 * len(c.zh) + 4))
        if c.kind == "id":  # text, or Excel turns 18 digits into 1.40402E+17 and loses the last ones
            ws.column_dimensions[get_column_letter(j)].number_format = "@"
            for r in (2, 3):
                ws.cell(row=r, column=j).number_format = "@"
    ws.cell(row=1, column=1).font = bold
    for r in (2, 3):
        for j in range(1, len(headers) + 1):
            ws.cell(row=r, column=j).font = grey
    ws.freeze_panes = "C2"


def _drop_downs(ws, ch, columns: tuple[Column, ...]) -> None:
    """A list of each column with choices on the hidden sheet `ch`, offered in the column's cells."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    col = 0
    for j, c in enumerate(columns, start=2):
        labels = _choice_labels(c) if c.kind in DROP_DOWN_KINDS else []
        if not labels:
            continue
        col += 1
        letter = get_column_letter(col)
        ch.cell(row=1, column=col, value=c.zh).font = Font(bold=True)
        for i, lab in enumerate(labels, start=2):
            ch.cell(row=i, column=col, value=lab)
        # as Excel itself writes it: no leading "=", the sheet name quoted
        dv = DataValidation(
            type="list",
            formula1=f"'{CHOICES_SHEET}'!${letter}$2:${letter}${len(labels) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            # the import reads the aliases people write (计算机 for 计算机应用能力, 盐城 for 江苏盐城):
            # Excel only says so, it does not refuse them
            errorStyle="information",
        )
        dv.error = f"可从下拉列表中选择：{'、'.join(labels)}；常见的其他写法（如 {_alias_example(c)}）导入时也能识别"
        dv.errorTitle = c.zh
        dv.prompt = c.note or "、".join(labels)
        dv.promptTitle = c.zh
        dv.showInputMessage = True
        ws.add_data_validation(dv)
        target = get_column_letter(j)
        dv.add(f"{target}2:{target}{ROWS + 1}")
    ch.sheet_state = "hidden"


def _instructions(hp, scope: Scope) -> None:
    """How to fill the roster in (Chinese, then English), then one line per column."""
    from openpyxl.styles import Alignment, Font

    for letter, width in zip("ABCDE", (22, 34, 14, 46, 60), strict=True):
        hp.column_dimensions[letter].width = width
    hp.append(["titlecli 批量申报花名册 · 填写说明 / roster instructions"])
    hp["A1"].font = Font(bold=True, size=14)
    hp.append([])
    if scope.place is not None:
        n, everything = len(scope.columns), len(COLUMNS)
        zh, en = scope.whom()
        hp.append(
            [
                f"本模板只列出 {zh} 的申报条件用到的 {n} 列；全部 {everything} 列的模板用 titlecli batch --template 生成，"
                "其中任何一列加到本表中也都能导入。"
            ]
        )
        hp.append(
            [
                f"This template has only the {n} columns the rules of {en} read; titlecli batch --template without "
                f"--region writes all {everything}, and any of them added here is read too."
            ]
        )
        hp.append([])
    for line in SCHEME_ZH:
        hp.append([line])
    hp.append([])
    for line in SCHEME_EN:
        hp.append([line])
    hp.append([])
    hp.append(["列名 header", "英文键名 key", "类别 part", "填写方式 how", "可选值与说明 values and notes"])
    for cell in hp[hp.max_row]:
        cell.font = Font(bold=True)
    for c in scope.columns:
        hp.append([c.zh, c.key, _part(c), KIND_TEXT[c.kind][0], _values_and_notes(c)])
    for row in hp.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=cell.column > 3, vertical="top")


def _part(c: Column) -> str:
    return "个人（首行）" if c.section is None else "经历（每行一条）：" + SECTION_NAMES[c.section][0]


def _values_and_notes(c: Column) -> str:
    """The instructions' last cell of a column: its choices (yes/no goes without saying), its
    note and the other headers it is read under."""
    listed = c.kind in DROP_DOWN_KINDS and not (c.kind == "bool" and c.choices is YES_NO)
    values = "、".join(_choice_labels(c)) if listed else ""
    return "；".join(x for x in (values, c.note, ("别名：" + "、".join(c.aliases)) if c.aliases else "") if x)


def write_template(path: Path, scope: Scope | None = None) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        from ..errors import Problem, UserError

        raise UserError(Problem(str(path), "--template", t("模板文件名应以 .xlsx 结尾", "the template file name must end in .xlsx")))
    write_bytes(path, template_bytes(scope))
    return path
