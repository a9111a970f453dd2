"""The names of the domain's terms in Chinese and English, defined once.

Every table maps an internal key (what a profile or region file holds) to what a reader sees:
`nm(LEVEL_NAMES, "intermediate")` is 中级 or "intermediate" in the user's language.
"""

from __future__ import annotations

from .i18n import t

EDU_NAMES = {
    "junior_high": ("初中", "junior high school"),
    "high_school": ("高中", "high school"),
    "secondary_vocational": ("中专", "secondary vocational school"),
    "junior_college": ("大专", "junior college"),
    "bachelor": ("本科", "bachelor's"),
    "second_bachelor": ("第二学士", "second bachelor's"),
    "master": ("硕士研究生", "master's"),
    "doctor": ("博士研究生", "doctorate"),
}
DEGREE_NAMES = {"bachelor": ("学士", "bachelor's"), "master": ("硕士", "master's"), "doctor": ("博士", "doctoral")}
LEVEL_NAMES = {
    "member": ("员级", "member-level"),
    "assistant": ("助理级", "assistant-level"),
    "intermediate": ("中级", "intermediate"),
    "deputy_senior": ("副高级", "deputy senior"),
    "senior": ("正高级", "senior"),
}
ROUTE_NAMES = {
    "initial": ("初定", "initial determination"),
    "review": ("评审", "review"),
    "exam": ("考试", "exam"),
    "transfer": ("转评", "transfer"),
}
GRADE_NAMES = {
    "excellent": ("优秀", "excellent"),
    "qualified": ("合格", "qualified"),
    "basically_qualified": ("基本合格", "basically qualified"),
    "unqualified": ("不合格", "unqualified"),
    "none": ("未定等次", "not graded"),
}
SCOPE_NAMES = {
    "national": ("国家级", "national"),
    "provincial": ("省级", "provincial"),
    "municipal": ("市级", "municipal"),
    "enterprise": ("企业级", "enterprise"),
}
SKILL_NAMES = {
    "senior_worker": ("高级工", "senior worker"),
    "technician": ("技师", "technician"),
    "senior_technician": ("高级技师", "senior technician"),
}
ROLE_NAMES = {
    "sole": ("独著", "sole author"),
    "first": ("第一作者", "first author"),
    "other": ("其他作者", "other author"),
    "lead": ("主持", "lead"),
    "key_member": ("主要技术骨干", "key member"),
    "member": ("参与", "member"),
}

DISCIPLINE_NAMES = {
    "philosophy": ("哲学", "philosophy"),
    "economics": ("经济学", "economics"),
    "law": ("法学", "law"),
    "education": ("教育学", "education"),
    "literature": ("文学", "literature"),
    "history": ("历史学", "history"),
    "science": ("理学", "science"),
    "engineering": ("工学", "engineering"),
    "agriculture": ("农学", "agriculture"),
    "medicine": ("医学", "medicine"),
    "military": ("军事学", "military science"),
    "management": ("管理学", "management"),
    "art": ("艺术学", "art"),
}
HONOUR_NAMES = {
    "outstanding_entrepreneur": ("优秀企业家", "outstanding entrepreneur"),
    "advanced_worker": ("先进专业技术工作者", "advanced professional"),
    "expert": ("有突出贡献的中青年专家", "expert with outstanding contributions"),
    "commendation": ("表彰", "commendation"),
    "other": ("其他荣誉称号", "other honour"),
}
SCALE_NAMES = {
    "large": ("大型企业", "large enterprise"),
    "above_designated": ("规上企业", "enterprise above designated size"),
    "below_designated": ("规下企业", "enterprise below designated size"),
}


def nm(table: dict, key: str) -> str:
    zh, en = table.get(key, (key, key))
    return t(zh, en)
