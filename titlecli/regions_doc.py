"""docs/regions.md, generated from the condition kinds (titlecli.kinds).

    python -m titlecli.regions_doc            # rewrite docs/regions.md
    python -m titlecli.regions_doc --check    # exit 1 if it is out of date

Every kind, its parameters with their types, bounds and meaning, what it reads from the
profile and an example come from the kind's class; the test suite fails when the committed
file differs from what this prints.
"""

from __future__ import annotations

import sys
import types
import typing
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from .citations import Citation
from .kinds import KINDS, Applies, ConditionBase
from .kinds.base import Bounds, ByKind, yaml_key

DOC = Path(__file__).resolve().parent.parent / "docs" / "regions.md"

# Sections in reading order (a kind's section is its module; a new module goes last).
_ORDER = ("education", "duration", "titles", "employment", "records", "works", "standing", "kinds")

_INTRO = """\
# 地区规则文件 · Region files

<!-- 本文件由 `python -m titlecli.regions_doc` 从 titlecli/kinds/ 中的条件类型生成，请勿手改。
     This file is generated from the condition kinds in titlecli/kinds/; do not edit it by hand. -->

一个地区的规则是一个 YAML 文件 `<id>.yaml`，读起来应当像它所依据的通知。`titlecli regions new ID --extends PARENT`
写出一个带注释的起始文件；`titlecli regions validate FILE...` 一次列出文件中的全部问题（文件、行号、键路径）。

A region's rules are one YAML file, `<id>.yaml`, that reads like the notice it encodes.
`titlecli regions new ID --extends PARENT` writes a commented starter file; `titlecli regions validate FILE...`
lists every problem at once (file, line, key path).

## 文件结构 · Structure

| 键 key | 说明 · meaning |
|---|---|
| `id` | 地区编号，须与文件名相同 · the region's id, equal to the file name |
| `extends` | 继承的地区（编号或文件）· the region this one extends (id or file) |
| `remove` | 去掉继承的条目（见下）· inherited entries to take out (below) |
| `name`, `name_en` | 名称：“地名 · 说明”，`--region`、花名册的 地区 可填地名 · the region's name, "place · what it covers"; the place may be typed for `--region` and a roster's 地区 |
| `aliases` | 地区的其他叫法（如 盐城、盐城市），可用于 `--region` 和花名册；不继承 · other names people type for the place; not inherited |
| `documents` | 依据的文件，每个一个键：`title`、`kind`（`notice` 正式文件、`guide` 办事指南、`qa` 问答汇编）、`number`（文号）、`issuer`、`date`、`url`、`short_title` · the documents the file rests on, by key |
| `notice` | 主要依据：`document`（documents 中的键）、`effective`（有效期 `{{from, until}}`；原文未写有效期时写 `unknown`，不借用其他文件的年份）、`reviewed` · the principal document and its effective period (`unknown` where the document states none) |
| `titles`, `titles_en` | 各系列各级别的职称名称，按通知写（`engineering: {{member: 技术员, intermediate: 工程师}}`；`"*"` 用于未列出的系列）；`titles_en` 是同一职称的英文名称，键相同（`engineering: {{intermediate: engineer}}`），可不写：英文输出没有英文名称时称级别；下级地区改写一个职称名称时，同时改写它的英文名称 · the title each level gives in each series, as the notice names it; `titles_en`: the same titles' English names under the same keys (optional: English output names a title without one by its level); a child region that renames a title renames it in both |
| `count_until` | 资历计算截止日：年限算到这一天 · years are counted to this date |
| `records_since` | `year_after_title`：论文、业绩成果、奖励、荣誉称号只计取得现职称次年 1 月 1 日以后的 · papers, achievements, awards and honours count only from 1 January of the year after the present title |
| `routes` | 路线：一个级别的一种取得方式（初定、评审…），含 `requires`（共同条件）和 `pathways`（途径，每条途径的 `conditions` 须全部满足）· routes, each with common conditions and alternative pathways |
| `exclusions` | 不得申报的情形：每项是一个条件，不满足即不得申报；可用 `applies_to` 限定适用范围 · conditions every applicant must meet |
| `adjustments` | 放宽条件：`when`（一个条件）满足时，年限缩短 `shorten_years` / `shorten_months` · relaxations |
| `materials`, `photo`, `fees`, `window`, `dossier`, `online` | 申报材料、照片、收费、收审时间、装订、网上申报系统；材料的 `name`、`note` 和照片的 `spec`、`background` 可各写一个英文的 `…_en`（英文输出用它；材料没有时用中文原文，照片没有时只写张数和尺寸）· materials, photo, fees, window, binding, online system; a material's `name`, `note` and the photo's `spec`, `background` each take an English twin `…_en` (English output uses it; without one a material keeps its Chinese, the photo gives only its count and size) |
| `deadlines` | 每年反复的收件截止：`months`（哪几个月）、`before_day`（当月几日前停止受理）、`source`；`titlecli plan` 据此排申报日期 · a hand-in deadline that recurs every year (the months, and the day before which materials stop being taken) |
| `publicity` | 单位公示：`working_days`（公示期不少于几个工作日，按国家法定节假日和调休计算）、`source`；《公示情况一览表》据此写公示期 · the unit's publicity period, at least `working_days` working days on the Chinese calendar |

每条规则都注明出处 `source`（规则自己的，或所在途径、路线的），写作“文件的键 条款”，条款按原文自己的编号：
`source: changzhi-2022-notice 三(一)3`。`documents` 与 `notice` 不继承：下级地区写明自己的。

Every rule names its `source` (its own, or its pathway's or route's) as a document's key and the section in the
document's own numbering. `documents` and `notice` are never inherited: a child region states its own.

## 继承 · `extends` and `remove`

下级地区继承上级的全部规则，只写不同之处：与继承条目 `id` 相同的条目替换它，新 `id` 的条目加在后面。
`remove:` 去掉继承的条目，每项写明位置：键，列表后接条目编号，用 `/` 分隔。去掉的条目 `regions validate` 会逐一列出；
找不到的位置是错误。

A child region inherits everything and states what differs: an entry with an inherited `id` replaces it, a new `id`
is added. `remove:` takes inherited entries out, each named by a path (keys, with an entry's id after each list);
`regions validate` lists what each removal took out, and a path that matches nothing is an error.

```yaml
extends: national
remove:
  - routes/engineer-review                                   # 一条路线 · a route
  - routes/assistant-initial/pathways/bachelor-1y            # 路线中的一条途径 · a pathway in a route
  - routes/member-initial/pathways/secondary-1y/conditions/years-after-graduation   # 途径中的一个条件 · a condition
  - exclusions/civil-servant                                 # 不得申报的情形 · an exclusion
  - materials/papers                                         # 材料 · a material
```

## 每个条件都可写的键 · Keys of every condition

{common}

`when` 与 `applies_to` 的取值 · the value of `when` and `applies_to`:

{applies}

## 条件类型 · Condition kinds

{index}
"""


def _bounds(meta: tuple) -> str:
    for m in meta:
        if isinstance(m, Bounds):
            if m.ge is not None and m.le is not None:
                return f" {m.ge:g}–{m.le:g}"
            return f" ≥ {m.ge:g}" if m.ge is not None else f" ≤ {m.le:g}"
    return ""


def type_text(tp: Any) -> str:
    """A parameter's type as a region file writes it."""
    origin = typing.get_origin(tp)
    if origin is Annotated:
        base, *meta = typing.get_args(tp)
        if any(isinstance(m, ByKind) for m in meta):
            return "条件 · condition"
        return type_text(base) + _bounds(tuple(meta))
    if origin in (Union, types.UnionType):
        parts = [type_text(a) for a in typing.get_args(tp) if a is not type(None)]
        return " 或 ".join(parts)
    if origin is Literal:
        return " \\| ".join(f"`{a}`" for a in typing.get_args(tp))
    if origin is list:
        return f"[{type_text(typing.get_args(tp)[0])}, …]"
    if origin is dict:
        key, val = typing.get_args(tp)
        return f"{{{type_text(key)}: {type_text(val)}, …}}"
    return {
        bool: "`true` \\| `false`",
        int: "整数 · integer",
        float: "数 · number",
        str: "文字 · text",
        Applies: "映射 · mapping (`when`)",
        Citation: "`文件的键 条款` · `KEY SECTION`",
    }.get(tp, getattr(tp, "__name__", str(tp)))


def _default(f) -> str:
    if f.default is MISSING or f.default is None:
        return ""
    return f"（默认 `{f.default}` · default）"


def _param_rows(cls: type, names: list[str]) -> str:
    hints = typing.get_type_hints(cls, include_extras=True)
    rows = ["| 参数 key | 类型 type | 说明 · meaning |", "|---|---|---|"]
    by_name = {f.name: f for f in fields(cls)}
    for name in names:
        f = by_name[name]
        zh, en = f.metadata.get("doc", ("", ""))
        rows.append(f"| `{yaml_key(name)}` | {type_text(hints[name])} | {zh}{_default(f)}<br>*{en}* |")
    return "\n".join(rows)


def _applies_rows() -> str:
    hints = typing.get_type_hints(Applies, include_extras=True)
    meaning = {
        "routes": ("只在这些取得方式（initial 初定、review 评审、exam、transfer 转评）", "only these routes"),
        "levels": ("只在这些级别", "only these levels"),
        "series": ("只对这些系列", "only these series"),
        "employer_types": ("只对这些单位类型", "only these employer types"),
        "next_level": ("true：只对比申请人现有最高职称高一级的级别", "true: only the level above the applicant's highest title"),
    }
    rows = ["| 键 key | 类型 type | 说明 · meaning |", "|---|---|---|"]
    for f in fields(Applies):
        zh, en = meaning[f.name]
        rows.append(f"| `{f.name}` | {type_text(hints[f.name])} | {zh}<br>*{en}* |")
    return "\n".join(rows)


def _own_fields(cls: type) -> list[str]:
    common = {f.name for f in fields(ConditionBase)}
    return [f.name for f in fields(cls) if f.name not in common and f.name != "kind"]


def _section(cls: type) -> str:
    module = sys.modules[cls.__module__]
    return module.__name__.rsplit(".", 1)[-1]


def _heading(section: str) -> str:
    doc = (sys.modules[f"titlecli.kinds.{section}"].__doc__ or "") if section != "kinds" else "组合 · Combining conditions."
    return doc.strip().splitlines()[0].rstrip(".")


def _ordered() -> list[tuple[str, list[tuple[str, type[ConditionBase]]]]]:
    sections: dict[str, list[tuple[str, type[ConditionBase]]]] = {}
    for name, cls in KINDS.items():
        sections.setdefault(_section(cls), []).append((name, cls))
    rank = {s: i for i, s in enumerate(_ORDER)}
    return sorted(sections.items(), key=lambda kv: (rank.get(kv[0], len(_ORDER)), kv[0]))


def _kind(name: str, cls: type[ConditionBase]) -> str:
    zh, en = cls.summary
    own = _own_fields(cls)
    params = _param_rows(cls, own) if own else "无参数 · no parameters."
    needs = "、".join(f"`{n}`" for n in cls.needs) or "—"
    return f"### `{name}`\n\n{zh}<br>*{en}*\n\n{params}\n\n读取档案 · reads from the profile: {needs}\n\n```yaml\n- {cls.example}\n```\n"


def render() -> str:
    index, body = [], []
    for section, kinds in _ordered():
        index.append(f"- {_heading(section)}：" + "、".join(f"[`{n}`](#{n})" for n, _ in kinds))
        body.append(f"\n## {_heading(section)}\n")
        body += [_kind(n, c) for n, c in kinds]
    common = _param_rows(ConditionBase, [f.name for f in fields(ConditionBase)])
    intro = _INTRO.format(common=common, applies=_applies_rows(), index="\n".join(index))
    return intro + "\n".join(body)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is out of date: run python -m titlecli.regions_doc", file=sys.stderr)
            return 1
        return 0
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
