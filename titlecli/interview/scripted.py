"""The interview answered by question key instead of by keystroke position.

`Scripted` is the interview with its prompt layer replaced: each prompt is answered from a
mapping keyed by the question it asks (`work.employer`, `education:menu`, `review` …), so a
question added or removed changes no other answer of a test.  A key given a list is answered
from it in order (one item per time it is asked); a key not given, or the `ENTER` marker, takes
what Enter would (the pre-filled answer or the highlighted choice); `CTRL_C` stops there.  A typed answer the
question refuses is recorded and the next one in the list is tried, as a person would retype.

Used by the tests and by bench/interview.py, which counts the prompts a person answers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from questionary import Choice
from rich.console import Console

from .flow import Interview

ENTER = object()  # what pressing Enter gives
CTRL_C = object()  # the person stops the interview at this question


class ScriptError(AssertionError):
    """The script cannot answer: a refused answer with nothing left to retype, an unknown choice, a loop."""


@dataclass
class Asked:
    key: str
    message: str
    answer: Any
    refused: list[str]  # the messages of answers the question did not take first


class Scripted(Interview):
    def __init__(
        self,
        target: Path,
        answers: dict[str, Any],
        region: str | None = None,
        as_of: date = date(2022, 8, 1),
        width: int = 120,
        limit: int = 400,
        height: int = 40,
    ):
        self.out = io.StringIO()
        super().__init__(target, Console(file=self.out, width=width, height=height, highlight=False), region, as_of)
        self.script = {k: list(v) if isinstance(v, list) else [v] * limit for k, v in answers.items()}
        self.given = {k for k, v in answers.items() if isinstance(v, list)}
        self.log: list[Asked] = []
        self.limit = limit
        self.screens: list[tuple[str, list[Any]]] = []  # (key, choices) of each select, for tests of menus

    # ------------------------------------------------------------------ the answers

    def _next(self, key: str) -> Any:
        if len(self.log) >= self.limit:
            raise ScriptError(f"more than {self.limit} prompts; the last ones: {[a.key for a in self.log[-10:]]}")
        queue = self.script.get(key)
        ans = queue.pop(0) if queue else ENTER
        if ans is CTRL_C:
            raise KeyboardInterrupt
        return ans

    def _typed(self, key: str, message: str, default: str, validate) -> str:
        refused: list[str] = []
        while True:
            ans = self._next(key)
            text = default if ans is ENTER else str(ans)
            ok = validate(text) if validate is not None else True
            if ok is True or ok is None:
                self.log.append(Asked(key, message, text, refused))
                return text
            refused.append(str(ok))
            if ans is ENTER or key not in self.given or not self.script.get(key):
                raise ScriptError(f"{key}: {text!r} was refused: {ok}")

    def text(self, message, default="", validate=None, instruction=None, *, key, **kw) -> str:
        return self._typed(key, message, default, validate)

    def path(self, message, default="", validate=None, *, key) -> str:
        return self._typed(key, message, default, validate)

    def select(self, message, choices, default=None, instruction=None, *, key) -> Any:
        usable = [c for c in choices if isinstance(c, Choice) and not c.disabled]
        values = [c.value for c in usable]
        self.screens.append((key, choices))
        if default not in values:
            default = values[0] if values else None
        ans = self._next(key)
        if ans is ENTER:
            v = default
        elif ans in values:
            v = ans
        else:
            hits = [c.value for c in usable if isinstance(c.title, str) and str(ans) in c.title]
            if len(hits) != 1:
                shown = [c.title for c in choices if isinstance(c, Choice)]
                raise ScriptError(f"{key}: no single choice {ans!r} among {shown}")
            v = hits[0]
        self.log.append(Asked(key, message, v, []))
        return v

    def checkbox(self, message, choices, *, key) -> list:
        """Ticks answered by each field's own key (education.related: False), else as pre-ticked."""
        ticked = []
        for c in choices:
            ans = self._next(c.value) if c.value in self.script else ENTER
            on = c.checked if ans is ENTER else ans in (True, "y", "Y", "yes", "是")
            if on:
                ticked.append(c.value)
        self.screens.append((key, choices))
        self.log.append(Asked(key, message, ticked, []))
        return ticked

    def confirm(self, message, default=True, *, key) -> bool:
        ans = self._next(key)
        v = default if ans is ENTER else ans in (True, "y", "Y", "yes", "是")
        self.log.append(Asked(key, message, v, []))
        return bool(v)

    # ------------------------------------------------------------------ what a test looks at

    @property
    def output(self) -> str:
        return self.out.getvalue()

    def count(self) -> int:
        """The prompts a person answered (a menu choice counts; a refused answer retyped does not)."""
        return len(self.log)

    def asked_keys(self) -> list[str]:
        return [a.key for a in self.log]

    def unused(self) -> dict[str, list[Any]]:
        """Answers given as lists that no question took: a question the test expected was not asked."""
        return {k: v for k, v in self.script.items() if k in self.given and v}
