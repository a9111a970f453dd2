"""The region rule schema: what a region file (regions/<id>.yaml) may say.

Plain dataclasses, validated by pydantic in `titlecli.regions`.  Every condition names its
source (its own `source`, or its pathway's or route's); a rule without one is an error.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import Literal, Optional, Union

from .lazyclass import lazy_dataclass
from .model import STRICT, DocumentKind, EducationLevel, EmployerType, Level

# Rule classes are data read from files: no generated __eq__/__repr__.  The methods are
# generated on first use (titlecli.lazyclass): a cached check never needs them.
dataclass = lazy_dataclass(eq=False, repr=False)


RouteKind = Literal["initial", "review", "exam", "transfer"]
Anchor = Literal["graduation", "title", "skill", "work_start", "first_secretary", "social_insurance"]


@dataclass
class Applies:
    """Where a region-wide rule applies; empty means everywhere.

    next_level: only the level directly above the applicant's highest title (any level when
    the applicant holds none), e.g. "可提前1年申报高一级职称" (declare the next higher level).
    """

    __pydantic_config__ = STRICT
    routes: list[RouteKind] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    employer_types: list[EmployerType] = field(default_factory=list)
    next_level: bool = False


@dataclass
class Condition:
    """One checkable requirement.  `kind` picks the test; the other keys are its parameters.

    Kinds and their parameters (see docs/regions.md for the full reference):
      education       levels | min_level, degree, full_time, related, major_keywords (the major
                      contains one of these words, e.g. 计算机)
      duration        years/months, from (graduation|title|skill|work_start|first_secretary|
                      social_insurance), title_level, skill_grade, measure (work|calendar),
                      related, township, current, until (graduation)
      title           level, series (same|any|other)
      skill           grade
      employment      professional, current, employer_types
      assessments     min_count, since (title|graduation), title_level, all_passing, latest
      continuing_education  hours_per_year, public_per_year, professional_per_year, years
      papers          min_count, kinds, roles, min_words, since, title_level, max_plagiarism
      achievements    min_count, roles, levels, accepted, since, title_level
      awards          min_count, levels, max_grade, since, title_level
      certificates    cert_kinds, min_count, min_modules (count only certificates with at
                      least this many passed modules, e.g. 3 computer-exam modules)
      first_secretary years, rating
      status          field (civil_servant|retired): fails when true
      sanction        fails while a sanction is in force
      series_not      series: fails for these series (exam-only series); specialties: also
                      fails when application.specialty contains one of these words (exam-only
                      specialties inside a series, e.g. 计算机 in engineering)
      title_initialized  scope (any|same_or_higher): fails if a title was already initialised
      employer_type_not  employer_types
      any_of          conditions: one of them must hold
    """

    __pydantic_config__ = STRICT
    kind: Literal[
        "education", "duration", "title", "skill", "employment", "assessments",
        "continuing_education", "papers", "achievements", "awards", "certificates",
        "first_secretary", "status", "sanction", "series_not", "title_initialized",
        "employer_type_not", "any_of",
    ]
    id: Optional[str] = None
    text: Optional[str] = None
    text_en: Optional[str] = None
    source: Optional[str] = None
    note: Optional[str] = None
    when: Optional[Applies] = None
    # education
    levels: list[EducationLevel] = field(default_factory=list)
    min_level: Optional[EducationLevel] = None
    degree: Optional[Literal["bachelor", "master", "doctor"]] = None
    full_time: Optional[bool] = None
    related: Optional[bool] = None
    major_keywords: list[str] = field(default_factory=list)
    # duration
    years: Optional[int] = None
    months: Optional[int] = None
    from_: Optional[Anchor] = None
    title_level: Optional[Level] = None
    skill_grade: Optional[Literal["senior_worker", "technician", "senior_technician"]] = None
    measure: Literal["work", "calendar"] = "work"
    township: Optional[bool] = None
    current: Optional[bool] = None
    until: Optional[Literal["graduation"]] = None
    # title / skill
    level: Optional[Level] = None
    series: Union[Literal["same", "any", "other"], list[str], None] = None
    grade: Optional[str] = None
    # employment
    professional: Optional[bool] = None
    employer_types: list[EmployerType] = field(default_factory=list)
    # assessments
    min_count: Optional[int] = None
    since: Optional[Literal["title", "graduation"]] = None
    all_passing: Optional[bool] = None
    latest: Optional[bool] = None
    # continuing education
    hours_per_year: Optional[float] = None
    public_per_year: Optional[float] = None
    professional_per_year: Optional[float] = None
    # papers / achievements / awards / certificates
    kinds: list[Literal["paper", "monograph", "technical_material"]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    min_words: Optional[int] = None
    max_plagiarism: Optional[float] = None
    accepted: Optional[bool] = None
    scope_levels: list[Literal["national", "provincial", "municipal", "enterprise"]] = field(default_factory=list)
    max_grade: Optional[int] = None
    cert_kinds: list[str] = field(default_factory=list)
    min_modules: Optional[int] = None
    # series_not
    specialties: list[str] = field(default_factory=list)
    # first secretary
    rating: Optional[Literal["excellent", "qualified"]] = None
    # status
    field_: Optional[Literal["civil_servant", "retired"]] = None
    scope: Optional[Literal["any", "same_or_higher"]] = None
    # any_of
    conditions: list["Condition"] = field(default_factory=list)


@dataclass
class Pathway:
    """One way of qualifying for a route: every condition must hold."""

    __pydantic_config__ = STRICT
    id: str
    conditions: list[Condition]
    text: Optional[str] = None
    text_en: Optional[str] = None
    source: Optional[str] = None
    note: Optional[str] = None


@dataclass
class Route:
    """A level reached by one route (初定, 评审 …): common requirements and alternative pathways."""

    __pydantic_config__ = STRICT
    id: str
    level: Level
    route: RouteKind
    pathways: list[Pathway]
    series: Union[Literal["*"], list[str]] = "*"
    requires: list[Condition] = field(default_factory=list)
    text: Optional[str] = None
    text_en: Optional[str] = None
    source: Optional[str] = None
    note: Optional[str] = None


@dataclass
class Exclusion(Condition):
    applies_to: Optional[Applies] = None


@dataclass
class Adjustment:
    """A relaxation: when `when` holds, the years of every duration in the routes it applies to
    are shortened (e.g. 可提前1年申报)."""

    __pydantic_config__ = STRICT
    id: str
    when: Condition
    shorten_years: int = 0
    shorten_months: int = 0
    applies_to: Optional[Applies] = None
    text: Optional[str] = None
    text_en: Optional[str] = None
    source: Optional[str] = None


@dataclass
class Period:
    __pydantic_config__ = STRICT
    from_: Optional[date] = None
    until: Optional[date] = None
    source: Optional[str] = None
    note: Optional[str] = None


@dataclass
class Notice:
    __pydantic_config__ = STRICT
    title: str
    source: str
    issuer: Optional[str] = None
    document_number: Optional[str] = None
    effective: Optional[Period] = None
    reviewed: Optional[date] = None
    url: Optional[str] = None
    note: Optional[str] = None


@dataclass
class Material:
    """A material the dossier must hold (or the office must see)."""

    __pydantic_config__ = STRICT
    id: str
    kind: DocumentKind
    name: str
    source: str
    name_en: Optional[str] = None
    copies: int = 1
    original: bool = False
    required: bool = True
    applies_to: Optional[Applies] = None
    note: Optional[str] = None
    note_en: Optional[str] = None


@dataclass
class Photo:
    __pydantic_config__ = STRICT
    spec: str
    source: str
    count: int = 1
    background: Optional[str] = None
    note: Optional[str] = None


@dataclass
class Fee:
    __pydantic_config__ = STRICT
    amount: float
    source: str
    levels: list[Level] = field(default_factory=list)
    unit: str = "元/人"
    note: Optional[str] = None


@dataclass
class Category:
    __pydantic_config__ = STRICT
    name: str
    kinds: list[DocumentKind]
    name_en: Optional[str] = None


@dataclass
class DossierRules:
    __pydantic_config__ = STRICT
    source: Optional[str] = None
    duplex: bool = False
    paper_size: Literal["A4"] = "A4"
    categories: list[Category] = field(default_factory=list)
    page_number_style: Optional[str] = None
    note: Optional[str] = None


@dataclass
class FileLimit:
    """What an online system accepts for an uploaded file."""

    __pydantic_config__ = STRICT
    source: str
    formats: list[str] = field(default_factory=list)  # file endings: jpg, png, pdf, doc, xls …
    max_kb: Optional[int] = None
    width_px: Optional[int] = None  # exact pixel size asked for, if any
    height_px: Optional[int] = None
    aspect: Optional[str] = None  # "5:7" for a 1-inch photo, checked within 3 %
    background: Optional[str] = None
    min_long_side_px: Optional[int] = None  # never shrink below this (legibility)
    note: Optional[str] = None


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
    applies_to: Optional[Applies] = None
    source: Optional[str] = None
    note: Optional[str] = None


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
    source: str
    id: Optional[str] = None
    text: Optional[str] = None
    text_en: Optional[str] = None
    field_: Optional[Literal["work.duties", "work.post", "work.employer", "name", "application.specialty"]] = None
    max_chars: Optional[int] = None
    months: Optional[int] = None
    days: Optional[int] = None
    max_gap_days: int = 31


@dataclass
class Online:
    """The region's online declaration system and its limits."""

    __pydantic_config__ = STRICT
    system: str
    source: str
    url: Optional[str] = None
    photo: Optional[FileLimit] = None
    scan: Optional[FileLimit] = None
    items: list[UploadItem] = field(default_factory=list)
    checks: list[OnlineCheck] = field(default_factory=list)
    note: Optional[str] = None


@dataclass
class Region:
    __pydantic_config__ = STRICT
    id: str
    name: str
    notice: Notice
    routes: list[Route] = field(default_factory=list)
    name_en: Optional[str] = None
    extends: Optional[str] = None
    count_until: Optional[date] = None
    count_until_source: Optional[str] = None
    titles: dict[str, dict[Level, str]] = field(default_factory=dict)
    series_names: dict[str, str] = field(default_factory=dict)
    exclusions: list[Exclusion] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    photo: Optional[Photo] = None
    fees: list[Fee] = field(default_factory=list)
    window: Optional[Period] = None
    dossier: Optional[DossierRules] = None
    online: Optional[Online] = None
    note: Optional[str] = None
    # filled in by the loader, not by the file
    path: Optional[str] = None
