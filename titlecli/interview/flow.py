"""The interview itself: questionary prompts over the questions of questions.py.

Order: region, series and level first; then each section of the profile the region's rules
need (needs.py) or that already holds answers; then a review screen from which any section
can be revisited; then an atomic save and the check.  Every section finished is written to a
draft next to the target, and Ctrl-C writes the answers so far, so nothing typed is lost.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import questionary
from prompt_toolkit.application.current import get_app
from prompt_toolkit.formatted_text import FormattedText, fragment_list_to_text
from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from questionary import Choice
from rich.cells import cell_len

from .. import regions as regions_mod
from .. import terms
from ..atomic import write_text
from ..datafile import os_reason
from ..errors import Problem, UserError
from ..i18n import capital, t
from ..model import Level, mask_id
from ..term import esc, plain
from . import store
from .needs import essential_needs, level_choices, region_needs, series_choices, series_for_specialty
from .questions import (
    ASK_OBJECT,
    BOOL_SUGGESTED,
    CHOICE_NAMES,
    DEGREE_BY_EQUIVALENCE,
    DEGREES_FOR_LEVEL,
    HELP,
    ONLY_IF,
    PAIRS,
    SERIES_NAMES,
    SUGGESTED_DEGREE,
    Question,
    Section,
    choice_name,
    edit_text,
    file_problem,
    id_number_problem,
    label,
    pair_text,
    parse_answer,
    parse_pair,
    resolve_file,
    sections,
    short_label,
    show_value,
)

if TYPE_CHECKING:
    from ..rules import Region

_NONE = "__none__"
_SKIP = "__skip__"


def _cap(s: str) -> str:
    """An English term at the head of a tick (bachelor's -> Bachelor's)."""
    return s[:1].upper() + s[1:]


class SkipEntry(Exception):  # noqa: N818 - a signal, not an error
    """The person said "none" at the first question of an entry opened for them."""


HEAD = "head"  # the region / series / level section's key
STYLE = questionary.Style(
    [
        ("qmark", "fg:#5f87ff bold"),
        ("question", "bold"),
        ("instruction", "fg:#808080"),
        ("answer", "fg:#5fafaf bold"),
        ("pointer", "fg:#5f87ff bold"),
        ("highlighted", "fg:#5f87ff bold"),
    ]
)


class _MaskWhenDone(Processor):
    """Shows an ID number as 1404**********3219 once it has been entered (the echo)."""

    def apply_transformation(self, ti: TransformationInput) -> Transformation:
        if not get_app().is_done:
            return Transformation(ti.fragments)
        text = fragment_list_to_text(ti.fragments)
        return Transformation([("class:answer", mask_id(text) if len(text) >= 8 else text)])


def _echo(question, ticks: bool = False) -> None:
    """The echo of a finished choice, wrapped by the Chinese line-breaking rules at the
    terminal's width (prompt_toolkit breaks it anywhere: "declared s|pecialty").  For a
    checkbox (`ticks`) the echo names what was ticked, in the user's language; questionary
    printed "done (2 selections)".  The prompt's tokens are the message of the PromptSession
    questionary lays a choice out with."""
    from prompt_toolkit.formatted_text import to_formatted_text
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.shortcuts import PromptSession
    from questionary.prompts.common import InquirerControl

    windows = list(question.application.layout.find_all_windows())
    ic = next((w.content for w in windows if isinstance(w.content, InquirerControl)), None)
    owners = [getattr(w.content.text, "__self__", None) for w in windows if isinstance(w.content, FormattedTextControl)]
    session = next((o for o in owners if isinstance(o, PromptSession)), None)
    if ic is None or session is None or not callable(session.message):
        return
    tokens_of = session.message

    def message():
        tokens = to_formatted_text(tokens_of())
        if not ic.is_answered:
            return tokens
        rest = [tok for tok in tokens if tok[0] not in ("class:answer", "class:instruction")]
        if ticks:
            ticked = [str(c.title) for c in ic.choices if c.value in ic.selected_options]
            said = t("、", ", ").join(ticked) if ticked else t("（都不是）", "(none)")
        else:
            said = "".join(tok[1] for tok in tokens if tok[0] == "class:answer")
        return rest + [("class:answer", _wrapped_answer(fragment_list_to_text(rest), said))]

    session.message = message


def _echo_typed(question) -> None:
    """The echo of a typed answer without the hint shown while typing ("? 毕业时间 2015-06-30",
    not the hint again): a line in the scrollback per answer, which at 80 columns the hint made
    two, broken mid-word.  questionary's text prompt is a PromptSession whose message is its
    tokens."""
    from prompt_toolkit.formatted_text import to_formatted_text
    from prompt_toolkit.shortcuts import PromptSession

    windows = question.application.layout.find_all_windows()
    owners = [getattr(getattr(w.content, "text", None), "__self__", None) for w in windows]
    session = next((o for o in owners if isinstance(o, PromptSession)), None)
    if session is None or not callable(session.message):
        return
    tokens_of = session.message

    def message():
        tokens = to_formatted_text(tokens_of())
        if not question.application.is_done:
            # the hint wrapped between words where the line is wider than the terminal (was "ma|y be blank")
            asked = fragment_list_to_text([tok for tok in tokens if tok[0] != "class:instruction"])
            return [(k, _wrapped_answer(asked, v) if k == "class:instruction" else v, *rest) for k, v, *rest in tokens]
        kept = [tok for tok in tokens if tok[0] != "class:instruction"]
        if kept and kept[-1][0] == "class:question":  # " 毕业时间 " then the answer: one space between
            kept[-1] = (kept[-1][0], kept[-1][1].rstrip() + " ")
        return kept

    session.message = message


def _wrapped_answer(asked: str, said: str) -> str:
    """`said` with line breaks where the line `asked + said` breaks at the terminal's width."""
    from ..linebreak import wrap

    try:
        columns = get_app().output.get_size().columns
    except Exception:  # no terminal size to be had: leave the line to the terminal
        return said
    if cell_len(asked + said) < columns:
        return said
    lines = wrap(asked + said, columns - 1, cell_len)
    joined = "\n".join(lines)
    head = asked.rstrip()
    if not joined.startswith(head):
        return said
    tail = joined[len(head) :]
    return tail[len(asked) - len(head) :] if tail.startswith(asked[len(head) :]) else tail


class Interview:
    def __init__(self, target: Path, console, region_ref: str | None = None, as_of: date | None = None):
        self.target = Path(target)
        self.console = console
        self.region_ref = region_ref
        self.as_of = as_of or date.today()
        self.draft = store.draft_path(self.target)
        self.doc: Any = None
        self.original_text: str | None = None
        self.data: dict = {}
        self.done: list[str] = []
        self.region: Region | None = None
        self.needs: set[str] = set()
        self.essential: set[str] = set()
        # entries added in this session, by id() (the value keeps the entry alive, so its id is never reused)
        self.fresh: dict[int, Any] = {}
        self.answered: set[tuple[int, str]] = set()  # (id(fresh entry), key) already asked: no more suggestions
        self.open: dict | None = None  # the list entry being answered: {section, entry, asked, new}, kept in the draft
        self.resume: dict | None = None  # the draft's open entry, finished first on resume
        self.sections = sections()

    # ------------------------------------------------------------------ prompts

    # Every prompt names its question by `key` (the profile path it answers, e.g. work.employer,
    # or the menu it is: work:menu, review): interview/scripted.py answers by that key.

    def _ask(self, q) -> Any:
        return q.unsafe_ask()

    def text(self, message: str, default: str = "", validate=None, instruction: str | None = None, *, key: str, **kw) -> str:
        q = questionary.text(
            message, default=default, validate=validate, instruction=instruction, style=STYLE, validate_while_typing=False, **kw
        )
        _echo_typed(q)
        return self._ask(q)

    def select(self, message: str, choices: list, default: Any = None, instruction: str | None = None, *, key: str) -> Any:
        values = [c.value for c in choices if isinstance(c, Choice) and not c.disabled]
        if default not in values:
            default = values[0] if values else None
        for c in choices:  # each choice starts a line: "Enterprise", "✓ Done, next part" in English
            if isinstance(c, Choice) and isinstance(c.title, str):
                c.title = capital(c.title)
        q = questionary.select(
            message,
            choices=choices,
            default=default,
            style=STYLE,
            instruction=instruction or t("（↑↓ 选择，回车确认）", "(arrows, Enter)"),
        )
        _echo(q)
        return self._ask(q)

    def path(self, message: str, default: str = "", validate=None, *, key: str) -> str:
        return self._ask(questionary.path(message, default=default, style=STYLE, validate_while_typing=False, validate=validate))

    def checkbox(self, message: str, choices: list, *, key: str) -> list:
        q = questionary.checkbox(
            message, choices=choices, style=STYLE, instruction=t("（空格勾选或取消，回车确认）", "(Space ticks or unticks, Enter confirms)")
        )
        _echo(q, ticks=True)
        return self._ask(q)

    def confirm(self, message: str, default: bool = True, *, key: str) -> bool:
        import questionary.prompts.confirm as qc

        qc.YES, qc.NO = t("是", "Yes"), t("否", "No")  # the echo of the answer
        hint = t("（Y 是 / n 否） ", "(Y/n) ") if default else t("（y 是 / N 否） ", "(y/N) ")
        return self._ask(questionary.confirm(message, default=default, style=STYLE, instruction=hint))

    # ------------------------------------------------------------------ one answer

    def ask(self, q: Question, item: dict, may_skip: bool = False) -> None:
        """Ask one question, pre-filled with the item's answer, and store the answer in item.
        With `may_skip` (the first question of an entry opened without asking) the answer may
        be "none": SkipEntry is raised."""
        # suggestions only pre-fill entries made in this session: an edited file stays as it was
        fresh = id(item) in self.fresh and (id(item), q.key) not in self.answered
        cur = item.get(q.key) if q.key in item or not fresh else self.suggest(q, item)
        suggested = fresh and q.key not in item
        if id(item) in self.fresh:
            self.answered.add((id(item), q.key))
        if q.path == "titles.name" and suggested and cur and cur != terms.LEVELS.zh(item.get("level") or ""):
            # the region names the title of that series and level (工程师): nothing to ask
            item[q.key] = cur
            return
        if q.path == "titles.series":  # free text in the model; typed 工程系列 would never match engineering
            q = self.series_question(q, cur)
        if q.type == "object":
            self.ask_object(q, item, cur)
        elif q.type == "choice":
            self.ask_choice(q, item, cur, may_skip)
        elif q.type == "bool":
            default = cur if isinstance(cur, bool) else (q.default if isinstance(q.default, bool) else BOOL_SUGGESTED.get(q.path, False))
            self._set(item, q, bool(self.confirm(q.label, default, key=q.path)))
        elif q.type == "id_number" and cur and id_number_problem(str(cur)) is None:
            self.ask_kept_id(q, item, str(cur))
        elif q.type == "file":
            base = self.target.parent
            v = self.path(q.label, edit_text(q, cur), validate=lambda s: file_problem(s, base) or True, key=q.path)
            self._set(item, q, self._relative(v.strip()))
        else:
            self.ask_text(q, item, cur, cur if suggested and cur else None, may_skip)

    def ask_object(self, q: Question, item: dict, cur: Any) -> None:
        """An optional group of answers (学信网备案表): a yes/no first, then its questions."""
        ask = ASK_OBJECT.get(q.path)
        message = t(*ask) if ask else t(f"是否填写{q.label}？", f"Fill in {q.label}?")
        if not self.confirm(message, default=isinstance(cur, dict), key=q.path):
            self._set(item, q, None)
            return
        sub = dict(cur) if isinstance(cur, dict) else {}
        item[q.key] = sub
        for sq in q.sub:
            self.ask(sq, sub)

    def series_question(self, q: Question, cur: Any) -> Question:
        """A title's series as a choice among the series known here (a file's own word kept)."""
        region = self.region
        known = [x for x in [*SERIES_NAMES, *(region.series_names if region else {}), *(region.titles if region else {})] if x != "*"]
        if cur and cur not in known:
            known.insert(0, cur)
        return dataclasses.replace(q, type="choice", choices=list(dict.fromkeys(known)), choice_type=None)

    def ask_choice(self, q: Question, item: dict, cur: Any, may_skip: bool) -> None:
        names = CHOICE_NAMES.get(q.choice_type, {})
        choices = [
            Choice(t(*names[v]) if v in names else self.series_name(v) if q.path == "titles.series" else str(v), value=v) for v in q.choices
        ]
        if q.path == "education.degree":
            choices = self.degree_choices(choices, item.get("level"), cur)
        if q.optional:
            choices.append(Choice(t("（不填）", "(leave blank)"), value=_NONE))
        if may_skip:
            part = short_label(q.path.split(".")[0])
            choices.append(Choice(t(f"（没有{part}，跳过这一部分）", f"(no {part.lower()}: skip this part)"), value=_SKIP))
        if cur is not None:
            default = cur
        elif q.default not in (None, dataclasses.MISSING):
            default = q.default
        else:
            default = _NONE if q.optional else None
        v = self.select(q.label, choices, default, key=q.path)
        if v == _SKIP:
            raise SkipEntry
        self._set(item, q, None if v == _NONE else v)

    def ask_kept_id(self, q: Question, item: dict, cur: str) -> None:
        """An ID number already given: never shown in full again, Enter keeps it."""
        v = self.text(
            q.label,
            "",
            validate=lambda s: True if not s.strip() else self._check(q, s, item),
            instruction=t(f"（回车保持 {mask_id(cur)}）", f"(Enter keeps {mask_id(cur)})"),
            input_processors=[_MaskWhenDone()],
            key=q.path,
        )
        self._set(item, q, cur if not v.strip() else parse_answer(q, v))

    def ask_text(self, q: Question, item: dict, cur: Any, offered: Any, may_skip: bool) -> None:
        """A typed answer.  A suggested word (`offered`) is never typed into the answer (typing
        would add to it): the answer starts empty and Enter takes the suggestion, as the hint
        says.  With `may_skip`, Enter alone at a required question skips the entry."""
        extra: dict = {}
        if q.type == "id_number":
            extra["input_processors"] = [_MaskWhenDone()]
        hints = [q.help] if q.help else []
        if q.optional:
            hints = [f"{hints[0]}{t('，可留空', '; may be blank')}"] if hints else [t("可留空", "may be blank")]
        if offered is not None:
            cur = None
            extra["placeholder"] = FormattedText([("class:answer", str(offered))])  # shown while nothing is typed, and as the echo
            hints.insert(0, t(f"回车即为“{offered}”", f"Enter gives {offered!r}"))
        skippable = may_skip and not q.optional and offered is None
        if skippable:
            hints.insert(0, t("没有则直接回车，跳过这一部分", "Enter alone if none: skips this part"))
        instruction = t("；", "; ").join(hints)
        v = self.text(
            q.label,
            edit_text(q, cur),
            validate=lambda s: True if (offered is not None or skippable) and not s.strip() else self._check(q, s, item),
            instruction=t(f"（{instruction}）", f"({instruction})") if instruction else None,
            key=q.path,
            **extra,
        )
        if skippable and not v.strip():
            raise SkipEntry
        self._set(item, q, offered if offered is not None and not v.strip() else parse_answer(q, v))

    @staticmethod
    def degree_choices(choices: list, level: str | None, cur: Any) -> list:
        """Only the degrees the education level can carry; a higher one is named as 同等学力."""
        allowed = DEGREES_FOR_LEVEL.get(str(level))
        if allowed is None:
            return choices
        by_value = {c.value: c for c in choices}
        out = []
        usual = allowed[0]
        for v in allowed:
            c = by_value[v]
            if v not in ("none", usual) and allowed.index(v) > allowed.index("none"):
                c = Choice(f"{c.title}{t(*DEGREE_BY_EQUIVALENCE)}", value=v)
            out.append(c)
        if cur is not None and cur not in allowed and cur in by_value:  # a file's answer stays offered
            out.insert(0, by_value[cur])
        return out

    def suggest(self, q: Question, item: dict) -> Any:
        """A sensible pre-filled answer for a new entry (the user can change it)."""
        app = self.data.get("application") or {}
        if q.path == "titles.series":
            return app.get("series")
        if q.path == "titles.name" and self.region is not None and item.get("level"):
            from ..regions import title_name

            # the name the profile keeps is the region's Chinese one, whatever the language asked in
            return title_name(self.region, str(item.get("series") or app.get("series") or "*"), item["level"], "zh")
        if q.path == "education.degree":
            return SUGGESTED_DEGREE.get(item.get("level") or "")
        if q.path == "assessments.grade":
            return "qualified"
        if q.path == "work.employer":
            # the employer named above, for the one work entry that is most likely that job
            name = (self.data.get("employer") or {}).get("name")
            others = [w for w in self.data.get("work") or [] if isinstance(w, dict) and w is not item]
            return name if name and not any(w.get("employer") == name for w in others) else None
        return None

    def _check(self, q: Question, s: str, item: dict):
        try:
            v = parse_answer(q, s)
        except ValueError as e:
            return str(e)
        return self.value_problem(q, v, item) or True

    def value_problem(self, q: Question, v: Any, item: dict) -> str | None:
        """Why an answer read from what was typed cannot be taken: its checks across answers,
        and the length the region's online system allows."""
        if q.validator is not None:
            msg = q.validator(v, item, self.data)
            if msg:
                return msg
        limit = self.limits().get(q.path)
        if limit is not None and isinstance(v, str) and len(v) > limit:
            system = self.region.online.system if self.region is not None and self.region.online else ""
            return t(f"{system}限 {limit} 字以内（现为 {len(v)} 字）", f"{system} allows at most {limit} characters (this has {len(v)})")
        return None

    def limits(self) -> dict[str, int]:
        """Field lengths the region's online system accepts (its field_length checks)."""
        if self.region is None or self.region.online is None:
            return {}
        return {
            c.field_: c.max_chars for c in self.region.online.checks if c.kind == "field_length" and c.field_ and c.max_chars is not None
        }

    def _relative(self, s: str) -> str:
        p = resolve_file(s, self.target.parent)
        if p is None:
            return s
        import os

        try:
            return Path(os.path.relpath(p.resolve(), self.target.parent.resolve())).as_posix()
        except ValueError:  # another drive on Windows
            return str(p.resolve())

    @staticmethod
    def _set(item: dict, q: Question, value: Any) -> None:
        """Store an answer; a default answer to a question the file did not have adds nothing."""
        if q.key not in item:
            dflt = None if q.default is dataclasses.MISSING else q.default
            if value is None or value == dflt:
                return
        item[q.key] = value

    def asked(self, q: Question, item: dict) -> bool:
        if item.get(q.key) not in (None, False, ""):
            return True
        if q.path == "work.gap_note":  # asked after the whole history, where there is a gap (ask_gap_notes)
            return False
        beside = ONLY_IF.get(q.path)
        if beside is not None and item.get(beside[0], beside[2]) not in beside[1]:
            return False
        return q.when is None or q.when in self.needs

    # ------------------------------------------------------------------ sections

    def shown(self, sec: Section) -> bool:
        return sec.always or sec.key in self.needs or bool(self.data.get(sec.key))

    def run_head(self) -> None:
        app = self.data.setdefault("application", {})
        if self.region_ref:
            app["region"] = self.region_ref
            if regions_mod.looks_like_path(self.region_ref):  # paths in a profile are relative to its folder
                import os

                p = Path(self.region_ref).resolve()
                try:
                    app["region"] = Path(os.path.relpath(p, self.target.parent.resolve())).as_posix()
                except ValueError:  # another drive on Windows
                    app["region"] = str(p)
            self.load_region(say=False)
            self.console.print(
                plain(t(f"地区：{self.region_label()}（--region）", f"Region: {self.region_label()} (--region)")), markup=False
            )
            self.say_notice()
        else:
            files = regions_mod.all_files()
            choices = []
            for rid in files:
                try:
                    offered = regions_mod.load(rid)
                    name = regions_mod.region_name(offered)
                    # an ended notice, or one with no stated period, is said before it is picked
                    state = offered.notice.short_status(self.as_of)
                    # cut to the terminal's width (prompt_toolkit cuts mid-word), never losing the state
                    said = t(f"（{state}）", f" ({state})") if state else ""
                    room = max(self.console.width - 6, 30) - cell_len(said)
                    choices.append(Choice(self.cut(name, room) + said, value=rid))  # its name, not its id
                except UserError:
                    continue
            cur = app.get("region")
            if cur and cur not in files:
                choices.insert(0, Choice(str(cur), value=cur))
            if not choices:
                raise UserError(Problem(None, "region", t("没有可用的地区规则文件", "no region files found")))
            app["region"] = self.select(
                t("申报地区（所依据的通知）", "Region (the notice you apply under)"), choices, cur, key="application.region"
            )
            self.load_region()
        reg = self.region
        assert reg is not None  # load_region read it, on either branch
        series = series_choices(reg)
        cur = app.get("series")
        if cur and cur not in series:
            series.insert(0, cur)
        if len(series) == 1:
            app["series"] = series[0]
            self.console.print(
                t(
                    f"系列：{self.series_name(series[0])}（本地区唯一的系列）",
                    f"Series: {self.series_name(series[0])} (the only one in this region)",
                ),
                markup=False,
            )
        else:
            app["series"] = self.ask_series(app, series, cur)
        levels = level_choices(reg, app["series"])
        from ..engine import ROUTE_NAMES
        from ..regions import title_name

        lv_names = CHOICE_NAMES[Level]
        choices = []
        for lv, kinds in levels:
            routes = t("、", ", ").join(t(*ROUTE_NAMES[k]) for k in kinds)
            title = title_name(reg, app["series"], lv)
            name = t(*lv_names[lv]) + (f" · {title}" if title != t(*lv_names[lv]) else "")
            choices.append(Choice(t(f"{name}（{routes}）", f"{name} ({routes})"), value=lv))
        choices.append(Choice(t("不指定（检查所有级别）", "not set (check every level)"), value=_NONE))
        cur_level = app.get("level")
        if cur_level:
            default = cur_level
        elif self.original_text is not None or not levels:  # an edited file without a level keeps none
            default = _NONE
        else:
            default = levels[0][0]
        v = self.select(t("申报级别", "Level applied for"), choices, default, key="application.level")
        if v == _NONE:
            app.pop("level", None)
        else:
            app["level"] = v
        self.update_needs()

    def ask_series(self, app: dict, series: list[str], cur: str | None) -> str:
        """The series, after the specialty: the one series the specialty's words name (机械设计 →
        工程系列, 会计 → 会计系列) is offered, Enter takes it."""
        spec = next(q for q in self.application_questions() if q.key == "specialty")
        self.ask(spec, app)
        self.done.append("application")  # its one question is asked here, not again after the basic facts
        guess = None if cur else series_for_specialty(app.get("specialty"), series)
        hint = None
        if guess:
            said = t(
                f"按申报专业“{app['specialty']}”推荐{self.series_name(guess)}", f"{self.series_name(guess)} suggested by your specialty"
            )
            hint = t(f"（↑↓ 选择，回车确认；{said}）", f"(arrows, Enter; {said})")
        return self.select(
            t("职称系列", "Title series"),
            [Choice(self.series_name(s), value=s) for s in series],
            cur or guess,
            hint,
            key="application.series",
        )

    def application_questions(self) -> list[Question]:
        return next(sec.questions for sec in self.sections if sec.key == "application")

    def region_label(self) -> str:
        if self.region is None:
            return ""
        return regions_mod.region_name(self.region)

    def series_name(self, s: str | None) -> str:
        """A series by its name (the region's wording in Chinese); the vocabulary's names are
        one a series, so the key (engineering) is never shown beside it."""
        return terms.series_name(s, self.region)

    def load_region(self, say: bool = True) -> None:
        ref = self.data["application"]["region"]
        self.region = regions_mod.load(str(ref), self.target.parent)
        if say:
            self.say_notice()

    def say_notice(self) -> None:
        """Before the first question about the applicant: a notice that has ended, or states no
        period, is said once (audit of issue 12)."""
        said = self.region.notice.status_message(self.as_of) if self.region else None
        if said:
            self.console.print(plain("⚠ " + said), style="yellow", markup=False, highlight=False)

    def update_needs(self) -> None:
        app = self.data.get("application") or {}
        employer = self.data.get("employer")
        # an answer left at the model's default is not written down: no type is an enterprise
        etype = employer.get("type", "enterprise") if isinstance(employer, dict) and employer else None
        self.needs = region_needs(self.region, app.get("series"), app.get("level"), etype) if self.region else set()
        self.essential = essential_needs(self.region, app.get("series"), app.get("level")) if self.region else set()

    def run_section(self, sec: Section) -> None:
        self.console.print(f"\n[bold]── {sec.label} ──[/]")
        if sec.key in HELP:
            self.console.print(f"[dim]{capital(t(*HELP[sec.key]))}[/]")
        if sec.shape == "scalars":
            for q in sec.questions:
                if self.asked(q, self.data):
                    self.ask(q, self.data)
        elif sec.shape == "object":
            item = self.data.get(sec.key)
            item = dict(item) if isinstance(item, dict) else {}
            self.data[sec.key] = item
            for i, q in enumerate(sec.questions):
                if sec.optional and i == 0:  # e.g. no employer: leave the name blank
                    self.ask(dataclasses.replace(q, optional=True), item)
                    if item.get(q.key) is None:
                        item.clear()
                    break
                else:
                    break
            self.ask_all([q for q in sec.questions[1 if sec.optional and item else 0 :] if not sec.optional or item], item)
            if not item:
                del self.data[sec.key]
        elif sec.shape == "list":
            self.run_documents(sec) if sec.key == "documents" else self.run_list(sec)
        else:
            self.run_years(sec) if len(sec.questions) > 2 else self.run_grades(sec)

    def summary(self, sec: Section, item: dict) -> str:
        """One line for an entry: its first answers, a choice left at its default included (企业级,
        参与); yes/no answers are left out, a bare "是" says nothing without its question."""
        if not any(item.get(q.key) not in (None, "") for q in sec.questions):
            return t("（空）", "(empty)")
        parts = [
            self.answer_text(q, self.value(q, item))
            for q in sec.questions
            if q.type not in ("object", "bool") and self.value(q, item) not in (None, "")
        ]
        return " · ".join(parts[:4]) or t("（空）", "(empty)")

    def answer_text(self, q: Question, v: Any) -> str:
        """An answer as the review and the lists show it (a series by its name, not its key)."""
        if q.path == "titles.series" and isinstance(v, str):
            return terms.series_name(v, self.region)
        if q.path == "titles.name" and isinstance(v, str) and v and self.region is not None:
            # the file keeps the region's Chinese name (助理工程师); English shows its English one
            return regions_mod.held_title_name(self.region, v, "")
        # a bare 3200 · 12% on the review said neither what nor of what
        if q.path == "papers.words" and isinstance(v, int):
            return t(f"{v} 字", f"{v} words")
        if q.path == "papers.plagiarism_rate" and isinstance(v, (int, float)):
            return t(f"查重率 {show_value(q, v)}", f"plagiarism {show_value(q, v)}")
        return show_value(q, v)

    def _menu(self, sec: Section, labels: list[str], count: int, added: bool = False) -> str:
        # ＋添加 first and ✓完成 last: Down from ＋添加 reaches the entries, never the way out
        choices = [Choice(t("＋ 添加一条", "+ add one"), value="add")]
        for i, s in enumerate(labels):
            choices.append(Choice(t(f"✎ 修改：{s}", f"✎ edit: {s}"), value=f"edit:{i}"))
        if count:
            choices.append(Choice(t("✗ 删除一条", "✗ remove one"), value="remove"))
        choices.append(Choice(t("✓ 完成，继续下一部分", "✓ done, next part"), value="done"))
        # a new profile is led to what its rules need, and after an entry to the next one; Enter
        # through an edited file changes nothing
        default = "add" if added or not count and self.leads(sec) else "done"
        msg = t(f"{sec.label}（已填 {count} 条）", f"{sec.label} ({count} so far)")
        return self.select(msg, choices, default, key=f"{sec.key}:menu")

    def leads(self, sec: Section) -> bool:
        """Whether a new profile is led into this part's first entry: every applicant has an
        education and a job, and the rules for this level read the part whatever the pathway.
        Enter through an edited file changes nothing."""
        return self.original_text is None and (sec.key in self.essential or sec.key in ("education", "work"))

    def _remove_choice(self, labels: list[str]) -> int | None:
        choices = [Choice(t("（不删除，返回）", "(keep all, go back)"), value=-1)] + [Choice(s, value=i) for i, s in enumerate(labels)]
        i = self.select(t("删除哪一条？", "Remove which one?"), choices, -1, key="remove")
        return None if i == -1 else i

    def run_list(self, sec: Section) -> None:
        """A part with entries: first what a file or a draft left unfinished, then (on a new
        profile) the part's first entry, then the menu of entries."""
        had = sec.key in self.data
        items = self.data.get(sec.key)
        items = [dict(x) if isinstance(x, dict) else {} for x in items] if isinstance(items, list) else []
        self.data[sec.key] = items
        self.finish_entries(sec, items)
        added = False
        if not items and self.leads(sec):  # the part's first entry is opened without a menu
            self.console.print(t("[dim]逐条填写；填完一条后可继续添加。[/]", "[dim]One entry at a time; add more after the first.[/]"))
            if not self.add_entry(sec, items):
                if not had:
                    self.data.pop(sec.key, None)
                return
            added = True
        self.entries_menu(sec, items, added)
        if sec.key == "work" and "work.gap_note" in self.needs:
            self.ask_gap_notes(sec, items)
        if not items and not had:
            self.data.pop(sec.key, None)

    def ask_gap_notes(self, sec: Section, items: list[dict]) -> None:
        """Once the whole history is known, a note for each gap the region's online system
        wants explained, asked with its dates; inside an entry the question could not know
        whether a gap comes before it (the present job is entered first)."""
        q = next(q for q in sec.questions if q.key == "gap_note")
        for entry, after, until in self.work_gaps(items):
            if entry.get("gap_note"):
                continue
            v = self.text(
                t(
                    f"{after} 至 {until} 之间没有工作经历，请说明当时的情况",
                    f"No work between {after} and {until}: what were you doing?",
                ),
                "",
                validate=lambda s, entry=entry: self._check(q, s, entry),
                instruction=t("（如 待业、脱产读研；可留空）", "(e.g. unemployed, full-time study; may be blank)"),
                key=q.path,
            )
            self._set(entry, q, parse_answer(q, v))

    def work_gaps(self, items: list[dict]) -> list[tuple[dict, date, date]]:
        """(the entry after a gap, the gap's first and last day) for each gap longer than the
        region's online system allows (its continuous_work check), as `check` finds them."""
        days = (
            next((c.max_gap_days for c in self.region.online.checks if c.kind == "continuous_work"), None)
            if self.region and self.region.online
            else None
        )
        if days is None:
            return []
        dated = sorted((w for w in items if isinstance(w.get("start"), date)), key=lambda w: w["start"])
        out = []
        reach: date | None = None
        for w in dated:
            if reach is not None and (w["start"] - reach).days > days:
                out.append((w, reach, w["start"]))
            end: date = w["end"] if isinstance(w.get("end"), date) else date.max
            reach = end if reach is None else max(reach, end)
        return out

    def finish_entries(self, sec: Section, items: list[dict]) -> None:
        """The entry Ctrl-C stopped in, then each entry of a file that has a mistake or was
        left half-answered: their questions before the menu."""
        bad: dict[int, list[str]] = {}
        for p in self.problems():
            for i in range(len(items)):
                if p.path.startswith(f"{sec.key}[{i}]"):
                    bad.setdefault(i, []).append(p.message)
        resume, self.resume = (self.resume, None) if self.resume and self.resume.get("section") == sec.key else (None, self.resume)
        at = resume.get("entry") if resume else None
        if resume and isinstance(at, int) and 0 <= at < len(items):  # the entry Ctrl-C stopped in: its remaining questions
            it = items[at]
            if resume.get("new"):
                self.fresh[id(it)] = it
            self.say_unfinished(sec, it)
            self.ask_item(sec, it, entry=at, skip=resume.get("asked") or ())
        for i, it in enumerate(items):
            if i == at:
                continue
            if i in bad and not self.incomplete(sec, it):  # a file with a mistake in this entry
                self.console.print(
                    plain(
                        t(
                            f"这一条需要修改（{'；'.join(bad[i])}）：{self.summary(sec, it)}",
                            f"This entry needs a fix ({'; '.join(bad[i])}): {self.summary(sec, it)}",
                        )
                    ),
                    markup=False,
                )
                self.ask_item(sec, it, entry=i)
            elif self.incomplete(sec, it):  # left half-answered when the interview was interrupted
                self.say_unfinished(sec, it)
                self.ask_item(sec, it, only_missing=True, entry=i)

    def say_unfinished(self, sec: Section, item: dict) -> None:
        self.console.print(
            plain(t(f"继续填写未完成的一条：{self.summary(sec, item)}", f"Finishing an incomplete entry: {self.summary(sec, item)}")),
            markup=False,
        )

    def entries_menu(self, sec: Section, items: list[dict], added: bool) -> None:
        """＋添加 / ✎ 修改 / ✗ 删除 until ✓ 完成."""
        while True:
            labels = [self.summary(sec, it) for it in items]
            ans = self._menu(sec, labels, len(items), added)
            added = ans == "add"
            if ans == "done":
                return
            if ans == "add":
                # an entry added by mistake (Enter after the last one) is left with Enter alone
                added = self.add_entry(sec, items)
            elif ans.startswith("edit:"):
                self.ask_item(sec, items[int(ans[5:])], entry=int(ans[5:]))
            else:
                gone = self._remove_choice(labels)
                if gone is not None:
                    del items[gone]

    def add_entry(self, sec: Section, items: list[dict]) -> bool:
        """A new entry, appended to items; False (and nothing added) when its first question was
        answered with "none"."""
        item: dict = {}
        self.fresh[id(item)] = item
        items.append(item)
        skip: tuple[str, ...] = ()
        job = self.current_job(sec, items)
        if job:
            # the employer named above is the current job: its name and "still there" are not
            # asked again (✎ 修改 asks them, for the rare first entry that is not that job)
            item["employer"] = job
            skip = ("employer", "end")
            self.console.print(
                plain(t(f"先填现单位这段工作：{job}（至今）", f"First the job at your present employer: {job} (to date)")), markup=False
            )
        try:
            self.ask_item(sec, item, entry=len(items) - 1, skip=skip, may_skip=True)
        except SkipEntry:
            self.open = None
            items.pop()
            self.fresh.pop(id(item), None)
            return False
        return True

    def current_job(self, sec: Section, items: list[dict]) -> str | None:
        """The employer named in the employer part, where the entry just opened is the first of
        a new work history: that entry is the present job."""
        if sec.key != "work" or len(items) != 1 or self.original_text is not None:
            return None
        name = (self.data.get("employer") or {}).get("name")
        return str(name) if name else None

    # ------------------------------------------------------------------ documents from a folder

    def material_names(self) -> dict[str, str]:
        """Document kind -> the region's own name for that material (《初定呈报表》…), where it has one."""
        out: dict[str, str] = {}
        for m in getattr(self.region, "materials", None) or []:
            name = m.name if t("zh", "en") == "zh" else (m.name_en or m.name)
            out.setdefault(m.kind, name)
        return out

    def kind_choices(self) -> list[Choice]:
        """The region's materials first, in its order, then every other kind."""
        from ..model import DocumentKind

        names = CHOICE_NAMES[DocumentKind]
        own = self.material_names()
        choices = [Choice(name, value=k) for k, name in own.items()]
        choices += [Choice(capital(t(*names[k])), value=k) for k in names if k not in own]
        return choices

    def kind_name(self, kind: str) -> str:
        from ..model import DocumentKind

        # standing alone in the documents table: "Annual assessment form", as the region's own names
        return self.material_names().get(kind) or capital(choice_name(DocumentKind, kind))

    def run_documents(self, sec: Section) -> None:
        """Point at the folder of scans: its files are sorted into the region's materials by
        name (the matcher `batch` uses) and shown for confirmation, one fixed at a time.  A file
        holding documents already, or a person with no folder, gets the list of entries."""
        base = self.target.parent

        def folder_ok(s: str):
            if not s.strip():
                return True
            p = Path(s.strip()).expanduser()
            p = p if p.is_absolute() else base / p
            return True if p.is_dir() else t(f"不是文件夹：{s.strip()}", f"not a folder: {s.strip()}")

        had = [d for d in self.data.get("documents") or [] if isinstance(d, dict)]
        folder = self.path(
            t("材料扫描件所在的文件夹（回车跳过，可逐份添加）", "Folder holding the scans (Enter to skip and add them one by one)"),
            "",
            validate=folder_ok,
            key="documents.folder",
        ).strip()
        if not folder:
            if had or self.original_text is not None:
                self.run_list(sec)
            return
        p = Path(folder).expanduser()
        found = self.sort_scans(p if p.is_absolute() else base / p)
        if found:
            known = {str(d.get("file")) for d in had}
            self.data["documents"] = had + [d for d in found if d["file"] not in known]

    def sort_scans(self, folder: Path) -> list[dict]:
        from ..batch import list_attachments

        files = [a for a in list_attachments(folder, folder) if a.usable]
        skipped = [a.shown for a in list_attachments(folder, folder) if not a.usable]
        entries = [{"kind": a.kind, "file": self._relative(a.file)} for a in files]
        sure = [a.sorted for a in files]
        if skipped:
            self.console.print(
                plain(t(f"不能装订、略过：{'、'.join(skipped)}", f"Cannot be bound, left out: {', '.join(skipped)}")), markup=False
            )
        if not entries:
            self.console.print(t("这个文件夹里没有 PDF 或图片。", "No PDF or image in this folder."))
            return []
        while True:
            self.show_scans(entries, sure)
            choices = [
                Choice(t(f"✓ 加入这 {len(entries)} 份材料", f"✓ add these {len(entries)} documents"), value="ok"),
                Choice(t("✎ 改正其中一份的材料类别…", "✎ fix the material of one of them…"), value="fix"),
                Choice(t("✗ 不加入", "✗ add none of them"), value="none"),
            ]
            ans = self.select(t("材料归类正确吗？", "Is each file in the right material?"), choices, "ok", key="documents:confirm")
            if ans == "ok":
                return entries
            if ans == "none":
                return []
            room = max(self.console.width - 12, 20)
            which: list[Choice] = [
                Choice(self.cut(f"{i + 1}. {plain(Path(e['file']).name)} → {self.kind_name(e['kind'])}", room), value=i)
                for i, e in enumerate(entries)
            ]
            ans = self.select(
                t("改正哪一份？", "Fix which one?"), which + [Choice(t("（返回）", "(back)"), value=-1)], 0, key="documents:fix"
            )
            if ans == -1:
                continue
            e = entries[ans]
            e["kind"] = self.select(
                t(f"{Path(e['file']).name} 是哪一项材料？", f"Which material is {Path(e['file']).name}?"),
                self.kind_choices(),
                e["kind"],
                key="documents.kind",
            )
            sure[ans] = True

    @staticmethod
    def cut(text: str, room: int) -> str:
        """A choice shortened to the terminal's width (prompt_toolkit would cut it mid-word)."""
        from rich.cells import cell_len, set_cell_size

        return text if cell_len(text) <= room else set_cell_size(text, room - 1) + "…"

    def show_scans(self, entries: list[dict], sure: list[bool]) -> None:
        from rich.table import Table
        from rich.text import Text

        table = Table(show_header=True, box=None, padding=(0, 1))
        table.add_column("", justify="right", no_wrap=True)
        table.add_column(t("文件", "File"), overflow="fold")
        table.add_column(t("材料", "Material"), overflow="fold")
        for i, (e, ok) in enumerate(zip(entries, sure, strict=True), 1):
            kind = self.kind_name(e["kind"]) + ("" if ok else t("（名称未能识别）", " (not recognised from the name)"))
            table.add_row(f"{i}.", Text(plain(e["file"])), Text(kind, style="" if ok else "yellow"))
        self.console.print(table)

    @staticmethod
    def incomplete(sec: Section, item: dict) -> bool:
        return any(q.default is dataclasses.MISSING and item.get(q.key) in (None, "") for q in sec.questions)

    def ask_item(self, sec: Section, item: dict, only_missing: bool = False, entry: Any = None, skip=(), may_skip: bool = False) -> None:
        """Ask an entry's questions; while it is open the draft records which were answered, so a
        resume after Ctrl-C asks the rest (an answer equal to the default leaves no key to tell)."""
        self.open = {"section": sec.key, "entry": entry, "asked": list(skip), "new": id(item) in self.fresh}
        todo = [q for q in sec.questions if not (only_missing and q.key in item or q.key in skip)]
        self.ask_all(todo, item, done=self.open["asked"], may_skip=may_skip)
        self.open = None

    def ask_all(self, questions: list[Question], item: dict, done: list | None = None, may_skip: bool = False) -> None:
        """Ask questions in order; yes/no questions next to each other are one list to tick (an
        education's degree among them, see degree_ticks).  `done` collects the keys answered
        (the draft's record of an open entry); with `may_skip` the first question asked offers
        to skip the whole entry (raises SkipEntry)."""
        i = 0
        while i < len(questions):
            q = questions[i]
            group: list[Question] = []
            while i + len(group) < len(questions) and self.tickable(questions[i + len(group)], item):
                group.append(questions[i + len(group)])
            if len(group) > 1:
                i += len(group)
                shown = [g for g in group if self.asked(g, item)]
                if len(shown) > 1:
                    self.ask_flags(shown, item)
                elif shown:
                    self.ask(shown[0], item)
                if done is not None:
                    done += [g.key for g in group]
                continue
            pair = self.pair(q, questions[i + 1] if i + 1 < len(questions) else None, item)
            if pair is not None and not may_skip:
                i += 2
                self.ask_pair(q, pair, item)
                if done is not None:
                    done += [q.key, pair.key]
                continue
            i += 1
            if self.asked(q, item):
                self.ask(q, item, may_skip=may_skip)
                may_skip = False
            if done is not None:
                done.append(q.key)

    def pair(self, q: Question, after: Question | None, item: dict) -> Question | None:
        """The question asked in one prompt with q (PAIRS), where both are asked."""
        if after is None or PAIRS.get(q.path) != after.key:
            return None
        return after if self.asked(q, item) and self.asked(after, item) else None

    def ask_pair(self, a: Question, b: Question, item: dict) -> None:
        """Two answers written side by side, one prompt: 机械工程与自动化 2020-06, 3200 字，12%."""
        key = f"{a.path}+{b.key}"

        def check(s: str):
            try:
                va, vb = parse_pair(a, b, s)
            except ValueError as e:
                return str(e)
            return self.value_problem(a, va, item) or self.value_problem(b, vb, item) or True

        v = self.text(
            label(key),
            pair_text(a, b, item.get(a.key), item.get(b.key)),
            validate=check,
            instruction=t(f"（{t(*HELP[key])}）", f"({t(*HELP[key])})"),
            key=key,
        )
        va, vb = parse_pair(a, b, v)
        self._set(item, a, va)
        self._set(item, b, vb)

    def tickable(self, q: Question, item: dict) -> bool:
        return q.type == "bool" or self.degree_ticks(q, item) is not None

    def degree_ticks(self, q: Question, item: dict) -> tuple[str, tuple[str, ...]] | None:
        """(the usual degree, the higher ones by 同等学力) where an education entry's degree is two
        ticks beside its yes/no questions (获得学士学位, 以同等学力获得硕士、博士学位) instead of a
        question of its own; None where it stays a question (a file's degree the level cannot carry)."""
        if q.path != "education.degree" or not self.asked(q, item):
            return None
        allowed = DEGREES_FOR_LEVEL.get(str(item.get("level")))
        if allowed is None or item.get("degree") not in (None, *allowed):
            return None
        return allowed[0], allowed[allowed.index("none") + 1 :]

    def flag_choices(self, q: Question, item: dict) -> list[Choice]:
        """The ticks one question gives, each pre-ticked as it would be answered."""
        from ..model import Degree

        ticks = self.degree_ticks(q, item)
        if ticks is not None:
            usual, higher = ticks
            cur = item.get(q.key)
            has_usual = cur == usual or cur is None and id(item) in self.fresh
            out = [
                Choice(
                    t(f"获得{choice_name(Degree, usual)}学位", f"{_cap(choice_name(Degree, usual))} awarded"),
                    value=f"{q.path}:usual",
                    checked=has_usual,
                )
            ]
            if higher:
                names = t("或", " or ").join(choice_name(Degree, d) for d in higher)
                out.append(
                    Choice(
                        t(f"以同等学力获得{names}学位", f"{_cap(names)} by equivalent qualifications"),
                        value=f"{q.path}:equivalent",
                        checked=cur in higher,
                    )
                )
            return out
        cur = item.get(q.key)
        on = cur if isinstance(cur, bool) else (q.default if isinstance(q.default, bool) else BOOL_SUGGESTED.get(q.path, False))
        return [Choice(q.short, value=q.path, checked=bool(on))]

    def ask_flags(self, qs: list[Question], item: dict) -> None:
        """Several yes/no questions of one entry as one list to tick."""
        choices = [c for q in qs for c in self.flag_choices(q, item)]
        section = qs[0].path.split(".")[0]
        ticked = set(self.checkbox(t("以下各项，属实的请勾选", "Tick each that is true"), choices, key=f"{section}:yes-no"))
        for q in qs:
            if q.type == "bool":
                self._set(item, q, q.path in ticked)
            else:
                self.set_degree(q, item, ticked)

    def set_degree(self, q: Question, item: dict, ticked: set[str]) -> None:
        """The degree from its ticks: a higher one by 同等学力 wins (which one is asked where the
        level allows two), else the usual one, else none."""
        ticks = self.degree_ticks(q, item)
        assert ticks is not None  # only a ticked degree reaches here
        usual, higher = ticks
        if f"{q.path}:equivalent" in ticked and higher:
            v = higher[0]
            if len(higher) > 1:
                from ..model import Degree

                cur = item.get(q.key)
                v = self.select(
                    q.label,
                    [Choice(f"{choice_name(Degree, d)}{t(*DEGREE_BY_EQUIVALENCE)}", value=d) for d in higher],
                    cur if cur in higher else higher[0],
                    key=q.path,
                )
        else:
            v = usual if f"{q.path}:usual" in ticked else "none"
        self._set(item, q, v)

    def run_grades(self, sec: Section) -> None:
        """A year -> result record (the annual assessments) as one answer: `2016-2021 合格，2019
        优秀`, shown back as a table to confirm (interview/assessments.py reads it)."""
        from .assessments import format_years, parse_years

        had = sec.key in self.data
        block = self.data.get(sec.key)
        block = {int(k): v for k, v in block.items() if v is not None} if isinstance(block, dict) else {}
        if self.resume and self.resume.get("section") == sec.key:
            self.resume = None  # a draft stopped inside the old one-year-at-a-time questions
        typed = format_years(block)

        def readable(s: str):
            try:
                parse_years(s)
            except ValueError as e:
                return str(e)
            return True

        while True:
            typed = self.text(
                t(f"{sec.label}（各年度结果）", f"{sec.label} (the result of each year)"),
                typed,
                validate=readable,
                instruction=t("（如 2016-2021 合格，2019 优秀；没有则留空）", "(e.g. 2016-2021 qualified, 2019 excellent; blank if none)"),
                key=sec.key,
            )
            record = parse_years(typed)
            if not record or record == block:  # nothing, or the file's record kept as it was
                break
            self.show_grades(record)
            if self.confirm(t("以上各年度结果正确吗？", "Are these results right?"), True, key=f"{sec.key}:confirm"):
                break
        if record or had:
            self.data[sec.key] = record
        else:
            self.data.pop(sec.key, None)

    def show_grades(self, record: dict[int, str]) -> None:
        from rich.table import Table

        from ..model import Grade

        years = list(record)
        for i in range(0, len(years), 8):  # eight years a row fit 80 columns
            table = Table(show_header=True, box=None, padding=(0, 1))
            table.add_column(t("年度", "Year"))
            for y in years[i : i + 8]:
                table.add_column(str(y), justify="center")
            table.add_row(t("结果", "Result"), *(plain(choice_name(Grade, record[y])) for y in years[i : i + 8]))
            self.console.print(table)

    def run_years(self, sec: Section) -> None:
        had = sec.key in self.data
        block = self.data.get(sec.key)
        block = {int(k): (dict(v) if isinstance(v, dict) else v) for k, v in block.items()} if isinstance(block, dict) else {}
        self.data[sec.key] = block
        year_q, rest = sec.questions[0], sec.questions[1:]
        resume, self.resume = (self.resume, None) if self.resume and self.resume.get("section") == sec.key else (None, self.resume)
        pending = resume.get("entry") if resume and resume.get("entry") in block else None
        while True:
            years = list(block)
            labels = [
                f"{y}: "
                + (self.summary(Section(sec.key, "list", rest), block[y]) if isinstance(block[y], dict) else show_value(rest[0], block[y]))
                for y in years
            ]
            if pending is not None:  # the year Ctrl-C stopped in: its remaining questions
                ans, y = "resume", pending
                self.console.print(plain(t(f"继续填写未完成的一条：{y}", f"Finishing an incomplete entry: {y}")), markup=False)
            else:
                ans = self._menu(sec, labels, len(years))
            if ans == "done":
                break
            if ans == "remove":
                i = self._remove_choice(labels)
                if i is not None:
                    del block[years[i]]
                continue
            if ans == "add":
                holder: dict = {}
                taken = set(years)

                def new_year(s: str, holder: dict = holder, taken: set = taken):
                    ok = self._check(year_q, s, holder)
                    if ok is True and parse_answer(year_q, s) in taken:
                        return t("这一年已经填过，请在列表中选择修改", "that year is already there; edit it from the list")
                    return ok

                guess = self.as_of.year - 1 if not years else (max(years) + 1 if max(years) + 1 < self.as_of.year else min(years) - 1)
                y = parse_answer(year_q, self.text(year_q.label, str(guess), validate=new_year, key=year_q.path))
                block[y] = {} if len(rest) > 1 else None
                block = dict(sorted(block.items()))
                self.data[sec.key] = block
            elif ans != "resume":
                y = years[int(ans[5:])]
            new = ans == "add" or bool(ans == "resume" and resume and resume.get("new"))
            skip = (resume.get("asked") or ()) if ans == "resume" and resume else ()
            pending = None
            if len(rest) == 1:  # year -> one value (assessments)
                holder = {rest[0].key: block[y]} if block[y] is not None else {}
                if new:
                    self.fresh[id(holder)] = holder
                self.open = {"section": sec.key, "entry": y, "asked": [], "new": new}
                self.ask(rest[0], holder)
                self.open = None
                self.fresh.pop(id(holder), None)
                self.answered.discard((id(holder), rest[0].key))
                block[y] = holder.get(rest[0].key)
            else:
                item = block[y]
                if not isinstance(item, dict):
                    item = block[y] = {}
                if new:
                    self.fresh[id(item)] = item
                self.ask_item(Section(sec.key, "list", rest), item, entry=y, skip=skip)
        if not block and not had:
            self.data.pop(sec.key, None)

    # ------------------------------------------------------------------ review and save

    def problems(self) -> list[Problem]:
        from ..profile import validate_profile

        try:
            validate_profile(self.data, str(self.target))
        except UserError as e:
            return e.problems
        return []

    # ------------------------------------------------------------------ the review screen

    def review_rows(self) -> list[tuple[str, str]]:
        """(heading, text) for each line of the review: one line a part, one an entry."""
        app = self.data.get("application") or {}
        level = app.get("level")
        rows = [
            (t("地区", "Region"), self.region_label()),
            (t("系列", "Series"), self.series_name(app.get("series"))),
            (t("级别", "Level"), terms.LEVELS.name(level) if level in terms.LEVELS else t("不指定", "not set")),
        ]
        if app.get("specialty"):
            rows.append((short_label("application.specialty"), str(app["specialty"])))
        for sec in self.sections:
            if sec.key != "application" and self.shown(sec):
                rows += self.section_rows(sec)
        return rows

    def entry_text(self, questions: list[Question], item: dict, labelled: bool) -> str:
        parts = []
        for q in questions:
            v = self.value(q, item)
            if not self.asked(q, item) or v is None or v == "":
                continue
            if q.type == "object":
                if isinstance(v, dict):
                    sub = " ".join(show_value(sq, v.get(sq.key)) for sq in q.sub if v.get(sq.key) is not None)
                    parts.append(f"{q.short} {sub}")
            elif q.type == "bool":  # said only where it is not what most people answer
                if isinstance(q.default, bool) and v == q.default:
                    continue
                parts.append(q.short if v else t(f"{q.short}：否", f"{q.short}: no"))
            else:
                parts.append(f"{q.short} {self.answer_text(q, v)}" if labelled else self.answer_text(q, v))
        return t("；", "; ").join(parts) if labelled else " · ".join(parts)

    def section_rows(self, sec: Section) -> list[tuple[str, str]]:
        none = t("（无）", "(none)")
        if sec.shape in ("scalars", "object"):
            item = self.data if sec.shape == "scalars" else (self.data.get(sec.key) or {})
            return [(sec.label, self.entry_text(sec.questions, item, labelled=True) or none)]
        if sec.shape == "years":
            block = self.data.get(sec.key) or {}
            if len(sec.questions) == 2:
                from .assessments import format_years

                return [(sec.label, format_years({int(y): g for y, g in block.items() if g}) or none)]
            rest = sec.questions[1:]
            text = t("；", "; ").join(f"{y} {self.entry_text(rest, v, labelled=True)}" for y, v in block.items() if isinstance(v, dict))
            return [(sec.label, text or none)]
        items = [x for x in self.data.get(sec.key) or [] if isinstance(x, dict)]
        if sec.key == "documents" and items:
            kinds = terms.DOCUMENT_KINDS.listing(dict.fromkeys(str(d.get("kind")) for d in items))
            return [(sec.label, t(f"{len(items)} 份：{kinds}", f"{len(items)}: {kinds}"))]
        if not items:
            return [(sec.label, none)]
        rows = [
            (sec.label if i == 0 else "", f"{i + 1}. {self.entry_text(sec.questions, it, labelled=False)}") for i, it in enumerate(items)
        ]
        return rows

    def profile_lines(self) -> list[list[str]]:
        """The answers as the review shows them: for each part or entry its lines, wrapped by
        the Chinese line-breaking rules of the dossier (no line starts with ， or 。).  A heading
        wider than the headings' column (Exam and training certificates) has a line of its own."""
        rows = [(h, plain(v)) for h, v in self.review_rows()]
        left = min(max(cell_len(h) for h, _ in rows), 14) + 2
        room = max(self.console.width - left - 1, 20)
        out = []
        for h, text in rows:
            lines = self.pack(text, room)
            if cell_len(h) > left - 2:
                out.append([h] + [" " * left + line for line in lines])
                continue
            pad = " " * (left - cell_len(h))
            out.append([f"{h}{pad}{lines[0]}"] + [" " * left + line for line in lines[1:]])
        return out

    @staticmethod
    def pack(text: str, room: int) -> list[str]:
        """A review line's answers (本科 · 太原理工大学 · 2014-07-01 · 学士; 姓名 张伟；身份证号 …)
        into lines of `room` cells, an answer kept whole on one line where it fits (was "学|士");
        an answer longer than a line is wrapped by the Chinese line-breaking rules."""
        from ..linebreak import wrap

        parts = [x for x in re.split(r"(?<= · )|(?<=[；、])|(?<=; )|(?<=, )", text) if x]
        lines: list[str] = []
        cur = ""
        for part in parts:
            if cell_len((cur + part).rstrip()) <= room:
                cur += part
                continue
            if cur:
                lines.append(cur.rstrip())
            pieces = wrap(part, room, cell_len) or [""]
            lines += pieces[:-1]
            cur = pieces[-1] + part[len(part.rstrip()) :]  # the space after · stays
        return lines + [cur.rstrip()] if cur or not lines else lines

    def warning_lines(self, problems: list[Problem], online: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """(line, style) of what must be fixed and what the online system will refuse."""
        from ..linebreak import wrap

        system = self.region.online.system if online and self.region is not None and self.region.online else ""
        said = [("✗ ", f"{p.path}{t('：', ': ')}{p.message}", "red") for p in problems]
        said += [("⚠ ", f"{system}{t('：', ': ')}{msg}", "yellow") for _, msg in online]
        out = []
        for mark, text, style in said:
            lines = wrap(plain(text), max(self.console.width - 3, 20), cell_len) or [""]
            out += [((mark if i == 0 else "  ") + line, style) for i, line in enumerate(lines)]
        return out

    def review_pages(self, room: int) -> list[list[str]]:
        """The review's lines cut into pages of `room` lines, a part or an entry never split
        unless it alone is longer than a page."""
        pages: list[list[str]] = [[]]
        for row in self.profile_lines():
            if pages[-1] and len(pages[-1]) + len(row) > room:
                pages.append([])
            for line in row:
                if len(pages[-1]) >= room:
                    pages.append([])
                pages[-1].append(line)
        return pages

    def show_page(self, lines: list[str], warnings: list[tuple[str, str]], page: int, pages: int) -> None:
        from rich.text import Text

        c = self.console
        c.print()
        title = t("请核对档案", "Review the profile")
        c.rule(title if pages == 1 else t(f"{title}（第 {page + 1}/{pages} 页）", f"{title} (page {page + 1} of {pages})"))
        for line in lines:
            c.print(line, markup=False, highlight=False, no_wrap=True, overflow="ignore")
        for line, style in warnings:
            c.print(Text(line, style=style), no_wrap=True, overflow="ignore")

    def online_problems(self) -> list[tuple[str, str]]:
        """(part of the profile, what the region's online system will refuse) — the checks
        `check` runs for it, here before saving."""
        if self.region is None or self.region.online is None:
            return []
        from ..online import online_reasons
        from ..profile import validate_profile

        try:
            profile = validate_profile(self.data, str(self.target))
        except UserError:
            return []
        part = {"photo": "documents", "high_school_diploma": "education", "continuous_work": "work", "chsi_valid": "education"}
        out = []
        for chk, r in zip(self.region.online.checks, online_reasons(profile, self.region, self.as_of, self.target.parent), strict=False):
            if not r.passed:
                where = part.get(chk.kind) or (chk.field_ or "").split(".")[0] or "documents"
                out.append((where, r.message))
        return out

    @staticmethod
    def value(q: Question, item: dict) -> Any:
        """The answer in effect: the one given, else the model's default."""
        if q.key in item:
            return item[q.key]
        return None if q.default is dataclasses.MISSING else q.default

    def review(self) -> bool:
        """The review screen; True to save, False to quit keeping the draft.  What must be
        fixed and what the region's online system will refuse are listed, each with a jump to
        the part that causes it.  The answers and the menu fit the terminal: a profile too long
        for it is shown a page at a time (Enter turns the page, the last page's Enter saves)."""
        page = 0
        while True:
            problems = self.problems()
            online = [] if problems else self.online_problems()
            choices, default = self.review_menu(problems, online)
            warnings = self.warning_lines(problems, online)
            # the screen: the previous answer's echo, a blank line and the rule above the
            # answers; the warnings, the question and its choices below them
            room = self.console.height - 3 - len(warnings) - 1 - len(choices)
            pages = self.review_pages(max(room, 3))
            if len(pages) > 1:
                pages = self.review_pages(max(room - 2, 3))  # the two page-turning choices
                page = min(page, len(pages) - 1)
                turns = [Choice(t("↓ 下一页", "↓ next page"), value="page:1")] if page < len(pages) - 1 else []
                turns += [Choice(t("↑ 上一页", "↑ previous page"), value="page:-1")] if page else []
                choices = turns + choices
                default = "page:1" if page < len(pages) - 1 else default
            self.show_page(pages[page], warnings, page, len(pages))
            ans = self.select(t("核对无误后保存；也可返回修改任一部分", "Save, or go back to any part"), choices, default, key="review")
            if ans.startswith("page:"):
                page += int(ans[5:])
                continue
            if ans == "save":
                return True
            if ans == "quit":
                return False
            self.revisit(ans)
            page = 0

    def review_menu(self, problems: list[Problem], online: list[tuple[str, str]]) -> tuple[list[Choice], str]:
        """保存 (disabled while something must be fixed), a jump to each part with a problem,
        修改其他部分…, 退出; and the choice Enter takes."""
        shown = self.shown_parts()
        names = self.part_names()
        choices = [
            Choice(
                t("✓ 保存", "✓ save"),
                value="save",
                disabled=t("请先修正上面标出的问题", "fix the problems above first") if problems else None,
            )
        ]
        jumps = list(dict.fromkeys([self.part_of(p.path, shown) for p in problems] + [w for w, _ in online if w in shown]))
        choices += [Choice(t(f"✎ 修正：{names[k]}", f"✎ fix: {names[k]}"), value=k) for k in jumps]
        choices.append(Choice(t("✎ 修改其他部分…", "✎ change another part…"), value="part"))
        choices.append(Choice(t("✗ 暂不保存，退出（回答保留在草稿中）", "✗ quit without saving (answers stay in the draft)"), value="quit"))
        return choices, jumps[0] if problems else "save"

    def shown_parts(self) -> list[str]:
        return [HEAD] + [s.key for s in self.sections if self.shown(s)]

    def part_names(self) -> dict[str, str]:
        names = {HEAD: t("申报地区、系列和级别", "region, series and level")}
        names.update({s.key: s.label for s in self.sections})
        return names

    def revisit(self, ans: str) -> None:
        """A part chosen on the review screen (or from 修改其他部分…) asked again."""
        if ans == "part":
            names = self.part_names()
            parts = [Choice(t(f"✎ {names[k]}", f"✎ {names[k]}"), value=k) for k in self.shown_parts()]
            ans = self.select(
                t("修改哪一部分？", "Change which part?"), parts + [Choice(t("（返回）", "(back)"), value="")], "", key="review:part"
            )
            if not ans:
                return
        if ans == HEAD:
            self.run_head()
            for sec in self.sections:  # parts the new region or level reads that were never asked
                if sec.key not in self.done and self.shown(sec):
                    self.run_section(sec)
                    self.done.append(sec.key)
        else:
            self.run_section(next(s for s in self.sections if s.key == ans))
        self.save_draft()

    @staticmethod
    def part_of(path: str, shown: list[str]) -> str:
        """The part of the review a problem's key path belongs to."""
        first = path.split(".")[0].split("[")[0]
        if first in shown:
            return first
        return "" if first in ("name", "id_number", "phone") else shown[0]

    def save_draft(self) -> None:
        store.write_draft(self.draft, self.target, self.data, self.done, self.open)

    def save(self) -> None:
        text = store.render(self.target, self.data, self.doc)
        if self.original_text is not None and self.target.suffix.lower() != ".json":
            lost = store.lost_comments(self.original_text, text)
            if lost:
                self.console.print(
                    t(
                        "[yellow]以下注释所在的条目已删除或改写，保存后这些注释将丢失：[/]",
                        "[yellow]These comments belong to removed or rewritten entries and will be lost:[/]",
                    )
                )
                for c in lost:
                    self.console.print(f"  # {plain(c)}", markup=False)
                if not self.confirm(t("仍然保存？", "Save anyway?"), default=True, key="save:lost-comments"):
                    raise KeyboardInterrupt
        write_text(self.target, text)
        if self.draft.exists():
            self.draft.unlink()
        self.console.print(t(f"[green]已保存 {esc(self.target)}[/]", f"[green]Saved {esc(self.target)}[/]"))

    def show_check(self) -> int:
        from ..engine import check
        from ..profile import validate_profile
        from ..render import verdict_text

        profile = validate_profile(self.data, str(self.target))
        app = self.data.get("application") or {}
        assert self.region is not None  # run_head read it before the first question
        v = check(profile, self.region, self.as_of, app.get("level"), str(self.target), self.target.parent)
        self.console.print()
        verdict_text(v, self.console)
        self.console.print(
            t(
                f"以后可运行 titlecli check {plain(self.target)} 重新检查，或 titlecli interview -o {plain(self.target)} 修改回答。",
                f"Run titlecli check {plain(self.target)} to check again, or titlecli interview -o {plain(self.target)} to change an answer.",
            ),
            markup=False,
            highlight=False,
        )
        return 0

    # ------------------------------------------------------------------ the whole interview

    def usable(self, data: dict, source: Path) -> dict:
        """The answers a file holds that the questions can offer again; the others (a list where
        a grade belongs, a word where a number belongs) are named and asked afresh."""
        data, dropped = store.usable_answers(data)
        if dropped:
            shown = t("、", ", ").join(dropped[:10]) + (
                t(f" 等 {len(dropped)} 项", f" and {len(dropped) - 10} more") if len(dropped) > 10 else ""
            )
            self.console.print(
                t(
                    f"注意：{source} 中这些回答的类型不对，无法沿用，将重新询问：{shown}",
                    f"note: these answers in {source} have the wrong type and will be asked again: {shown}",
                ),
                markup=False,
            )
        return data

    def start(self) -> None:
        if self.target.exists():
            self.doc, self.data = store.load_document(self.target)
            self.original_text = self.target.read_text(encoding="utf-8-sig")
            self.console.print(
                t(
                    f"正在修改 {plain(self.target)}：每个问题都已填入原来的回答，直接回车即可保留。",
                    f"Editing {plain(self.target)}: every question shows its answer; Enter keeps it.",
                ),
                markup=False,
            )
            self.data = self.usable(self.data, self.target)
        if self.draft.exists():
            data, done = store.read_draft(self.draft)
            data = self.usable(data, self.draft)
            if self.confirm(
                t(
                    f"发现上次未完成的草稿 {plain(self.draft)}。从上次中断处继续？",
                    f"Found an unfinished draft {plain(self.draft)}. Resume where you stopped?",
                ),
                default=True,
                key="draft:resume",
            ):
                self.data, self.done = data, done
                self.resume = store.draft_open(self.draft)
            else:
                self.done = []
                self.console.print(
                    t(
                        f"重新开始；{plain(self.draft)} 将被新的回答覆盖。",
                        f"Starting afresh; {plain(self.draft)} will be replaced by the new answers.",
                    ),
                    markup=False,
                )

    def writable_problem(self) -> str | None:
        """Why the profile and its draft cannot be written next to each other, checked before any question."""
        import os

        folder = self.target.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent  # a missing folder is made when saving
        if not folder.is_dir():
            return t(f"{folder} 不是文件夹，无法在其中保存档案", f"{folder} is not a folder; the profile cannot be saved in it")
        if not os.access(folder, os.W_OK):
            return t(f"没有写入文件夹 {folder} 的权限", f"no permission to write in the folder {folder}")
        return None

    def run(self) -> int:
        started = False
        problem = self.writable_problem()
        if problem:
            raise UserError(Problem(str(self.target), "", problem))
        try:
            self.start()
            started = True  # from here on the draft holds this session's answers
            if HEAD not in self.done:
                self.run_head()
                self.done.append(HEAD)
                self.save_draft()
            else:
                self.load_region()
                self.update_needs()
            for sec in self.sections:
                if sec.key in self.done or not self.shown(sec):
                    continue
                self.run_section(sec)
                self.done.append(sec.key)
                self.update_needs()  # the employer's type narrows what the rules read
                self.save_draft()
            stopped_in = next((s for s in self.sections if self.resume and s.key == self.resume.get("section")), None)
            if stopped_in is not None and self.shown(stopped_in):  # stopped in an entry while revisiting a part from the review
                self.run_section(stopped_in)
                self.save_draft()
            self.resume = None
            if not self.review():
                self.save_draft()
                self.console.print(
                    t(
                        f"未保存。回答已保留在草稿 {plain(self.draft)}，再次运行 titlecli interview -o {plain(self.target)} 可继续。",
                        f"Not saved. Your answers are in the draft {plain(self.draft)}; run titlecli interview -o {plain(self.target)} to resume.",
                    ),
                    markup=False,
                )
                return 0
            self.save()
        except (KeyboardInterrupt, EOFError):  # Ctrl-C, Ctrl-D
            if self.data and started:
                self.save_draft()
                self.console.print(
                    t(
                        f"\n已中断。目前的回答已保存到草稿 {plain(self.draft)}；再次运行 titlecli interview -o {plain(self.target)} 可从中断处继续。",
                        f"\nInterrupted. Your answers so far are in the draft {plain(self.draft)}; "
                        f"run titlecli interview -o {plain(self.target)} to resume.",
                    ),
                    markup=False,
                )
            return 130
        except OSError as e:  # the draft or the profile could not be written
            where = e.filename or self.target
            raise UserError(Problem(str(where), "", t(f"无法写入：{os_reason(e)}", f"cannot write: {os_reason(e)}"))) from None
        return self.show_check()
