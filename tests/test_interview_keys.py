"""`titlecli interview` answered by question key (titlecli/interview/scripted.py).

Each test says which questions it answers, not which keys a person presses in which order: a
question added elsewhere in the interview changes nothing here.  A list answers a question each
time it is asked, in order; a question not named gets what Enter gives.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_interview import LI, bachelor

from titlecli.i18n import set_lang
from titlecli.interview.scripted import Scripted, ScriptError
from titlecli.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
INITIAL = str(ROOT / "tests" / "data" / "regions" / "interview-initial.yaml")


@pytest.fixture(autouse=True)
def _zh():
    set_lang("zh")
    yield
    set_lang("zh")


def interview(target: Path, answers: dict, region: str | None = INITIAL, **kw) -> Scripted:
    s = Scripted(target, answers, region=region, **kw)
    s.code = s.run()
    assert not s.unused(), f"questions never asked: {s.unused()}"
    return s


BACHELOR = LI | bachelor()  # 李娜, a bachelor of 2021 (the interview tests' persona)


def test_a_bachelor_answered_by_question_is_saved_and_checked(tmp_path):
    s = interview(tmp_path / "li.yaml", BACHELOR)
    assert s.code == 0, s.output
    p = load_profile(tmp_path / "li.yaml")
    assert p.education[0].degree == "bachelor"  # 学士 offered for a bachelor entry, Enter took it
    assert p.work[0].employer == "盐城某机械公司" and p.work[0].end is None
    assert "符合" in s.output
    assert "论文论著" not in s.output  # the initial route reads no papers: not asked
    assert "papers:menu" not in s.asked_keys()


def test_an_answer_no_question_took_is_reported(tmp_path):
    with pytest.raises(AssertionError, match="papers.title"):
        interview(tmp_path / "li.yaml", BACHELOR | {"papers.title": ["齿轮"]})


def test_a_refused_answer_is_retyped_from_the_list(tmp_path):
    s = interview(tmp_path / "li.yaml", BACHELOR | {"id_number": ["110101199003071234", "110101199003071233"]})
    idn = next(a for a in s.log if a.key == "id_number")
    assert idn.refused and "校验位" in idn.refused[0]
    with pytest.raises(ScriptError, match="校验位"):
        Scripted(tmp_path / "x.yaml", BACHELOR | {"id_number": "110101199003071234"}, region=INITIAL, as_of=date(2022, 8, 1)).run()
