"""The applicant profile (contract §1) as plain dataclasses.

The classes are stdlib dataclasses so that the engine, the cache and the renderers need no
validation library at run time; `titlecli.profile` validates files into them with pydantic
(`__pydantic_config__` forbids unknown keys).
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import Literal, TypeVar

from .lazyclass import dataclass_transform, lazy_dataclass

STRICT = {"extra": "forbid"}


_T = TypeVar("_T")


# Profiles compare by value (round trips are tested); no generated __repr__.  The methods are
# generated on first use (titlecli.lazyclass): a cached check never needs them.
@dataclass_transform()
def dataclass(cls: type[_T]) -> type[_T]:
    return lazy_dataclass(repr=False)(cls)


Level = Literal["member", "assistant", "intermediate", "deputy_senior", "senior"]
LEVELS: tuple[str, ...] = ("member", "assistant", "intermediate", "deputy_senior", "senior")
EducationLevel = Literal[
    "junior_high",
    "high_school",
    "secondary_vocational",
    "junior_college",
    "bachelor",
    "second_bachelor",
    "master",
    "doctor",
]
EDUCATION_LEVELS: tuple[str, ...] = (
    "junior_high",
    "high_school",
    "secondary_vocational",
    "junior_college",
    "bachelor",
    "second_bachelor",
    "master",
    "doctor",
)
Degree = Literal["none", "bachelor", "master", "doctor"]
DEGREES: tuple[str, ...] = ("none", "bachelor", "master", "doctor")
EmployerType = Literal["enterprise", "public_institution", "non_public", "self_employed", "government"]
Grade = Literal["excellent", "qualified", "basically_qualified", "unqualified", "none"]
GRADES_PASSING = ("excellent", "qualified")
TitleRoute = Literal["initial", "review", "exam"]
SkillGrade = Literal["senior_worker", "technician", "senior_technician"]
SKILL_GRADES: tuple[str, ...] = ("senior_worker", "technician", "senior_technician")
PaperRole = Literal["sole", "first", "other"]
PaperKind = Literal["paper", "monograph", "technical_material"]
ScopeLevel = Literal["national", "provincial", "municipal", "enterprise"]
# from the lowest to the highest: "市级以上" is the municipal level and the two above it
SCOPE_ORDER: tuple[str, ...] = ("enterprise", "municipal", "provincial", "national")
AchievementRole = Literal["lead", "key_member", "member"]
CertificateKind = Literal["computer", "info_literacy", "foreign_language", "practicing_qualification", "other"]
# 学科门类 of a course of study (the 13 categories of the national catalogue of majors)
Discipline = Literal[
    "philosophy",
    "economics",
    "law",
    "education",
    "literature",
    "history",
    "science",
    "engineering",
    "agriculture",
    "medicine",
    "military",
    "management",
    "art",
]
# 企业规模: 大型企业; 规模以上（规上）企业; 规模以下
EnterpriseScale = Literal["large", "above_designated", "below_designated"]
# 荣誉称号: 优秀企业家、先进专业技术工作者（先进工作者）、有突出贡献的中青年专家、表彰（学科带头人等）、其他
HonourKind = Literal["outstanding_entrepreneur", "advanced_worker", "expert", "commendation", "other"]
DocumentKind = Literal[
    "recommendation_report",
    "publicity_table",
    "work_summary",
    "review_paper",
    "plagiarism_report",
    "diploma",
    "degree_certificate",
    "chsi_record",
    "graduate_registration_form",
    "title_certificate",
    "review_form",
    "appointment_letter",
    "training_certificate",
    "post_salary_form",
    "continuing_education",
    "paper",
    "monograph",
    "technical_material",
    "achievement",
    "work_report",
    "award",
    "id_card",
    "photo",
    "social_security",
    "labor_contract",
    "assessment_form",
    "archive_proof",
    "other",
]


@dataclass
class Employer:
    __pydantic_config__ = STRICT
    name: str
    type: EmployerType = "enterprise"


@dataclass
class Status:
    __pydantic_config__ = STRICT
    civil_servant: bool = False
    retired: bool = False
    sanction_until: date | None = None


@dataclass
class Application:
    __pydantic_config__ = STRICT
    series: str
    region: str | None = None
    specialty: str | None = None
    level: Level | None = None


@dataclass
class ChsiRecord:
    __pydantic_config__ = STRICT
    code: str | None = None
    valid_until: date | None = None


@dataclass
class Education:
    __pydantic_config__ = STRICT
    level: EducationLevel
    graduated: date
    full_time: bool = True
    school: str | None = None
    major: str | None = None
    related: bool = True
    degree: Degree = "none"
    chsi_record: ChsiRecord | None = None
    discipline: Discipline | None = None  # 学科门类 (工学、理学 …), where a rule needs it


@dataclass
class Work:
    __pydantic_config__ = STRICT
    start: date
    employer: str | None = None
    post: str | None = None
    end: date | None = None
    duties: str | None = None  # 主要工作内容 (online systems limit its length)
    gap_note: str | None = None  # why the history is not continuous before this period
    professional: bool = True
    related: bool = True
    township: bool = False
    # 兑现专业技术岗位工资: paid as a professional post (a public institution's post may be
    # professional on paper and paid as an administrative one); None = not said
    professional_pay: bool | None = None


@dataclass
class Title:
    __pydantic_config__ = STRICT
    level: Level
    obtained: date
    series: str | None = None
    name: str | None = None
    route: TitleRoute = "review"
    appointed: date | None = None  # 聘任: the day the employer appointed the holder to a post of this title


@dataclass
class Skill:
    __pydantic_config__ = STRICT
    grade: SkillGrade
    obtained: date


@dataclass
class ContinuingEducation:
    __pydantic_config__ = STRICT
    total: float
    public: float | None = None
    professional: float | None = None


@dataclass
class Paper:
    __pydantic_config__ = STRICT
    title: str
    published: date
    journal: str | None = None
    role: PaperRole = "sole"
    words: int | None = None
    kind: PaperKind = "paper"
    plagiarism_rate: float | None = None


@dataclass
class Achievement:
    __pydantic_config__ = STRICT
    title: str
    year: int
    level: ScopeLevel = "enterprise"
    role: AchievementRole = "member"
    rank: int | None = None
    accepted: bool = False
    enterprise_scale: EnterpriseScale | None = None  # for an enterprise's own project: 大型 / 规上 / 规下


@dataclass
class Award:
    __pydantic_config__ = STRICT
    name: str
    year: int
    level: ScopeLevel = "enterprise"
    grade: int | None = None


@dataclass
class Honour:
    """An honorary title (荣誉称号): 优秀企业家, 先进专业技术工作者 … with the level that awarded it."""

    __pydantic_config__ = STRICT
    name: str
    obtained: date
    kind: HonourKind = "other"
    level: ScopeLevel = "enterprise"


@dataclass
class Certificate:
    __pydantic_config__ = STRICT
    kind: CertificateKind
    name: str | None = None
    obtained: date | None = None
    modules: int | None = None


@dataclass
class FirstSecretary:
    __pydantic_config__ = STRICT
    start: date
    end: date | None = None
    rating: Grade | None = None


@dataclass
class Special:
    __pydantic_config__ = STRICT
    village_first_secretary: FirstSecretary | None = None
    local_social_insurance_since: date | None = None


@dataclass
class Document:
    __pydantic_config__ = STRICT
    kind: DocumentKind
    file: str
    name: str | None = None
    note: str | None = None


@dataclass
class Profile:
    __pydantic_config__ = STRICT
    name: str
    id_number: str
    application: Application
    phone: str | None = None
    employer: Employer | None = None
    status: Status = field(default_factory=Status)
    education: list[Education] = field(default_factory=list)
    work: list[Work] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    assessments: dict[int, Grade] = field(default_factory=dict)
    continuing_education: dict[int, ContinuingEducation] = field(default_factory=dict)
    papers: list[Paper] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    honours: list[Honour] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    special: Special = field(default_factory=Special)
    documents: list[Document] = field(default_factory=list)

    @property
    def birth_date(self) -> date:
        s = self.id_number
        return date(int(s[6:10]), int(s[10:12]), int(s[12:14]))

    @property
    def sex(self) -> str:
        """'male' or 'female', from the 17th digit of the ID number (odd = male)."""
        return "male" if int(self.id_number[16]) % 2 else "female"

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number)


def mask_id(id_number: str) -> str:
    """1404**********3219: the region prefix and the last four stay visible."""
    s = str(id_number)
    if len(s) <= 8:
        return "*" * len(s)
    return s[:4] + "*" * (len(s) - 8) + s[-4:]
