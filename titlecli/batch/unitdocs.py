"""The unit's own documents for a roster (`batch --unit-docs`, or whenever a region's materials
list them, as Changzhi's 第一类 does: 《推荐报告》、《公示情况一览表》, 长工信〔2022〕139号 五.4):

- the 《公示情况一览表》 as .xlsx and .pdf: one row per applicant with what units publicise, and
  the 公示 period: from a start date, at least the region's number of working days (the
  region's `publicity:`), counted on the Chinese working calendar (chinesecalendar: public
  holidays skipped, adjusted working weekends counted);
- a 《推荐报告》 draft per applicant as an editable .docx: the facts from the profile and the
  verdict, the unit's judgement left as marked blanks for the unit to write and sign.

All of it is bytes that depend only on the inputs and --as-of (written by summary.write_outputs).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from ..i18n import lang, t
from ..pdfstreams import plain_streams
from ..terms import (
    ACHIEVEMENT_ROLES,
    DEGREE_NAMES,
    EDU_NAMES,
    GRADE_NAMES,
    LEVEL_NAMES,
    PAPER_ROLES,
    SCOPE_NAMES,
    nm,
    series_name,
)
from .results import Row

UNIT_KINDS = ("publicity_table", "recommendation_report")
# 一览表 columns: (zh, en, width in the PDF as a share of the line, width in Excel)
_COLUMNS = (
    ("序号", "No.", 0.035, 6),
    ("姓名", "Name", 0.06, 10),
    ("单位", "Employer", 0.1, 24),
    ("现职称及取得时间", "Present title and date", 0.1, 22),
    ("申报系列、专业、级别", "Series, specialty, level applied for", 0.11, 26),
    ("学历", "Education", 0.1, 24),
    ("任现职年限", "Years in present title", 0.06, 10),
    ("论文", "Papers", 0.15, 40),
    ("业绩成果", "Achievements", 0.15, 40),
    ("审核结论", "Verdict", 0.135, 20),
)


@dataclass
class Publicity:
    """The 公示 period: the first and last working day, and what the reader should know of it."""

    start: date
    end: date | None  # None when no region of the batch states a number of days
    working_days: int | None
    source: str  # the citation of the number of days, as a person looks it up
    warnings: list[str] = field(default_factory=list)


def _is_workday(d: date) -> bool | None:
    """Whether `d` is a working day on the Chinese calendar; None outside the years it covers."""
    import chinese_calendar  # type: ignore[import-untyped]  # ships no type information

    try:
        return bool(chinese_calendar.is_workday(d))
    except NotImplementedError:
        return None


def working_days_end(start: date, days: int) -> tuple[date, date, list[str]]:
    """(first, last working day, warnings) of a period of `days` working days from `start` (the
    start counts when it is a working day).  Outside the years chinesecalendar covers, weekends
    only, and a warning says so."""
    warned: list[str] = []
    first: date | None = None
    d, n = start, 0
    while True:
        work = _is_workday(d)
        if work is None:
            work = d.weekday() < 5
            if not warned:
                warned.append(
                    t(
                        f"{d.year} 年的法定节假日安排不在日历数据中：公示期只按周末推算，请对照当年国务院办公厅的放假通知核对",
                        f"the public holidays of {d.year} are not in the calendar data: the publicity period skips "
                        "weekends only; check it against that year's holiday notice of the State Council",
                    )
                )
        if work:
            first = first or d
            n += 1
            if n >= days:
                return first, d, warned
        d += timedelta(days=1)


def stated_of(regions: list[Any]) -> list[tuple[int, str]]:
    """Each region's minimum 公示 period as it states it: (working days, citation)."""
    return sorted({(r.publicity.working_days, str(r.publicity.source)) for r in regions if getattr(r, "publicity", None)})


def publicity(rows: list[Row], regions: list[Any], start: date) -> Publicity:
    """The period for the batch: the longest of its regions' minimums."""
    return publicity_of(stated_of(regions), start)


def publicity_of(stated: list[tuple[int, str]], start: date) -> Publicity:
    if not stated:
        return Publicity(start, None, None, "")
    days, source = max(stated, key=lambda x: x[0])
    first, end, warned = working_days_end(start, days)
    return Publicity(first, end, days, source, warned)


def wanted(regions: list[Any]) -> bool:
    """Whether a region of the batch lists the unit's documents among its materials."""
    return any(m.kind in UNIT_KINDS for r in regions for m in getattr(r, "materials", []) or [])


def asks_for(region: Any, kind: str) -> bool:
    """Whether the region lists this unit document among the materials of a dossier."""
    return any(m.kind == kind for m in getattr(region, "materials", []) or [])


# --------------------------------------------------------------------------- the facts


def _d(x: date | None) -> str:
    return x.isoformat() if x else ""


def _span(since: date, until: date) -> str:
    months = (until.year - since.year) * 12 + until.month - since.month - (until.day < since.day)
    if months < 0:
        return ""
    y, m = divmod(months, 12)
    return t(f"{y} 年 {m} 个月" if m else f"{y} 年", f"{y} yr {m} mo" if m else f"{y} yr")


def present_title(prof) -> Any:
    titles = sorted(prof.titles, key=lambda x: x.obtained) if prof else []
    return titles[-1] if titles else None


def _title_text(x) -> str:
    return x.name or nm(LEVEL_NAMES, x.level)


def education_text(prof) -> str:
    if not prof or not prof.education:
        return ""
    e = max(prof.education, key=lambda x: x.graduated)
    degree = e.degree if e.degree and e.degree != "none" else None
    # in English a level and a degree of one name would read "bachelor's bachelor's degree": the
    # degree says both; in Chinese 本科 学士 are two words, as the forms put them
    level = "" if lang() == "en" and degree == e.level else nm(EDU_NAMES, e.level)
    parts = [e.school or "", e.major or "", level, nm(DEGREE_NAMES, degree) if degree else ""]
    return t(" ", ", ").join(p for p in parts if p) + t(f"（{_d(e.graduated)} 毕业）", f" (graduated {_d(e.graduated)})")


def papers_text(prof) -> list[str]:
    return [
        "《" + p.title + "》" + (f"，{p.journal}" if p.journal else "") + f"，{_d(p.published)}，{nm(PAPER_ROLES, p.role)}"
        if lang() == "zh"
        else f'"{p.title}"' + (f", {p.journal}" if p.journal else "") + f", {_d(p.published)}, {nm(PAPER_ROLES, p.role)}"
        for p in (prof.papers if prof else [])
    ]


def achievements_text(prof) -> list[str]:
    sep = "，" if lang() == "zh" else ", "
    return [
        sep.join((a.title, str(a.year), nm(SCOPE_NAMES, a.level), nm(ACHIEVEMENT_ROLES, a.role)))
        for a in (prof.achievements if prof else [])
    ]


def awards_text(prof) -> list[str]:
    sep = "，" if lang() == "zh" else ", "
    return [sep.join((a.name, str(a.year), nm(SCOPE_NAMES, a.level))) for a in (prof.awards if prof else [])]


def applied_text(prof, region, row: Row) -> str:
    app = prof.application if prof else None
    level = row.target_level or (app.level if app else None)
    parts = [series_name(app.series, region) if app else "", (app.specialty or "") if app else "", nm(LEVEL_NAMES, level) if level else ""]
    return ("、" if lang() == "zh" else ", ").join(p for p in parts if p)


def table_rows(rows: list[Row], profiles: list[Any], regions: list[Any], as_of: date) -> list[list[str]]:
    from .summary import target_verdict

    nl = "；" if lang() == "zh" else "; "
    out = []
    for r, prof, region in zip(rows, profiles, regions, strict=True):
        cur = present_title(prof)
        out.append(
            [
                r.name,
                r.employer or "",
                (f"{_title_text(cur)}（{_d(cur.obtained)}）" if lang() == "zh" else f"{_title_text(cur)} ({_d(cur.obtained)})")
                if cur
                else "",
                applied_text(prof, region, r),
                education_text(prof),
                _span(cur.obtained, as_of) if cur else "",
                nl.join(papers_text(prof)),
                nl.join(achievements_text(prof)),
                target_verdict(r),
            ]
        )
    return out


def period_text(p: Publicity) -> str:
    if p.end is None:
        return t(
            f"公示期：自 {_d(p.start)} 起（地区文件未写明公示天数，请按主管部门要求填写）",
            f"Publicity period: from {_d(p.start)} (the region's documents state no number of days; follow the authority's instructions)",
        )
    return t(
        f"公示期：{_d(p.start)} 至 {_d(p.end)}（{p.working_days} 个工作日，依据 {p.source}）",
        f"Publicity period: {_d(p.start)} to {_d(p.end)} ({p.working_days} working days, per {p.source})",
    )


# --------------------------------------------------------------------------- the 一览表


def table_name(ext: str) -> str:
    return t("公示情况一览表", "publicity-table") + ext


def table_xlsx(data: list[list[str]], p: Publicity, as_of: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    from ..workbook import workbook_bytes
    from .summary import cell

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = t("公示情况一览表", "publicity table")
    ws.append([t("公示情况一览表", "Publicity table")])
    ws.append([period_text(p)])
    for w in p.warnings:
        ws.append([cell(w)])
    head_row = ws.max_row + 1
    ws.append([t(zh, en) for zh, en, _, _ in _COLUMNS])
    for line in data:
        ws.append([cell(v) for v in line])
    ws["A1"].font = Font(bold=True, size=14)
    for c in ws[head_row]:
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i in range(head_row + 1, ws.max_row + 1):
        for c in ws[i]:
            c.alignment = Alignment(vertical="top", wrap_text=True)
    for j, (_, _, _, width) in enumerate(_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = f"C{head_row + 1}"
    return workbook_bytes(wb, datetime(as_of.year, as_of.month, as_of.day))


# On every page of a unit document bound into a dossier in place of the signed one
DRAFT_MARK = ("草稿：须经单位签章后替换", "Draft: replace with the signed and sealed copy")


def _canvas(buf: io.BytesIO, size: tuple[float, float], font: str):
    """A reportlab canvas whose bytes depend only on what is drawn: invariant mode (its callers
    draw inside `plain_streams`: leaving reportlab's ASCII85 switch to whoever ran first gave a
    worker's draft other bytes than -j 1's)."""
    from reportlab.pdfgen.canvas import Canvas

    # types-reportlab declares initialFontName as a number; reportlab takes the font's name
    return Canvas(buf, pagesize=size, initialFontName=font, invariant=1, pageCompression=1, pdfVersion=(1, 4))  # type: ignore[arg-type]


def _draft_mark(c, name: str, W: float, H: float) -> None:
    from ..dossier.layout import MM

    c.saveState()
    c.setFillColorRGB(0.75, 0, 0)
    c.setFont(name, 10)
    c.drawCentredString(W / 2, H - 8 * MM, t(f"【{DRAFT_MARK[0]}】", f"[{DRAFT_MARK[1]}]"))
    c.restoreState()


@plain_streams()
def table_pdf(data: list[list[str]], p: Publicity, font: str | None = None, draft: bool = False) -> bytes:
    """A4 landscape, the bundled CJK font embedded, rows broken by the dossier's line breaker;
    the same inputs give the same bytes (reportlab's invariant mode).  `draft`: each page marked
    as the unsigned draft (the copy bound into a dossier until the signed one is filed)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ..dossier.layout import MM, register_font
    from ..linebreak import wrap

    name, _ = register_font(font)
    # the copy bound into a dossier is portrait, as the dossier's pages are (a landscape page would
    # be shrunk to fit the page's width), with the dossier's page numbers instead of its own
    W, H = A4 if draft else landscape(A4)
    margin = 12 * MM
    line_w = W - 2 * margin
    size, lead, pad = 8.0, 10.5, 2.0
    widths = [share * line_w for _, _, share, _ in _COLUMNS]
    scale = line_w / sum(widths)
    widths = [w * scale for w in widths]
    cw: dict[str, float] = {}

    def char_width(ch: str) -> float:
        if ch not in cw:
            cw[ch] = stringWidth(ch, name, size)
        return cw[ch]

    buf = io.BytesIO()
    c = _canvas(buf, (W, H), name)
    c.setTitle(t("公示情况一览表", "Publicity table"))
    c.setCreator("titlecli")
    head = [t(zh, en) for zh, en, _, _ in _COLUMNS]
    page = 0

    def draw_row(y: float, cells: list[str], bold: bool = False) -> float:
        wrapped = [wrap(v, w - 2 * pad, char_width) for v, w in zip(cells, widths, strict=True)]
        h = max(len(x) for x in wrapped) * lead + 2 * pad
        x = margin
        c.setFont(name, size)
        for lines, w in zip(wrapped, widths, strict=True):
            c.rect(x, y - h, w, h, stroke=1, fill=0)
            for k, ln in enumerate(lines):
                c.drawString(x + pad, y - pad - (k + 1) * lead + 2.5, ln)
            x += w
        return y - h

    def new_page() -> float:
        nonlocal page
        if page:
            c.showPage()
        page += 1
        y = H - margin
        if page == 1:
            c.setFont(name, 16)
            c.drawCentredString(W / 2, y - 14, t("公示情况一览表", "Publicity table"))
            y -= 26
            c.setFont(name, 10)
            for ln in [period_text(p), *p.warnings]:
                for part in wrap(ln, line_w, lambda ch: stringWidth(ch, name, 10)):
                    c.drawString(margin, y - 10, part)
                    y -= 14
            y -= 4
        if draft:
            _draft_mark(c, name, W, H)
        else:
            c.setFont(name, 8)
            c.drawRightString(W - margin, margin / 2, t(f"第 {page} 页", f"page {page}"))
        return draw_row(y, head, True)

    y = new_page()
    for line in data:
        need = max(len(wrap(v, w - 2 * pad, char_width)) for v, w in zip(line, widths, strict=True)) * lead + 2 * pad
        if y - need < margin and y < H - margin - 40:
            y = new_page()
        y = draw_row(y, line)
    c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------- the 推荐报告


BLANK = ("【请单位填写：{}】", "[for the unit to fill in: {}]")


def _blank(what_zh: str, what_en: str) -> str:
    return t(BLANK[0].format(what_zh), BLANK[1].format(what_en))


def _xml_safe(text: str) -> str:
    """Control characters (a roster cell may hold any) shown as �: Word's XML cannot hold them."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


# The 推荐报告 is one content model (a list of blocks) with two renderers: the editable .docx the
# unit fills in and signs, and the PDF bound into the dossier until the signed copy is filed.
@dataclass(frozen=True)
class Block:
    """One block of the report: title | addressee | heading | item | blank | sign."""

    kind: str
    text: str


def report_blocks(r: Row, prof, region, as_of: date) -> list[Block]:
    """The 推荐报告's content: the facts from the profile and the verdict, the unit's judgement
    left as marked blanks."""
    out = [
        Block(
            "title",
            t(
                f"关于推荐 {r.name} 同志申报{applied_text(prof, region, r)}的报告",
                f"Recommendation of {r.name} for {applied_text(prof, region, r)}",
            ),
        ),
        Block("addressee", _blank("报送单位（职称办或评委会办事机构）名称", "the office the report goes to")),
    ]

    def facts(title: str, lines: list[str]) -> None:
        out.append(Block("heading", title))
        out.extend(Block("item", ln) for ln in lines or [t("无", "none")])

    cur = present_title(prof)
    sep = "：" if lang() == "zh" else ": "
    basics = [
        t("姓名", "Name") + sep + r.name,
        t("单位", "Employer") + sep + (r.employer or ""),
        t("申报", "Applying for") + sep + applied_text(prof, region, r),
        t("学历", "Education") + sep + education_text(prof),
    ]
    if cur:
        basics.append(
            t("现职称", "Present title")
            + sep
            + t(f"{_title_text(cur)}（{_d(cur.obtained)}）", f"{_title_text(cur)} ({_d(cur.obtained)})")
            + t("，任现职 ", ", ")
            + _span(cur.obtained, as_of)
        )
    facts(t("一、基本情况", "1. The applicant"), basics)
    titles = sorted(prof.titles, key=lambda x: x.obtained) if prof else []
    facts(t("二、职称经历", "2. Titles held"), [f"{_d(x.obtained)} {_title_text(x)}" for x in titles])
    work = sorted(prof.work, key=lambda x: x.start) if prof else []
    facts(
        t("三、工作经历", "3. Work"),
        [f"{_d(w.start)} – {_d(w.end) or t('至今', 'now')} " + " ".join(x for x in (w.employer or "", w.post or "") if x) for w in work],
    )
    grades = sorted((prof.assessments or {}).items()) if prof else []
    facts(t("四、年度考核", "4. Annual assessments"), [f"{y}{t(' 年', '')}{sep}{nm(GRADE_NAMES, g)}" for y, g in grades])
    facts(t("五、论文著作", "5. Papers"), papers_text(prof))
    facts(t("六、业绩成果", "6. Achievements"), achievements_text(prof))
    facts(t("七、获奖情况", "7. Awards"), awards_text(prof))
    facts(t("八、资格条件核对结论", "8. Eligibility against the conditions"), [x for x in (target_verdict_text(r),) if x])
    out.append(Block("heading", t("九、单位推荐意见", "9. The unit's recommendation")))
    for zh, en in (
        ("思想政治表现和职业道德", "political conduct and professional ethics"),
        ("专业技术能力和工作业绩评价", "professional ability and work record"),
        ("公示情况（公示期、有无异议）", "the publicity (period, objections)"),
        ("推荐意见", "the recommendation"),
    ):
        out.append(Block("blank", _blank(zh, en)))
    out.append(Block("sign", t("单位（盖章）：", "Unit (seal): ") + "　" * 10 + t("负责人（签字）：", "Head (signature): ")))
    out.append(Block("sign", t("日期：　　年　　月　　日", "Date:")))
    return [Block(b.kind, _xml_safe(b.text)) for b in out]


# The fonts Chinese offices set official documents in (GB/T 9704: body 仿宋_GB2312, headings
# 黑体); Word shows the East Asian text in them where they are installed, in its fallback elsewhere.
BODY_FONT_ZH = "仿宋_GB2312"
HEADING_FONT_ZH = "黑体"
TITLE_FONT_ZH = "宋体"


def _east_asian(style, font: str) -> None:
    """w:rFonts w:eastAsia=font on a style (the theme's East Asian font removed, which would win)."""
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    fonts.set(qn("w:eastAsia"), font)


def _office_styles(doc) -> None:
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(".//" + qn("w:rFonts")) if defaults is not None else None
    if fonts is not None:  # the template's default East Asian font is a theme's (MS Mincho-like)
        fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
        fonts.set(qn("w:eastAsia"), BODY_FONT_ZH)
    styles = doc.styles
    _east_asian(styles["Normal"], BODY_FONT_ZH)
    for name, font in (("Heading 1", TITLE_FONT_ZH), ("Heading 2", HEADING_FONT_ZH), ("List Bullet", BODY_FONT_ZH)):
        _east_asian(styles[name], font)
        color = styles[name].element.get_or_add_rPr().find(qn("w:color"))
        if color is not None:  # black, as offices print; not the template's blue (a theme colour, which would win)
            for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                color.attrib.pop(qn(attr), None)
            color.set(qn("w:val"), "000000")


def report_docx(blocks: list[Block], as_of: date) -> bytes:
    from docx import Document

    doc = Document()
    _office_styles(doc)
    doc.core_properties.author = "titlecli"
    stamp = datetime(as_of.year, as_of.month, as_of.day)
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.core_properties.title = t("推荐报告", "Recommendation report")
    for b in blocks:
        if b.kind == "title":
            doc.add_heading(b.text, level=1)
        elif b.kind == "heading":
            doc.add_heading(b.text, level=2)
        elif b.kind == "item":
            doc.add_paragraph(b.text, style="List Bullet")
        else:
            doc.add_paragraph(b.text)
    from ..workbook import fixed_zip

    raw = io.BytesIO()
    doc.save(raw)
    return fixed_zip(raw.getvalue(), stamp)


@plain_streams()
def report_pdf(blocks: list[Block], font: str | None = None) -> bytes:
    """The 推荐报告 as the dossier binds it until the signed copy is filed: the same blocks as the
    .docx, A4, the bundled font embedded, every page marked as the unsigned draft; the same
    blocks give the same bytes (reportlab's invariant mode)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ..dossier.layout import MM, register_font
    from ..linebreak import wrap

    name, _ = register_font(font)
    W, H = A4
    left, right, top, bottom = 25 * MM, 22 * MM, 28 * MM, 22 * MM
    style = {  # kind: (size, indent, space before, centred)
        "title": (16.0, 0.0, 0.0, True),
        "addressee": (11.0, 0.0, 10.0, False),
        "heading": (12.5, 0.0, 9.0, False),
        "item": (11.0, 5 * MM, 2.0, False),
        "blank": (11.0, 0.0, 6.0, False),
        "sign": (11.0, 0.0, 16.0, False),
    }
    buf = io.BytesIO()
    c = _canvas(buf, A4, name)
    c.setTitle(t("推荐报告（草稿）", "Recommendation report (draft)"))
    c.setCreator("titlecli")
    y = H - top

    _draft_mark(c, name, W, H)  # and on every page; the dossier numbers the pages
    for b in blocks:
        size, indent, before, centred = style.get(b.kind, style["blank"])
        lead = size * 1.6
        bullet = "· " if b.kind == "item" else ""
        avail = W - left - right - indent - (stringWidth(bullet, name, size) if bullet else 0)
        lines = wrap(b.text, avail, partial(stringWidth, fontName=name, fontSize=size))
        y -= before
        for k, line in enumerate(lines):
            if y - lead < bottom:
                c.showPage()
                _draft_mark(c, name, W, H)
                y = H - top
            y -= lead
            c.setFont(name, size)
            if centred:
                c.drawCentredString(W / 2, y, line)
            else:
                x = left + indent
                if bullet and k == 0:
                    c.drawString(x, y, bullet)
                c.drawString(x + (stringWidth(bullet, name, size) if bullet else 0), y, line)
    c.save()
    return buf.getvalue()


def target_verdict_text(r: Row) -> str:
    from .summary import main_reason, target_verdict

    verdict, reason = target_verdict(r), main_reason(r)
    return verdict + (("：" if lang() == "zh" else ": ") + reason if reason else "")


# --------------------------------------------------------------------------- all of them


UNIT_COLUMN = 1  # of a row without its 序号: name, unit, …


@dataclass
class Table:
    """The 一览表 of a run: a row per applicant in roster order (its 序号 is its place) and what
    each region of the roster states of the 公示 period.  A shard keeps its part; `batch --merge`
    joins the parts into the table of the whole roster, the same bytes as one run."""

    rows: list[list[str]]
    stated: list[tuple[int, str]]
    start: date
    as_of: date

    def numbered(self) -> list[list[str]]:
        return [[str(n), *row] for n, row in enumerate(self.rows, start=1)]

    def files(self) -> tuple[list[tuple[str, bytes]], list[str]]:
        """(name in OUTDIR, bytes) of the 一览表 as .xlsx and .pdf, and the warnings (a period
        outside the calendar's years)."""
        p = publicity_of(self.stated, self.start)
        data = self.numbered()
        return [(table_name(".xlsx"), table_xlsx(data, p, self.as_of)), (table_name(".pdf"), table_pdf(data, p))], p.warnings

    def by_unit(self) -> dict[str, Table]:
        """Each unit's table (its own applicants, in roster order): the one its applicants' dossiers bind."""
        out: dict[str, list[list[str]]] = {}
        for row in self.rows:
            out.setdefault(row[UNIT_COLUMN], []).append(row)
        return {unit: Table(rows, self.stated, self.start, self.as_of) for unit, rows in out.items()}

    def units(self, every: list[int]) -> dict[int, str]:
        """applicant index -> its unit, for the rows of `every` (the applicants of the rows)."""
        return {i: row[UNIT_COLUMN] for i, row in zip(every, self.rows, strict=True)}

    def bound_pdf(self) -> bytes:
        """The 一览表 as a dossier binds it until the signed copy is filed: every page marked."""
        return table_pdf(self.numbered(), publicity_of(self.stated, self.start), draft=True)

    def to_json(self) -> dict:
        return {
            "rows": self.rows,
            "stated": [list(x) for x in self.stated],
            "start": self.start.isoformat(),
            "as_of": self.as_of.isoformat(),
        }

    @classmethod
    def from_json(cls, d: Any) -> Table:
        """A shard's part (from a shard record written by this version: KeyError/TypeError/ValueError otherwise)."""
        rows = [[str(v) for v in row] for row in d["rows"]]
        stated = [(int(n), str(src)) for n, src in d["stated"]]
        return cls(rows, stated, date.fromisoformat(d["start"]), date.fromisoformat(d["as_of"]))


def table_of(rows: list[Row], profiles: list[Any], regions: list[Any], every_region: list[Any], as_of: date, start: date | None) -> Table:
    """The 一览表 of these applicants; the 公示 period from the regions of the whole roster."""
    return Table(table_rows(rows, profiles, regions, as_of), stated_of(every_region), start or as_of, as_of)


SHARD_NOTE = (
    "分片运行不单独写出《公示情况一览表》（卷宗中已装订全体申报人的草稿），由 batch --merge 合并各分片时写出",
    "a shard does not write the publicity table itself (its dossiers bind the draft listing every applicant): "
    "batch --merge of the shards writes it",
)
