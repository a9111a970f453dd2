"""The dossier layout (templates/dossier.yaml): bundled, optionally overridden by a user file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem, UserError
from ..i18n import lang, t


def bundled_dir() -> Path:
    """templates/ inside an installed wheel, or beside the package in a checkout/editable install."""
    pkg = Path(__file__).resolve().parent.parent
    inside = pkg / "templates"
    if inside.is_dir():
        return inside
    return pkg.parent / "templates"


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base.get(k), v) if k in base else v
        return out
    return over


def _read(path: Path) -> dict:
    from .. import datafile

    data, _, _ = datafile.read(path, t("模板", "template"))
    if not isinstance(data, dict):
        raise UserError(Problem(str(path), "", t("模板应为 YAML 映射", "a template must be a YAML mapping")))
    return data


def load(override: str | Path | None = None) -> dict:
    data = _read(bundled_dir() / "dossier.yaml")
    if override:
        extra = _read(Path(override))
        unknown = sorted(set(extra) - set(data))
        if unknown:
            raise UserError(
                Problem(
                    str(override),
                    unknown[0],
                    t(f"未知的模板键；可用：{', '.join(data)}", f"unknown template key; known: {', '.join(data)}"),
                )
            )
        _check_shape(data, extra, str(override), "")
        data = _merge(data, extra)
    return data


def _is_text(v: Any) -> bool:
    return isinstance(v, str) or (
        isinstance(v, dict) and bool(v) and set(v) <= {"zh", "en"} and all(isinstance(x, str) for x in v.values())
    )


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _check_shape(base: Any, over: Any, file: str, path: str) -> None:  # noqa: C901 - to split (issue 19)
    """An override has the shape of the bundled value it replaces: a number for a number (not
    negative), [width, height] for page.size, a text ({zh:, en:} or a string) for a text, a list
    of mappings for a list of mappings — so a slip is a message naming the key, not a traceback."""

    def bad(what_zh: str, what_en: str) -> UserError:
        return UserError(Problem(file, path, t(f"应为{what_zh}", f"expected {what_en}")))

    if _is_text(base) and not _is_number(base):
        if not _is_text(over):
            raise bad("文字（字符串或 {zh: …, en: …}）", "a text (a string or {zh: …, en: …})")
    elif _is_number(base):
        if not _is_number(over) or over < 0:
            raise bad("不小于 0 的数", "a number, not negative")
    elif isinstance(base, bool):
        if not isinstance(over, bool):
            raise bad(" true 或 false", "true or false")
    elif isinstance(base, dict):
        if not isinstance(over, dict):
            raise bad("映射（键: 值）", "a mapping (key: value)")
        for k, v in over.items():
            if k in base:
                _check_shape(base[k], v, file, f"{path}.{k}" if path else str(k))
    elif isinstance(base, list):
        if not isinstance(over, list) or not over:
            raise bad("非空列表", "a non-empty list")
        if all(_is_number(x) for x in base):
            if len(over) != len(base) or not all(_is_number(x) and x > 0 for x in over):
                raise bad(f" {len(base)} 个正数的列表", f"a list of {len(base)} positive numbers")
        elif all(isinstance(x, dict) for x in base):
            for i, x in enumerate(over):
                if not isinstance(x, dict):
                    raise UserError(Problem(file, f"{path}[{i}]", t("应为映射（键: 值）", "expected a mapping (key: value)")))


def text(value: Any, **fields: Any) -> str:
    """A template text ({zh:, en:} or a plain string) in the user's language, filled in."""
    if isinstance(value, dict):
        value = value.get(lang()) or value.get("zh") or ""
    s = str(value if value is not None else "")
    try:
        return s.format(**fields) if fields else s
    except (KeyError, IndexError, ValueError):
        return s
