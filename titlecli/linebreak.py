"""Line breaking by the rules of Chinese typesetting, for every text the dossier sets.

reportlab's own CJK wrapping (`Paragraph` with `wordWrap="CJK"`, `reportlab.lib.textsplit.wordSplit`)
was tried first.  It cuts between any two characters and only lets one closing mark hang past
the margin, so on the dossier's own texts it still ends a line with （ or 〔, splits the 文号
长工信〔2022〕139号 and the count 一式25份, and breaks "Recommendatio|n" where an English word
meets the line end.  What is added here, after GB/T 15834-2011 (标点符号用法) 5.1.x:

* a closing or pause mark (、。，；：？！）》」… ·) never starts a line: it stays with what it follows;
* an opening mark (（《「“〔…) never ends a line: it goes with what follows it;
* a 文号 (长工信〔2022〕139号), a count with its unit (一式25份, 4 次, 第 12-13 页), a date and a
  Latin word or number are never split; ——  and …… stay whole;
* Latin text breaks at spaces; Chinese between any two characters; a no-break space (U+00A0)
  joins its neighbours (it is set as a plain space).

Only a unit wider than the whole line is cut, and then between characters (a long file name).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

# GB/T 15834-2011 5.1.x: 句号、问号、叹号、逗号、顿号、分号、冒号，引号、括号、书名号的后一半，
# 连接号，间隔号 do not start a line; the front halves of 引号、括号、书名号 do not end one.
NO_START = set("、。，．,.：:；;！!？?）)]］}｝》〉」』】〕〗”’％%·•～~–")
NO_END = set("（([［{｛《〈「『【〔〖“‘")

# 一式25份, 4 次, 72 学时, 2014 年
_UNITS = (
    *("个月", "学时", "课时", "周岁", "份", "张", "页", "次", "项", "篇", "年", "月", "日", "天", "人", "名", "元"),
    *("字", "寸", "类", "条", "本", "件", "号", "部", "分", "%", "％", "KB", "MB", "GB", "kB", "mm", "cm"),
)
_UNIT = "(?:" + "|".join(_UNITS) + ")"
# 25 copies, 4 times, 72 hours, p. 12-13
_UNIT_EN = r"(?:cop(?:y|ies)|pages?|photos?|times|hours|years?|months?|days?|items?|words|more)"
_NUMERALS = "一二三四五六七八九十两百千"
_DOCNO = r"[\u4e00-\u9fff]{1,8}(?:[〔\[［(（]\d{4}[〕\]］)）]|第)\s*\d+\s*号"
_OPEN, _CLOSE = "〔[［(（", "〕]］)）"


def _rest(
    numerals: bool = True, en_dash: bool = True, quote: bool = True, latin_ext: bool = True, ideo_space: bool = True, one_unit: bool = False
) -> list[str]:
    r"""The tokeniser's alternatives after the document number.  Written in full with every flag
    set; a flag left out drops the characters of one kind from the sets (see _rest_for).
    `one_unit` writes the unit after 第… and after a number once: the two start with different
    characters (第, a digit), so `(?:第…|\d…)UNIT` matches what `第…UNIT|\d…UNIT` matches, and
    the 34 units cost `re` ~2.6 M instructions to compile a time."""
    num = rf"(?:\d+(?:[.,]\d+)*|[{_NUMERALS}]+)" if numerals else r"(?:\d+(?:[.,]\d+)*)"
    to, dash = ("[-–~]", "[-–]") if en_dash else ("[-~]", "-")
    latin = r"[0-9A-Za-z\u00c0-\u024f]" if latin_ext else r"[0-9A-Za-z\u00c0-\u00ff]"
    quotes = "'’" if quote else "'"
    ordinal, number = rf"第\s*{num}(?:\s*{to}\s*{num})?", r"\d+(?:[.,]\d+)*"
    counted = rf"(?:{ordinal}|{number})\s*{_UNIT}" if one_unit else rf"{ordinal}\s*{_UNIT}|{number}\s*{_UNIT}"
    return [
        # a count with its unit: 一式25份, 一式三份, 第 12-13 页, 4 次, 72 学时, 2014 年
        rf"(?P<count>一式\s*{num}\s*份|{counted}"
        rf"|(?:[Pp]p?\.\s)?\d+(?:{dash}\d+)?\s{_UNIT_EN}\b|[Pp]p?\.\s\d+(?:{dash}\d+)?)",
        # a Latin word, number or date (2022-08-01, 1-inch, e.g, pdf/doc): no break inside
        rf"(?P<word>(?:{latin}|[{quotes}.,\-_/@:+#&](?={latin}))+)",
        r"(?P<dash>——+|……+|\.{3,})",
        r"(?P<space>[ \t\u3000]+)" if ideo_space else r"(?P<space>[ \t]+)",
        r"(?P<nbsp>\u00a0)",
        r"(?P<char>.)",
    ]


# The tokeniser: at each place, the first of these that matches.  First a document number:
# 长工信〔2022〕139号, 人社部令第25号.
_TOKEN_PATTERN = "|".join([rf"(?P<docno>{_DOCNO})", *_rest()])
# The document number with its Chinese characters read as any word character and its brackets
# as any mark: quicker to compile (`re` walks the range of 20,000 Chinese characters one by
# one).  What this finds where _TOKEN_PATTERN finds a document number is at least that; a find
# that is not exactly one (_is_docno) is read again with _TOKEN_PATTERN, compiled only then (a
# word run into 第…号, as in "A第1号").  It is tried only where a document number can start
# (_docno_starts): tried at every place, its `\w{1,8}` ran ahead and back at every Chinese
# character (half the time of breaking a verdict's lines).
_LOOSE_DOCNO = r"(?P<docno>\w{1,8}(?:[^\w\s]\d{4}[^\w\s]|第)\s*\d+\s*号)"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern compiled on first use (a JSON check, that breaks no lines, pays for none), and
    through titlecli.patterns: the tokeniser cost ~7 M instructions to compile in every run."""
    from .patterns import compiled

    return compiled(pattern, re.S)


# A run of characters each of which is a token of its own (`char`) wherever it stands: a word
# character (Chinese, mostly) that is no digit, not Latin (no word or English count starts
# with it) and not 一 or 第 (一式三份, 第 3 页).  The tokeniser takes a run at once, where one
# `char` a time cost a match and a turn of the loop each; `_scan` stops it where a document
# number may start.  (A set with more than two stretches of characters above U+00FF would cost
# `re` ~1 M instructions to compile: these are one stretch and a look-ahead for two.)
_RUN = r"(?P<run>(?:(?![一第])[^\W\d\x00-\u024f])+)"


@functools.cache
def _rest_compiled(numerals: bool, en_dash: bool, quote: bool, latin_ext: bool, ideo_space: bool) -> re.Pattern[str]:
    return _compiled("|".join([_RUN, *_rest(numerals, en_dash, quote, latin_ext, ideo_space, one_unit=True)]))


def _rest_for(text: str) -> re.Pattern[str]:
    """_rest's alternatives, less the characters of each kind `text` has none of.  A set holding
    a character above U+00FF is what costs `re` most to compile (its 65,536-place map is cut
    into blocks in Python): the full pattern took 18.6 M instructions, the one for a text with
    no en dash, ’, U+3000, Latin letter beyond Latin-1 or count in Chinese numerals 9 M.  A set
    that loses only characters the text does not hold matches where it matched before, and a
    branch dropped (the numerals) is one that could match nowhere in it: the tokens are the same."""
    return _rest_compiled(
        _numeral_count_may_start(text),
        "–" in text,
        "’" in text,
        not text.isascii() and bool(text.encode("utf-8", "surrogatepass").translate(None, _NOT_LATIN_EXTENDED_LEAD)),
        "\u3000" in text,
    )


# Latin letters beyond Latin-1 (ā … ɏ, U+0100–U+024F) are what UTF-8 writes as two bytes led by
# 0xC4–0xC9 (0xC9 leads U+0250–U+027F too: a text holding one of those keeps the letters in the
# sets, which changes no token).  Found in the bytes, no character is made one at a time (a
# pattern of them cost ~1 M instructions to compile, a set of them ~0.8 M to make and look up).
_NOT_LATIN_EXTENDED_LEAD = bytes(range(0xC4)) + bytes(range(0xCA, 0x100))

# What follows a count's number in Chinese numerals, spaces aside (一式三份, 第三页, 第三至…: a
# dash of 第 3-5 页).
_AFTER_NUMERALS = (*_UNITS, "-", "–", "~")


def _numeral_count_may_start(text: str) -> bool:
    """Whether _rest's counts in Chinese numerals (一式三份, 第三页, 第 3-五 页) could match in
    `text`.  Their numerals come after 式, 第 or a dash and spaces, and a run of them (or its
    start) is followed, after spaces, by a unit or a dash: where that is nowhere, the numerals'
    branch matches nowhere (第一作者 has none)."""
    for mark in "式第-–~":
        at = text.find(mark)
        while at >= 0:
            i = at + 1
            while i < len(text) and text[i].isspace():
                i += 1
            while i < len(text) and text[i] in _NUMERALS:
                i += 1
                if text[i:].lstrip().startswith(_AFTER_NUMERALS):
                    return True
            at = text.find(mark, at + 1)
    return False


def _is_mark(c: str) -> bool:
    r"""`[^\w\s]` as `re` reads it in a str pattern (\w: str.isalnum or _, \s: str.isspace)."""
    return not (c.isalnum() or c == "_" or c.isspace())


def _docno_starts(text: str) -> set[int]:
    r"""Every place a document number (_LOOSE_DOCNO, and so _DOCNO) could start in `text`, and
    maybe more.  One ends with 号, after `\s*\d+\s*` (all spaces and digits: `re`'s \s and \d
    are str.isspace and str.isdecimal) that follows 第 or the closing mark of `[^\w\s]\d{4}[^\w\s]`
    — neither a space nor a digit, so going back from the 号 over spaces and digits stops right
    after it; the head, `\w{1,8}`, ends before 第 or the opening mark and starts at most eight
    characters earlier."""
    starts: set[int] = set()
    at = text.find("号")
    while at >= 0:
        j = at
        while j > 0 and (text[j - 1].isspace() or text[j - 1].isdecimal()):
            j -= 1
        if j > 0 and text[j - 1] == "第":
            head_end = j - 1
        elif j >= 6 and _is_mark(text[j - 1]) and text[j - 5 : j - 1].isdecimal() and _is_mark(text[j - 6]):
            head_end = j - 6
        else:
            head_end = 0
        starts.update(range(max(head_end - 8, 0), head_end))
        at = text.find("号", at + 1)
    return starts


def _scan(text: str) -> Iterator[re.Match[str]]:
    """The tokeniser's matches in `text`: _TOKEN_PATTERN's, but a run of `char` tokens (see
    _RUN) as one `run` match.  _rest's tokens, a document number where one starts (where none
    can, _TOKEN_PATTERN's first alternative fails and the others are _rest's, in the same
    order); a run is cut short where a document number may start inside it."""
    tokeniser = _rest_for(text)
    starts = _docno_starts(text) if "号" in text else None
    if not starts:
        yield from tokeniser.finditer(text)
        return
    pos = 0
    while True:
        for m in tokeniser.finditer(text, pos):
            at = m.start()
            if at in starts:
                docno = _compiled(_LOOSE_DOCNO).match(text, at)
                if docno is not None:
                    if not _is_docno(docno.group(0)):
                        docno = _compiled(_TOKEN_PATTERN).match(text, at)
                        assert docno is not None  # its last alternative matches any character
                    yield docno
                    pos = docno.end()
                    break
            if m.lastgroup == "run":
                inside = [p for p in range(at + 1, m.end()) if p in starts]
                if inside:  # the run up to there, then a new look from there
                    yield tokeniser.match(text, at, inside[0])  # type: ignore[misc]  # a run matches
                    pos = inside[0]
                    break
            yield m
        else:
            return


def _tokens(text: str) -> list[tuple[str, str]]:
    """The tokens of `text` and their kinds, exactly as _TOKEN_PATTERN's finditer cuts it."""
    out: list[tuple[str, str]] = []
    for m in _scan(text):
        if m.lastgroup == "run":
            out += [(c, "char") for c in m.group(0)]
        else:
            out.append((m.group(0), m.lastgroup))  # type: ignore[arg-type]  # every token is a group
    return out


def _is_docno(token: str) -> bool:
    """Whether a find of the loose pattern is all of a document number as _DOCNO reads it there:
    one to eight Chinese characters, then 〔2022〕 in brackets of _OPEN/_CLOSE or 第, then the
    number and 号.  (The loose pattern tries longer heads first, with looser tests: a head it
    settles on that _DOCNO also takes is the one _DOCNO settles on.)"""
    end = len(token) - 1  # 号
    while end > 0 and token[end - 1].isspace():
        end -= 1
    digits = end
    while end > 0 and token[end - 1].isdecimal():
        end -= 1
    if end == digits:
        return False
    while end > 0 and token[end - 1].isspace():
        end -= 1
    head = token[:end]
    if head.endswith("第"):
        head = head[:-1]
    elif len(head) >= 6 and head[-6] in _OPEN and head[-1] in _CLOSE and head[-5:-1].isdecimal():
        head = head[:-6]
    else:
        return False
    return 1 <= len(head) <= 8 and all("\u4e00" <= c <= "\u9fff" for c in head)


def clusters(text: str) -> list[str]:
    """The text as the pieces a line may break between (spaces are pieces of their own)."""
    pieces, runs = _clusters(text)
    if not runs:
        return pieces
    return [c for i, piece in enumerate(pieces) for c in (piece if i in runs else (piece,))]


def _clusters(text: str) -> tuple[list[str], set[int]]:
    """clusters(text), but where characters of a run (see _RUN) are pieces of their own one after
    another, they stay one string: its index is in the set."""
    out: list[str] = []
    runs: set[int] = set()
    glue_next = False  # the last piece ends with an opening mark: what follows joins it
    for m in _scan(text):
        tok = m.group(0)
        kind = m.lastgroup
        if kind == "run":  # characters each a piece of its own (none opens or closes)
            if out and not out[-1].isspace() and glue_next:
                out[-1] += tok[0]
                tok = tok[1:]
            if tok:
                runs.add(len(out))
                out.append(tok)
            glue_next = False
            continue
        if kind == "space":
            if glue_next and out:  # "（ 中": the opening mark still goes with what follows
                out[-1] += tok
                continue
            out.append(tok)
            continue
        if kind == "nbsp":  # a no-break space joins what is on either side of it
            if out:
                _last_alone(out, runs)
                out[-1] += " "
            glue_next = True
            continue
        closing = tok in NO_START
        if out and not out[-1].isspace() and (glue_next or closing):
            _last_alone(out, runs)
            out[-1] += tok
        elif out and out[-1].isspace() and closing and len(out) > 1:
            space = out.pop()  # "intermediate · 工程师": the mark keeps to the word before it
            _last_alone(out, runs)
            out[-1] += space + tok
        else:
            out.append(tok)
        glue_next = tok in NO_END
    return out, runs


def _last_alone(out: list[str], runs: set[int]) -> None:
    """The last character of a run that ends `out` made a piece of its own (something joins it)."""
    last = len(out) - 1
    if last in runs:
        run = out[last]
        if len(run) > 1:
            out[last] = run[:-1]
            out.append(run[-1])
        else:
            runs.discard(last)


def wrap(text: str, limit: float, char_width: Callable[[str], float], text_width: Callable[[str], float] | None = None) -> list[str]:
    """Break `text` into lines no wider than `limit` (in the units of `char_width`).  A newline
    in the text is a forced break.  Always at least one line (possibly empty).  `text_width`,
    if given, is the width of a whole piece, exactly the sum of its characters' (a terminal's
    columns): found faster, and a paragraph that fits is not taken apart at all."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        lines += _wrap_para(para, limit, char_width, text_width)
    return lines


def _width(s: str, char_width: Callable[[str], float]) -> float:
    return sum(char_width(ch) for ch in s)


def _wrap_para(para: str, limit: float, char_width: Callable[[str], float], text_width: Callable[[str], float] | None) -> list[str]:
    if text_width is not None and "\u00a0" not in para and text_width(para) <= limit + 1e-6:
        # It fits: the pieces put back together are the paragraph, so it is one line (the
        # terminal's whole-number widths add up exactly; a no-break space would be set as a space).
        return [para.rstrip()]
    lines: list[str] = []
    line, used = "", 0.0
    # A run's characters are set a line's worth at a time where widths add up exactly (whole
    # terminal columns); else (the dossier's points) one by one, as every other piece.
    pieces, runs = _clusters(para) if text_width is not None else (clusters(para), set())
    for i, piece in enumerate(pieces):
        if i in runs and text_width is not None:
            line, used = _fill_run(piece, line, used, lines, limit, char_width, text_width)
            continue
        w = text_width(piece) if text_width is not None else _width(piece, char_width)
        if piece.isspace():  # kept inside a line and as a paragraph's indent, dropped at a break
            if line or not lines:
                line, used = line + piece, used + w
            continue
        if used + w <= limit + 1e-6:
            line, used = line + piece, used + w
            continue
        line, used = _break(piece, w, line, lines, limit, char_width)
    lines.append(line.rstrip())
    return lines


def _break(piece: str, w: float, line: str, lines: list[str], limit: float, char_width: Callable[[str], float]) -> tuple[str, float]:
    """A piece `w` wide that does not fit on `line`: the line ends (unless it is only spaces) and
    the piece starts the next one, cut between characters if it is wider than a whole line."""
    if line.strip():
        lines.append(line.rstrip())
    if w <= limit + 1e-6:
        return piece, w
    # wider than a whole line: cut between characters, the marks still kept off the edges
    parts = _cut(piece, limit, char_width)
    lines += parts[:-1]
    return parts[-1], _width(parts[-1], char_width)


def _fill_run(
    run: str, line: str, used: float, lines: list[str], limit: float, char_width: Callable[[str], float], text_width: Callable[[str], float]
) -> tuple[str, float]:
    """A run's characters set on `line` as each would be as a piece of its own (none is a
    space): what fits goes on, the first that does not starts the next line."""
    while run:
        w = text_width(run)
        if used + w <= limit + 1e-6:
            return line + run, used + w
        fit = 0
        for c in run:
            w = char_width(c)
            if used + w > limit + 1e-6:
                break
            used += w
            fit += 1
        line, used = _break(run[fit], w, line + run[:fit], lines, limit, char_width)
        run = run[fit + 1 :]
    return line, used


def _cut(piece: str, limit: float, char_width: Callable[[str], float]) -> list[str]:
    """A cluster wider than the line: broken between its parts (a closing mark hangs past the
    margin, an opening one moves down), a part wider than the line between characters."""
    parts: list[str] = []
    cur: list[str] = []
    used = 0.0
    atoms = [tok for tok, _ in _tokens(piece)]
    pieces = [a for atom in atoms for a in ([atom] if _width(atom, char_width) <= limit + 1e-6 else list(atom))]
    for atom in pieces:
        w = _width(atom, char_width)
        if cur and used + w > limit + 1e-6 and atom not in NO_START:
            keep = len(cur)
            while keep > 1 and cur[keep - 1] in NO_END:
                keep -= 1
            if _width("".join(cur[keep:]), char_width) + w > limit + 1e-6:
                keep = len(cur)  # the width is a hard limit: a run of opening marks stays
            parts.append("".join(cur[:keep]))
            cur = cur[keep:]
            used = _width("".join(cur), char_width)
        cur.append(atom)
        used += w
    parts.append("".join(cur))
    return parts


__all__ = ["NO_END", "NO_START", "clusters", "wrap"]
