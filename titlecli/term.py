"""What titlecli prints of what people wrote: never a terminal control sequence, never markup.

Names, employers, file and folder names, roster cells, region and case texts reach the terminal
in verdicts, tables, trees and messages.  Printed as they are, an escape sequence in a name
clears the screen or plants a link (OSC 8), and rich reads `[/x]` in a path as a closing tag
(an error that ends the command) and `[word]` as a style (the text disappears).  Every such
value goes through one of these on its way to the terminal:

- `plain(value)`: the text with its control characters shown as escapes (\\x1b, \\u202e);
  for text printed without markup (`markup=False`, `Text(...)`, `print`);
- `esc(value)`: the same, escaped for rich markup; for text put inside a markup string, a table
  cell or a tree label.

Line breaks and tabs stay: notes and reasons may span lines.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .lazyimport import lazy

if TYPE_CHECKING:
    from rich import markup as rich_markup
else:
    rich_markup = lazy("rich.markup")  # only for text printed with markup

# C0 controls but tab and line feed, DEL, C1 controls (CSI and OSC among them: \x9b, \x9d), and
# the marks that reorder text on screen (bidi overrides and isolates).  Tables for str.translate
# (a pattern of these costs ~0.5 ms to compile, and every verdict's text goes through one); text
# with no unprintable character at all (str.isprintable) is left as it is.
_CONTROLS = (
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
)


# Made when a text holds a control character (rarely): making the three tables cost ~0.8 M
# instructions of every check.
@functools.cache
def _shown() -> dict[int, str]:
    return {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in _CONTROLS}


@functools.cache
def _json_escapes() -> dict[int, str]:
    return {c: f"\\u{c:04x}" for c in _CONTROLS}


@functools.cache
def _xml_references() -> dict[int, str]:
    return {c: f"&#x{c:x};" for c in _CONTROLS}


def plain(value: object) -> str:
    """`value` as text, with every control character made visible."""
    text = str(value)
    return text if text.isprintable() else text.translate(_shown())


def esc(value: object) -> str:
    """`value` as text for rich markup: control characters visible, `[` escaped."""
    return rich_markup.escape(plain(value))


def json_text(text: str) -> str:
    """JSON written with ensure_ascii=False, with the controls JSON leaves raw (C1, bidi marks)
    written as \\u escapes too: the same JSON to a parser, nothing for a terminal to act on."""
    return text if _printable(text) else text.translate(_json_escapes())


def xml_text(text: str) -> str:
    """XML with the controls it may hold (carriage return, DEL, C1, bidi marks) written as
    character references: the same document to a parser, nothing for a terminal to act on."""
    return text if _printable(text) else text.translate(_xml_references())


def _printable(text: str) -> bool:
    """No control character at all (line breaks aside): the common case, found without looking
    each character up in a table (str.translate's way, slow for a whole report)."""
    return text.replace("\n", "").isprintable()


__all__ = ["esc", "json_text", "plain", "xml_text"]
