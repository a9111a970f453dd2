"""pdfsafe.scrub walks a PDF's objects with shortcuts (names and numbers are not resolved or
queued, a dictionary's value is looked up once): it must remove exactly what the plain walk
removes, from the same objects, on any object graph — actions and files behind references, in
arrays of arrays, reachable only through /Parent, shared between pages, or in a cycle."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from titlecli import pdfsafe

KEYS = ["/A", "/AA", "/OpenAction", "/JS", "/S", "/Type", "/Subtype", "/Parent", "/P", "/Kids", "/Annots", "/EF", "/Resources", "/N"]
NAMES = ["/JavaScript", "/URI", "/GoTo", "/Launch", "/EmbeddedFile", "/FileAttachment", "/Link", "/Page", "/Form", "/Foo"]


def _plain_verdict(v):
    """pdfsafe._verdict as it was written first: every value resolved, then looked at."""
    from pypdf.generic import DictionaryObject

    v = pdfsafe._resolve(v)
    return pdfsafe._why(v) if isinstance(v, DictionaryObject) else None


def _plain_scrub(*roots):
    """The walk as first written: every value queued, every dictionary value looked up twice."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    found: set[str] = set()
    seen: set[int] = set()
    todo = list(roots)
    while todo:
        obj = todo.pop()
        if isinstance(obj, IndirectObject):
            obj = pdfsafe._resolve(obj)
        if id(obj) in seen or not isinstance(obj, (DictionaryObject, ArrayObject)):
            continue
        seen.add(id(obj))
        if isinstance(obj, DictionaryObject):
            for key in list(obj.keys()):
                why = pdfsafe.DROP_KEYS.get(key) or _plain_verdict(obj[key])
                if why:
                    del obj[key]
                    found.add(why)
                elif key not in pdfsafe.NOT_FOLLOWED:
                    todo.append(obj[key])
        else:
            keep = []
            for item in obj:
                why = _plain_verdict(item)
                if why:
                    found.add(why)
                else:
                    keep.append(item)
            if len(keep) != len(obj):
                obj[:] = keep
            todo.extend(keep)
    return found


# a value: a name, a number, a reference to node i, or a direct dictionary/array of values
value = st.recursive(
    st.one_of(
        st.tuples(st.just("name"), st.sampled_from(NAMES)),
        st.tuples(st.just("num"), st.integers(0, 3)),
        st.tuples(st.just("ref"), st.integers(0, 7)),
    ),
    lambda inner: st.one_of(
        st.tuples(st.just("dict"), st.lists(st.tuples(st.sampled_from(KEYS), inner), max_size=4)),
        st.tuples(st.just("array"), st.lists(inner, max_size=4)),
    ),
    max_leaves=12,
)
node = st.one_of(
    st.tuples(st.just("dict"), st.lists(st.tuples(st.sampled_from(KEYS), value), max_size=5)),
    st.tuples(st.just("array"), st.lists(value, max_size=5)),
)


def _build(nodes):
    """The graph as indirect objects of a fresh writer (references may point anywhere, cycles too)."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject

    w = PdfWriter()
    refs = [w._add_object(DictionaryObject() if kind == "dict" else ArrayObject()) for kind, _ in nodes]

    def make(v):
        kind, x = v
        if kind == "name":
            return NameObject(x)
        if kind == "num":
            return NumberObject(x)
        if kind == "ref":
            return refs[x % len(refs)]
        return fill(DictionaryObject() if kind == "dict" else ArrayObject(), kind, x)

    def fill(obj, kind, items):
        if kind == "dict":
            for k, v in items:
                obj[NameObject(k)] = make(v)
        else:
            obj.extend(make(v) for v in items)
        return obj

    for ref, (kind, items) in zip(refs, nodes, strict=True):
        fill(ref.get_object(), kind, items)
    return w, refs, IndirectObject


def _shape(w):
    """Every object of the writer as plain data (references by number)."""
    from pypdf.generic import DictionaryObject, IndirectObject

    def plain(v):
        if isinstance(v, IndirectObject):
            return ("ref", v.idnum)
        if isinstance(v, DictionaryObject):
            return ("dict", sorted((k, plain(x)) for k, x in v.items()))
        if isinstance(v, list):
            return ("array", [plain(x) for x in v])
        return ("value", str(v))

    return [plain(o) for o in w._objects]


@settings(max_examples=300, deadline=None)
@given(st.lists(node, min_size=1, max_size=8), st.integers(0, 7))
def test_scrub_removes_exactly_what_the_plain_walk_removes(nodes, root):
    start = root % len(nodes)
    for resolved in (False, True):  # a reference, or the object itself as callers pass a page
        w1, refs1, _ = _build(nodes)
        w2, refs2, _ = _build(nodes)
        assert _shape(w1) == _shape(w2)
        r1, r2 = refs1[start], refs2[start]
        assert _outcome(pdfsafe.scrub, r1.get_object() if resolved else r1) == _outcome(_plain_scrub, r2.get_object() if resolved else r2)
        assert _shape(w1) == _shape(w2)


def _outcome(scrub, root):
    try:
        return scrub(root)
    except Exception as e:  # noqa: BLE001 - the same failure counts as the same outcome
        return type(e)


def test_an_action_behind_a_reference_in_an_array_of_arrays_is_removed():
    # the shortcut must still resolve references: a name or number needs no look, a reference does
    nodes = [
        ("dict", [("/Annots", ("array", [("array", [("ref", 1), ("ref", 2)])]))]),
        ("dict", [("/S", ("name", "/JavaScript"))]),
        ("dict", [("/Subtype", ("name", "/Link")), ("/Kids", ("array", [("ref", 3)]))]),
        ("dict", [("/Type", ("name", "/EmbeddedFile"))]),
    ]
    w, refs, _ = _build(nodes)
    assert pdfsafe.scrub(refs[0]) == {"javascript", "files"}
    annots = refs[0].get_object()["/Annots"]
    assert [[x.idnum for x in inner] for inner in annots] == [[refs[2].idnum]]
    assert list(refs[2].get_object()["/Kids"]) == []


def test_an_action_type_that_is_not_a_name_is_no_action_and_one_behind_a_reference_is():
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    w = PdfWriter()
    uri = w._add_object(NameObject("/URI"))
    assert pdfsafe._why(DictionaryObject({NameObject("/S"): DictionaryObject()})) is None
    assert pdfsafe._why(DictionaryObject({NameObject("/Subtype"): ArrayObject()})) is None
    assert pdfsafe._why(DictionaryObject({NameObject("/S"): uri})) == "actions"


def test_a_link_whose_action_type_is_a_dictionary_does_not_stop_the_dossier(tmp_path):
    # a hostile or broken scan: /A << /S << >> >> made the build end in a TypeError traceback
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject
    from test_dossier import build, pdf

    s = tmp_path / "scans"
    s.mkdir()
    w = PdfWriter(clone_from=PdfReader(pdf(tmp_path / "plain.pdf", 1, text="证书")))
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(10), FloatObject(10)]),
            NameObject("/A"): DictionaryObject({NameObject("/S"): DictionaryObject()}),
        }
    )
    w.pages[0][NameObject("/Annots")] = ArrayObject([w._add_object(link)])
    w.write(s / "odd.pdf")
    res = build(tmp_path, [{"kind": "award", "file": "scans/odd.pdf"}])
    assert res.pages > 1
