"""One exception type for everything the user can fix: caught once at the CLI edge."""

from __future__ import annotations

from .lazyclass import lazy_dataclass

OK = 0
NOT_ELIGIBLE = 1
BAD_INPUT = 2


# made a dataclass when first used (titlecli.lazyclass): a check with nothing wrong makes none
@lazy_dataclass()
class Problem:
    file: str | None
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
        if self.path:
            where += f" {self.path}" if where else self.path
        return f"{where}: {self.message}" if where else self.message


class UserError(Exception):
    """Bad input: a file, a key path and what is wrong with it. Exit code 2."""

    def __init__(self, problems: list[Problem] | Problem | str, exit_code: int = BAD_INPUT):
        if isinstance(problems, str):
            problems = [Problem(None, "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        self.exit_code = exit_code
        super().__init__("\n".join(str(p) for p in problems))


def key_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
