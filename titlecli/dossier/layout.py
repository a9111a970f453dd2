"""Drawing the plan with reportlab: generated pages in full, and on every page the footer and
the page number.  Scans are drawn here too (JPEG bytes embedded as they are); pages of PDF
attachments are left empty above the footer band and filled in by assemble.py."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, UserError
from ..i18n import t
from ..linebreak import clusters, wrap
from ..pdfstreams import plain_streams
from .plan import Entry, Page, Plan, photo_spec_en
from .template import text

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from reportlab.pdfbase.ttfonts import TTFont

MM = 72 / 25.4
_FONTS: dict[str, tuple[str, TTFont]] = {}
BUNDLED_FONT = Path(__file__).resolve().parent.parent / "fonts" / "wqy-microhei.ttc"


def font_path(font: str | Path | None) -> Path:
    if font:
        return Path(font)
    env = os.environ.get("TITLECLI_FONT")
    return Path(env) if env else BUNDLED_FONT


def entry_mark(e) -> str:
    """What the contents and the category's page say after an entry's name."""
    if e.draft:
        return t("（草稿，待换签章件）", " (draft: replace with the signed copy)")
    if not e.placeholder:
        return ""
    return t("（缺）", " (missing)") if e.placeholder == "missing" else t("（无法装入）", " (not included)")


def register_font(font: str | Path | None) -> tuple[str, TTFont]:
    """Register a TrueType font (first face of a .ttc) once per process; (name, TTFont)."""
    path = font_path(font)
    key = str(path)
    if key in _FONTS:
        return _FONTS[key]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from . import fontcache

    if not path.is_file():
        raise UserError(Problem(str(path), "--font", t("找不到字体文件", "font file not found")))
    name = "TC" + hashlib.sha1(key.encode()).hexdigest()[:8]
    try:
        ttf = fontcache.load(name, path)  # parsed once ever, then read back from the cache
    except (TTFError, Exception) as e:
        raise UserError(
            Problem(
                str(path),
                "--font",
                t(
                    f"不能使用此字体（需要 TrueType 轮廓的 .ttf/.ttc）：{e}",
                    f"cannot use this font (TrueType outlines, .ttf/.ttc, are needed): {e}",
                ),
            )
        ) from None
    pdfmetrics.registerFont(ttf)
    _FONTS[key] = (name, ttf)
    return _FONTS[key]


# 16-bit and 32-bit grey images: converting them to 8 bits directly clips every value above
# 255 to white, so a 16-bit scan printed as an empty page.  Scale them down instead.
DEEP_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")


def _eight_bit(im):
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N"):
        return im.convert("I").point(lambda v: v / 256).convert("L")
    if im.mode in ("I", "F"):
        lo, hi = im.getextrema()
        if hi > 255:
            return im.point(lambda v: v * (255 / hi)).convert("L")
        return im.convert("L")
    return im


class Flow:
    """Blocks set top to bottom over as many pages as they need, so drawing and counting pages
    share one code path.  Without a canvas `c` the pages are only counted; with one, all of them
    are drawn in one pass, `turn()` finishing a page and starting the next (False when the pages
    planned for the blocks are used up: nothing more is drawn then)."""

    def __init__(self, c, top: float, bottom: float, turn: Callable[[], bool] | None = None):
        self.c, self.top, self.bottom, self.turn = c, top, bottom, turn
        self.page, self.y = 0, top

    @property
    def drawing(self) -> bool:
        return self.c is not None

    def need(self, height: float) -> bool:
        """Go on to the next page unless `height` fits below; True when it did."""
        if self.y - height >= self.bottom:
            return False
        self.page += 1
        self.y = self.top
        if self.c is not None and not (self.turn is not None and self.turn()):
            self.c = None
        return True


class Layout:
    def __init__(self, plan: Plan, font: str | Path | None):
        self.plan = plan
        self.tpl = plan.template
        self.font, self.ttf = register_font(font)
        pw, ph = self.tpl["page"]["size"]
        self.W, self.H = pw * MM, ph * MM
        m = self.tpl["page"]["margin"]
        self.left, self.right, self.top, self.bottom = m["left"] * MM, m["right"] * MM, m["top"] * MM, m["bottom"] * MM
        self._margins = (self.left, self.right)
        self.band = float(self.tpl["page"].get("footer_band", 12)) * MM
        self.used: set[str] = set()
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self._sw = stringWidth
        self._cw: dict[str, float] = {}
        self._wrapped: dict[tuple[str, float, float], list[str]] = {}  # the checklist is measured repeatedly
        self._widest_cache: dict[str, float] = {}
        self.jpegs: dict[int, tuple] = {}  # page index -> (Source, placement matrix)
        self._tiffs: dict[Path, PILImage] = {}  # path -> the open PIL image, while rendering

    # -- text helpers -------------------------------------------------------------------
    def width(self, s: str, size: float) -> float:
        return self._sw(s, self.font, size)

    def _char_w(self, ch: str) -> float:
        w = self._cw.get(ch)
        if w is None:
            w = self._cw[ch] = self._sw(ch, self.font, 1000)
        return w

    def wrap(self, s: str, size: float, width: float) -> list[str]:
        """Break text to fit `width` by the rules of Chinese typesetting (linebreak.py)."""
        key = (s, size, width)
        lines = self._wrapped.get(key)
        if lines is None:
            lines = self._wrapped[key] = wrap(str(s), width * 1000 / size, self._char_w)
        return list(lines)

    def ellipsize(self, s: str, size: float, limit: float) -> str:
        """The longest start of `s` that, with "…", fits in `limit` (all of `s` if it fits; nothing
        when not even "…" does, as on a page narrower than its margins).  Binary search: a
        thousand-character name costs a dozen measurements, not a thousand."""
        if self.width(s, size) <= limit:
            return s
        if self.width("…", size) > limit:
            return ""
        lo, hi = 0, len(s)  # s[:lo] + "…" fits; s[:hi] + "…" does not (or hi == len(s))
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.width(s[:mid] + "…", size) <= limit:
                lo = mid
            else:
                hi = mid
        return s[:lo] + "…"

    def put(self, c, x: float, y: float, s: str, size: float, align: str = "left", color=(0, 0, 0)) -> None:
        if c is None:
            return
        self.used.update(s)
        c.setFillColorRGB(*color)
        c.setFont(self.font, size)
        if align == "right":
            c.drawRightString(x, y, s)
        elif align == "center":
            c.drawCentredString(x, y, s)
        else:
            c.drawString(x, y, s)

    # -- checklist and contents, measured and drawn by the same code ----------------------
    def checklist(self, c=None, turn: Callable[[], bool] | None = None) -> int:
        """Lay out the checklist; draw all its pages on canvas c (if given, see Flow); return the
        page count.  The bound materials' table, then the forms handed in separately in a table
        of their own."""
        tpl = self.tpl["checklist"]
        size = float(tpl["size"])
        flow = Flow(c, self.H - self.top, self.bottom + self.band * 0.3, turn)
        if flow.drawing:
            self.put(c, self.W / 2, flow.y - 8 * MM, text(tpl["title"]), 18, "center")
        flow.y -= 14 * MM
        self._problems(flow, size)
        flow.y -= 3 * MM
        bound = [r for r in self.plan.rows if r.bound]
        self._table(flow, tpl["columns"], [self._bound_values(r) for r in bound], size, [r.required and not r.present for r in bound])
        separate = [r for r in self.plan.rows if not r.bound]
        if separate:
            # 长工信〔2022〕139号 五.2 "单独进行胶装，不得装订入册": a section of their own, never a page
            flow.y -= 6 * MM
            heading = self.wrap(text(tpl["separate_title"]), size + 2, self.W - self.left - self.right)
            flow.need(len(heading) * (size + 2) * 1.4 + 16 * MM)  # the heading stays with its table
            for line in heading:
                if flow.drawing:
                    self.put(c, self.left, flow.y - (size + 2), line, size + 2)
                flow.y -= (size + 2) * 1.4
            flow.y -= 2 * MM
            values = [
                {"name": r.name, "copies": t(f"一式{r.copies}份", f"{r.copies}"), "note": r.note, "fill": "\n".join(r.fill)}
                for r in separate
            ]
            self._table(flow, tpl["separate_columns"], values, size, [False] * len(separate))
        return flow.page + 1

    def _bound_values(self, r) -> dict[str, str]:
        # words and a symbol a black-and-white printer keeps; red is only an extra
        status = (
            t("△ 草稿", "△ draft")
            if r.draft
            else t("✔ 已附", "✔ present")
            if r.present
            else (t("✘ 缺", "✘ missing") if r.required else t("未附", "absent"))
        )
        optional = not r.required and not r.id.startswith("documents[")  # the applicant's own extra documents are no "if any"
        return {
            "name": r.name + (t("（如有）", " (if any)") if optional else ""),
            "category": r.category,
            "copies": t(f"一式{r.copies}份", f"{r.copies}") if r.copies else "",
            "original": t("是", "yes") if r.original else t("否", "no"),
            "status": status,
            "pages": r.pages or "—",
            "note": (
                t("本工具生成的草稿，待换成单位签章件", "a draft by titlecli: replace with the signed copy") + ("；" if r.note else "")
            )
            * r.draft
            + r.note,
        }

    def _problems(self, flow: Flow, size: float) -> None:
        """What is missing and what check found, above the table."""
        plan, lead = self.plan, size * 1.35
        lines: list[tuple[str, tuple]] = []
        if plan.missing or plan.problems or plan.broken:
            lines.append((text(self.tpl["checklist"]["problems_title"]), (0.7, 0, 0)))
            lines += [("• " + t(f"缺少：{m}", f"missing: {m}"), (0.7, 0, 0)) for m in plan.missing]
            lines += [("• " + t(f"无法装入：{b}", f"could not include: {b}"), (0.7, 0, 0)) for b in plan.broken]
            lines += [("• " + p, (0.3, 0.3, 0.3)) for p in plan.problems]
        if plan.drafts:
            lines.append(
                (
                    t(
                        "本工具生成的草稿（须换成单位签章的正式件后重新生成）",
                        "Drafts made by titlecli (replace with the signed and sealed copies, then build again)",
                    ),
                    (0.6, 0.3, 0),
                )
            )
            lines += [
                (
                    "• "
                    + t(
                        f"草稿：{d}——未经单位签章，不能作为正式材料",
                        f"draft: {d}, not signed or sealed by the unit, not valid as submitted",
                    ),
                    (0.6, 0.3, 0),
                )
                for d in plan.drafts
            ]
        for s, color in lines:
            for i, line in enumerate(self.wrap(s, size + 0.5, self.W - self.left - self.right - 4 * MM)):
                flow.need(lead)
                if flow.drawing:  # continuation lines of an item are indented under its bullet
                    self.put(flow.c, self.left + (3 * MM if i else 0), flow.y - lead, line, size + 0.5, color=color)
                flow.y -= lead

    def column_widths(self, cols: list[dict], rows: list[dict[str, str]], size: float) -> list[float]:
        """The template's widths, widened where a column holds a word (一式25份, Recommendation)
        that would otherwise be broken; the room comes from the columns with the most to spare."""
        widths = [float(col["width"]) * MM for col in cols]
        pad = 2 * MM
        need = []
        for col in cols:
            cells = [text(col["label"])] + [r.get(col["key"], "") for r in rows]
            need.append(max((self._widest(cell) for cell in cells), default=0.0) * size / 1000 + pad + 0.5)
        for i, _ in enumerate(widths):
            while widths[i] < need[i]:
                spare = [(widths[j] - need[j], j) for j in range(len(widths)) if j != i and widths[j] > need[j]]
                if not spare:
                    break
                room, j = max(spare)
                give = min(room, need[i] - widths[i])
                widths[i] += give
                widths[j] -= give
        return widths

    def _widest(self, s: str) -> float:
        """Width (per 1000 of the size) of the widest piece of `s` a line may not break."""
        w = self._widest_cache.get(s)
        if w is None:
            pieces = clusters(s.replace("\n", " "))
            w = self._widest_cache[s] = max((sum(self._char_w(ch) for ch in p) for p in pieces), default=0.0)
        return w

    def _table(self, flow: Flow, cols: list[dict], rows: list[dict[str, str]], size: float, marked: list[bool]) -> None:
        """A table with its header repeated on every page it runs onto; `marked` rows in red."""
        lead = size * 1.35
        widths = self.column_widths(cols, rows, size)

        def cells_of(values: dict[str, str]) -> tuple[list[list[str]], float]:
            cells = [self.wrap(values.get(col["key"], ""), size, w - 2 * MM) for col, w in zip(cols, widths, strict=False)]
            return cells, max(len(x) for x in cells) * lead + 2 * MM

        head, head_h = cells_of({col["key"]: text(col["label"]) for col in cols})

        def header() -> None:
            if flow.drawing:
                flow.c.setFillColorRGB(0.9, 0.9, 0.9)
                flow.c.rect(self.left, flow.y - head_h, sum(widths), head_h, stroke=0, fill=1)
                self._cells(flow.c, self.left, flow.y, head, widths, size, lead, head_h)
            flow.y -= head_h

        body = [cells_of(v) for v in rows]
        flow.need(head_h + (body[0][1] if body else 0))
        header()
        for (cells, h), red in zip(body, marked, strict=False):
            if flow.need(h):
                header()
            if flow.drawing:
                self._cells(flow.c, self.left, flow.y, cells, widths, size, lead, h, (0.75, 0, 0) if red else (0, 0, 0))
            flow.y -= h

    def _cells(self, c, x0, y, cells, widths, size, lead, h, color=(0, 0, 0)) -> None:
        c.setStrokeColorRGB(0.5, 0.5, 0.5)
        c.setLineWidth(0.4)
        x = x0
        for lines, w in zip(cells, widths, strict=False):
            c.rect(x, y - h, w, h, stroke=1, fill=0)
            for i, line in enumerate(lines):
                self.put(c, x + 1 * MM, y - 1 * MM - (i + 1) * lead + lead * 0.25, line, size, color=color)
            x += w

    def contents(self, c=None, turn: Callable[[], bool] | None = None) -> int:
        """Lay out the contents; draw them as Layout.checklist draws the checklist."""
        tpl = self.tpl["contents"]
        size = float(tpl["size"])
        lead = size * 1.7
        top = self.H - self.top
        bottom = self.bottom + self.band * 0.3
        page, y = 0, top
        drawing = c is not None
        if drawing:
            self.put(c, self.W / 2, y - 8 * MM, text(tpl["title"]), 18, "center")
        y -= 16 * MM
        items: list[tuple[float, str, str, float]] = []
        for s in self.plan.sections:
            head = text(self.tpl["separator"]["heading"], number=_num(s.number)) + "  " + s.name
            items.append((0, head, f"{s.first}-{s.last}" if s.entries else text(tpl["empty"]), size + 0.5))
            for e in s.entries:
                pages = str(e.first) if e.pages == 1 else f"{e.first}-{e.last}"
                mark = entry_mark(e)
                items.append((8 * MM, e.title + mark, pages, size))
        for indent, label, pages, sz in items:
            avail = self.W - self.right - self.left - indent - self.width(pages, sz) - 12 * MM
            lines = self.wrap(label, sz, avail)
            need = len(lines) * lead
            if y - need < bottom:
                page += 1
                drawing = drawing and turn is not None and turn()  # see Flow
                y = top
            right = self.W - self.right  # this page's: duplex swaps the margins on every page
            if drawing:
                for i, line in enumerate(lines):
                    self.put(c, self.left + indent, y - (i + 1) * lead, line, sz)
                last_w = self.left + indent + self.width(lines[-1], sz) + 2 * MM
                dots_end = right - self.width(pages, sz) - 2 * MM
                if dots_end > last_w:
                    c.setDash(1, 2)
                    c.setStrokeColorRGB(0.5, 0.5, 0.5)
                    c.line(last_w, y - len(lines) * lead + 1, dots_end, y - len(lines) * lead + 1)
                    c.setDash()
                self.put(c, right, y - len(lines) * lead, pages, sz, "right")
            y -= need
        return page + 1

    def measure(self, plan: Plan) -> tuple[int, int]:
        return self.checklist(), self.contents()

    # -- single pages ----------------------------------------------------------------------
    def cover(self, c) -> None:
        plan, tpl = self.plan, self.tpl["cover"]
        p = plan.profile
        size = float(tpl["size"])
        y = self.H - self.top - 30 * MM
        self.put(c, self.W / 2, y, text(tpl["title"]), float(tpl["title_size"]), "center")
        y -= 18 * MM
        from ..regions import region_name
        from ..terms import LEVELS, series_name

        series = series_name(p.application.series, plan.region)
        level = f"{LEVELS.name(plan.level)} · {plan.level_title}" if plan.level else ""
        number = plan.region.notice.document_number
        notice = plan.region.notice.title + (t(f"（{number}）", f" ({number})") if number else "")
        values = {
            "name": p.name,
            "employer": p.employer.name if p.employer else "",
            "phone": p.phone or "",
            "series": series,
            "specialty": p.application.specialty or "",
            "level": level,
            "region": region_name(plan.region),
            "notice": notice,
            "date": plan.as_of.isoformat(),
        }
        # wide enough for the longest label ("Level and title applied for:" in English)
        label_w = max([42 * MM] + [self.width(text(f["label"]) + t("：", ":"), size) + 4 * MM for f in tpl["fields"]])
        label_w = min(label_w, 80 * MM)
        x = self.left + 8 * MM
        value_w = self.W - self.right - 8 * MM - x - label_w
        for f in tpl["fields"]:
            lines = self.wrap(str(values.get(f["key"], "")), size, value_w)
            self.put(c, x, y, text(f["label"]) + t("：", ":"), size)
            for i, line in enumerate(lines):
                self.put(c, x + label_w, y - i * size * 1.4, line, size)
            c.setStrokeColorRGB(0.6, 0.6, 0.6)
            c.setLineWidth(0.3)
            c.line(
                x + label_w,
                y - (len(lines) - 1) * size * 1.4 - 1.5 * MM,
                x + label_w + value_w,
                y - (len(lines) - 1) * size * 1.4 - 1.5 * MM,
            )
            y -= len(lines) * size * 1.4 + 4 * MM
        y -= 6 * MM
        self.put(c, x, y, text(tpl["materials_title"]), size)
        y -= 7 * MM
        self._cover_materials(c, x, y, size - 2.5)

    def _cover_materials(self, c, x: float, y: float, size: float) -> None:
        """资料名称及份数 in two balanced columns: every material handed in (bound or separate)
        with its count, and no status — the cover goes on the envelope (五.4).  A long list is
        set a little smaller (down to 7.5 pt) before any of it is left to the checklist."""
        col_w = (self.W - self.right - 8 * MM - x) / 2
        room = y - self.bottom - self.band
        items = []
        for r in self.plan.rows:
            if r.present or r.required:
                count = t(f"{r.copies}份", f"{r.copies} cop{'y' if r.copies == 1 else 'ies'}")
                items.append(f"{r.name}\u00a0—\u00a0{count}")  # the count stays with the name
        for sz in sorted({size, max(7.5, size - 1), max(7.5, size - 2)}, reverse=True):
            lead, gap = sz * 1.4, sz * 0.45
            blocks = [self.wrap(item, sz, col_w - 6 * MM) for item in items]
            first, shown = split_columns([len(b) * lead + gap for b in blocks], room)
            if shown == len(blocks):
                break
        if shown < len(blocks):  # never drop names silently: say how many more the checklist has
            more = t(f"…… 另有 {len(blocks) - shown} 项，见材料清单", f"… and {len(blocks) - shown} more: see the checklist")
            blocks = blocks[:shown] + [[more]]
        for col, part in enumerate((blocks[:first], blocks[first:])):
            yy = y
            for block in part:
                for line in block:
                    self.put(c, x + col * col_w, yy, line, sz)
                    yy -= lead
                yy -= gap

    def separator(self, c, page: Page) -> None:
        s = page.section
        assert s is not None  # a separator page opens a section
        tpl = self.tpl["separator"]
        y = self.H * 0.62
        self.put(c, self.W / 2, y, text(tpl["heading"], number=_num(s.number)), float(tpl["title_size"]), "center")
        y -= float(tpl["title_size"]) * 1.6
        for line in self.wrap(s.name, float(tpl["title_size"]) - 4, self.W - self.left - self.right):
            self.put(c, self.W / 2, y, line, float(tpl["title_size"]) - 4, "center")
            y -= (float(tpl["title_size"]) - 4) * 1.4
        y -= 10 * MM
        size = float(tpl["size"])
        self.put(c, self.left + 15 * MM, y, text(tpl["documents_title"]) + t("：", ":"), size)
        y -= size * 1.8
        floor = self.bottom + self.band
        for k, e in enumerate(s.entries):
            pages = str(e.first) if e.pages == 1 else f"{e.first}-{e.last}"
            mark = entry_mark(e)
            # the name keeps clear of the page column ("第 123-130 页")
            lines = self.wrap(f"{e.title}{mark}", size, self.W - self.left - self.right - 62 * MM)
            if y - len(lines) * size * 1.5 < floor + size * 1.5 and k < len(s.entries) - 1:
                # no room for this one and a last line: say how many more, never drop them silently
                rest = len(s.entries) - k
                self.put(c, self.left + 20 * MM, y, t(f"…… 另有 {rest} 项，见目录", f"… and {rest} more: see the contents"), size)
                break
            for i, line in enumerate(lines):
                self.put(c, self.left + 20 * MM, y, line, size)
                if i == 0:
                    self.put(c, self.W - self.right - 15 * MM, y, t(f"第 {pages} 页", f"p. {pages}"), size, "right")
                y -= size * 1.5

    def placeholder(self, c, e: Entry) -> None:
        tpl = self.tpl["placeholder"]
        red = (0.75, 0, 0)
        c.setStrokeColorRGB(*red)
        c.setLineWidth(2)
        c.setDash(6, 4)
        bx, by = self.left + 10 * MM, self.H * 0.35
        c.rect(bx, by, self.W - self.left - self.right - 20 * MM, self.H * 0.35, stroke=1, fill=0)
        c.setDash()
        head = text(tpl["missing"] if e.placeholder == "missing" else tpl["broken"])
        cx = (self.left + self.W - self.right) / 2
        y = self.H * 0.62
        self.put(c, cx, y, head, 22, "center", red)
        y -= 14 * MM
        width = self.W - self.left - self.right - 30 * MM
        for line in self.wrap(e.title, 14, width):
            self.put(c, cx, y, line, 14, "center")
            y -= 8 * MM
        if e.file:
            self.put(c, cx, y, e.file, 10, "center", (0.3, 0.3, 0.3))
            y -= 7 * MM
        for line in self.wrap(e.message, 11, width):
            self.put(c, cx, y, line, 11, "center", red if e.placeholder == "broken" else (0.2, 0.2, 0.2))
            y -= 6 * MM

    def blank(self, c) -> None:
        self.put(c, self.W / 2, self.H / 2, text(self.tpl["blank"]["text"]), 14, "center", (0.4, 0.4, 0.4))

    # -- documents ---------------------------------------------------------------------------
    def mirror(self, n: int) -> None:
        """Duplex: on a left-hand (even) page the binding edge is on the right, so the margins swap."""
        left, right = self._margins
        self.left, self.right = (right, left) if self.plan.duplex and n % 2 == 0 else (left, right)

    def doc_area(self, n: int = 1) -> tuple[float, float, float, float]:
        """Where an attachment page or a scan goes: inside the margins, above the footer band."""
        m = self.tpl["page"].get("document_margin", {"left": 12, "right": 8, "top": 8})
        ml, mr = m["left"] * MM, m["right"] * MM
        if self.plan.duplex and n % 2 == 0:
            ml, mr = mr, ml
        x0, x1 = ml, self.W - mr
        y0, y1 = self.band + 2 * MM, self.H - m["top"] * MM
        return x0, y0, x1 - x0, y1 - y0

    def image(self, c, e: Entry, index: int, page_no: int) -> None:
        src = e.source
        assert src is not None  # an entry with a page to draw has its file
        img: ImageReader | str
        ax, ay, aw, ah = self.doc_area(page_no + 1)
        if src.kind == "tiff":
            from PIL import Image, ImageOps
            from reportlab.lib.utils import ImageReader

            # One open file per TIFF for the whole render: Pillow finds frame n by walking the
            # frames before it, so reopening it for every page made a long TIFF quadratic.
            tiff = self._tiffs.get(src.path)
            if tiff is None:
                tiff = self._tiffs[src.path] = Image.open(src.path)
            tiff.seek(src.frames[index])
            tiff.load()
            im = tiff
            # Recent Pillow turns a TIFF upright by its Orientation tag while loading (and drops
            # the tag), older Pillow does not: turn it here, once either way, and draw it as is.
            im = ImageOps.exif_transpose(im)
            o = 1
            w, h = im.size
            im = _eight_bit(im)
            if im.mode not in ("RGB", "L", "1"):
                im = im.convert("RGB")
            img = ImageReader(im)
            dpi = float((im.info.get("dpi") or (0, 0))[0] or 0)
        elif src.kind == "png" and src.mode in DEEP_MODES:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            with Image.open(src.path) as im:
                img = ImageReader(_eight_bit(im))
            w, h = src.size
            dpi = src.dpi
            o = src.orientation
        else:
            w, h = src.size
            # reportlab reads the file itself, and names the image after the path it is given:
            # the resolved path, so the bytes do not depend on the folder the command ran from
            img = str(src.path.resolve())
            dpi = src.dpi
            o = src.orientation
        dw, dh = (h, w) if o in (5, 6, 7, 8) else (w, h)  # displayed pixel size
        if e.kind == "photo":
            scale, ox, oy = self.photo_page(c, dw, dh, dpi)
        else:
            fit = min(aw / dw, ah / dh)
            scale = fit
            if dpi >= 72:
                scale = min(fit, 72.0 / dpi)  # never enlarge a small scan past its real size
            ow, oh = dw * scale, dh * scale
            ox = ax + (aw - ow) / 2
            oy = ay + ah - oh if scale < fit else ay + (ah - oh) / 2
        # Map the stored image (unit square scaled to w x h pixels) onto the displayed box.
        W, H = w, h
        mats = {
            1: (1, 0, 0, 1, 0, 0),
            2: (-1, 0, 0, 1, W, 0),
            3: (-1, 0, 0, -1, W, H),
            4: (1, 0, 0, -1, 0, H),
            5: (0, -1, -1, 0, H, W),
            6: (0, -1, 1, 0, 0, W),
            7: (0, 1, 1, 0, 0, 0),
            8: (0, 1, -1, 0, H, 0),
        }
        a, b, cc, d, ee, f = mats.get(o, mats[1])
        # translate(ox, oy) . scale(scale) . orientation . (image unit square -> W x H)
        m = (a * W * scale, b * W * scale, cc * H * scale, d * H * scale, ee * scale + ox, f * scale + oy)
        if src.kind == "jpeg":
            # Embedded by assemble.py as the file's own bytes (DCTDecode), never re-encoded.
            self.jpegs[page_no] = (src, m)
            return
        c.saveState()
        c.transform(*m)
        c.drawImage(img, 0, 0, 1, 1, mask="auto" if src.kind == "png" else None)
        c.restoreState()

    def photo_page(self, c, dw: float, dh: float, dpi: float) -> tuple[float, float, float]:
        """The ID photo's page, laid out like the others: inside the margins, under a label
        (照片 · 背面写姓名、单位, from the region), the photo at its printed size (the region's
        spec, 小2寸 = 35×45 mm; else its own resolution).  Returns (scale, x, y) for the image."""
        spec = self.plan.region.photo.spec if self.plan.region.photo else ""
        box = photo_size(spec, self.tpl.get("photo", {}).get("sizes", {}))
        if box is None:
            box = (dw / dpi * 25.4, dh / dpi * 25.4) if dpi >= 72 else (25.0, 35.0)
        scale = min(box[0] * MM / dw, box[1] * MM / dh)
        cx, y = (self.left + self.W - self.right) / 2, self.H - self.top - 10 * MM
        note = self._photo_note()
        label = t("照片", "Photo") + (" · " + note if note else "")
        for line in self.wrap(label, 14, self.W - self.left - self.right):
            self.put(c, cx, y, line, 14, "center")
            y -= 14 * 1.4
        ph = self.plan.region.photo
        if ph is not None:
            size = f"{box[0]:g}×{box[1]:g} mm"
            self.put(
                c,
                cx,
                y,
                t(f"{ph.background or ''}{ph.spec} · {size}", ", ".join(x for x in (photo_spec_en(ph), size) if x)),
                10,
                "center",
                (0.35, 0.35, 0.35),
            )
            y -= 10 * 1.4
        oy = y - 8 * MM - dh * scale
        return scale, cx - dw * scale / 2, oy

    def _photo_note(self) -> str:
        """What the region says about the photo itself (背面写姓名、单位), in the user's language."""
        from .plan import _name

        m = next((m for m in self.plan.region.materials if m.kind == "photo" and (m.note or m.note_en)), None)
        if m is not None:
            return _name(m.note, m.note_en)
        ph = self.plan.region.photo
        return ph.note if ph is not None and ph.note else ""

    def footer(self, c, n: int, total: int, category: str) -> None:
        tpl = self.tpl
        num = text(
            self.plan.region.dossier.page_number_style
            if self.plan.region.dossier and self.plan.region.dossier.page_number_style
            else tpl["page_number"]["text"],
            n=n,
            total=total,
        )
        size = float(tpl["page_number"]["size"])
        y = self.band * 0.4
        outer_left = self.plan.duplex and n % 2 == 0  # a left-hand page: its outer edge is on the left
        if tpl["page_number"].get("position") == "bottom-center":
            self.put(c, self.W / 2, y, num, size, "center")
        elif outer_left:
            self.put(c, self.left, y, num, size)
        else:
            self.put(c, self.W - self.right, y, num, size, "right")
        foot = text(tpl["footer"]["text"], name=self.plan.profile.name, category=category)
        fs = float(tpl["footer"]["size"])
        limit = self.W - self.right - self.width(num, size) - 10 * MM - self.left
        if tpl["page_number"].get("position") == "bottom-center":
            limit = self.W / 2 - self.width(num, size) / 2 - 5 * MM - self.left
        foot = self.ellipsize(foot, fs, limit)
        if outer_left:
            self.put(c, self.W - self.right, y, foot, fs, "right", color=(0.35, 0.35, 0.35))
        else:
            self.put(c, self.left, y, foot, fs, color=(0.35, 0.35, 0.35))

    # -- the whole document --------------------------------------------------------------------
    @plain_streams()  # without ASCII85, which would inflate every embedded JPEG by a quarter
    def render(self) -> bytes:
        from reportlab.pdfgen.canvas import Canvas

        buf = io.BytesIO()
        # types-reportlab declares initialFontName as a number; reportlab takes the font's name
        c = Canvas(buf, pagesize=(self.W, self.H), initialFontName=self.font, invariant=1, pageCompression=1, pdfVersion=(1, 4))  # type: ignore[arg-type]
        try:
            self._draw_pages(c)
            c.save()
        finally:
            for im in self._tiffs.values():
                im.close()
            self._tiffs.clear()
        self.mirror(1)
        return buf.getvalue()

    def _draw_pages(self, c) -> None:
        pages = self.plan.pages
        total = len(pages)
        n = 0
        while n < total:
            n += 1
            page = pages[n - 1]
            self.mirror(n)
            c.setFont(self.font, 10)
            if page.role == "cover":
                self.cover(c)
            elif page.role in ("checklist", "contents"):
                if page.index == 0:
                    n = self._draw_section(c, n)
                page = pages[n - 1]  # a later page of the section: drawn in that pass (or left empty)
            elif page.role == "blank":
                self.blank(c)
            elif page.role == "separator":
                self.separator(c, page)
            elif page.role == "placeholder":
                assert page.entry is not None  # the entry it stands in for
                self.placeholder(c, page.entry)
            elif page.role == "doc":
                assert page.entry is not None and page.entry.source is not None  # a document page shows a file
                if page.entry.source.kind != "pdf":
                    self.image(c, page.entry, page.index, n - 1)
            self.footer(c, n, total, page.category)
            c.showPage()

    def _draw_section(self, c, n: int) -> int:
        """The checklist or the contents starting on page n, all their pages in one pass (laid out
        once, not once for every page they fill); returns the number of the last page drawn, whose
        footer the caller draws."""
        pages, role = self.plan.pages, self.plan.pages[n - 1].role
        at = n

        def turn() -> bool:
            nonlocal at
            if at >= len(pages) or pages[at].role != role or pages[at].index != pages[at - 1].index + 1:
                return False  # more pages than planned: the rest is not drawn, as it never was
            self.footer(c, at, len(pages), pages[at - 1].category)
            c.showPage()
            at += 1
            self.mirror(at)
            c.setFont(self.font, 10)
            return True

        if role == "checklist":
            self.checklist(c, turn=turn)
        else:
            self.contents(c, turn=turn)
        return at

    def missing_glyphs(self) -> str:
        cmap = self.ttf.face.charToGlyph
        return "".join(sorted(ch for ch in self.used if ord(ch) > 31 and ord(ch) not in cmap))


def photo_size(spec: str, sizes: dict) -> tuple[float, float] | None:
    """Printed size in mm of a photo spec the template knows (小2寸, 小二寸, 一寸 …)."""
    key = str(spec or "").translate(str.maketrans("12", "一二")).replace(" ", "")
    for name, wh in sizes.items():
        if name.translate(str.maketrans("12", "一二")) == key:
            return float(wh[0]), float(wh[1])
    return None


def split_columns(heights: list[float], room: float) -> tuple[int, int]:
    """Two columns of whole items, `room` high: (items in the first column, items shown).  All
    items that fit are shown, split so the columns are as even as they can be (the first one
    the longer); when not all fit, the second column keeps a line for "… and N more"."""
    total = sum(heights)
    best: tuple[float, int] | None = None
    run = 0.0
    for k in range(len(heights) + 1):
        run += heights[k - 1] if k else 0.0
        left, right = run, total - run
        if left <= room and right <= room and left >= right and (best is None or left - right < best[0]):
            best = (left - right, k)
    if best is not None:
        return best[1], len(heights)
    first, run = 0, 0.0
    while first < len(heights) and run + heights[first] <= room:
        run += heights[first]
        first += 1
    shown, run = first, 0.0
    reserve = min(heights) if heights else 0.0
    while shown < len(heights) and run + heights[shown] + reserve <= room:
        run += heights[shown]
        shown += 1
    return first, shown


_DIGITS = "零一二三四五六七八九十"


def _num(n: int) -> str:
    """Chinese ordinal for category headings (第一类 … 第十类), digits beyond twenty."""
    from ..i18n import lang

    if lang() == "en":
        return str(n)
    if n <= 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + _DIGITS[n - 10]
    return str(n)
