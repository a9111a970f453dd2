"""How many prompts a person answers in `titlecli interview`, for fixed personas.

Each persona is driven through the real interview with its prompt layer answering by question
key (titlecli/interview/scripted.py); a prompt is one answer or one menu choice, as a person
counts them.  The counts are printed beside those measured before issue 17 (the same personas,
answered the old way: each assessment ＋添加 → year → result, each document 4 fields), those
after its first pass, and the issue's targets.  No timing: the figure is a count, so the
machine's load does not move it.

    python bench/interview.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from titlecli.i18n import set_lang  # noqa: E402
from titlecli.interview.scripted import Scripted  # noqa: E402
from titlecli.profile import load_profile  # noqa: E402

# measured on main at c605bba (before issue 17), the same personas and answers
BEFORE = {"yancheng": 35, "changzhi": 142, "shanghai": 50}
# after issue 17's first pass (db12139): one-answer assessments, documents as one step
FIRST_PASS = {"yancheng": 28, "changzhi": 55, "shanghai": 37}
TARGET = {"yancheng": 25, "changzhi": 50, "shanghai": None}

SCANS = [  # file name -> what a clerk's scanner folder holds for the Changzhi persona
    "01 身份证.pdf",
    "02 毕业证.pdf",
    "03 学位证.pdf",
    "04 学信网备案表.pdf",
    "05 照片.jpg",
    "06 社保证明.pdf",
    "07 助理工程师职称证.pdf",
    "08 论文 齿轮疲劳寿命.pdf",
    "09 论文 主轴热变形.pdf",
    "10 业绩 生产线技术改造验收.pdf",
    "11 年度考核表.pdf",
    "12 工作总结.pdf",
]


def _scans(folder: Path) -> Path:
    from PIL import Image

    d = folder / "scans"
    d.mkdir()
    for name in SCANS:
        if name.endswith(".jpg"):
            Image.new("RGB", (20, 28), "white").save(d / name, "JPEG")
        else:
            (d / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
    return d


def yancheng(folder: Path) -> dict:
    """A Yancheng bachelor (初定 助理工程师): one school, one job, an information-literacy certificate."""
    return {
        "application.series": "engineering",
        "application.level": "assistant",
        "name": "陈思远",
        "id_number": "320902199304120616",
        "phone": "13912345678",
        "application.specialty": "机械设计",
        "employer.name": "盐城市某汽车零部件有限公司",
        "education:menu": ["done"],
        "education.level": ["bachelor"],
        "education.school": ["盐城工学院"],
        "education.major": ["机械设计制造及其自动化"],
        "education.graduated": ["2015-06-30"],
        "work:menu": ["done"],
        "work.post": ["机械设计"],
        "work.start": ["2015-07-10"],
        "certificates:menu": ["done"],
        "certificates.kind": ["info_literacy"],
        "certificates.obtained": ["2015-11-20"],
    }


def changzhi(folder: Path) -> dict:
    """A Changzhi 工程师 (中级 评审): 6 assessments, 2 papers, 1 achievement, 12 documents."""
    scans = _scans(folder)
    return {
        "application.series": "engineering",
        "application.level": "intermediate",
        "name": "张伟",
        "id_number": "140402199205153219",
        "phone": "13812345678",
        "application.specialty": "机械设计",
        "employer.name": "长治市某机械制造有限公司",
        "education:menu": ["done"],
        "education.level": ["bachelor"],
        "education.school": ["太原理工大学"],
        "education.major": ["机械设计制造及其自动化"],
        "education.graduated": ["2014-07-01"],
        "work:menu": ["done"],
        "work.post": ["机械设计"],
        "work.start": ["2014-07-15"],
        "titles:menu": ["done"],
        "titles.level": ["assistant"],
        "titles.obtained": ["2016-09-01"],
        "titles.route": ["initial"],
        "assessments": ["2016-2021 合格，2020 优秀"],
        "papers:menu": ["add", "done"],
        "papers.title": ["某型减速器齿轮的疲劳寿命分析", "数控机床主轴热变形补偿方法研究"],
        # the source as a reference gives it, and the plagiarism report's word count and rate
        "papers.journal+published": ["机械工程与自动化 2020-06", "《机械工程与自动化》2021年3月"],
        "papers.role": ["first", "sole"],
        "papers.words+plagiarism_rate": ["3200 字，12%", "4100 9%"],
        "achievements:menu": ["done"],
        "achievements.title": ["某生产线技术改造"],
        "achievements.year": ["2020"],
        "achievements.level": ["municipal"],
        "achievements.role": ["lead"],
        "achievements.accepted": [True],
        "documents.folder": [str(scans)],
    }


def shanghai(folder: Path) -> dict:
    """A Shanghai bachelor with a high-school entry, two jobs and a gap between them (explained)."""
    return {
        "application.series": "engineering",
        "application.level": "assistant",
        "name": "周敏",
        "id_number": "110101199003071233",
        "phone": "021-64041234",
        "application.specialty": "电气工程",
        "employer.name": "上海某电气有限公司",
        "education:menu": ["add", "done"],
        "education.level": ["high_school", "bachelor"],
        "education.school": ["上海市某中学", "上海电力大学"],
        "education.major": ["电气工程及其自动化"],
        "education.graduated": ["2008-06-30", "2012-07-01"],
        "work:menu": ["add", "done"],
        # the first entry is the present job (the employer named above); the earlier one after it
        "work.post": ["电气设计", "技术员"],
        "work.start": ["2014-03-01", "2012-07-15"],
        "work.gap_note": ["待业，准备研究生考试"],  # asked once the history shows the gap
        "work.employer": ["上海某设备公司"],
        "work.end": ["2013-08-31"],
    }


PERSONAS = {"yancheng": ("jiangsu-yancheng", yancheng), "changzhi": ("shanxi-changzhi-2022", changzhi), "shanghai": ("shanghai", shanghai)}


def run(name: str, lang: str = "zh") -> Scripted:
    region, persona = PERSONAS[name]
    set_lang(lang)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        s = Scripted(folder / f"{name}.yaml", persona(folder), region=region, as_of=date(2022, 8, 1))
        code = s.run()
        if s.unused():  # an answer no question took: the persona no longer says what it means to
            raise SystemExit(f"{name}: answers no question took: {s.unused()}")
        if code != 0 or not (folder / f"{name}.yaml").exists():
            raise SystemExit(f"{name}: the interview did not save (exit {code})\n{s.output[-2000:]}")
        load_profile(folder / f"{name}.yaml")  # what was saved is a valid profile
    return s


def main() -> int:
    print(f"{'persona':<10} {'before':>6} {'1st pass':>8} {'now':>5} {'target':>7}")
    missed = False
    for name in PERSONAS:
        s = run(name)
        target = TARGET[name]
        ok = target is None or s.count() <= target
        missed |= not ok
        print(
            f"{name:<10} {BEFORE[name]:>6} {FIRST_PASS[name]:>8} {s.count():>5} {('≤ ' + str(target)) if target else '':>7}{'' if ok else '  (over target)'}"
        )
        if "-v" in sys.argv:
            print("   " + " ".join(s.asked_keys()))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
