"""Reading and writing the interview's profile and its draft.

An existing YAML profile is read with ruamel.yaml's round-trip loader and the answers are
merged into that document node by node, so the user's comments, key order and flow style stay
where they were; when a comment would still be lost (its item was removed) the interview warns
before saving.  Writes are atomic (titlecli/atomic.py).
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from ..atomic import write_text
from ..errors import Problem, UserError
from ..i18n import t

DRAFT_MARK = "# titlecli interview draft"


def _yaml():
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.allow_unicode = True
    y.preserve_quotes = True
    # `key: null` as the user (and the contract) writes it, not an empty value
    y.representer.add_representer(type(None), lambda r, d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def plain(v: Any) -> Any:
    """ruamel's commented containers and scalar subclasses as plain Python values."""
    if isinstance(v, dict):
        return {plain(k): plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, date):
        return date(v.year, v.month, v.day)
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return float(v)
    if isinstance(v, str):
        return str(v)
    return v


def draft_path(target: Path) -> Path:
    """profile.yaml -> profile.draft.yaml, next to the target (git-ignored)."""
    return target.with_name(target.stem + ".draft.yaml")


def load_document(path: Path) -> tuple[Any, dict]:
    """The round-trip document (None for JSON) and its answers as plain data."""
    from ..datafile import decode, parse_json, read_limited

    text = decode(path, read_limited(path, t("档案", "profile")))  # not a device, not 5 GB
    if path.suffix.lower() == ".json":
        data = parse_json(path, text, [])
        doc = None
    else:
        try:
            doc = _yaml().load(text)
        except Exception as e:  # ruamel's YAMLError and friends, or a date that does not exist
            raise _unreadable(path, text, e) from None
        data = plain(doc)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UserError(
            Problem(str(path), "", t("档案应为键值映射（name: …, id_number: … 等）", "a profile must be a mapping (name: …, id_number: …)"))
        )
    return doc, data


def _unreadable(path: Path, text: str, e: Exception) -> UserError:
    """Why ruamel could not load the profile, in the words `check` would use: the same text read
    the way check reads it names the key (2022-02-30 is a date ruamel refuses to make)."""
    from ..datafile import parse_yaml, yaml_problem_zh

    try:
        data = parse_yaml(path, text, [])
        from ..profile import validate_profile

        validate_profile(data, str(path), text)
    except UserError as err:
        return err
    mark = getattr(e, "problem_mark", None)
    problem = str(getattr(e, "problem", None) or e)
    return UserError(
        Problem(str(path), "", t(f"YAML 格式错误：{yaml_problem_zh(problem)}", f"invalid YAML: {problem}"), mark.line + 1 if mark else None)
    )


def usable_answers(data: dict) -> tuple[dict, list[str]]:
    """The answers of an existing profile or draft that can be offered again, and the key paths
    of those that cannot (a number where a list belongs, a list where a grade belongs …): those
    are asked afresh instead of being shown as defaults the prompts cannot hold."""
    from pydantic import ValidationError

    from ..errors import key_path
    from ..profile import _as_typed, _validator

    # Only values of the wrong shape are dropped: a list or mapping where one answer belongs, or
    # one answer where a list or mapping belongs.  A wrong word or number (role: firstt) is
    # shown in its entry and asked again by the questions themselves; a missing answer is asked
    # anyway; an unknown key is the user's to fix, never dropped.
    containers = {"list_type", "dict_type", "dataclass_type", "dataclass_exact_type", "model_type", "mapping_type", "tuple_type"}
    dropped: list[str] = []
    for _ in range(5):  # dropping an entry can reveal the next problem inside its parent
        try:
            _validator().validate_python(_as_typed(data))
            break
        except ValidationError as e:
            errors = [err for err in e.errors() if err["type"] in containers or isinstance(err.get("input"), (list, dict))]
        locs = [loc for loc in {tuple(p for p in err["loc"] if p != "[key]") for err in errors} if loc and _at(data, loc) is not _MISSING]
        if not locs:
            break
        for loc in sorted(locs, key=lambda lc: [(0, x) if isinstance(x, int) else (1, str(x)) for x in lc], reverse=True):
            if _drop(data, loc):
                dropped.append(key_path(loc))
    return data, dropped


_MISSING = object()


def _at(data: Any, loc: tuple) -> Any:
    for part in loc:
        if isinstance(data, dict):
            hit = [k for k in data if k == part or str(k) == str(part)]
            if not hit:
                return _MISSING
            data = data[hit[0]]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return _MISSING
    return data


def _drop(data: Any, loc: tuple) -> bool:
    parent = _at(data, loc[:-1])
    last = loc[-1]
    if isinstance(parent, dict):
        hit = [k for k in parent if k == last or str(k) == str(last)]
        for k in hit:
            del parent[k]
        return bool(hit)
    if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        del parent[last]
        return True
    return False


def merge(doc: Any, new: Any) -> Any:
    """`new` written into `doc` in place where the shapes agree (keeps comments and style)."""
    if isinstance(doc, dict) and isinstance(new, dict):
        for k in [k for k in doc if k not in new]:
            del doc[k]
        for k, v in new.items():
            if k in doc and isinstance(doc[k], (dict, list)) and type(v) is type(plain(doc[k])):
                merge(doc[k], v)
            elif k not in doc or plain(doc[k]) != v or type(plain(doc[k])) is not type(v):
                doc[k] = v
        return doc
    if isinstance(doc, list) and isinstance(new, list):
        for i, v in enumerate(new):
            if i < len(doc) and isinstance(doc[i], (dict, list)) and type(v) is type(plain(doc[i])):
                merge(doc[i], v)
            elif i < len(doc):
                if plain(doc[i]) != v:
                    doc[i] = v
            else:
                doc.append(v)
        del doc[len(new) :]
        return doc
    return new


def dump_yaml(doc: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(doc, buf)
    return buf.getvalue()


def render(target: Path, data: dict, doc: Any) -> str:
    """The text to save: JSON, the merged round-trip document, or a fresh YAML document."""
    if target.suffix.lower() == ".json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=lambda d: d.isoformat()) + "\n"
    if doc is None:
        from ruamel.yaml.comments import CommentedMap

        doc = CommentedMap()
        data = in_contract_order(data)
    return dump_yaml(merge(doc, data))


# contract §1's order for a new file (an edited file keeps its own order)
ORDER = [
    "name",
    "id_number",
    "phone",
    "employer",
    "status",
    "application",
    "education",
    "work",
    "titles",
    "skills",
    "assessments",
    "continuing_education",
    "papers",
    "achievements",
    "awards",
    "certificates",
    "special",
    "documents",
]


def in_contract_order(data: dict) -> dict:
    out = {k: data[k] for k in ORDER if k in data}
    out.update({k: v for k, v in data.items() if k not in out})
    if isinstance(out.get("application"), dict):
        a = out["application"]
        first = ("region", "series", "specialty", "level")
        out["application"] = {k: a[k] for k in first if k in a} | {k: v for k, v in a.items() if k not in first}
    return out


_COMMENT = re.compile(r"(?:^|\s)#\s?(.*)$")


def comments(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        m = _COMMENT.search(line)
        if m and m.group(1).strip():
            out.append(m.group(1).strip())
    return out


def lost_comments(old: str, new: str) -> list[str]:
    kept = set(comments(new))
    return [c for c in comments(old) if c not in kept]


def write_draft(path: Path, target: Path, data: dict, done: list[str], open_entry: dict | None = None) -> None:
    head = (
        f"{DRAFT_MARK} for {target.name}: {t('再次运行 titlecli interview 可继续', 'run titlecli interview again to resume')}\n"
        f"# done: {json.dumps(done)}\n"
    )
    if open_entry is not None:  # the entry Ctrl-C stopped in and the questions already answered in it
        head += f"# open: {json.dumps(open_entry, ensure_ascii=False)}\n"
    from ruamel.yaml.comments import CommentedMap

    write_text(path, head + dump_yaml(merge(CommentedMap(), data)))


def draft_target(path: Path) -> str | None:
    """The profile file a draft belongs to (from its first line), if it is an interview draft."""
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
    except (OSError, UnicodeDecodeError):
        return None
    m = re.match(re.escape(DRAFT_MARK) + r" for (.+?): ", first)
    if not m:
        return None
    return str(path.with_name(m.group(1)))


def draft_open(path: Path) -> dict | None:
    """The entry a draft was interrupted in ({section, entry, asked, new}), if any."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    m = re.search(r"^# open: (.*)$", text, re.MULTILINE)
    try:
        v = json.loads(m.group(1)) if m else None
    except ValueError:
        return None
    return v if isinstance(v, dict) else None


def read_draft(path: Path) -> tuple[dict, list[str]]:
    text = path.read_text(encoding="utf-8")
    done: list[str] = []
    m = re.search(r"^# done: (.*)$", text, re.MULTILINE)
    if m:
        try:
            done = [str(x) for x in json.loads(m.group(1))]
        except ValueError:
            done = []
    try:
        data = plain(_yaml().load(text)) or {}
    except Exception:
        raise UserError(
            Problem(str(path), "", t("草稿文件已损坏，请删除后重新开始", "the draft is damaged; delete it and start again"))
        ) from None
    if not isinstance(data, dict):
        data = {}
    return data, done
