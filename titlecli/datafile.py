"""Reading the YAML and JSON files people give titlecli (profiles, regions, case files, templates).

Whatever the file holds, reading it ends in data or in a UserError naming the file, the line and
what is wrong, in the user's language — never in a library's English message, a traceback or a
hang:

- only regular files are read, and at most MAX_BYTES of them (`/dev/zero`, a FIFO, a 5 GB file
  named .yaml);
- YAML is composed once and its node graph walked once: aliases that would expand past
  MAX_NODES (a "billion laughs" bomb) or that refer to themselves are refused before anything
  follows them, and every key given twice in one mapping is found on the way;
- JSON: duplicate keys, NaN/Infinity, nesting deeper than MAX_DEPTH and numbers too long for
  Python to read are each a message.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem, UserError
from .i18n import t
from .lazyclass import lazy_dataclass
from .lazyimport import lazy

if TYPE_CHECKING:
    import yaml
else:
    yaml = lazy("yaml")  # a YAML file the cache has not seen

# A region file is ~30 KB, a case file with inline profiles a few hundred: 16 MB is no real file.
MAX_BYTES = 16 * 1024 * 1024
# Every value counted as often as aliases repeat it.  The largest bundled region expands to a
# few thousand; a billion-laughs bomb of 9 levels to 10^9.
MAX_NODES = 200_000
# Profiles nest 4 deep, regions (any_of inside any_of) about 10.
MAX_DEPTH = 100


@lazy_dataclass()  # made on first use (titlecli.lazyclass): most files repeat no key
class Duplicate:
    """A key given twice in one mapping: the later value would silently win."""

    loc: tuple
    line: int | None
    first: int | None


def os_reason(e: OSError) -> str:
    """Why a file could not be read or written, in the user's language (strerror is English)."""
    zh = {
        errno.ENOENT: "不存在",
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.ENOSPC: "磁盘已满",
        errno.EDQUOT: "超出磁盘配额",
        errno.EFBIG: "文件过大，超出文件系统的限制",
        errno.EROFS: "位于只读的文件系统上",
        errno.ENAMETOOLONG: "路径或文件名过长",
        errno.EISDIR: "这是文件夹，不是文件",
        errno.ENOTDIR: "路径中的某一级不是文件夹",
        errno.ELOOP: "符号链接层数过多",
        errno.EIO: "输入/输出错误（磁盘或网络存储故障）",
        errno.EBUSY: "正被其他程序占用",
        errno.ETXTBSY: "正被其他程序占用",
        errno.EEXIST: "已存在",
        errno.ENOTEMPTY: "文件夹不是空的",
        errno.EXDEV: "不能跨文件系统移动",
    }
    if e.errno in zh:
        return t(zh[e.errno], e.strerror or str(e))
    return t(f"系统错误 {e.errno}" if e.errno else "系统错误", e.strerror or str(e))


def path_problem(path: str | Path) -> str | None:
    """What makes a path unusable before the system is even asked (a NUL byte)."""
    if "\x00" in str(path):
        return t("路径中含有空字符（\\0）", "the path contains a NUL character")
    return None


def read_limited(path: Path, what: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or UserError naming the file."""
    bad = path_problem(path)
    if bad:
        raise UserError(Problem(repr(str(path)), "", bad))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise UserError(Problem(str(path), "", t(f"{what}文件不存在", f"{what} file not found"))) from None
    except OSError as e:
        raise UserError(Problem(str(path), "", t(f"无法读取：{os_reason(e)}", f"cannot read: {os_reason(e)}"))) from None
    if stat.S_ISDIR(st.st_mode):
        raise UserError(Problem(str(path), "", t("这是一个文件夹，不是文件", "is a folder, not a file")))
    if not stat.S_ISREG(st.st_mode):  # /dev/zero, a FIFO, a socket: reading would never end
        raise UserError(
            Problem(str(path), "", t("不是普通文件（设备、管道等），不能读取", "not a regular file (a device, a pipe …); not read"))
        )
    if st.st_size > limit:
        return _too_big(path, what, limit)
    try:
        with open(path, "rb") as f:
            raw = f.read(limit + 1)
    except OSError as e:
        raise UserError(Problem(str(path), "", t(f"无法读取：{os_reason(e)}", f"cannot read: {os_reason(e)}"))) from None
    if len(raw) > limit:  # it grew while being read
        return _too_big(path, what, limit)
    return raw


def _too_big(path: Path, what: str, limit: int) -> bytes:
    mb = limit // (1024 * 1024)
    raise UserError(
        Problem(str(path), "", t(f"文件过大（超过 {mb} MB），不像是{what}文件", f"the file is too large (over {mb} MB) for a {what} file"))
    )


def decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(Problem(str(path), "", t("不是 UTF-8 编码的文本文件", "not a UTF-8 text file"))) from None


def parse(path: Path, text: str, dups: list[Duplicate] | None = None) -> Any:
    """The data in `text` (JSON by the file's suffix, else YAML).  Keys given twice go into
    `dups` when a list is passed (the caller reports them with its other problems), else they
    are a UserError at once."""
    found: list[Duplicate] = []
    data = parse_json(path, text, found) if path.suffix.lower() == ".json" else parse_yaml(path, text, found)
    if found and dups is None:
        raise UserError([duplicate_problem(str(path), d) for d in found])
    if dups is not None:
        dups += found
    return data


def duplicate_problem(file: str | None, d: Duplicate) -> Problem:
    from .errors import key_path

    if d.first is not None:
        msg = t(
            f"重复的键（第 {d.first} 行已有；后者会覆盖前者）",
            f"duplicate key (already on line {d.first}; the later one would silently win)",
        )
    else:
        msg = t(
            "重复的键（同一映射中出现两次；后者会覆盖前者）", "duplicate key (given twice in one mapping; the later one would silently win)"
        )
    return Problem(file, key_path(d.loc), msg, d.line)


# -- JSON -------------------------------------------------------------------------------------


class _Pairs(dict):
    """A JSON object that had a key twice (the names are kept to report them)."""

    dup_keys: list[str]


def _pairs_hook(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    dup: list[str] = []
    for k, v in pairs:
        if k in out and k not in dup:
            dup.append(k)
        out[k] = v
    if dup:
        d = _Pairs(out)
        d.dup_keys = dup
        return d
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"constant {name}")


def parse_json(path: Path, text: str, dups: list[Duplicate]) -> Any:
    import json  # only for a .json profile: a YAML one is checked without it (start-up, issue 18)

    def bad(zh: str, en: str, line: int | None = None) -> UserError:
        return UserError(Problem(str(path), "", t(f"JSON 格式错误：{zh}", f"invalid JSON: {en}"), line))

    depth = _json_depth(text)
    if depth > MAX_DEPTH:
        raise bad(f"嵌套过深（{depth} 层，最多 {MAX_DEPTH} 层）", f"nested too deeply ({depth} levels, at most {MAX_DEPTH})")
    try:
        data = json.loads(text, object_pairs_hook=_pairs_hook, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise bad(_json_msg(e.msg), e.msg, e.lineno) from None
    except RecursionError:
        raise bad("嵌套过深", "nested too deeply") from None
    except ValueError as e:  # a number of thousands of digits; NaN, Infinity
        if str(e).startswith("constant"):
            raise bad("NaN、Infinity 不是数", "NaN and Infinity are not numbers") from None
        raise bad("数字位数过多", "a number with too many digits") from None
    _json_dups(data, (), dups)
    return data


_JSON_MSGS = {
    "Expecting value": "此处应有一个值",
    "Expecting property name enclosed in double quotes": "键名应加双引号",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Extra data": "数据结束后还有多余内容",
    "Unterminated string starting at": "字符串缺少结尾的引号",
    "Invalid control character at": "字符串中有控制字符（如换行）",
    "Invalid \\escape": "无效的转义（\\）",
    "Illegal trailing comma before end of object": "对象末尾多了逗号",
    "Illegal trailing comma before end of array": "数组末尾多了逗号",
}


def _json_msg(msg: str) -> str:
    return t(_JSON_MSGS.get(msg, "无法解析此处"), msg)


def _json_depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings (json would recurse that deep)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = top = 0
    in_str = esc = False
    for ch in text:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > top:
                top = depth
                if top > MAX_DEPTH:
                    return top
        elif ch in "]}":
            depth -= 1
    return top


def _json_dups(data: Any, loc: tuple, dups: list[Duplicate]) -> None:
    stack = [(data, loc)]
    while stack:
        v, where = stack.pop()
        if isinstance(v, dict):
            for k in getattr(v, "dup_keys", ()):
                dups.append(Duplicate(where + (k,), None, None))
            stack += [(x, where + (k,)) for k, x in v.items()]
        elif isinstance(v, list):
            stack += [(x, where + (i,)) for i, x in enumerate(v)]


# -- YAML -------------------------------------------------------------------------------------


def parse_yaml(path: Path, text: str, dups: list[Duplicate]) -> Any:
    from . import yamlio

    loader = yamlio.Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _walk(path, node, dups)
        return loader.construct_document(node)
    except UserError:
        raise
    except yaml.YAMLError as e:
        line, problem = yamlio.parse_error(e)
        raise UserError(Problem(str(path), "", t(f"YAML 格式错误：{yaml_problem_zh(problem)}", f"invalid YAML: {problem}"), line)) from None
    except (ValueError, OverflowError) as e:  # a constructor on a scalar it cannot make (a number too long)
        raise UserError(
            Problem(str(path), "", t("YAML 格式错误：无法读取某个值（数字位数过多？）", f"invalid YAML: a value cannot be read ({e})"))
        ) from None
    finally:
        loader.dispose()


def _walk(path: Path, root: Any, dups: list[Duplicate]) -> None:
    """Walk the node graph once (an alias is a second reference to a node already seen): find
    keys given twice, and refuse aliases that expand past MAX_NODES or refer to themselves."""
    size: dict[int, int] = {}  # node id -> its size with aliases expanded
    on_path: set[int] = set()
    # (node, key path, children pending?) — post-order without recursion (YAML nests 1000 deep)
    stack: list[tuple[Any, tuple, bool]] = [(root, (), False)]
    while stack:
        node, loc, done = stack.pop()
        nid = id(node)
        if done:
            on_path.discard(nid)
            kids = _children(node)
            total = 1 + sum(size[id(c)] for _, c in kids)
            size[nid] = total
            if total > MAX_NODES:
                raise _bomb(path, node)
            continue
        if nid in size:
            continue  # reached again through an alias: counted once, its size reused
        if nid in on_path:
            raise UserError(
                Problem(
                    str(path),
                    "",
                    t("YAML 别名引用了它自身所在的内容（循环引用）", "a YAML alias refers to the value it is inside (a cycle)"),
                    node.start_mark.line + 1,
                )
            )
        on_path.add(nid)
        stack.append((node, loc, True))
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for k, _v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else None
                if key is None or key == "<<":
                    continue
                if key in seen:
                    dups.append(Duplicate(loc + (key,), k.start_mark.line + 1, seen[key]))
                else:
                    seen[key] = k.start_mark.line + 1
        for part, child in _children(node):
            if id(child) not in size:
                stack.append((child, loc + ((part,) if part is not None else ()), False))


def _children(node: Any) -> list[tuple[Any, Any]]:
    if isinstance(node, yaml.MappingNode):
        out: list[tuple[Any, Any]] = []
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) and k.value != "<<" else None
            out += [(None, k), (key, v)]
        return out
    if isinstance(node, yaml.SequenceNode):
        return list(enumerate(node.value))
    return []


def _bomb(path: Path, node: Any) -> UserError:
    return UserError(
        Problem(
            str(path),
            "",
            t(
                f"YAML 别名（*引用）展开后超过 {MAX_NODES} 个值，疑似“别名炸弹”，已拒绝",
                f"YAML aliases (*references) expand to more than {MAX_NODES} values (an alias bomb?); refused",
            ),
            node.start_mark.line + 1,
        )
    )


# PyYAML's problems, as a person would put them (the English original goes with --lang en).
_YAML_PROBLEMS = [
    (r"mapping values are not allowed here", "此处不能写“键: 值”（缩进不对，或值中的冒号需要加引号）"),
    (r"found character '\\t' that cannot start any token|found a tab character", "含有制表符（Tab）：YAML 只能用空格缩进"),
    (r"could not find expected ':'", "缺少冒号（键: 值）"),
    (r"found unhashable key", "键不能是列表或映射"),
    (r"expected <block end>, but found", "缩进不一致"),
    (r"expected <block mapping start>|did not find expected key", "缩进不一致，或缺少键"),
    (r"did not find expected '-' indicator", "列表项的缩进不一致"),
    (r"found undefined alias", "引用了没有定义的别名（*名称）"),
    (r"found duplicate anchor", "锚点（&名称）重复定义"),
    (r"found unexpected end of stream", "文件在引号或括号闭合之前就结束了"),
    (r"found unknown escape character", "双引号字符串中有无效的转义（\\）"),
    (r"expected ',' or '\]'|expected ',' or '\}'", "方括号或花括号没有闭合，或缺少逗号"),
    (r"could not determine a constructor for the tag", "不支持的标签（!!…）"),
    (r"expected a single document", "文件中有多个 YAML 文档（---）；只能有一个"),
    (r"exceeded maximum nesting depth", "嵌套过深"),
    (r"found character .* that cannot start any token", "此处的字符不能作为值的开头（需要加引号）"),
    (r"control characters are not allowed|special characters are not allowed", "含有不允许的控制字符"),
    (r"found unexpected ':'", "多余的冒号（需要加引号）"),
    (r"expected alphabetic or numeric character", "锚点或别名的名称无效"),
    (r"expected <document start>", "文档开始处格式不对"),
    (r"unacceptable character", "含有不允许的控制字符"),
]


def yaml_problem_zh(problem: str) -> str:
    for rx, zh in _YAML_PROBLEMS:
        if re.search(rx, problem):
            return zh
    return "无法解析此处"


def read(path: str | Path, what: str, dups: list[Duplicate] | None = None) -> tuple[Any, str, bytes]:
    """Data, text and bytes of a YAML/JSON file (see parse)."""
    path = Path(path)
    raw = read_limited(path, what)
    text = decode(path, raw)
    return parse(path, text, dups), text, raw
