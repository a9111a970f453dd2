"""Checks for what a region's online declaration system rejects (region `online.checks`).

They do not change eligibility: they are reported beside the verdict (JSON `online`, and in
`warnings`) so the applicant can fix them before uploading anything.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import dates
from .i18n import lang, t
from .lazyimport import lazy
from .model import Profile
from .results import Reason
from .rules import FileLimit, OnlineCheck, Region

if TYPE_CHECKING:
    from PIL import Image
else:
    Image = lazy("PIL.Image")  # an upload slot with pixel limits


def _deadline(region: Region, as_of: date) -> date:
    if region.window and region.window.until and region.window.until >= as_of:
        return region.window.until
    return as_of


def _text(c: OnlineCheck, zh: str, en: str) -> str:
    if lang() == "en":
        return c.text_en or en
    return c.text or zh


def check_high_school(c: OnlineCheck, p: Profile, region: Region, as_of: date, base: Path | None) -> Reason:
    ok = any(e.level in ("high_school", "secondary_vocational") for e in p.education)
    head = _text(
        c,
        "学习经历须填写高中经历并上传高中毕业证书（遗失可上传遗失说明）",
        "the education history must include high school, with its diploma",
    )
    detail = t("已填写", "given") if ok else t("档案中没有高中（或中专）学历", "no high-school (or secondary) education in the profile")
    return Reason(c.id or "online-high-school", ok, f"{head}（{detail}）" if lang() == "zh" else f"{head} ({detail})", c.source)


def work_gaps(p: Profile, max_gap_days: int) -> list[tuple[date, date]]:
    """Gaps longer than max_gap_days between work periods (sorted by start), unless the period
    after the gap explains it in gap_note."""
    items = sorted(p.work, key=lambda w: w.start)
    gaps = []
    reach: date | None = None
    for w in items:
        if reach is not None and (w.start - reach).days > max_gap_days and not w.gap_note:
            gaps.append((reach, w.start))
        end = w.end or date.max
        reach = end if reach is None else max(reach, end)
    return gaps


def check_continuous(c: OnlineCheck, p: Profile, region: Region, as_of: date, base: Path | None) -> Reason:
    gaps = work_gaps(p, c.max_gap_days)
    head = _text(c, "工作经历须保持时间上的连续性，不连续的时间段要写明具体情况", "the work history must be continuous; explain any gap")
    if not gaps:
        detail = t("连续", "continuous")
    else:
        detail = t("、", ", ").join(f"{a} – {b}" for a, b in gaps)
        detail = t(
            # the words the interview and the roster use for work[].gap_note
            f"有未说明的间断：{detail}（在间断之后那段工作经历的“与上一段经历之间空档的说明”中写明；花名册为“间断说明”列）",
            f'unexplained gaps: {detail} (explain each in the next work period\'s "why there is a gap before this period")',
        )
    return Reason(c.id or "online-continuous-work", not gaps, f"{head}（{detail}）" if lang() == "zh" else f"{head} ({detail})", c.source)


def _field_values(p: Profile, name: str) -> list[tuple[str, str]]:
    if name.startswith("work."):
        key = name.split(".", 1)[1]
        return [(f"work[{i}].{key}", getattr(w, key) or "") for i, w in enumerate(p.work)]
    if name == "name":
        return [("name", p.name)]
    if name == "application.specialty":
        return [("application.specialty", p.application.specialty or "")]
    return []


def check_field_length(c: OnlineCheck, p: Profile, region: Region, as_of: date, base: Path | None) -> Reason:
    n = c.max_chars or 0
    over = [(k, v) for k, v in _field_values(p, c.field_ or "") if len(v) > n]
    head = _text(c, f"{c.field_} 不超过 {n} 个字", f"{c.field_} at most {n} characters")
    if over:
        detail = t("；", "; ").join(t(f"{k} 有 {len(v)} 字", f"{k} has {len(v)}") for k, v in over)
    else:
        detail = t("均未超过", "all within the limit")
    return Reason(c.id or "online-field-length", not over, f"{head}（{detail}）" if lang() == "zh" else f"{head} ({detail})", c.source)


def check_chsi(c: OnlineCheck, p: Profile, region: Region, as_of: date, base: Path | None) -> Reason:
    end = _deadline(region, as_of)
    need = dates.plus_days(dates.add_months(end, c.months or 0), c.days or 0)
    head = _text(c, "学信网《学历证书电子注册备案表》须在有效期内", "the CHSI education record must still be valid")
    recs = [(e, e.chsi_record.valid_until) for e in p.education if e.chsi_record and e.chsi_record.valid_until]
    if not recs:
        return Reason(
            c.id or "online-chsi-valid",
            True,
            f"{head}（{t('未填写备案表有效期，请打印后核对', 'no validity date given; check it when printed')}）"
            if lang() == "zh"
            else f"{head} (no validity date given; check it when printed)",
            c.source,
        )
    bad = [(e, v) for e, v in recs if v < need]
    what = t(f"须至少有效至 {need}（截止 {end}", f"must be valid until at least {need} (deadline {end}")
    what += t(
        f" 后再留 {c.months} 个月）" if c.months else (f" 后再留 {c.days} 天）" if c.days else "）"),
        f" plus {c.months} months)" if c.months else (f" plus {c.days} days)" if c.days else ")"),
    )
    if bad:
        detail = t("；", "; ").join(t(f"{e.school or e.level} 的备案表 {v} 到期", f"{e.school or e.level}: expires {v}") for e, v in bad)
        return Reason(
            c.id or "online-chsi-valid", False, f"{head}：{what}；{detail}" if lang() == "zh" else f"{head}: {what}; {detail}", c.source
        )
    return Reason(c.id or "online-chsi-valid", True, f"{head}：{what}" if lang() == "zh" else f"{head}: {what}", c.source)


def photo_problems(path: Path, limit: FileLimit) -> list[str]:
    """What is wrong with a photo file for this limit (empty if nothing)."""
    out = []
    ext = path.suffix.lower().lstrip(".").replace("jpeg", "jpg")
    if limit.formats and ext not in [f.lower().replace("jpeg", "jpg") for f in limit.formats]:
        out.append(
            t(
                f"格式须为 {'/'.join(limit.formats)}（现为 {ext or '无扩展名'}）",
                f"format must be {'/'.join(limit.formats)} (is {ext or 'none'})",
            )
        )
    size = path.stat().st_size
    if limit.max_kb and size > limit.max_kb * 1024:
        out.append(t(f"大小 {size / 1024:.0f} KB 超过 {limit.max_kb} KB", f"{size / 1024:.0f} KB is over {limit.max_kb} KB"))
    if limit.width_px or limit.height_px or limit.aspect:
        try:
            with Image.open(path) as im:
                w, h = im.size
                if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # shown turned by 90°
                    w, h = h, w
        except Exception:
            return out + [t("无法作为图片打开", "cannot be opened as an image")]
        if limit.width_px and limit.height_px and (w, h) != (limit.width_px, limit.height_px):
            out.append(
                t(f"像素 {w}×{h}，须为 {limit.width_px}×{limit.height_px}", f"{w}×{h} px, {limit.width_px}×{limit.height_px} required")
            )
        if limit.aspect:
            a, b = (float(x) for x in limit.aspect.split(":"))
            if abs((w / h) - (a / b)) > 0.03 * (a / b):
                out.append(t(f"宽高比 {w}:{h} 不是 {limit.aspect}", f"shape {w}:{h} is not {limit.aspect}"))
    return out


def check_photo(c: OnlineCheck, p: Profile, region: Region, as_of: date, base: Path | None) -> Reason:
    head = _text(c, "证件照须符合系统要求", "the ID photo must meet the system's limits")
    limit = region.online.photo if region.online else None
    photos = [d for d in p.documents if d.kind == "photo"]
    if limit is None or not photos:
        return Reason(
            c.id or "online-photo",
            True,
            f"{head}（{t('未提供照片文件，上传前请核对', 'no photo file given; check before uploading')}）"
            if lang() == "zh"
            else f"{head} (no photo file given; check before uploading)",
            c.source,
        )
    problems = []
    for d in photos:
        path = (base / d.file) if base else Path(d.file)
        if not path.is_file():
            problems.append(t(f"{d.file} 不存在", f"{d.file} not found"))
            continue
        problems += [f"{d.file}: {x}" for x in photo_problems(path, limit)]
    detail = t("；", "; ").join(problems) if problems else t("符合", "meets them")
    return Reason(c.id or "online-photo", not problems, f"{head}（{detail}）" if lang() == "zh" else f"{head} ({detail})", c.source)


CHECKS = {
    "high_school_diploma": check_high_school,
    "continuous_work": check_continuous,
    "field_length": check_field_length,
    "chsi_valid": check_chsi,
    "photo": check_photo,
}


def online_reasons(p: Profile, region: Region, as_of: date, base: Path | None) -> list[Reason]:
    if region.online is None:
        return []
    return [CHECKS[c.kind](c, p, region, as_of, base) for c in region.online.checks]
