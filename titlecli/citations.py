"""The documents a region rests on, and citations of them a person can look up.

A region file lists its documents once, keyed by a short name of its own choosing::

    documents:
      changzhi-2022:
        title: 关于开展2022年度工程系列…评审工作的通知
        number: 长工信〔2022〕139号
        issuer: 长治市工业和信息化局、长治市人力资源和社会保障局
        kind: notice
    notice:
      document: changzhi-2022
      effective: {from: 2022-01-01, until: 2022-12-31}   # `unknown` where the document states none

and every rule cites one of them as ``source: KEY SECTION`` — the key, a space, then the section
in the document's own numbering (``source: changzhi-2022 三(一)3``).  Output shows what a person
would look the passage up by: the document's number (文号), or its title in 《》 when it has none,
then the section: ``长工信〔2022〕139号 三(一)3``, ``《盐城市普通全日制大中专毕业生专业技术资格初定实施办法》二.4``.

A citation is resolved against the documents of the file it is written in, before files are
merged (`extends:`): a rule inherited from `national` cites national's document even though the
child lists only its own.  `notice:` and `documents:` are never inherited: each file states the
notice it encodes.

This module is imported when a cached region is unpickled, so it imports nothing heavy at the
top; pydantic is only needed to read a file (`resolve_file`).
"""

from __future__ import annotations

import datetime as _dt
import re
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from .i18n import t
from .lazyclass import dataclass_transform, lazy_dataclass
from .lazyimport import lazy
from .model import STRICT

if TYPE_CHECKING:
    import pydantic
else:
    pydantic = lazy("pydantic")  # a region's documents validated

_T = TypeVar("_T")


# Rule classes are data read from files: no generated __eq__/__repr__.  The methods are
# generated on first use (titlecli.lazyclass): a cached check never needs them.
@dataclass_transform(eq_default=False)
def dataclass(cls: type[_T]) -> type[_T]:
    return lazy_dataclass(eq=False, repr=False)(cls)


DocumentKindName = Literal["notice", "guide", "qa"]
NoticeStatus = Literal["current", "expired", "not_yet", "unknown"]
# One name for each kind, defined once: what `regions list` and `regions show` print.
KIND_NAMES: dict[str, tuple[str, str]] = {
    "notice": ("正式文件", "official notice"),
    "guide": ("办事指南", "office guide"),
    "qa": ("问答汇编", "Q&A compilation"),
}
KEY_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def kind_name(kind: str) -> str:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return t(zh, en)


@dataclass
class Document:
    """One document a region rests on: a notice, an office guide, a Q&A compilation.

    Only what the document itself states: `number` is its 文号 (none for most guides), `date` the
    day it was issued when it says so.  `short_title` stands for the title in citations when the
    full one is long.  `key` is the name the region file gives it (filled in by the loader).
    """

    __pydantic_config__ = STRICT
    title: str
    kind: DocumentKindName
    number: str | None = None
    short_title: str | None = None
    issuer: str | None = None
    date: _dt.date | None = None  # `date` names the field here: the type is spelled out
    url: str | None = None
    note: str | None = None
    key: str = ""

    @property
    def label(self) -> str:
        """How a person names it: the 文号, else the title in 《》."""
        if self.number:
            return self.number
        return f"《{self.short_title or self.title}》"


@dataclass
class Citation:
    """A passage of a document: what a rule's `source:` becomes once resolved."""

    __pydantic_config__ = STRICT
    document: Document
    section: str = ""

    def __str__(self) -> str:
        doc = self.document
        if not self.section:
            return doc.label
        # "长工信〔2022〕139号 三(一)3" but "《…实施办法》二.4": the 》 already separates.
        return f"{doc.label} {self.section}" if doc.number else f"{doc.label}{self.section}"

    def to_json(self) -> dict:
        doc = self.document
        return {"document": doc.key, "number": doc.number, "title": doc.title, "section": self.section}


@dataclass
class Period:
    __pydantic_config__ = STRICT
    from_: date | None = None
    until: date | None = None
    source: Citation | None = None
    note: str | None = None


@dataclass
class Notice:
    """The region's principal document and how long it holds.  Never inherited."""

    __pydantic_config__ = STRICT
    document: Document
    # `unknown` where the document states no period (audit of issue 12: a year borrowed from
    # another document is an invention); a file that leaves `effective` out says no more
    effective: Period | Literal["unknown"] | None = None
    reviewed: date | None = None
    note: str | None = None
    note_en: str | None = None  # the note for an English reader; without it the Chinese is shown, said to be so

    @property
    def title(self) -> str:
        return self.document.title

    @property
    def period(self) -> Period | None:
        return self.effective if isinstance(self.effective, Period) else None

    def status(self, on: date) -> NoticeStatus:
        """Whether the notice held on `on`: current, expired, not yet in force, or unknown."""
        p = self.period
        if p is None:
            return "unknown"
        if p.from_ and on < p.from_:
            return "not_yet"
        if p.until and on > p.until:
            return "expired"
        return "current"

    def round_label(self) -> str:
        """The round a dated notice is for, as people name it: 2022 年度 (from its first day)."""
        p = self.period
        day = p and (p.from_ or p.until)
        return t(f"{day.year} 年度", f"the {day.year} round") if day else ""

    def status_message(self, on: date) -> str | None:
        """What a person must know about the notice before reading any verdict under it, or None."""
        status = self.status(on)
        p = self.period
        if status == "expired" and p:
            return t(
                f"该通知（{self.round_label()}）已于 {p.until} 结束：以下结论只说明按该通知是否符合，现在申报请以当地最新通知为准",
                f"This notice ({self.round_label()}) ended on {p.until}: the verdicts say only whether one qualified under it; "
                "for an application now, see the local office's latest notice",
            )
        if status == "not_yet" and p:
            return t(
                f"检查日期 {on} 早于该通知的生效日 {p.from_}：该通知那时尚未生效",
                f"the check date {on} is before the notice took effect ({p.from_})",
            )
        if status == "unknown":
            return t(
                "该通知未写有效期：是否仍在执行，请向当地职称办核对",
                "The notice states no effective period: ask the local title office whether it still applies",
            )
        return None

    def short_status(self, on: date) -> str:
        """A few words for a list or a picker: 通知已结束 / 通知尚未生效 / 有效期未写, or ''."""
        return {
            "expired": t("通知已结束", "notice ended"),
            "not_yet": t("通知尚未生效", "notice not yet in force"),
            "unknown": t("有效期未写", "period not stated"),
        }.get(self.status(on), "")

    @property
    def document_number(self) -> str | None:
        return self.document.number


def render(c: Citation | None) -> str:
    return str(c) if c is not None else ""


def render_cell(c: Citation | None) -> str:
    """For a narrow table column: the document on one line, the section below it."""
    if c is None:
        return ""
    return f"{c.document.label}\n{c.section}" if c.section else c.document.label


# ---------------------------------------------------------------- reading a file


def _is_source_key(k: Any) -> bool:
    return isinstance(k, str) and (k == "source" or k.endswith("_source"))


def _split(value: str) -> tuple[str, str]:
    """ "changzhi-2022 三(一)3" -> ("changzhi-2022", "三(一)3"): the key, then the section."""
    parts = value.strip().split(maxsplit=1)
    return parts[0], parts[1].strip() if len(parts) > 1 else ""


def resolve_file(data: dict, line_of) -> list[tuple[tuple, str, int | None]]:
    """Resolve one region file's `documents:`, `notice:` and every `source:` in place.

    `data` is the file's own raw mapping (before any `extends:` merge); `line_of(loc)` gives the
    line of a key path in the file's text.  Returns the problems as (key path, message, line).
    Afterwards `documents` maps keys to Document, `notice.document` is a Document and each source
    a Citation: objects, so that merging files replaces them whole instead of key by key.
    """
    r = _FileResolver(data, line_of)
    r.documents()
    r.notice()
    r.walk(data, ())
    return r.problems


class _FileResolver:
    def __init__(self, data: dict, line_of):
        self.data = data
        self.line_of = line_of
        self.problems: list[tuple[tuple, str, int | None]] = []
        self.docs: dict[str, Document] = {}
        # without a `documents:` list, every key is unknown: say that once, not at each source
        self.listed = isinstance(data.get("documents"), dict)
        # keys written, valid or not: a citation of a document with problems of its own is not
        # "unknown" as well
        self.written = {k for k in data["documents"] if isinstance(k, str)} if self.listed else set()

    def problem(self, loc: tuple, msg: str) -> None:
        self.problems.append((loc, msg, self.line_of(loc)))

    def documents(self) -> None:
        raw = self.data.get("documents")
        if raw is None:
            self.problem(
                ("documents",),
                t(
                    "缺少 documents：列出本文件依据的文件（标题、文号、发文单位、类型），规则的 source 按键引用",
                    "documents is missing: list the documents this file rests on (title, number, issuer, kind); rules cite them by key",
                ),
            )
            return
        if not self.listed:
            self.problem(("documents",), t("documents 应为“键: 文件”的映射", "documents must map keys to documents"))
            return
        for key, fields in raw.items():
            doc = self._document(key, fields)
            if doc is not None:
                self.docs[key] = doc
        self.data["documents"] = self.docs

    def _document(self, key: Any, fields: Any) -> Document | None:
        from .profile import describe_error

        loc = ("documents", key)
        if not isinstance(key, str) or not KEY_RE.fullmatch(key):
            self.problem(
                loc,
                t(
                    f"文件的键 {key!r} 只能用字母、数字、点、连字符和下划线（不含空格）",
                    f"a document key ({key!r}) may only hold letters, digits, '.', '-' and '_' (no spaces)",
                ),
            )
            return None
        if not isinstance(fields, dict) or "key" in fields:
            self.problem(loc, t("应为文件的各项（title、kind …，不写 key）", "must be the document's fields (title, kind …, no key)"))
            return None
        try:
            doc = pydantic.TypeAdapter(Document).validate_python(dict(fields))
        except pydantic.ValidationError as e:
            for err in e.errors():
                self.problem(loc + tuple(err["loc"]), describe_error(err))
            return None
        doc.key = key
        return doc

    def notice(self) -> None:
        notice = self.data.get("notice")
        if notice is None:
            self.problem(
                ("notice",),
                t(
                    "缺少 notice：每个地区文件写明自己依据的通知（document: 文件的键），通知不从所继承的地区继承",
                    "notice is missing: every region file states the notice it encodes (document: a key); notices are not inherited",
                ),
            )
            return
        if not isinstance(notice, dict):
            return  # the schema says what a notice must be
        ref = notice.get("document")
        if isinstance(ref, str) and ref in self.docs:
            notice["document"] = self.docs[ref]
        elif ref is None:
            self.problem(
                ("notice", "document"),
                t("notice 需要 document：documents 中主要文件的键", "notice needs document: the key of the principal document"),
            )
        elif self.listed and ref not in self.written:
            self.problem(
                ("notice", "document"),
                t(
                    f"未知的文件 {ref!r}；notice.document 应为 documents 中的键，本文件有：{self._known()}",
                    f"unknown document {ref!r}; notice.document must be a key of documents, this file lists: {self._known()}",
                ),
            )

    def _known(self) -> str:
        return "、".join(sorted(self.written)) or t("（无）", "(none)")

    def _unknown(self, key: Any) -> str:
        return t(
            f"未知的文件 {key!r}；source 以 documents 中的键开头，本文件有：{self._known()}",
            f"unknown document {key!r}; a source starts with a key from documents, this file lists: {self._known()}",
        )

    def walk(self, v: Any, loc: tuple) -> None:
        if isinstance(v, dict):
            for k, x in list(v.items()):
                if (loc == () and k == "documents") or (loc == ("notice",) and k == "document"):
                    continue
                if _is_source_key(k):
                    v[k] = self.cite(x, loc + (k,))
                else:
                    self.walk(x, loc + (k,))
        elif isinstance(v, list):
            for i, x in enumerate(v):
                self.walk(x, loc + (i,))

    def cite(self, value: Any, loc: tuple) -> Citation | None:
        if value is None or isinstance(value, Citation):  # a YAML alias: resolved where its anchor is
            return value
        if not isinstance(value, str) or not value.strip():
            self.problem(
                loc,
                t("source 应写作“文件的键 章节”，如 changzhi-2022 三(一)3", "source must read 'KEY SECTION', e.g. changzhi-2022 三(一)3"),
            )
            return None
        key, section = _split(value)
        doc = self.docs.get(key)
        if doc is None:
            if self.listed and key not in self.written:
                self.problem(loc, self._unknown(key))
            return None
        return Citation(doc, section)


def cited_documents(obj: Any) -> list[Document]:
    """Every document cited anywhere in `obj` (a region), in order of first citation."""
    import dataclasses

    seen: dict[int, Document] = {}

    def walk(v: Any) -> None:
        if isinstance(v, Citation):
            seen.setdefault(id(v.document), v.document)
        elif isinstance(v, Document):
            seen.setdefault(id(v), v)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif dataclasses.is_dataclass(v) and not isinstance(v, type):
            for f in dataclasses.fields(v):
                walk(getattr(v, f.name))

    walk(obj)
    return list(seen.values())


__all__ = [
    "Citation",
    "Document",
    "KIND_NAMES",
    "Notice",
    "Period",
    "cited_documents",
    "kind_name",
    "render",
    "render_cell",
    "resolve_file",
]
