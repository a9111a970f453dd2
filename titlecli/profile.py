"""Loading and validating applicant profiles (contract §1).

All problems in a file are reported at once, each with the file, the key path and what is
wrong, in the user's language.  Validated profiles are cached by their bytes (see cache.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .errors import Problem, UserError, key_path
from .i18n import t
from .lazyimport import lazy
from .model import Profile

if TYPE_CHECKING:
    import pydantic
    from pydantic_core import ErrorDetails
    from stdnum import exceptions as sx
    from stdnum import numdb
    from stdnum.cn import ric
else:
    pydantic = lazy("pydantic")  # validation of a profile the cache has not seen
    sx = lazy("stdnum.exceptions")
    numdb = lazy("stdnum.numdb")
    ric = lazy("stdnum.cn.ric")

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
    "dataclass_args_type": ("应为键值映射", "expected a mapping (key: value)"),
    "model_type": ("应为键值映射", "expected a mapping (key: value)"),
    "mapping_type": ("应为键值映射", "expected a mapping (key: value)"),
    "invalid_key": ("键应为文字（不能是数字、列表或空值）", "keys must be text (not numbers, lists or null)"),
    "int_parsing_size": ("整数位数过多", "a whole number with too many digits"),
    "finite_number": ("应为有限的数（不能是无穷大或 NaN）", "expected a finite number (not infinity or NaN)"),
    "string_too_short": ("不能为空", "must not be empty"),
    "string_too_long": ("文字过长", "the text is too long"),
    "too_short": ("项数太少", "too few items"),
    "too_long": ("项数太多", "too many items"),
    "none_required": ("应为空（null）", "expected null"),
    "date_from_datetime_parsing_size": ("不是有效的日期（应为 YYYY-MM-DD）", "not a valid date (expected YYYY-MM-DD)"),
    "recursion_loop": ("内容循环引用自身", "the value refers to itself"),
    "union_tag_invalid": ("取值无效", "invalid value"),
    "is_instance_of": ("类型不对", "wrong type"),
    "tuple_type": ("应为列表", "expected a list"),
    "set_type": ("应为列表", "expected a list"),
    "iterable_type": ("应为列表", "expected a list"),
}
_BOUNDS = {
    "greater_than": ("gt", "应大于 {}", "must be greater than {}"),
    "greater_than_equal": ("ge", "应不小于 {}", "must be at least {}"),
    "less_than": ("lt", "应小于 {}", "must be less than {}"),
    "less_than_equal": ("le", "应不大于 {}", "must be at most {}"),
}


def shown(v: Any, limit: int = 60) -> str:
    """A value as it is quoted in a message: repr, cut short (a 128 KB cell must not flood the screen)."""
    r = repr(v)
    return r if len(r) <= limit else r[: limit - 1] + "…"


_adapter = None


def _validator():
    global _adapter
    if _adapter is None:
        _adapter = pydantic.TypeAdapter(Profile)
    return _adapter


def describe_error(err: ErrorDetails) -> str:
    typ = err.get("type", "")
    if typ == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return t(f"取值无效 {shown(err.get('input'))}，应为：{expected}", f"invalid value {shown(err.get('input'))}, expected {expected}")
    inp = err.get("input")
    if typ in _BOUNDS:
        key, zh, en = _BOUNDS[typ]
        bound = err.get("ctx", {}).get(key, "")
        return t(zh.format(bound) + f"（现为 {shown(inp)}）", en.format(bound) + f" (got {shown(inp)})")
    # Any other type pydantic may add: a plain "invalid value" in Chinese, its own words in English.
    zh, en = _ERROR_TEXT.get(typ, ("取值无效", str(err.get("msg", typ))))
    if (
        typ not in ("missing", "extra_forbidden", "unexpected_keyword_argument", "missing_argument", "invalid_key")
        and inp is not None
        and not isinstance(inp, (dict, list))
    ):
        return t(f"{zh}（现为 {shown(inp)}）", f"{en} (got {shown(inp)})")
    return t(zh, en)


def read_structured(path: Path, what: str, dups: list | None = None) -> tuple[Any, str]:
    """Read a YAML or JSON file into Python data, or raise UserError naming the file (see
    titlecli.datafile: size, devices, alias bombs, nesting, duplicate keys)."""
    from . import datafile

    data, text, _ = datafile.read(path, what, dups)
    return data, text


def load_profile(path: str | Path) -> Profile:
    from . import datafile

    path = Path(path)
    raw = datafile.read_limited(path, t("档案", "profile"))
    text = datafile.decode(path, raw)
    k = cache.key("profile", path.suffix.lower(), text)
    seen = cache.get(k)
    if seen is not None:
        profile = _known_good(path, text, seen)
        if profile is not None:
            return profile
    dups: list[datafile.Duplicate] = []
    data = datafile.parse(path, text, dups)
    profile = validate_profile(data, str(path), text, dups)
    # What PyYAML read, as a keyed digest: lets the next run trust titlecli.quickyaml's reading
    # of the same text (nothing of the profile itself is stored).
    cache.put(k, (cache.digest(repr(data)) or "").encode())
    return profile


def _known_good(path: Path, text: str, read_as: bytes) -> Profile | None:
    """The profile in a text that validated before (titlecli.cache), built without pydantic;
    None if the builder finds anything not exactly as declared (then it is validated in full).
    `read_as` is the digest of what PyYAML read from it: the quick reader's reading is used
    only when it is the same, else PyYAML reads it."""
    try:
        if path.suffix.lower() == ".json":
            import json

            data = json.loads(text)
        else:
            from . import quickyaml

            try:
                data = quickyaml.load(text)
                if cache.digest(repr(data)) != read_as.decode():
                    raise quickyaml.Unsupported("read differently")
            except quickyaml.Unsupported:
                from . import yamlio

                data = yamlio.load(text)
        from .fastbuild import build

        return build(Profile, _as_typed(data))
    except Exception:  # noqa: BLE001 - whatever it is, the full validation says it properly
        return None


def validate_profile(data: Any, filename: str | None = None, text: str | None = None, dups: list | None = None) -> Profile:
    """Validate parsed data into a Profile or raise UserError with every problem found."""
    problems: list[Problem] = []
    lines = None
    if text is not None and not filename_is_json(filename):
        from . import yamlio

        lines = yamlio.line_finder(text)

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(filename, key_path(loc), message, lines(loc) if lines else None))

    if not isinstance(data, dict):
        add((), t("档案应为键值映射（name: …, id_number: … 等）", "a profile must be a mapping (name: …, id_number: …)"))
        raise UserError(problems)
    data = _as_typed(data)
    profile, type_problems = _typed(data)
    for loc, message in type_problems + semantic_problems(data):
        add(loc, message)
    if profile is not None:
        # pydantic's lax mode reads "yes", "true", 1 as true: a quoted word is not a yes/no
        for loc, raw in _loose_bools(profile, data, ()):
            add(loc, t(f"应为 true 或 false（不加引号），现为 {shown(raw)}", f"expected true or false (no quotes), got {shown(raw)}"))
        for loc, message in value_problems(profile, ()):
            add(loc, message)
    if dups:
        from .datafile import duplicate_problem

        problems += [duplicate_problem(filename, d) for d in dups]
    if problems:
        raise UserError(problems)
    assert profile is not None
    return profile


def _as_typed(data: dict) -> dict:
    """The few values people write loosely, as they are meant."""
    data = dict(data)
    # Numbers typed without quotes in YAML (phone: 13812345678) are meant as text.
    for k in ("phone", "id_number"):
        if isinstance(data.get(k), int) and not isinstance(data.get(k), bool):
            data[k] = str(data[k])
    if isinstance(data.get("id_number"), str):
        # As the roster reads it: a pasted trailing newline, spaces for readability and a
        # lowercase x are the same number (stored as 18 characters, X upper case).
        data["id_number"] = "".join(data["id_number"].split()).upper()
    return data


def _typed(data: dict) -> tuple[Profile | None, list[tuple[tuple, str]]]:
    """The Profile pydantic makes of `data`, or None and what is wrong with the types."""
    try:
        return _validator().validate_python(data), []
    except pydantic.ValidationError as e:
        out = []
        for err in e.errors():
            # pydantic marks a bad mapping key with a trailing "[key]": the path is the key itself
            loc = tuple(p for p in err["loc"] if p != "[key]")
            if err["type"] == "invalid_key" and loc:  # the key itself (1, null): shown as written, not as a list index
                loc = loc[:-1] + (str(loc[-1]) if loc[-1] is not None else "null",)
            out.append((loc, describe_error(err)))
        return None, out


# Counts that start at 1 (a rank in a project team, an award's grade: 一等奖 is 1).
_FROM_ONE = {"rank", "grade"}


def value_problems(obj: Any, loc: tuple) -> list[tuple[tuple, str]]:
    """What types let through but no one means: a required text left empty (name: ""), a count
    below zero, an infinite number (YAML .inf), a year no one worked in."""
    import dataclasses
    import math

    out: list[tuple[tuple, str]] = []
    if isinstance(obj, list):
        for i, x in enumerate(obj):
            out += value_problems(x, loc + (i,))
        return out
    if isinstance(obj, dict):
        for k, x in obj.items():
            out += value_problems(x, loc + (k,))
        return out
    if not dataclasses.is_dataclass(obj):
        return out
    for f in dataclasses.fields(obj):
        v, here = getattr(obj, f.name), loc + (f.name,)
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if isinstance(v, str) and required and not v.strip():
            out.append((here, t("不能为空", "must not be empty")))
        elif isinstance(v, float) and not math.isfinite(v):
            out.append((here, t(f"应为有限的数（现为 {v}）", f"expected a finite number (got {v})")))
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            if f.name == "year" and not 1950 <= v <= 2100:
                out.append((here, t(f"年份 {shown(v)} 不合理", f"year {shown(v)} is not plausible")))
            elif f.name in _FROM_ONE and v < 1:
                out.append((here, t(f"应从 1 起算（现为 {shown(v)}）", f"counts from 1 (got {shown(v)})")))
            elif v < 0:
                out.append((here, t(f"不能为负数（现为 {shown(v)}）", f"must not be negative (got {shown(v)})")))
        else:
            out += value_problems(v, here)
    return out


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


# Dates in lists that cannot be before the birth date: (list, key, what in Chinese, in English)
_DATED = (
    ("titles", "obtained", "取得时间", "obtained"),
    ("titles", "appointed", "聘任时间", "appointed"),
    ("honours", "obtained", "获得荣誉称号时间", "honour obtained"),
)


def semantic_problems(data: dict) -> list[tuple[tuple, str]]:
    """Checks across fields that types cannot express: the ID number, dates in order."""
    out, birth = _id_number_problems(data.get("id_number"))
    out += _history_problems(data, birth)
    out += _range_problems(data)
    return out


def _items(data: dict, name: str) -> list:
    v = data.get(name)
    return v if isinstance(v, list) else []


def _id_number_problems(idn: Any) -> tuple[list[tuple[tuple, str]], date | None]:
    """What is wrong with the ID number, and the birth date it gives when it is right."""
    if isinstance(idn, int):
        idn = str(idn)
    if not isinstance(idn, str):
        return [], None
    try:
        validate_id_number(idn)
        return [], ric.get_birth_date(idn)
    except sx.InvalidChecksum:
        why = t("身份证号校验位不正确", "ID number check digit is wrong")
    except sx.InvalidLength:
        why = t("身份证号应为 18 位", "ID number must have 18 characters")
    except sx.InvalidFormat:
        why = t(
            "身份证号格式不正确（17 位数字加校验位 0-9 或 X）",
            "ID number format is wrong (17 digits and a check character 0-9 or X)",
        )
    except sx.InvalidComponent:
        why = t("身份证号中的出生日期或地区代码无效", "ID number has an invalid birth date or region code")
    except sx.ValidationError as e:
        why = t(f"身份证号无效：{e}", f"invalid ID number: {e}")
    return [(("id_number",), why)], None


def _history_problems(data: dict, birth: date | None) -> list[tuple[tuple, str]]:
    """Dates of the history in order: nothing before the birth date, no job ending before it starts."""
    out: list[tuple[tuple, str]] = []

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

    for i, ed in enumerate(_items(data, "education")):
        if isinstance(ed, dict):
            check_after_birth(("education", i, "graduated"), ed.get("graduated"), "毕业时间", "graduation")
    for i, w in enumerate(_items(data, "work")):
        if not isinstance(w, dict):
            continue
        start, end = _as_date(w.get("start")), _as_date(w.get("end"))
        check_after_birth(("work", i, "start"), w.get("start"), "参加工作时间", "work start")
        if start and end and end < start:
            out.append((("work", i, "end"), t(f"结束时间 {end} 早于开始时间 {start}", f"ends {end} before it starts {start}")))
    for name, key, what_zh, what_en in _DATED:
        for i, item in enumerate(_items(data, name)):
            if isinstance(item, dict):
                check_after_birth((name, i, key), item.get(key), what_zh, what_en)
    return out


def _range_problems(data: dict) -> list[tuple[tuple, str]]:
    """Numbers and periods outside what they can be: a rank below 1, a first secretary's term
    ending before it starts, a plagiarism rate outside 0..1, an implausible year."""
    out: list[tuple[tuple, str]] = []
    for i, a in enumerate(_items(data, "achievements")):
        if isinstance(a, dict) and isinstance(a.get("rank"), int) and not isinstance(a["rank"], bool) and a["rank"] < 1:
            out.append((("achievements", i, "rank"), t("排名从 1 起（主持为第 1 名）", "ranks start at 1 (the lead is 1st)")))
    special = data.get("special")
    special = special if isinstance(special, dict) else {}
    fs = special.get("village_first_secretary") if isinstance(special.get("village_first_secretary"), dict) else None
    if fs:
        start, end = _as_date(fs.get("start")), _as_date(fs.get("end"))
        if start and end and end < start:
            out.append(
                (
                    ("special", "village_first_secretary", "end"),
                    t(f"结束时间 {end} 早于开始时间 {start}", f"ends {end} before it starts {start}"),
                )
            )
    for i, p in enumerate(_items(data, "papers")):
        if isinstance(p, dict) and isinstance(p.get("plagiarism_rate"), (int, float)) and not 0 <= p["plagiarism_rate"] <= 1:
            out.append(
                (
                    ("papers", i, "plagiarism_rate"),
                    t("查重率应在 0 到 1 之间（如 0.12 表示 12%）", "plagiarism rate must be between 0 and 1 (0.12 = 12%)"),
                )
            )
    for name in ("assessments", "continuing_education"):
        block = data.get(name)
        for y in block if isinstance(block, dict) else {}:
            try:
                yi = int(y)
            except (TypeError, ValueError):
                continue
            if not 1950 <= yi <= 2100:
                out.append(((name, y), t(f"年份 {y} 不合理", f"year {y} is not plausible")))
    return out
