"""The region rule schema: what a region file (regions/<id>.yaml) may say.

Plain dataclasses, validated by pydantic in `titlecli.regions`.  Every condition names its
source (its own `source`, or its pathway's or route's); a rule without one is an error.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import Literal

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
        "education",
        "duration",
        "title",
        "skill",
        "employment",
        "assessments",
        "continuing_education",
        "papers",
        "achievements",
        "awards",
        "certificates",
        "first_secretary",
        "status",
        "sanction",
        "series_not",
        "title_initialized",
        "employer_type_not",
        "any_of",
    ]
    id: str | None = None
    text: str | None = None
    text_en: str | None = None
    source: str | None = None
    note: str | None = None
    when: Applies | None = None
    # education
    levels: list[EducationLevel] = field(default_factory=list)
    min_level: EducationLevel | None = None
    degree: Literal["bachelor", "master", "doctor"] | None = None
    full_time: bool | None = None
    related: bool | None = None
    major_keywords: list[str] = field(default_factory=list)
    # duration
    years: int | None = None
    months: int | None = None
    from_: Anchor | None = None
    title_level: Level | None = None
    skill_grade: Literal["senior_worker", "technician", "senior_technician"] | None = None
    measure: Literal["work", "calendar"] = "work"
    township: bool | None = None
    current: bool | None = None
    until: Literal["graduation"] | None = None
    # title / skill
    level: Level | None = None
    series: Literal["same", "any", "other"] | list[str] | None = None
    grade: str | None = None
    # employment
    professional: bool | None = None
    employer_types: list[EmployerType] = field(default_factory=list)
    # assessments
    min_count: int | None = None
    since: Literal["title", "graduation"] | None = None
    all_passing: bool | None = None
    latest: bool | None = None
    # continuing education
    hours_per_year: float | None = None
    public_per_year: float | None = None
    professional_per_year: float | None = None
    # papers / achievements / awards / certificates
    kinds: list[Literal["paper", "monograph", "technical_material"]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    min_words: int | None = None
    max_plagiarism: float | None = None
    accepted: bool | None = None
    scope_levels: list[Literal["national", "provincial", "municipal", "enterprise"]] = field(default_factory=list)
    max_grade: int | None = None
    cert_kinds: list[str] = field(default_factory=list)
    min_modules: int | None = None
    # series_not
    specialties: list[str] = field(default_factory=list)
    # first secretary
    rating: Literal["excellent", "qualified"] | None = None
    # status
    field_: Literal["civil_servant", "retired"] | None = None
    scope: Literal["any", "same_or_higher"] | None = None
    # any_of
    conditions: list[Condition] = field(default_factory=list)


@dataclass
class Pathway:
    """One way of qualifying for a route: every condition must hold."""

    __pydantic_config__ = STRICT
    id: str
    conditions: list[Condition]
    text: str | None = None
    text_en: str | None = None
    source: str | None = None
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
    source: str | None = None
    note: str | None = None


@dataclass
class Exclusion(Condition):
    applies_to: Applies | None = None


@dataclass
class Adjustment:
    """A relaxation: when `when` holds, the years of every duration in the routes it applies to
    are shortened (e.g. 可提前1年申报)."""

    __pydantic_config__ = STRICT
    id: str
    when: Condition
    shorten_years: int = 0
    shorten_months: int = 0
    applies_to: Applies | None = None
    text: str | None = None
    text_en: str | None = None
    source: str | None = None


@dataclass
class Period:
    __pydantic_config__ = STRICT
    from_: date | None = None
    until: date | None = None
    source: str | None = None
    note: str | None = None


@dataclass
class Notice:
    __pydantic_config__ = STRICT
    title: str
    source: str
    issuer: str | None = None
    document_number: str | None = None
    effective: Period | None = None
    reviewed: date | None = None
    url: str | None = None
    note: str | None = None


@dataclass
class Material:
    """A material the dossier must hold (or the office must see)."""

    __pydantic_config__ = STRICT
    id: str
    kind: DocumentKind
    name: str
    source: str
    name_en: str | None = None
    copies: int = 1
    original: bool = False
    required: bool = True
    applies_to: Applies | None = None
    note: str | None = None
    note_en: str | None = None


@dataclass
class Photo:
    __pydantic_config__ = STRICT
    spec: str
    source: str
    count: int = 1
    background: str | None = None
    note: str | None = None


@dataclass
class Fee:
    __pydantic_config__ = STRICT
    amount: float
    source: str
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
    source: str | None = None
    duplex: bool = False
    paper_size: Literal["A4"] = "A4"
    categories: list[Category] = field(default_factory=list)
    page_number_style: str | None = None
    note: str | None = None


@dataclass
class FileLimit:
    """What an online system accepts for an uploaded file."""

    __pydantic_config__ = STRICT
    source: str
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
    source: str | None = None
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
    source: str
    id: str | None = None
    text: str | None = None
    text_en: str | None = None
    field_: Literal["work.duties", "work.post", "work.employer", "name", "application.specialty"] | None = None
    max_chars: int | None = None
    months: int | None = None
    days: int | None = None
    max_gap_days: int = 31


@dataclass
class Online:
    """The region's online declaration system and its limits."""

    __pydantic_config__ = STRICT
    system: str
    source: str
    url: str | None = None
    photo: FileLimit | None = None
    scan: FileLimit | None = None
    items: list[UploadItem] = field(default_factory=list)
    checks: list[OnlineCheck] = field(default_factory=list)
    note: str | None = None


@dataclass
class Region:
    __pydantic_config__ = STRICT
    id: str
    name: str
    notice: Notice
    routes: list[Route] = field(default_factory=list)
    name_en: str | None = None
    extends: str | None = None
    count_until: date | None = None
    count_until_source: str | None = None
    titles: dict[str, dict[Level, str]] = field(default_factory=dict)
    series_names: dict[str, str] = field(default_factory=dict)
    exclusions: list[Exclusion] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    photo: Photo | None = None
    fees: list[Fee] = field(default_factory=list)
    window: Period | None = None
    dossier: DossierRules | None = None
    online: Online | None = None
    note: str | None = None
    # filled in by the loader, not by the file
    path: str | None = None
