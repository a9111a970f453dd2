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

import re
from typing import TYPE_CHECKING

from .lazyimport import lazy

if TYPE_CHECKING:
    from rich import markup as rich_markup
else:
    rich_markup = lazy("rich.markup")  # only for text printed with markup

# C0 controls but tab and line feed, DEL, C1 controls (CSI and OSC among them: \x9b, \x9d), and
# the marks that reorder text on screen (bidi overrides and isolates).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(m: re.Match) -> str:
    c = ord(m.group(0))
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def plain(value: object) -> str:
    """`value` as text, with every control character made visible."""
    return _CONTROL.sub(_shown, str(value))


def esc(value: object) -> str:
    """`value` as text for rich markup: control characters visible, `[` escaped."""
    return rich_markup.escape(plain(value))


def json_text(text: str) -> str:
    """JSON written with ensure_ascii=False, with the controls JSON leaves raw (C1, bidi marks)
    written as \\u escapes too: the same JSON to a parser, nothing for a terminal to act on."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def xml_text(text: str) -> str:
    """XML with the controls it may hold (carriage return, DEL, C1, bidi marks) written as
    character references: the same document to a parser, nothing for a terminal to act on."""
    return _CONTROL.sub(lambda m: f"&#x{ord(m.group(0)):x};", text)


__all__ = ["esc", "json_text", "plain", "xml_text"]
