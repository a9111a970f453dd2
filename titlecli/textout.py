"""Boxes and tables drawn for the terminal without rich: `check`'s text output (issue 18 item 4).

Importing rich's console and table costs about half of what starting the CLI costs (the whole
of `import typer`); a verdict needs only a panel, a table with wrapped cells and four colours.
What this draws matches rich's look (rounded panel, heavy-headed table, the same widths and
styles) so people see what they saw before; the interview, a full-screen rich program anyway,
prints the same lines through its console.

Text here is plain text, never markup: what people wrote goes through `term.plain` first.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import field

from . import linebreak

# SGR codes of the few styles a verdict uses.
_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33"}
_COLOURS = {"red", "green", "yellow"}

Span = tuple[str, str]  # text and its style ("bold red", "" for none)


def _measure(c: str) -> int:
    if c < "\u0300":  # Latin and the ASCII controls, the common case
        return 1 if " " <= c < "\x7f" or c >= "\xa0" else 0
    if unicodedata.combining(c) or unicodedata.category(c) in ("Cc", "Cf", "Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


# A verdict measures a few hundred distinct characters some thousands of times (every cell is
# measured as it is folded): each is looked up in unicodedata once.
_WIDTHS: dict[str, int] = {}


def char_width(c: str) -> int:
    """Columns a character takes in a terminal: 2 for Chinese (East Asian wide and full-width),
    0 for combining marks and controls, 1 otherwise."""
    w = _WIDTHS.get(c)
    if w is None:
        w = _WIDTHS[c] = _measure(c)
    return w


# A verdict measures the same cells and pieces several times over (fitting, folding, padding):
# each text once, while there are not too many to remember.
_MEASURED: dict[str, int] = {}


def width_of(text: str) -> int:
    if text.isascii() and text.isprintable():  # one column each: no lookup
        return len(text)
    w = _MEASURED.get(text)
    if w is None:
        try:
            w = sum(map(_WIDTHS.__getitem__, text))
        except KeyError:  # a character not measured yet
            w = sum(map(char_width, text))
        if len(_MEASURED) >= 4096:
            _MEASURED.clear()
        _MEASURED[text] = w
    return w


class Line:
    """One line of styled text.  A plain class with a written __init__, `==` and repr, as
    `dataclass` would make them (titlecli.results says why; tests/test_records.py keeps them to
    the fields)."""

    spans: list[Span] = field(default_factory=list)

    def __init__(self, spans: list[Span] | None = None) -> None:
        self.spans = [] if spans is None else spans

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.spans,) == (other.spans,)

    __hash__ = None  # type: ignore[assignment]  # equal by value, as a dataclass: unhashable

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}(spans={self.spans!r})"

    def add(self, text: str, style: str = "") -> Line:
        if text:
            self.spans.append((text, style))
        return self

    @property
    def width(self) -> int:
        if len(self.spans) == 1:
            return width_of(self.spans[0][0])
        return sum(width_of(s) for s, _ in self.spans)

    def styled(self, style: str) -> Line:
        """The line with `style` added under every span's own."""
        return Line([(s, f"{style} {st}".strip()) for s, st in self.spans])


def text(value: str, style: str = "") -> list[Line]:
    """Styled text of one or more lines (a line break in `value` starts a new one)."""
    return [Line().add(part, style) for part in value.split("\n")]


def wrap(lines: list[Line], width: int) -> list[Line]:
    """Lines folded to `width` columns by the rules of Chinese typesetting (titlecli.linebreak):
    no closing mark at a line start and no opening mark at a line end, a date, a 文号, a count
    with its unit and a Latin word kept whole, spaces at a break dropped.  A piece wider than a
    whole line is cut between characters; no line is ever wider than `width` (a table's border
    stays straight)."""
    width = max(width, 1)
    out: list[Line] = []
    for line in lines:
        if len(line.spans) == 1:  # one span (most lines)
            plain, style = line.spans[0]
            plain = plain.replace("\n", " ")
            styles = {style}
        else:
            plain = "".join(s for s, _ in line.spans).replace("\n", " ")
            styles = {style for _, style in line.spans}
        if len(styles) <= 1:  # one style (most lines): the pieces as they are
            style = styles.pop() if styles else ""
            if "\u00a0" not in plain and width_of(plain) <= width:
                # it fits: one line, as linebreak.wrap gives it (most cells and lines)
                out.append(Line().add(plain.rstrip(), style))
                continue
            for piece in _broken(plain, width):
                out += _fold(Line().add(piece, style), width)
            continue
        # each character keeps its own style: found again in the pieces, in order
        chars = [(c, style) for s, style in line.spans for c in s]
        i = 0
        for piece in _broken(plain, width):
            cur = Line()
            for pc in piece:
                while i < len(chars) and not _same(chars[i][0], pc):
                    i += 1  # a space dropped at the break
                if i < len(chars):
                    cur.add(pc, chars[i][1])
                    i += 1
            out += _fold(_merge(cur), width)
    return [x if len(x.spans) < 2 else _merge(x) for x in out]


# A verdict sets the same text at the same width more than once (the conditions every level
# shares, in each level's table): broken once, while there are not too many to remember.
_BROKEN: dict[tuple[str, int], list[str]] = {}


def _broken(plain: str, width: int) -> list[str]:
    """linebreak.wrap(plain, width) in terminal columns."""
    key = (plain, width)
    lines = _BROKEN.get(key)
    if lines is None:
        lines = linebreak.wrap(plain, width, char_width, width_of)
        if len(_BROKEN) >= 1024:
            _BROKEN.clear()
        _BROKEN[key] = lines
    return lines


def _same(original: str, set_as: str) -> bool:
    return original == set_as or (original in "\u00a0\n" and set_as == " ")


def _fold(line: Line, width: int) -> list[Line]:
    """A line still wider than `width` (a closing mark the breaker let hang) cut between
    characters."""
    if line.width <= width:
        return [line]
    out: list[Line] = []
    cur, used = Line(), 0
    for s, style in line.spans:
        for c in s:
            cw = char_width(c)
            if used + cw > width and used:
                out.append(_rstrip(cur))
                cur, used = Line(), 0
            cur.add(c, style)
            used += cw
    out.append(_rstrip(cur))
    return out


def _rstrip(line: Line) -> Line:
    spans = list(line.spans)
    while spans and not spans[-1][0].strip(" "):
        spans.pop()
    if spans:
        spans[-1] = (spans[-1][0].rstrip(" "), spans[-1][1])
    return Line(spans)


def _merge(line: Line) -> Line:
    if len(line.spans) < 2:
        return line
    out: list[Span] = []
    for s, style in line.spans:
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + s, style)
        else:
            out.append((s, style))
    return Line(out)


def _pad(line: Line, width: int) -> Line:
    return Line([*line.spans, (" " * (width - line.width), "")]) if line.width < width else line


def panel(body: list[Line], title: str, max_width: int) -> list[Line]:
    """A rounded box around `body`, as narrow as its longest line allows (rich's Panel with
    expand=False), never wider than `max_width`."""
    w = min(max([x.width for x in body] + [width_of(title) + 2]), max(max_width - 4, 1))
    inner = wrap(body, w)
    head = f" {title} "
    left = (w + 2 - width_of(head)) // 2
    right = w + 2 - width_of(head) - left
    out = [Line().add("╭" + "─" * left + head + "─" * right + "╮")]
    out += [Line([("│ ", ""), *_pad(x, w).spans, (" │", "")]) for x in inner]
    out.append(Line().add("╰" + "─" * (w + 2) + "╯"))
    return out


class Column:
    """A table's column: its heading, a fixed width or a share of what is left, its style.
    Written out as `Line` is."""

    header: str
    width: int | None = None  # fixed; else a share of what is left, by ratio
    ratio: int = 1
    style: str = ""

    def __init__(self, header: str, width: int | None = None, ratio: int = 1, style: str = "") -> None:
        self.header = header
        self.width = width
        self.ratio = ratio
        self.style = style

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.header, self.width, self.ratio, self.style) == (other.header, other.width, other.ratio, other.style)

    __hash__ = None  # type: ignore[assignment]  # equal by value, as a dataclass: unhashable

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}(header={self.header!r}, width={self.width!r}, ratio={self.ratio!r}, style={self.style!r})"


def _widths(columns: list[Column], total: int) -> list[int]:
    """Content widths of the columns of a table `total` columns wide, as rich shares them out:
    borders and one space of padding either side of each cell taken off, fixed widths first,
    what is left by ratio, each share rounded up from what the columns before it left."""
    left = total - (len(columns) + 1) - sum((c.width or 0) + 2 for c in columns if c.width is not None)
    parts = sum(c.ratio for c in columns if c.width is None)
    widths = []
    for c in columns:
        if c.width is not None:
            widths.append(c.width)
            continue
        share = max(-(-c.ratio * left // parts), 3)  # ceil; at least one character and its padding
        left, parts = left - share, parts - c.ratio
        widths.append(share - 2)
    return widths


def table(
    columns: list[Column], rows: list[list[list[Line]]], width: int, title: list[Line] | None = None, caption: list[Line] | None = None
) -> list[Line]:
    """A table `width` columns wide with a heavy header (rich's default box), cells folded to
    their column; the title above it and the caption below it, left-aligned."""
    widths = _widths(columns, width)

    def rule(left: str, mid: str, right: str, fill: str) -> Line:
        return Line().add(left + mid.join(fill * (w + 2) for w in widths) + right)

    def row(cells: list[list[Line]], bar: str, styles: list[str]) -> list[Line]:
        folded = [wrap(c, w) for c, w in zip(cells, widths, strict=True)]
        height = max(len(f) for f in folded)
        out = []
        for i in range(height):
            spans: list[Span] = [(bar, "")]
            for f, w, style in zip(folded, widths, styles, strict=True):
                spans.append((" ", ""))
                if i < len(f):
                    cell = f[i]
                    spans += cell.styled(style).spans if style else cell.spans
                    w -= cell.width
                spans.append((" " * w + " " + bar, ""))
            out.append(Line(spans))
        return out

    out = [x.styled("italic") for x in wrap(title, width)] if title else []
    out.append(rule("┏", "┳", "┓", "━"))
    out += row([[Line().add(c.header)] for c in columns], "┃", ["bold"] * len(columns))
    out.append(rule("┡", "╇", "┩", "━"))
    for cells in rows:
        out += row(cells, "│", [c.style for c in columns])
    out.append(rule("└", "┴", "┘", "─"))
    if caption:
        out += [x.styled("dim italic") for x in wrap(caption, width)]
    return out


# ------------------------------------------------------------------ the terminal


def terminal_width() -> int:
    """The terminal's width as rich finds it: $COLUMNS, else the size of whichever standard
    stream is a terminal, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (OSError, ValueError):
            continue
    return 80


def wants_colour(stream) -> bool:
    """Styles for a terminal, none for a file or a pipe (FORCE_COLOR and TERM=dumb as rich reads
    them); NO_COLOR drops the colours, keeping bold and dim."""
    if os.environ.get("TERM", "") in ("dumb", "unknown"):  # rich: a dumb terminal, forced or not, gets no styles
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render(lines: list[Line], styles: bool) -> str:
    """The lines as text, with SGR escape sequences for their styles if `styles`."""
    no_colour = bool(os.environ.get("NO_COLOR"))
    out = []
    for line in lines:
        for s, style in line.spans:
            codes = [_SGR[x] for x in style.split() if x in _SGR and not (no_colour and x in _COLOURS)] if styles else []
            out.append(f"\x1b[{';'.join(codes)}m{s}\x1b[0m" if codes else s)
        out.append("\n")
    return "".join(out)


def write(lines: list[Line], stream=None) -> None:
    stream = stream or sys.stdout
    stream.write(render(lines, wants_colour(stream)))


__all__ = ["Column", "Line", "panel", "render", "table", "terminal_width", "text", "wrap", "write"]
