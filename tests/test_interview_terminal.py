"""`titlecli interview` in a real pseudo-terminal (pexpect): what the key-driven tests cannot
see — questionary's own rendering, the echo of answers, arrow keys and Ctrl-C."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parent.parent
INITIAL = str(ROOT / "tests" / "data" / "regions" / "interview-initial.yaml")
DOWN = "\x1b[B"


def spawn(tmp_path: Path, *args: str, lang: str = "zh"):
    env = dict(os.environ, LANG="C.UTF-8", TERM="xterm", COLUMNS="80", LINES="24", TITLECLI_NO_CACHE="1")
    cmd = [sys.executable, "-m", "titlecli", "interview", "-o", str(tmp_path / "p.yaml"), "--region", INITIAL, "--lang", lang, *args]
    child = pexpect.spawn(cmd[0], cmd[1:], cwd=str(tmp_path), env=env, encoding="utf-8", dimensions=(24, 80), timeout=30)
    child.logfile_read = io.StringIO()
    return child


def screen_text(child) -> str:
    """Everything the terminal was sent, escape sequences removed."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]", "", child.logfile_read.getvalue())


def test_a_person_types_answers_ticks_and_stops_with_ctrl_c(tmp_path):
    child = spawn(tmp_path)
    child.expect("申报级别")
    child.send("\r")
    child.expect("姓名")
    child.send("李娜\r")
    child.expect("身份证号")
    child.send("110101199003071233\r")
    child.expect("1101\\*+1233")  # the echo is masked
    child.expect("联系电话")
    child.send("1381234567\r")  # 10 digits: refused in place
    child.expect("手机号应为 11 位")
    child.send("\x15" + "13812345678\r")
    child.expect("申报专业")
    child.send("机械设计\r")
    child.expect("单位名称")
    child.send("盐城某机械公司\r")
    child.expect("退休")  # no 单位性质: no rule of this region reads it
    child.send("\r")
    child.expect("学历层次")  # the first entry opens without a ＋添加 menu
    child.send(DOWN * 4 + "\r")
    child.expect("毕业院校")
    child.send("南京工业大学\r")
    child.expect("所学专业")
    child.send("机械工程\r")
    child.expect("毕业时间")
    child.send("2021年7月1日\r")
    child.expect("属实的请勾选")  # the degree is ticked with the yes/no questions
    child.send(DOWN + " " + "\r")  # untick 相同或相近
    child.expect("已填 1 条")
    assert "以下各项，属实的请勾选 普通全日制、获得学士学位\r" in screen_text(child)  # the echo names what stays ticked
    # a typed answer's echo is the question and the answer, without the hint shown while typing
    assert "? 毕业时间 2021年7月1日\r" in screen_text(child) and "? 身份证号 1101**********1233\r" in screen_text(child)
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    draft = (tmp_path / "p.draft.yaml").read_text(encoding="utf-8")
    assert "related: false" in draft and "phone: '13812345678'" in draft or 'phone: "13812345678"' in draft


def test_english_ticks_echo_in_english(tmp_path):
    child = spawn(tmp_path, lang="en")
    child.expect("Level applied for")
    child.send("\r")
    for answer in ("Li Na", "110101199003071233", "", "mechanical design", "ACME"):
        child.send(answer + "\r")
    child.expect("Retired")
    child.send("\r")
    child.expect("Level")
    child.send(DOWN * 4 + "\r")
    for answer in ("NJTech", "mechanical engineering", "2021-07-01"):
        child.send(answer + "\r")
    child.expect("Tick each that is true")
    child.send("\r")
    child.expect("so far")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    shown = screen_text(child)
    # the echo is wider than 80 columns: it breaks between words (prompt_toolkit cut "s|pecialty")
    echo = shown[shown.rfind("? Tick each that is true") :].split("\r\r\n")[:2]
    assert (
        " ".join(echo)
        == "? Tick each that is true Full-time, Major the same as or close to the declared specialty, Bachelor's degree awarded"
    )
    assert all(len(line) < 80 for line in echo)
    assert "done (" not in shown and "selections" not in shown
