"""The dossier layout (templates/dossier.yaml): bundled, optionally overridden by a user file."""

from __future__ import annotations

import re
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
    """A template file's data.  These exact bytes read before come from titlecli's cache (as
    JSON): importing PyYAML and reading the bundled template was ~30 ms of every dossier."""
    import json

    from .. import cache, datafile
    from .fontcache import same

    raw = datafile.read_limited(path, t("模板", "template"))
    k = cache.key("template", raw) if cache.enabled() else None
    kept = cache.get(k) if k is not None else None
    if kept:
        return json.loads(kept)
    data = datafile.parse(path, datafile.decode(path, raw))
    if not isinstance(data, dict):
        raise UserError(Problem(str(path), "", t("模板应为 YAML 映射", "a template must be a YAML mapping")))
    if k is not None:
        blob = json.dumps(data, ensure_ascii=False).encode()
        if same(json.loads(blob), data):  # JSON gives back what YAML gave (no dates, no number keys)
            cache.put(k, blob)
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
        _check_values(data, str(override))
    return data


def _check_values(data: dict, file: str) -> None:
    """What has the right shape but cannot be laid out: a page in centimetres (21 × 29.7 is a
    stamp in millimetres), margins wider than the page, a font of size 0, a placeholder that
    reaches into Python ({name.__class__}) or asks for a billion spaces ({name:>999999999})."""

    def bad(path: str, zh: str, en: str) -> UserError:
        return UserError(Problem(file, path, t(zh, en)))

    page = data["page"]
    w, h = page["size"]
    if not (MIN_PAGE <= w <= MAX_PAGE and MIN_PAGE <= h <= MAX_PAGE):
        raise bad(
            "page.size",
            f"页面尺寸 {w}×{h} 不合理：单位是毫米（A4 为 [210, 297]），每边应在 {MIN_PAGE} 到 {MAX_PAGE} 之间",
            f"page size {w}×{h} is not plausible: the unit is millimetres (A4 is [210, 297]), each side {MIN_PAGE} to {MAX_PAGE}",
        )
    m, dm, band = page["margin"], page.get("document_margin", {}), page.get("footer_band", 0)
    if m["left"] + m["right"] > w - MIN_ROOM or dm.get("left", 0) + dm.get("right", 0) > w - MIN_ROOM:
        raise bad(
            "page.margin",
            f"左右边距之和超出页宽（至少留 {MIN_ROOM} 毫米）",
            f"left and right margins leave less than {MIN_ROOM} mm of the page",
        )
    if m["top"] + m["bottom"] > h - MIN_ROOM or dm.get("top", 0) + band > h - MIN_ROOM:
        raise bad(
            "page.margin",
            f"上下边距之和超出页高（至少留 {MIN_ROOM} 毫米）",
            f"top and bottom margins leave less than {MIN_ROOM} mm of the page",
        )
    for path, v in _numbers(data, ""):
        last = path.rsplit(".", 1)[-1]
        if (last == "size" or last.endswith("_size")) and not path.startswith("page.") and not MIN_FONT <= v <= MAX_FONT:
            raise bad(
                path, f"字号应在 {MIN_FONT} 到 {MAX_FONT} 磅之间（现为 {v}）", f"a font size is {MIN_FONT} to {MAX_FONT} points (got {v})"
            )
        if last == "width" and not 0 < v <= w:
            raise bad(path, f"列宽应大于 0 且不超过页宽（现为 {v}）", f"a column width is above 0 and at most the page width (got {v})")
    for path, s in _texts(data, ""):
        for problem in placeholder_problems(s):
            raise bad(
                path,
                f"占位符 {problem} 无效：只能写 {{name}} 这样的名称，不能带 . [ ] ! : 等",
                f"placeholder {problem} is not allowed: write a plain name such as {{name}}, without . [ ] ! :",
            )


MIN_PAGE, MAX_PAGE, MIN_ROOM = 50, 2000, 30  # millimetres
MIN_FONT, MAX_FONT = 1, 100  # points


def _numbers(v: Any, path: str):
    if _is_number(v):
        yield path, v
    elif isinstance(v, dict):
        for k, x in v.items():
            yield from _numbers(x, f"{path}.{k}" if path else str(k))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from _numbers(x, f"{path}[{i}]")


def _texts(v: Any, path: str):
    if isinstance(v, str):
        yield path, v
    elif isinstance(v, dict):
        for k, x in v.items():
            yield from _texts(x, f"{path}.{k}" if path else str(k))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from _texts(x, f"{path}[{i}]")


# {{ and }} are a brace written out; {name} a placeholder; {anything else} is refused in a
# template and left as written when it comes from elsewhere (a region's page_number_style).
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def placeholder_problems(s: str) -> list[str]:
    """Placeholders other than a plain {name}: attribute and index access, conversions and
    format specifications are refused (str.format would reach into Python objects with them,
    or pad for ever)."""
    return [m.group(0) for m in _PLACEHOLDER.finditer(s) if m.group(1) is not None and not m.group(1).isidentifier()]


def _is_text(v: Any) -> bool:
    return isinstance(v, str) or (
        isinstance(v, dict) and bool(v) and set(v) <= {"zh", "en"} and all(isinstance(x, str) for x in v.values())
    )


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _check_shape(base: Any, over: Any, file: str, path: str) -> None:
    """An override has the shape of the bundled value it replaces: a number for a number (not
    negative), [width, height] for page.size, a text ({zh:, en:} or a string) for a text, a list
    of mappings for a list of mappings — so a slip is a message naming the key, not a traceback."""
    if isinstance(base, list):
        _check_list_shape(base, over, file, path)
    elif isinstance(base, dict) and not _is_text(base):
        if not isinstance(over, dict):
            raise _expected(file, path, "映射（键: 值）", "a mapping (key: value)")
        for k, v in over.items():
            if k in base:
                _check_shape(base[k], v, file, f"{path}.{k}" if path else str(k))
    else:
        _check_leaf_shape(base, over, file, path)


def _expected(file: str, path: str, what_zh: str, what_en: str) -> UserError:
    return UserError(Problem(file, path, t(f"应为{what_zh}", f"expected {what_en}")))


def _check_leaf_shape(base: Any, over: Any, file: str, path: str) -> None:
    """A text, a number or a yes/no in the bundled template."""
    if _is_text(base) and not _is_number(base):
        if not _is_text(over):
            raise _expected(file, path, "文字（字符串或 {zh: …, en: …}）", "a text (a string or {zh: …, en: …})")
    elif _is_number(base):
        if not _is_number(over) or over < 0:
            raise _expected(file, path, "不小于 0 的数", "a number, not negative")
    elif isinstance(base, bool) and not isinstance(over, bool):
        raise _expected(file, path, " true 或 false", "true or false")


def _check_list_shape(base: list, over: Any, file: str, path: str) -> None:
    """A list in the bundled template: sizes ([width, height]) or entries (mappings)."""
    if not isinstance(over, list) or not over:
        raise _expected(file, path, "非空列表", "a non-empty list")
    if all(_is_number(x) for x in base):
        if len(over) != len(base) or not all(_is_number(x) and x > 0 for x in over):
            raise _expected(file, path, f" {len(base)} 个正数的列表", f"a list of {len(base)} positive numbers")
    elif all(isinstance(x, dict) for x in base):
        for i, x in enumerate(over):
            if not isinstance(x, dict):
                raise _expected(file, f"{path}[{i}]", "映射（键: 值）", "a mapping (key: value)")


def text(value: Any, **fields: Any) -> str:
    """A template text ({zh:, en:} or a plain string) in the user's language, filled in."""
    if isinstance(value, dict):
        value = value.get(lang()) or value.get("zh") or ""
    s = str(value if value is not None else "")
    return fill(s, fields) if fields else s


def fill(s: str, fields: dict[str, Any]) -> str:
    """`s` with each plain {name} among `fields` replaced and {{ }} written as braces; anything
    else in braces — an unknown name, {name.attr}, {name[0]}, {name!r}, {name:>999999999}, a
    lone brace — stays as written (str.format would follow attributes of the values and pad to
    any width: a template or a region file is not trusted with that)."""

    def one(m: re.Match) -> str:
        token, name = m.group(0), m.group(1)
        if name is None:
            return token[0]  # {{ or }}
        return str(fields[name]) if name in fields else token

    return _PLACEHOLDER.sub(one, s)
