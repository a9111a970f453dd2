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
    from .. import yamlio

    try:
        data = yamlio.load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(Problem(str(path), "", t("找不到模板文件", "template file not found"))) from None
    except Exception as e:
        raise UserError(Problem(str(path), "", t(f"模板文件无法读取：{e}", f"cannot read the template: {e}"))) from None
    if not isinstance(data, dict):
        raise UserError(Problem(str(path), "", t("模板应为 YAML 映射", "a template must be a YAML mapping")))
    return data


def load(override: str | Path | None = None) -> dict:
    data = _read(bundled_dir() / "dossier.yaml")
    if override:
        extra = _read(Path(override))
        unknown = sorted(set(extra) - set(data))
        if unknown:
            raise UserError(Problem(str(override), unknown[0], t(f"未知的模板键；可用：{', '.join(data)}", f"unknown template key; known: {', '.join(data)}")))
        data = _merge(data, extra)
    return data


def text(value: Any, **fields: Any) -> str:
    """A template text ({zh:, en:} or a plain string) in the user's language, filled in."""
    if isinstance(value, dict):
        value = value.get(lang()) or value.get("zh") or ""
    s = str(value if value is not None else "")
    try:
        return s.format(**fields) if fields else s
    except (KeyError, IndexError, ValueError):
        return s
