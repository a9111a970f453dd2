"""The dossier (材料卷宗): a numbered, bookmarked A4 PDF of an applicant's materials in the
region's binding order, with cover, checklist and contents.

    from titlecli.dossier import build, checklist
    res = build(profile, region, as_of, "out.pdf", base_dir=Path("."))

The dossier is planned first (plan.py: categories -> documents -> pages), then drawn
(layout.py, reportlab) and assembled (assemble.py, pypdf).  Heavy libraries load only here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import Profile
from ..rules import Region
from .plan import Row


@dataclass
class DossierResult:
    path: Path
    pages: int
    missing: list[str]  # names of required materials with no document
    problems: list[str]  # what check found, and inputs that could not be included (--skip-broken)
    warnings: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    duplex: bool = False
    bytes: int = 0


def checklist(
    profile: Profile, region: Region, as_of: date, *, base_dir: Path, level: str | None = None, template: str | Path | None = None
) -> list[Row]:
    """The checklist rows (材料清单) for this profile, without opening any file beyond a stat."""
    return checklist_plan(profile, region, as_of, base_dir=base_dir, level=level, template=template).rows


def checklist_plan(
    profile: Profile, region: Region, as_of: date, *, base_dir: Path, level: str | None = None, template: str | Path | None = None
):
    """The plan behind the checklist: rows, and what `check` found (`problems`)."""
    from ..i18n import t
    from . import template as tpl_mod
    from .plan import make_plan

    plan = make_plan(
        profile, region, as_of, base_dir=Path(base_dir), template=tpl_mod.load(template), level=level, skip_broken=True, open_files=False
    )
    base = Path(base_dir)
    for r in plan.rows:
        for e in r.entries:
            if e.placeholder is None and e.file and not (base / e.file).is_file():
                e.placeholder = "broken"
                e.message = t("文件不存在", "file not found")
    return plan


def build(
    profile: Profile,
    region: Region,
    as_of: date,
    out_path,
    *,
    base_dir,
    level: str | None = None,
    duplex: bool | None = None,
    skip_broken: bool = False,
    font=None,
    template: str | Path | None = None,
    drafts: dict[str, str] | None = None,
) -> DossierResult:
    """Build the dossier PDF at out_path (written atomically).  Broken inputs raise UserError
    unless skip_broken, which puts a placeholder page naming the problem in their place.
    `drafts` (kind -> PDF) are titlecli's drafts of the unit's documents, bound where the region
    asks for that material and no document of its kind is filed, marked as drafts."""
    from . import template as tpl_mod
    from .assemble import assemble, digest_of
    from .layout import Layout
    from .plan import make_plan, paginate

    base_dir = Path(base_dir)
    out_path = Path(out_path)
    plan = make_plan(
        profile,
        region,
        as_of,
        base_dir=base_dir,
        template=tpl_mod.load(template),
        level=level,
        duplex=duplex,
        skip_broken=skip_broken,
        drafts=drafts,
    )
    layout = Layout(plan, font)
    paginate(plan, layout.measure)
    laid_out = layout.render()
    warnings: list[str] = []
    lost = layout.missing_glyphs()
    if lost:
        from ..i18n import t

        if len(lost) > 40:  # a font without Chinese lacks hundreds: name some, count the rest
            lost = lost[:40] + t(f" 等共 {len(lost)} 个字符", f" … {len(lost)} characters in all")
        warnings.append(
            t(
                f"字体中没有这些字符，将显示为空白：{lost}（可用 --font 指定包含它们的 TrueType 字体）",
                f"the font lacks these characters, which will show blank: {lost} (use --font with a TrueType font that has them)",
            )
        )
    from ..regions import region_name

    title = f"{profile.name} · {plan.level_title or ''} · {region_name(plan.region)}".replace(" ·  ·", " ·")
    digest = digest_of(
        plan,
        "|".join(
            [
                profile.name,
                profile.id_number,
                region.id,
                as_of.isoformat(),
                str(plan.duplex),
                str(plan.level),
                hashlib.sha256(laid_out).hexdigest(),
            ]
        ),
    )
    from ..atomic import replacing

    with replacing(out_path) as f:
        pages = assemble(plan, layout, laid_out, f, digest=digest, author=profile.name, title=title)
    return DossierResult(
        out_path,
        pages,
        plan.missing,
        plan.broken + plan.problems,
        warnings + plan.warnings,
        plan.rows,
        plan.duplex,
        out_path.stat().st_size,
    )


__all__ = ["DossierResult", "Row", "build", "checklist", "checklist_plan"]
