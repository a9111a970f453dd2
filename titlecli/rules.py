"""The region rule schema: what a region file (regions/<id>.yaml) may say.

Plain dataclasses, validated by pydantic in `titlecli.regions`.  The conditions are one class
per kind (`titlecli.kinds`; reference: docs/regions.md).  Every condition names its source (its
own `source`, or its pathway's or route's); a rule without one is an error.  A source cites one
of the file's `documents:` as `KEY SECTION` (titlecli.citations).
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import Annotated, Literal, TypeVar

from .citations import Citation, Document, Notice, Period
from .kinds import Applies, Condition
from .kinds.base import Bounds, Months, RouteKind, Years
from .lazyclass import dataclass_transform, lazy_dataclass
from .model import STRICT, DocumentKind, Level

_T = TypeVar("_T")


# Rule classes are data read from files: no generated __eq__/__repr__.  The methods are
# generated on first use (titlecli.lazyclass): a cached check never needs them.
@dataclass_transform(eq_default=False)
def dataclass(cls: type[_T]) -> type[_T]:
    return lazy_dataclass(eq=False, repr=False)(cls)


Days = Annotated[int, Bounds(0, 3660)]
Month = Annotated[int, Bounds(1, 12)]
# a day every month has
DayOfMonth = Annotated[int, Bounds(1, 28)]


@dataclass
class Pathway:
    """One way of qualifying for a route: every condition must hold."""

    __pydantic_config__ = STRICT
    id: str
    conditions: list[Condition]
    text: str | None = None
    text_en: str | None = None
    source: Citation | None = None
    note: str | None = None


@dataclass
class Route:
    """A level reached by one route (初定, 评审 …): common requirements and alternative pathways."""

    __pydantic_config__ = STRICT
    id: str
    level: Level
    route: RouteKind
    pathways: list[Pathway]
    series: Literal["*"] | list[str] = "*"
    requires: list[Condition] = field(default_factory=list)
    text: str | None = None
    text_en: str | None = None
    source: Citation | None = None
    note: str | None = None


@dataclass
class Adjustment:
    """A relaxation: when `when` holds, the years of every duration in the routes it applies to
    are shortened (e.g. 可提前1年申报)."""

    __pydantic_config__ = STRICT
    id: str
    when: Condition
    shorten_years: Years = 0
    shorten_months: Months = 0
    applies_to: Applies | None = None
    text: str | None = None
    text_en: str | None = None
    source: Citation | None = None


# Profile facts a form handed in separately asks the applicant to fill in (Material.fill).
FormFact = Literal[
    "applicant",  # 姓名、性别、出生年月、工作单位
    "application",  # 申报系列、专业、资格
    "education",
    "work",  # 工作经历、从事专业技术工作年限
    "titles",
    "skills",
    "assessments",
    "continuing_education",
    "papers",
    "achievements",
    "awards",
    "certificates",
]


@dataclass
class Material:
    """A material the dossier must hold (or the office must see).

    bound: false — handed in separately, never bound into the volume (a form glued on its own,
    a score sheet in 25 copies): the checklist lists it in a section of its own, with `copies`
    and `note`, and `fill` names the profile facts the applicant writes into it.
    """

    __pydantic_config__ = STRICT
    id: str
    kind: DocumentKind
    name: str
    source: Citation
    name_en: str | None = None
    copies: int = 1
    original: bool = False
    required: bool = True
    applies_to: Applies | None = None
    note: str | None = None
    note_en: str | None = None
    bound: bool = True
    fill: list[FormFact] = field(default_factory=list)


@dataclass
class Photo:
    __pydantic_config__ = STRICT
    spec: str
    source: Citation
    count: int = 1
    background: str | None = None
    note: str | None = None
    # the same in English (optional: without them English gives the count and the printed size)
    spec_en: str | None = None
    background_en: str | None = None


@dataclass
class Publicity:
    """The unit's 公示 before it recommends: at least this many working days (Chinese calendar)."""

    __pydantic_config__ = STRICT
    working_days: Annotated[int, Bounds(1, 60)]
    source: Citation
    note: str | None = None


@dataclass
class Fee:
    __pydantic_config__ = STRICT
    amount: float
    source: Citation
    levels: list[Level] = field(default_factory=list)
    unit: str = "元/人"
    note: str | None = None


@dataclass
class Category:
    __pydantic_config__ = STRICT
    name: str
    kinds: list[DocumentKind]
    name_en: str | None = None


@dataclass
class DossierRules:
    __pydantic_config__ = STRICT
    source: Citation | None = None
    duplex: bool = False
    paper_size: Literal["A4"] = "A4"
    categories: list[Category] = field(default_factory=list)
    page_number_style: str | None = None
    note: str | None = None


@dataclass
class FileLimit:
    """What an online system accepts for an uploaded file."""

    __pydantic_config__ = STRICT
    source: Citation
    formats: list[str] = field(default_factory=list)  # file endings: jpg, png, pdf, doc, xls …
    max_kb: int | None = None
    width_px: int | None = None  # exact pixel size asked for, if any
    height_px: int | None = None
    aspect: str | None = None  # "5:7" for a 1-inch photo, checked within 3 %
    background: str | None = None
    min_long_side_px: int | None = None  # never shrink below this (legibility)
    note: str | None = None


@dataclass
class UploadItem:
    """One upload slot of an online system, in the order the system lists them."""

    __pydantic_config__ = STRICT
    id: str
    name: str
    kinds: list[DocumentKind] = field(default_factory=list)
    required: bool = True
    placeholder: bool = False  # mandatory slot: upload a placeholder file when it does not apply
    limit: Literal["photo", "scan"] = "scan"
    applies_to: Applies | None = None
    source: Citation | None = None
    note: str | None = None


@dataclass
class OnlineCheck:
    """A problem an online system rejects, checked before any upload.

    kinds: high_school_diploma (the education history must include high school),
    continuous_work (gaps in the work history need a gap_note), field_length (field, max_chars),
    chsi_valid (the CHSI record must stay valid `months`/`days` after the submission window ends,
    or after --as-of when the region has no window), photo (the photo document meets `photo`).
    """

    __pydantic_config__ = STRICT
    kind: Literal["high_school_diploma", "continuous_work", "field_length", "chsi_valid", "photo"]
    source: Citation
    id: str | None = None
    text: str | None = None
    text_en: str | None = None
    field_: Literal["work.duties", "work.post", "work.employer", "name", "application.specialty"] | None = None
    max_chars: int | None = None
    months: Months | None = None
    days: Days | None = None
    max_gap_days: Days = 31
    # chsi_valid: how long a record is valid from the day it is generated, where the region
    # says so (东阳 注意5(4) "有效期为一个月"): `titlecli plan` tells the earliest day to print it
    valid_months: Months | None = None


@dataclass
class Online:
    """The region's online declaration system and its limits."""

    __pydantic_config__ = STRICT
    system: str
    source: Citation
    url: str | None = None
    photo: FileLimit | None = None
    scan: FileLimit | None = None
    items: list[UploadItem] = field(default_factory=list)
    checks: list[OnlineCheck] = field(default_factory=list)
    note: str | None = None


@dataclass
class Deadlines:
    """A hand-in deadline that comes back every year: materials are taken until the day before
    `before_day` of each month in `months` (宁波 四 "每季度办理一次，季度末月15日前停止受理":
    months [3, 6, 9, 12], before_day 15)."""

    __pydantic_config__ = STRICT
    months: list[Month]
    before_day: DayOfMonth
    source: Citation
    note: str | None = None


@dataclass
class Region:
    __pydantic_config__ = STRICT
    id: str
    name: str
    notice: Notice
    documents: dict[str, Document] = field(default_factory=dict)
    routes: list[Route] = field(default_factory=list)
    name_en: str | None = None
    # other names people type for the region (盐城, 盐城市): `--region 盐城`, a roster's 地区;
    # never inherited, like the notice
    aliases: list[str] = field(default_factory=list)
    extends: str | None = None
    count_until: date | None = None
    count_until_source: Citation | None = None
    # year_after_title: papers, achievements, awards and honours count only from 1 January of
    # the year after the applicant's present title (业绩从取得现资格后的次年起算)
    records_since: Literal["year_after_title"] | None = None
    records_since_source: Citation | None = None
    titles: dict[str, dict[Level, str]] = field(default_factory=dict)
    # the English names of the titles in `titles`, same series and level keys (engineering:
    # {intermediate: engineer}); English output names a title the region gives none by its level
    titles_en: dict[str, dict[Level, str]] = field(default_factory=dict)
    series_names: dict[str, str] = field(default_factory=dict)
    exclusions: list[Condition] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    photo: Photo | None = None
    fees: list[Fee] = field(default_factory=list)
    window: Period | None = None
    deadlines: Deadlines | None = None
    publicity: Publicity | None = None
    dossier: DossierRules | None = None
    online: Online | None = None
    note: str | None = None
    # filled in by the loader, not by the file
    path: str | None = None
