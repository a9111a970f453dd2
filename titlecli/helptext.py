"""`--help` and the command line's own complaints in the user's language (issue 14).

Help is written once per option as "中文 / English" (or "中文。English." for a command): the reader
gets the half in their language — Chinese by default, English with `--lang en`, TITLECLI_LANG=en
or an English locale (`i18n.env_lang`).  The words the command-line library prints itself
(Usage, Options, "No such option") are put into Chinese here, and `-h` works like `--help`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# typer 0.24-0.28 (pyproject) carries its own copy of click; its usage error is the one a
# mistyped option raises
from typer._click.exceptions import UsageError

from .i18n import env_lang, lang, set_lang, t


def _level_help() -> str:
    from .terms import LEVELS

    return "、".join(LEVELS.names("zh")) + "（也可写职称名，如 工程师）"


# Help written in English only: the Chinese a reader gets instead.
_ZH = {
    "Show the version and exit.": "显示版本号并退出。",
    "extra folder of region files": "额外的地区规则文件夹",
    "zh | en: language of the output.": "zh | en：输出的语言（默认中文）",
    "text | json | junit": "输出格式：text（文字）| json | junit",
    "text | json": "输出格式：text（文字）| json",
    "text | junit": "输出格式：text（文字）| junit",
}


def pick(text: str | None) -> str | None:
    """The half of a bilingual help text in the user's language."""
    if not text:
        return text
    m = re.fullmatch(r"(.*?[\u3400-\u9fff）)》”][^/]*?)\s*/\s+([^\u3400-\u9fff]+)", text, re.S)
    if m is None:  # 中文。English.
        m = re.fullmatch(r"(.*[。）])\s*([A-Z][^\u3400-\u9fff]*)", text, re.S)
    if m is not None:
        return m.group(2).strip() if lang() == "en" else m.group(1).strip()
    # compiled here, on first use (a range of 27,000 characters costs ~3 ms to compile, which a
    # check that prints no help should not pay)
    if lang() == "zh" and not re.search(r"[\u3400-\u9fff]", text):
        if text.startswith("member | assistant"):
            return _level_help()
        return _ZH.get(text, text)
    return text


_HEADINGS = (
    ("Usage: ", "用法："),
    (" [OPTIONS]", " [选项]"),
    (" COMMAND [ARGS]...", " 命令 [参数]..."),
    ("\nArguments:\n", "\n参数：\n"),
    ("\nOptions:\n", "\n选项：\n"),
    ("\nCommands:\n", "\n命令：\n"),
    ("[default: ", "[默认："),
    ("[required]", "[必填]"),
    ("Show this message and exit.", "显示此帮助并退出。"),
)


def headings(text: str) -> str:
    """The library's own words in a help or usage text, in Chinese for a Chinese reader."""
    if lang() == "en":
        return text
    for en, zh in _HEADINGS:
        text = text.replace(en, zh)
    return text


_MESSAGES = (
    (r"No such option: (\S+)(?: Did you mean (\S+)\?| \(Possible options: (.+)\))?", "没有这个选项：{0}{1}"),
    (r"No such command '(.+?)'\.(?: Did you mean '(.+)'\?)?", "没有这个命令：{0}{1}"),
    (r"Missing command\.", "缺少命令"),
    (r"Missing argument '(.+)'\.", "缺少参数 {0}"),
    (r"Missing option '(.+)'\.", "缺少选项 {0}"),
    (r"Option '(.+)' requires an argument\.", "选项 {0} 后面要写一个值"),
    (r"Option '(.+)' does not take a value\.", "选项 {0} 后面不能写值"),
    (r"Got unexpected extra arguments? \((.+)\)", "多余的参数：{0}"),
    (r"Invalid value for '(.+?)': (.+)", "{0} 的值无效：{1}"),
)


def message(text: str) -> str:
    """A usage error of the library in Chinese (the option and the value stay as typed)."""
    if lang() == "en":
        return text
    for pattern, zh in _MESSAGES:
        m = re.fullmatch(pattern, text.strip(), re.S)
        if m:
            groups = [g or "" for g in m.groups()]
            if pattern.startswith("No such"):  # the closest names the library found
                near = "、".join(x for x in groups[1:] if x)
                groups[1] = f"（是不是要写 {near}？）" if near else ""
            return zh.format(*groups)
    return text


class LocalUsageError(UsageError):
    """A usage error shown in the user's language: usage, the message, where help is."""

    def show(self, file=None) -> None:
        from typer import echo

        hint = ""
        if self.ctx is not None:
            hint = t(f"运行 {self.ctx.command_path} -h 查看帮助。\n", f"Try '{self.ctx.command_path} -h' for help.\n")
            echo(f"{headings(self.ctx.get_usage())}\n{hint}", err=True)
        echo(t(f"错误：{message(self.format_message())}", f"Error: {self.format_message()}"), err=True)


def _usage_errors_localized(method):
    """`method` with the library's usage errors raised as LocalUsageError."""

    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except LocalUsageError:
            raise
        except UsageError as e:
            raise LocalUsageError(e.format_message(), e.ctx) from None

    return call


_LOCAL: dict[Any, type] = {}  # a command class -> its localized subclass


def _local_class(cls: Any) -> type:
    """`cls` with its help and usage errors in the user's language.  A subclass with the
    methods in its own namespace (a mixin placed first would change the object's layout, and
    an instance's class is swapped in place)."""
    methods = {
        "make_context": _usage_errors_localized(cls.make_context),
        "get_help": lambda self, ctx: headings(cls.get_help(self, ctx)),
        "get_usage": lambda self, ctx: headings(cls.get_usage(self, ctx)),
    }
    if cls in _LOCAL:
        return _LOCAL[cls]
    if hasattr(cls, "resolve_command"):
        methods["resolve_command"] = _usage_errors_localized(cls.resolve_command)
    _LOCAL[cls] = type(f"Local{cls.__name__}", (cls,), methods)
    return _LOCAL[cls]


def language_of(args: Sequence[str]) -> str:
    """The language the command line asks for: `--lang en` / `--lang=en`, else the environment's."""
    args = list(args)
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return env_lang()


def localize(command, args: Sequence[str]) -> None:
    """Set the language from the command line, then give `command` and everything under it
    its help in that language and the localized errors.  The click objects are built afresh for
    each run (typer.main.get_command), so they are changed in place."""
    set_lang(language_of(args))
    helps = _may_show_help(args)
    todo = [command]
    while todo:
        cmd = todo.pop()
        if not type(cmd).__name__.startswith("Local"):
            cmd.__class__ = _local_class(type(cmd))
        if helps:
            cmd.help = pick(cmd.help)
            cmd.short_help = pick(cmd.short_help)
            for p in cmd.params:
                if getattr(p, "help", None):
                    p.help = pick(p.help)
        todo += list(getattr(cmd, "commands", {}).values())


def _may_show_help(args: Sequence[str]) -> bool:
    """Whether this run may print help: asked for (-h, --help), or a command or group named with
    nothing to work on (help is shown instead).  A check of a profile prints none, and picking
    every help text costs a warm check ~15 ms (issue 18 item 4)."""
    words = [a for a in args if not a.startswith("-")]
    return any(a in ("-h", "--help") for a in args) or len(words) < 2
