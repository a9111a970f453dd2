"""Loading and validating applicant profiles (contract §1).

All problems in a file are reported at once, each with the file, the key path and what is
wrong, in the user's language.  Validated profiles are cached by their bytes (see cache.py).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from . import cache
from .errors import Problem, UserError, key_path
from .i18n import t
from .model import Profile

_ERROR_TEXT = {
    "missing": ("缺少必填项", "required key is missing"),
    "extra_forbidden": ("未知的键（是否拼写有误？）", "unknown key (a typo?)"),
    "unexpected_keyword_argument": ("未知的键（是否拼写有误？）", "unknown key (a typo?)"),
    "missing_argument": ("缺少必填项", "required key is missing"),
    "date_parsing": ("不是有效的日期（应为 YYYY-MM-DD）", "not a valid date (expected YYYY-MM-DD)"),
    "date_from_datetime_parsing": ("不是有效的日期（应为 YYYY-MM-DD）", "not a valid date (expected YYYY-MM-DD)"),
    "date_from_datetime_inexact": ("不是有效的日期（应为 YYYY-MM-DD）", "not a valid date (expected YYYY-MM-DD)"),
    "date_type": ("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD"),
    "int_parsing": ("应为整数", "expected a whole number"),
    "int_type": ("应为整数", "expected a whole number"),
    "int_from_float": ("应为整数", "expected a whole number"),
    "float_parsing": ("应为数字", "expected a number"),
    "float_type": ("应为数字", "expected a number"),
    "bool_parsing": ("应为 true 或 false", "expected true or false"),
    "bool_type": ("应为 true 或 false", "expected true or false"),
    "string_type": ("应为文字", "expected text"),
    "list_type": ("应为列表（- 开头的若干项）", "expected a list"),
    "dict_type": ("应为键值映射", "expected a mapping (key: value)"),
    "dataclass_type": ("应为键值映射", "expected a mapping (key: value)"),
    "dataclass_exact_type": ("应为键值映射", "expected a mapping (key: value)"),
}

_adapter = None


def _validator():
    global _adapter
    if _adapter is None:
        from pydantic import TypeAdapter

        _adapter = TypeAdapter(Profile)
    return _adapter


def describe_error(err: dict) -> str:
    typ = err.get("type", "")
    if typ == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return t(f"取值无效 {err.get('input')!r}，应为：{expected}", f"invalid value {err.get('input')!r}, expected {expected}")
    if typ in _ERROR_TEXT:
        zh, en = _ERROR_TEXT[typ]
        inp = err.get("input")
        if (
            typ not in ("missing", "extra_forbidden", "unexpected_keyword_argument", "missing_argument")
            and inp is not None
            and not isinstance(inp, (dict, list))
        ):
            return t(f"{zh}（现为 {inp!r}）", f"{en} (got {inp!r})")
        return t(zh, en)
    return str(err.get("msg", typ))


def read_structured(path: Path, what: str) -> tuple[Any, str]:
    """Read a YAML or JSON file into Python data, or raise UserError naming the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(Problem(str(path), "", t(f"{what}文件不存在", f"{what} file not found"))) from None
    except IsADirectoryError:
        raise UserError(Problem(str(path), "", t("这是一个文件夹，不是文件", "is a folder, not a file"))) from None
    except OSError as e:
        raise UserError(Problem(str(path), "", t(f"无法读取：{e.strerror}", f"cannot read: {e.strerror}"))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(Problem(str(path), "", t("不是 UTF-8 编码的文本文件", "not a UTF-8 text file"))) from None
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text), text
        except json.JSONDecodeError as e:
            raise UserError(Problem(str(path), "", t(f"JSON 格式错误：{e.msg}", f"invalid JSON: {e.msg}"), e.lineno)) from None
    from . import yamlio

    try:
        return yamlio.load(text), text
    except Exception as e:  # yaml.YAMLError and friends
        line, problem = yamlio.parse_error(e)
        raise UserError(Problem(str(path), "", t(f"YAML 格式错误：{problem}", f"invalid YAML: {problem}"), line)) from None


def load_profile(path: str | Path) -> Profile:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None
    if raw is not None:
        k = cache.key("profile", raw)
        hit = cache.get(k)
        if isinstance(hit, Profile):
            return hit
    data, text = read_structured(path, t("档案", "profile"))
    profile = validate_profile(data, str(path), text)
    if raw is not None:
        cache.put(k, profile)
    return profile


def validate_profile(data: Any, filename: str | None = None, text: str | None = None) -> Profile:
    """Validate parsed data into a Profile or raise UserError with every problem found."""
    problems: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        line = None
        if text is not None and not filename_is_json(filename):
            from . import yamlio

            line = yamlio.line_of(text, loc)
        problems.append(Problem(filename, key_path(loc), message, line))

    if not isinstance(data, dict):
        add((), t("档案应为键值映射（name: …, id_number: … 等）", "a profile must be a mapping (name: …, id_number: …)"))
        raise UserError(problems)

    # Numbers typed without quotes in YAML (phone: 13812345678) are meant as text.
    data = dict(data)
    for k in ("phone", "id_number"):
        if isinstance(data.get(k), int) and not isinstance(data.get(k), bool):
            data[k] = str(data[k])
    profile = None
    from pydantic import ValidationError

    try:
        profile = _validator().validate_python(data)
    except ValidationError as e:
        for err in e.errors():
            # pydantic marks a bad mapping key with a trailing "[key]": the path is the key itself
            add(tuple(p for p in err["loc"] if p != "[key]"), describe_error(err))
    for loc, message in semantic_problems(data):
        add(loc, message)
    if profile is not None:
        # pydantic's lax mode reads "yes", "true", 1 as true: a quoted word is not a yes/no
        for loc, raw in _loose_bools(profile, data, ()):
            add(loc, t(f"应为 true 或 false（不加引号），现为 {raw!r}", f"expected true or false (no quotes), got {raw!r}"))
    if text is not None and not filename_is_json(filename):
        for loc, line, first in _duplicate_keys(text):
            problems.append(
                Problem(
                    filename,
                    key_path(loc),
                    t(
                        f"重复的键（第 {first} 行已有；后者会覆盖前者）",
                        f"duplicate key (already on line {first}; the later one would silently win)",
                    ),
                    line,
                )
            )
    if problems:
        raise UserError(problems)
    assert profile is not None
    return profile


def _loose_bools(obj: Any, raw: Any, loc: tuple) -> list[tuple[tuple, Any]]:
    """Yes/no fields whose value in the file was not a YAML/JSON boolean."""
    import dataclasses

    out: list[tuple[tuple, Any]] = []
    if dataclasses.is_dataclass(obj) and isinstance(raw, dict):
        for f in dataclasses.fields(obj):
            if f.name not in raw:
                continue
            v, r = getattr(obj, f.name), raw[f.name]
            if isinstance(v, bool) and not isinstance(r, bool):
                out.append((loc + (f.name,), r))
            else:
                out += _loose_bools(v, r, loc + (f.name,))
    elif isinstance(obj, list) and isinstance(raw, list):
        for i, (o, r) in enumerate(zip(obj, raw, strict=False)):
            out += _loose_bools(o, r, loc + (i,))
    elif isinstance(obj, dict) and isinstance(raw, dict):
        by_text = {str(k): v for k, v in raw.items()}
        for k, o in obj.items():
            if str(k) in by_text:
                out += _loose_bools(o, by_text[str(k)], loc + (k,))
    return out


def _duplicate_keys(text: str) -> list[tuple[tuple, int, int]]:
    """(key path, line, line of the first occurrence) for every key given twice in a mapping:
    YAML keeps the last one and a fact would be dropped without a word."""
    import yaml

    from . import yamlio

    try:
        root = yaml.compose(text, Loader=yamlio.Loader)
    except yaml.YAMLError:  # already reported as a YAML syntax error
        return []
    out: list[tuple[tuple, int, int]] = []

    def walk(node: Any, loc: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else None
                if key is not None and key != "<<":
                    if key in seen:
                        out.append((loc + (key,), k.start_mark.line + 1, seen[key]))
                    else:
                        seen[key] = k.start_mark.line + 1
                walk(v, loc + ((key,) if key is not None else ()))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, loc + (i,))

    walk(root, ())
    return out


def filename_is_json(filename: str | None) -> bool:
    return bool(filename) and str(filename).lower().endswith(".json")


def _as_date(v: Any) -> date | None:
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v)
        except ValueError:
            return None
    return None


def validate_id_number(idn: str) -> str:
    """stdnum's ric.validate, except that a region code created after the birth year is accepted:
    18-digit numbers carry the code of the registration when they were issued (from 1999), so a
    Chongqing 500103 number of someone born in 1990 is real although 渝中区 dates from 1997."""
    from stdnum import exceptions as sx
    from stdnum import numdb
    from stdnum.cn import ric

    try:
        return ric.validate(idn)
    except KeyError:  # stdnum 2.2 fails this way on a known province with an unknown county (509999…)
        raise sx.InvalidComponent() from None
    except sx.InvalidComponent:
        number = ric.compact(idn)
        ric.get_birth_date(number)  # a date that does not exist stays an error
        info = {k: v for _, props in numdb.get("cn/loc").info(number[:6]) for k, v in props.items()}
        if "county" not in info:
            raise
        return number


def semantic_problems(data: dict) -> list[tuple[tuple, str]]:  # noqa: C901 - to split (issue 19)
    """Checks across fields that types cannot express: the ID number, dates in order."""
    out: list[tuple[tuple, str]] = []
    birth: date | None = None
    idn = data.get("id_number")
    if isinstance(idn, int):
        idn = str(idn)
    if isinstance(idn, str):
        from stdnum import exceptions as sx
        from stdnum.cn import ric

        try:
            validate_id_number(idn)
            birth = ric.get_birth_date(idn)
        except sx.InvalidChecksum:
            out.append((("id_number",), t("身份证号校验位不正确", "ID number check digit is wrong")))
        except sx.InvalidLength:
            out.append((("id_number",), t("身份证号应为 18 位", "ID number must have 18 characters")))
        except sx.InvalidFormat:
            out.append(
                (
                    ("id_number",),
                    t(
                        "身份证号格式不正确（17 位数字加校验位 0-9 或 X）",
                        "ID number format is wrong (17 digits and a check character 0-9 or X)",
                    ),
                )
            )
        except sx.InvalidComponent:
            out.append((("id_number",), t("身份证号中的出生日期或地区代码无效", "ID number has an invalid birth date or region code")))
        except sx.ValidationError as e:
            out.append((("id_number",), t(f"身份证号无效：{e}", f"invalid ID number: {e}")))
        if isinstance(idn, str) and len(idn) == 18 and birth is None:
            birth = None

    def check_after_birth(loc: tuple, v: Any, what_zh: str, what_en: str) -> None:
        d = _as_date(v)
        if d is not None and birth is not None and d < birth:
            out.append(
                (
                    loc,
                    t(
                        f"{what_zh} {d} 早于出生日期 {birth}（出生日期取自身份证号）",
                        f"{what_en} {d} is before the birth date {birth} (taken from the ID number)",
                    ),
                )
            )

    for i, ed in enumerate(data.get("education") or [] if isinstance(data.get("education"), list) else []):
        if isinstance(ed, dict):
            check_after_birth(("education", i, "graduated"), ed.get("graduated"), "毕业时间", "graduation")
    for i, w in enumerate(data.get("work") if isinstance(data.get("work"), list) else []):
        if not isinstance(w, dict):
            continue
        s, e = _as_date(w.get("start")), _as_date(w.get("end"))
        check_after_birth(("work", i, "start"), w.get("start"), "参加工作时间", "work start")
        if s and e and e < s:
            out.append((("work", i, "end"), t(f"结束时间 {e} 早于开始时间 {s}", f"ends {e} before it starts {s}")))
    for i, ti in enumerate(data.get("titles") if isinstance(data.get("titles"), list) else []):
        if isinstance(ti, dict):
            check_after_birth(("titles", i, "obtained"), ti.get("obtained"), "取得时间", "obtained")
    special = data.get("special") if isinstance(data.get("special"), dict) else {}
    fs = special.get("village_first_secretary") if isinstance(special.get("village_first_secretary"), dict) else None
    if fs:
        s, e = _as_date(fs.get("start")), _as_date(fs.get("end"))
        if s and e and e < s:
            out.append(
                (("special", "village_first_secretary", "end"), t(f"结束时间 {e} 早于开始时间 {s}", f"ends {e} before it starts {s}"))
            )
    for i, p in enumerate(data.get("papers") if isinstance(data.get("papers"), list) else []):
        if isinstance(p, dict) and isinstance(p.get("plagiarism_rate"), (int, float)) and not 0 <= p["plagiarism_rate"] <= 1:
            out.append(
                (
                    ("papers", i, "plagiarism_rate"),
                    t("查重率应在 0 到 1 之间（如 0.12 表示 12%）", "plagiarism rate must be between 0 and 1 (0.12 = 12%)"),
                )
            )
    for name in ("assessments", "continuing_education"):
        block = data.get(name)
        if isinstance(block, dict):
            for y in block:
                try:
                    yi = int(y)
                except (TypeError, ValueError):
                    continue
                if not 1950 <= yi <= 2100:
                    out.append(((name, y), t(f"年份 {y} 不合理", f"year {y} is not plausible")))
    return out
