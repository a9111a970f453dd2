"""Line breaking by the rules of Chinese typesetting (issue 15): GB/T 15834-2011 5.1.x — 句号、
逗号、顿号 … 括号、书名号的后一半 do not start a line, their front halves do not end one; a 文号
(长工信〔2022〕139号 五.1), a count with its unit (一式25份) and a Latin word are never split."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from titlecli.linebreak import NO_END, NO_START, clusters, wrap


def width(ch: str) -> float:  # a Chinese character is 1 em, Latin about half
    return 1000.0 if ord(ch) >= 0x2E80 else 550.0


NOTICE = "关于开展2022年度工程系列(非建筑、建材、环保专业)中、初级专业技术职务任职资格评审工作的通知（长工信〔2022〕139号）"


def test_reportlabs_own_cjk_wrapping_splits_the_document_number_which_ours_keeps():
    # why the module exists: reportlab's wordSplit (what Paragraph(wordWrap="CJK") uses) cuts
    # 长工信〔 / 2022〕139号 at this width
    from reportlab.lib.textsplit import wordSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from titlecli.dossier.layout import BUNDLED_FONT

    if "wqy" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("wqy", str(BUNDLED_FONT), subfontIndex=0))
    theirs = [line for _, line in wordSplit(NOTICE, 300, "wqy", 12)]
    assert not any("长工信〔2022〕139号" in line for line in theirs)

    def char_w(ch: str) -> float:
        return pdfmetrics.stringWidth(ch, "wqy", 1000)

    ours = wrap(NOTICE, 300 * 1000 / 12, char_w)
    assert any("长工信〔2022〕139号" in line for line in ours), ours
    assert "".join(ours) == NOTICE


def test_the_document_number_goes_whole_to_the_next_line_with_its_brackets():
    for limit in range(14000, 40000, 500):
        lines = wrap(NOTICE, limit, width)
        assert sum("长工信〔2022〕139号" in line for line in lines) == 1, (limit, lines)
        assert not any(line[0] in NO_START for line in lines if line), lines
        assert not any(line[-1] in NO_END for line in lines if line), lines


def test_counts_with_their_units_and_english_words_stay_whole():
    assert "一式25份" in clusters("《综合考评表》一式25份")
    assert "一式 3 份；" in clusters("一式 3 份；")
    for limit in range(6000, 20000, 250):  # 一式25份， is 5.1 em
        lines = wrap("综合考评表一式25份，A4 纸打印", limit, width)
        assert any("一式25份" in line for line in lines), (limit, lines)
        english = wrap("Recommendation report and publicity table — 25 copies", max(limit, 7700), width)
        words = " ".join(english).split()
        assert "Recommendation" in words and "publicity" in words and "25 copies" in " ".join(english), (limit, english)


def test_chinese_breaks_between_any_two_characters_but_not_inside_a_pair_of_marks():
    # GB/T 15834-2011 5.1.x: the front half of a mark goes with what follows, the back half
    # and a pause mark with what precedes; between two Chinese characters a line may break.
    assert clusters("（中文x") == ["（中", "文", "x"]
    assert clusters("中文，好") == ["中", "文，", "好"]
    assert clusters("申报专业“机械设计”不在此列") == ["申", "报", "专", "业", "“机", "械", "设", "计”", "不", "在", "此", "列"]
    assert clusters("第一作者，一式三份") == ["第", "一", "作", "者，", "一式三份"]


def test_a_no_break_space_keeps_the_count_with_the_name():
    lines = wrap("《专业技术职务任职资格评审综合考评表》\u00a0—\u00a025份", 20000, width)
    assert lines[-1].endswith("表》 — 25份") and not lines[-1].startswith("—"), lines


def test_something_wider_than_a_line_is_cut_and_nothing_is_lost():
    lines = wrap("scans/a-very-long-file-name-that-cannot-fit.pdf", 5000, width)
    assert len(lines) > 1 and "".join(lines) == "scans/a-very-long-file-name-that-cannot-fit.pdf"
    assert wrap("", 5000, width) == [""]
    assert wrap("第一行\n第二行", 50000, width) == ["第一行", "第二行"]


PIECES = st.sampled_from(
    list("中文材料、。，）》」（《「〔〕：； ")
    + ["长工信〔2022〕139号", "一式25份", "4 次", " Recommendation ", " report ", " 2022-08-01 ", " e.g. ", "——", "……"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40), st.integers(min_value=4000, max_value=30000))
@example(["（", " ", "（", "长工信〔2022〕139号"], 9850)  # found by hypothesis: the 文号 fills the line alone
def test_any_text_breaks_by_the_rules_and_loses_nothing_but_spaces(pieces, limit):
    text = "".join(pieces)
    lines = wrap(text, limit, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for i, line in enumerate(lines):
        if i and line:
            # a line made only of marks (and spaces) is what is left when a unit that fills a line
            # whole follows them: the width is the hard limit
            assert line[0] not in NO_START or all(ch in NO_START or ch.isspace() for ch in line), lines
        if i < len(lines) - 1 and line:
            assert line[-1] not in NO_END or all(ch in NO_END or ch.isspace() for ch in line), lines
        for whole in ("长工信〔2022〕139号", "一式25份", "Recommendation"):
            if whole in text and sum(width(c) for c in whole) + 2200 <= limit:
                # never cut: the unit is on one line wherever it occurs
                assert "".join(lines).count(whole) == sum(line.count(whole) for line in lines), (whole, lines)
        # wider than the line only by closing marks hanging past the margin
        assert sum(width(c) for c in line.rstrip("".join(NO_START))) <= limit, lines


# The tokeniser finds document numbers with a pattern that is quick to compile (a word run and
# any mark for the brackets) and checks each find; it must cut every text exactly as the
# pattern written in full does.
_PARTS = st.one_of(
    st.text(alphabet="长工信人社部令第号中甲一二三", min_size=1, max_size=10),
    st.builds(
        lambda o, d, c: o + d + c,
        st.sampled_from("〔[［(（-《x"),
        st.from_regex(r"[0-9٣]{3,5}", fullmatch=True),
        st.sampled_from("〕]］)）-》x"),
    ),
    st.sampled_from(["第", "号", " ", "\u3000", "\u00a0", "a", "A1", "。", "一式", "份", "页", "p. ", "2022-08-01", "25"]),
    # what decides which characters the tokeniser's sets need (linebreak._loose_for)
    st.sampled_from(["–", "-", "~", "’", "'", "ā", "é", "ɏ", "三", "十两", "式", "个月", "作者", "pages", "\t"]),
    # characters a run of `char` tokens (linebreak._RUN) must stop at or may hold
    st.sampled_from(["٣", "ʒ", "ɐ", "Ω", "①", "あ", "_"]),
)


def _exact_tokens(text: str) -> list[tuple[str, str | None]]:
    import re

    from titlecli.linebreak import _TOKEN_PATTERN

    return [(m.group(0), m.lastgroup) for m in re.compile(_TOKEN_PATTERN, re.S).finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARTS, max_size=8).map("".join))
@example("A第1号")  # a word run into 第…号: no document number there, as written in full
@example("中A第1号")
@example("一二三四五六七八九第1号")  # nine characters before 第: the number takes the last eight
@example("甲-2022-1号")  # not brackets
@example("人社部令第25号、长工信〔2022〕139号 五.1")
@example("人社部令第 25 号，长工信〔2022〕 139号")  # spaces around the number: still a document number
@example("甲 乙丙丁戊己庚辛壬癸第1号号")  # only the last eight characters before 第 can head it; 号 twice
@example("一式三份")  # counts in Chinese numerals, and words that only look like them
@example("第 十二 页")
@example("第3-五页")
@example("第3–5页")
@example("第一作者，第二名")
@example("pp. 3–5, don’t, Māori\u3000x")
def test_the_tokeniser_cuts_as_its_pattern_written_in_full_does(text):
    from titlecli.linebreak import _tokens

    assert _tokens(text) == _exact_tokens(text)


# What the terminal sets: whole columns, measured a piece at a time (titlecli.textout).  There a
# paragraph that fits is one line at once and a run of Chinese characters is set a line's worth
# at a time; that must break every text exactly where measuring character by character does.
_TERMINAL_TEXT = st.lists(
    st.one_of(
        st.text(alphabet="长工信人社部令中甲乙一二三第号年份ΩЖあ", min_size=1, max_size=12),
        st.sampled_from(
            [
                "，",
                "。",
                "（",
                "）",
                "“",
                "”",
                "《",
                "》",
                "、",
                "——",
                " ",
                "  ",
                "\u00a0",
                "\u3000",
                "A4",
                "2022-08-01",
                "139号",
                "第 3 页",
                "pp. 3",
                "x",
            ]
        ),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TERMINAL_TEXT, st.integers(min_value=1, max_value=30))
@example("申报专业“机械设计”不在此列，本通知评审工程系列", 9)
@example("（ 中文中文中文）", 4)
@example("中文", 1)  # a character wider than the line
def test_terminal_widths_break_where_measuring_each_character_does(text, limit):
    from titlecli.textout import char_width, width_of

    assert wrap(text, limit, char_width, width_of) == wrap(text, limit, char_width)


def test_an_indent_that_ends_up_alone_on_a_line_is_dropped():
    from titlecli.textout import char_width, width_of

    # the indent goes with the break, as every space does: no empty line in its place
    assert wrap("  中文", 2, char_width, width_of) == ["中", "文"]
    assert wrap("ab  中文", 3, char_width, width_of) == ["ab", "中", "文"]
