"""`titlecli regions new ID --extends PARENT`: a commented starter region file that validates.

The file states only what a child must state itself (its id, name and notice) and, in
comments, how to add, replace and remove rules, with the parent's own entries listed as ready
`remove:` paths, so the HR office writing its city's rules starts from its parent's words.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problem, UserError
from .i18n import t
from .terms import LEVEL_NAMES, ROUTE_NAMES

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _one_line(text) -> str:
    return " ".join(str(text or "").split())


def _removable(parent) -> list[str]:
    """`remove:` lines (commented) for the parent's routes, pathways, exclusions, adjustments
    and materials, each with what it is."""
    lines = []
    for r in parent.routes:
        lines.append(f"#   - routes/{r.id}    # {LEVEL_NAMES[r.level][0]} · {ROUTE_NAMES[r.route][0]}")
        for p in r.pathways:
            lines.append(f"#   - routes/{r.id}/pathways/{p.id}    # {_one_line(p.text)}".rstrip())
    for section, items in (("exclusions", parent.exclusions), ("adjustments", parent.adjustments)):
        for x in items:
            if x.id:
                lines.append(f"#   - {section}/{x.id}    # {_one_line(x.text)}".rstrip())
    for m in parent.materials:
        lines.append(f"#   - materials/{m.id}    # {_one_line(m.name)}")
    return lines


def starter_text(region_id: str, parent_ref: str, parent, file_name: str) -> str:
    removable = "\n".join(_removable(parent))
    key = f"{region_id}-notice"
    return f"""\
# {region_id}：继承 {parent_ref}（{parent.name}）的地区规则
#
# 由 titlecli regions new 生成。每个键和条件类型的说明见 docs/regions.md。
# 修改后运行：titlecli regions validate {file_name}
#
# 继承：{parent_ref} 的路线、途径、条件、不得申报情形和材料都照样有效；本文件只写本地与之不同的地方。
#  - 写一个与继承条目 id 相同的条目：替换该条目（整条替换）；
#  - 写一个新 id 的条目：在继承的之外增加一条；
#  - remove: 去掉继承的条目，写法为“位置/编号”（见文件末尾，列出了 {parent_ref} 中可去掉的条目）。
# 每条规则都要注明出处（source：documents 中文件的键，加上条款编号），便于与原文对照。

id: {region_id}            # 须与文件名相同
extends: {parent_ref}
name: {region_id}（请改为：地区 · 通知名称）
# name_en: English name

# 本地依据的文件，每个一个键（自己起的短名）。规则的出处写作“键 条款”（按原文自己的编号），
# 如 source: {key} 三(一)2。上级地区的文件不继承：继承来的规则仍引用上级的文件。
documents:
  {key}:
    title: （请改为：通知标题，照原文）
    kind: notice            # notice 正式文件 | guide 办事指南 | qa 问答汇编
    # number: 文号，如 长工信〔2022〕139号
    # issuer: 发文单位
    # date: 2024-03-01

# 本地的通知（主要依据的文件；不从上级继承）。
notice:
  document: {key}
  # effective: {{from: 2024-01-01, until: 2024-12-31}}    # 通知的有效期：检查日期不在其中时提醒
  # effective: unknown                                    # 原文未写有效期时这样写，不要借用其他文件的年份

# 资历计算截止日（年限算到这一天，而不是检查日期）：
# count_until: 2024-12-31

# 不得申报的情形，在继承的之外增加，例如：
# exclusions:
#   - id: retired
#     kind: status
#     field: retired
#     text: 已退休人员不得申报
#     source: {key} 二(一)

# 路线：写一个与继承路线 id 相同的路线即整条替换；新 id 即增加。例如：
# routes:
#   - id: assistant-initial-local
#     level: assistant
#     route: initial
#     source: {key} 三
#     pathways:
#       - id: bachelor-1y
#         text: 本科毕业，从事专业技术工作满1年
#         conditions:
#           - {{kind: education, min_level: bachelor, full_time: true}}
#           - {{kind: duration, from: graduation, years: 1}}

# 去掉继承的条目：取消下面需要的行前的 #（以及 remove: 前的 #）。
# remove:
{removable}
"""


def write_starter(region_id: str, parent_ref: str, target: Path) -> Path:
    from . import regions
    from .atomic import write_text

    if not _ID.fullmatch(region_id):
        raise UserError(
            Problem(
                None,
                "ID",
                t(
                    f"地区编号只能用小写英文字母、数字、- 和 _（如 shanxi-taiyuan-2024），现为 {region_id!r}",
                    f"a region id uses lowercase letters, digits, - and _ (e.g. shanxi-taiyuan-2024); got {region_id!r}",
                ),
            )
        )
    if target.stem != region_id:
        raise UserError(
            Problem(
                str(target),
                "-o",
                t(
                    f"文件名须与地区编号相同（{region_id}.yaml）：地区按文件名查找",
                    f"the file must be named after the id ({region_id}.yaml): regions are found by file name",
                ),
            )
        )
    if target.suffix not in (".yaml", ".yml"):
        raise UserError(Problem(str(target), "-o", t("文件应以 .yaml 结尾", "the file must end in .yaml")))
    if target.exists():
        raise UserError(Problem(str(target), "", t("文件已存在，不会覆盖", "the file exists; it is not overwritten")))
    try:
        regions.find(parent_ref)
    except UserError as e:
        raise UserError(Problem(None, "--extends", e.problems[0].message)) from None
    parent = regions.load(parent_ref)
    write_text(target, starter_text(region_id, parent_ref, parent, str(target)))
    return target
