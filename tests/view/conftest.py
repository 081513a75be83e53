"""A small fixture project for the view tests: the real seeds and corpus, hand-made annotations.

``annotations/`` holds gold for 000-lv (nested ORG > CITY, two MEET events with arguments,
a PARTNER_OF relation, GeoNames and ISO 3166 normalisations) and 002-fa (Persian: an AID
event with an ITEM argument, nesting, normalisations, a relation). ``passes/a`` and
``passes/b`` hold two passes of 000-lv that disagree in known ways (and 002-fa in pass A
only). ``predictions.jsonl`` covers every sentence, with one error of each kind in 000-lv;
``results.json`` is what `bench evaluate --out` writes for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from fixtures import Ann, copy_project, find
from citydiplo.formats.model import Argument, Document, DocumentMeta, EntityMention, EventMention, Relation, Sentence



def lv_ann(text: str, variant: str = "gold") -> str:
    """000-lv annotations; variant "b" is a second pass with seven known disagreements."""
    a = Ann(text)
    daug = a.t("CITY", "Daugavpils", 1, "GeoNames:460413")
    harb = a.t("CITY", "Harbinas", 1, "GeoNames:2037013")
    apspr = a.t("MEET", "apsprieda")
    date = a.t("DATE", "12. augustā")
    if variant == "b":
        a.t("ORG", "Daugavpils pilsētas", 1)  # boundary
    else:
        a.t("ORG", "Daugavpils pilsētas domes", 1)
    a.t("CITY", "Daugavpils", 2, "GeoNames:460413")
    igors = a.t("ORG" if variant == "b" else "PER", "Igors Prelatovs")  # type
    livija = None if variant == "b" else a.t("PER", "Līvija Jankovska")  # only in A
    if variant == "b":
        a.t("PER", "priekšsēdētājs", 1)  # only in B
    tikas = a.t("MEET", "tikās")
    a.t("CITY", "Harbinas", 2, "GeoNames:2037013" if variant != "b" else "GeoNames:2036973")  # norm
    a.t("GPE", "Ķīna", 1, "ISO3166:CN")
    sun = a.t("PER", "Sun Zhe", 1)
    a.e("MEET", apspr, [("Participant", daug), ("Participant2", harb)], "ACTUAL")
    args = [("Participant", igors)] + ([("Participant2", livija)] if livija else []) + [("Participant3", sun),
                                                                                        ("Time", date)]
    a.e("MEET", tikas, args, "FUTURE" if variant == "b" else "ACTUAL")  # realis
    if variant != "b":
        a.r(daug, harb, "ESTABLISHED")  # relation only in A
    return a.content()


def fa_ann(text: str) -> str:
    a = Ann(text)
    ersal = a.t("AID", "ارسال", 1)
    item = a.t("ITEM", "کمکهای بهداشتی", 1)
    guang = a.t("CITY", "گوانگجو", 1, "GeoNames:1809858")
    xian = a.t("CITY", "شیان", 1, "GeoNames:1790630")
    isf = a.t("CITY", "اصفهان", 1, "GeoNames:418863")
    a.t("ORG", "شهرداری اصفهان", 1)
    a.t("CITY", "اصفهان", 2, "GeoNames:418863")
    a.t("GPE", "ایران", 1, "ISO3166:IR")
    a.e("AID", ersal, [("Giver", guang), ("Giver2", xian), ("Recipient", isf), ("Item", item)], "ACTUAL")
    a.r(isf, xian, "ESTABLISHED")
    return a.content()


def all_predictions(root: Path) -> str:
    """Predictions for every sentence of the test set (the annotated documents, as `bench
    evaluate` requires): for 000-lv one error of each kind on outer entities, an inner
    mention of the wrong type and one wrong trigger type; no relations; nothing elsewhere."""
    from citydiplo.corpus.documents import test_documents
    from citydiplo.formats.bio import spans_to_iob2
    from citydiplo.formats.tokens import tokenize

    lines = []
    for doc in test_documents(root):
        text = doc.text
        entities, triggers, inner = [], [], []
        if doc.id == "000-lv":
            inner = [("GPE", find(text, "Daugavpils", 2))]  # gold: inner CITY
            entities = [
                ("CITY", find(text, "Daugavpils", 1)), ("CITY", find(text, "Harbinas", 1)),  # correct
                ("DATE", find(text, "12. augustā")),  # correct
                ("ORG", find(text, "Daugavpils pilsētas")),  # wrong boundary
                ("PER", find(text, "priekšsēdētājs", 1)),  # spurious
                ("ORG", find(text, "Igors Prelatovs")),  # wrong type
                ("CITY", find(text, "Harbinas", 2)), ("GPE", find(text, "Ķīna")), ("PER", find(text, "Sun Zhe")),
                # Līvija Jankovska: missed
            ]
            triggers = [("VISIT", find(text, "apsprieda")), ("MEET", find(text, "tikās"))]
        for index, s in enumerate(doc.meta.sentences, 1):
            tokens = tokenize(text[s.start:s.end], s.start)
            spans = [(a, b, t) for t, (a, b) in entities if s.start <= a and b <= s.end]
            events = []
            for etype, (a, b) in triggers:
                if s.start <= a and b <= s.end:
                    first = next(i for i, tok in enumerate(tokens) if tok.start == a)
                    events.append({"type": etype, "trigger": [first, first + 1], "realis": "ACTUAL",
                                   "arguments": []})
            inner_spans = [(a, b, t) for t, (a, b) in inner if s.start <= a and b <= s.end]
            lines.append(json.dumps({"id": f"{doc.id}-{index:03d}", "ner_tags": spans_to_iob2(tokens, spans),
                                     "ner_tags_inner": spans_to_iob2(tokens, inner_spans),
                                     "events": events, "relations": []}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def system_b_predictions(root: Path) -> str:
    """A second system that makes every error class of every layer somewhere: "Daugavpils"
    of the ORG predicted as outer (right span, other level), inner tags, normalisation ids
    (right, wrong, none, where gold has none), arguments with the wrong role, on the wrong
    trigger and spurious, relations with the wrong status and spurious."""
    from citydiplo.corpus.documents import test_documents
    from citydiplo.formats.bio import spans_to_iob2
    from citydiplo.formats.tokens import tokenize

    def plan(doc):
        t = doc.text
        if doc.id == "000-lv":
            outer = [("CITY", find(t, "Daugavpils", 1)), ("CITY", find(t, "Harbinas", 1)), ("DATE", find(t, "12. augustā")),
                     ("CITY", find(t, "Daugavpils", 2)), ("PER", find(t, "Igors Prelatovs")),
                     ("PER", find(t, "Līvija Jankovska")), ("CITY", find(t, "Harbinas", 2)), ("GPE", find(t, "Ķīna")),
                     ("PER", find(t, "Sun Zhe"))]
            inner = [("ORG", find(t, "Daugavpils pilsētas")), ("CITY", find(t, "Harbinas", 2)), ("PER", find(t, "Sun"))]
            norm = [(find(t, "Daugavpils", 1), "GeoNames:460413"), (find(t, "Harbinas", 1), "GeoNames:1"),
                    (find(t, "Igors Prelatovs"), "GeoNames:5")]
            events = [("MEET", find(t, "apsprieda"), [("Participant", find(t, "Daugavpils", 1)),
                                                      ("Participant", find(t, "Harbinas", 1))]),
                      ("MEET", find(t, "tikās"), [("Participant", find(t, "Igors Prelatovs")),
                                                  ("Time", find(t, "Sun Zhe")), ("Place", find(t, "Ķīna"))]),
                      ("VISIT", find(t, "priekšsēdētājs", 1), [("Visitor", find(t, "Līvija Jankovska"))])]
            relations = [(find(t, "Daugavpils", 1), find(t, "Harbinas", 1), "ESTABLISHED"),
                         (find(t, "Harbinas", 2), find(t, "Ķīna"), "PLANNED")]
            return outer, inner, norm, events, relations
        if doc.id == "002-fa":
            trigger = (find(t, "ارسال")[0], find(t, "ارسال دو")[1])  # one token too many: wrong boundary
            return ([], [("CITY", find(t, "اصفهان", 2))], [], [("AID", trigger, [])],
                    [(find(t, "اصفهان", 1), find(t, "شیان", 1), "PLANNED")])
        return [], [], [], [], []

    lines = []
    for doc in test_documents(root):
        outer, inner, norm, events, relations = plan(doc)
        for index, s in enumerate(doc.meta.sentences, 1):
            tokens = tokenize(doc.text[s.start:s.end], s.start)
            inside = lambda span: s.start <= span[0] and span[1] <= s.end  # noqa: E731

            def tok(span):
                first = next(i for i, x in enumerate(tokens) if x.start == span[0])
                last = next(i for i, x in enumerate(tokens) if x.end == span[1])
                return [first, last + 1]

            record = {
                "id": f"{doc.id}-{index:03d}",
                "ner_tags": spans_to_iob2(tokens, [(a, b, ty) for ty, (a, b) in outer if inside((a, b))]),
                "ner_tags_inner": spans_to_iob2(tokens, [(a, b, ty) for ty, (a, b) in inner if inside((a, b))]),
                "events": [{"type": ty, "trigger": tok(tr), "realis": "ACTUAL",
                            "arguments": [{"role": r, "span": tok(sp)} for r, sp in args]}
                           for ty, tr, args in events if inside(tr)],
                "relations": [{"type": "PARTNER_OF", "arg1": tok(a), "arg2": tok(b), "status": st}
                              for a, b, st in relations if inside(a)],
                "norm": [{"span": tok(sp), "id": ident} for sp, ident in norm if inside(sp)],
            }
            lines.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ViewProject:
    root: Path
    pass_a: Path
    pass_b: Path
    predictions: Path
    results: Path
    predictions_b: Path


@pytest.fixture(scope="session")
def view_project(tmp_path_factory: pytest.TempPathFactory) -> ViewProject:
    root = copy_project(tmp_path_factory.mktemp("project"))
    lv = (root / "corpus" / "000-lv.txt").read_text(encoding="utf-8")
    fa = (root / "corpus" / "002-fa.txt").read_text(encoding="utf-8")
    (root / "annotations" / "000-lv.ann").write_text(lv_ann(lv), encoding="utf-8")
    (root / "annotations" / "002-fa.ann").write_text(fa_ann(fa), encoding="utf-8")
    pass_a, pass_b = root / "passes" / "a", root / "passes" / "b"
    pass_a.mkdir(parents=True)
    pass_b.mkdir(parents=True)
    (pass_a / "000-lv.ann").write_text(lv_ann(lv), encoding="utf-8")
    (pass_b / "000-lv.ann").write_text(lv_ann(lv, "b"), encoding="utf-8")
    (pass_a / "002-fa.ann").write_text(fa_ann(fa), encoding="utf-8")
    predictions = root / "predictions.jsonl"
    predictions.write_text(all_predictions(root), encoding="utf-8")
    from citydiplo.evaluation.evaluate import evaluate  # the results JSON exactly as `bench evaluate --out` writes it

    results = root / "results.json"
    results.write_text(json.dumps(evaluate(str(predictions), root, samples=20).to_dict()), encoding="utf-8")
    predictions_b = root / "predictions_b.jsonl"
    predictions_b.write_text(system_b_predictions(root), encoding="utf-8")
    return ViewProject(root, pass_a, pass_b, predictions, results, predictions_b)


# --------------------------------------------------------------------------- HTML trees

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass
class Node:
    """An element of a parsed page: tag, attributes, children (nodes and strings), parent."""

    tag: str
    attrs: dict
    children: list
    parent: "Node | None"

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self, skip=lambda node: False) -> str:
        return "".join(c if isinstance(c, str) else ("" if skip(c) else c.text(skip)) for c in self.children)

    def classes(self) -> set:
        return set((self.attrs.get("class") or "").split())

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder:
    """Builds ``Node`` trees with html.parser, recording any unbalanced end tag."""

    def __init__(self) -> None:
        from html.parser import HTMLParser

        builder = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                node = Node(tag, dict(attrs), [], builder.current)
                builder.current.children.append(node)
                if tag not in VOID:
                    builder.current = node

            def handle_startendtag(self, tag, attrs):
                builder.current.children.append(Node(tag, dict(attrs), [], builder.current))

            def handle_endtag(self, tag):
                if builder.current.tag == tag:
                    builder.current = builder.current.parent
                else:
                    builder.errors.append(f"</{tag}> closes <{builder.current.tag}>")

            def handle_data(self, data):
                builder.current.children.append(data)

        self.root = Node("#root", {}, [], None)
        self.current = self.root
        self.errors: list = []
        self.parser = Parser(convert_charrefs=True)


def parse_tree(html: str) -> Node:
    """Parse HTML into a tree; assert that every end tag closes the element it should."""
    builder = _TreeBuilder()
    builder.parser.feed(html)
    builder.parser.close()
    assert builder.errors == [], builder.errors[:5]
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder.root


# --------------------------------------------------------------------------- hostile text

HOSTILE = '<script>document.body.setAttribute("data-pwned","1")</script><img src=x onerror=alert(1)>'


def make_hostile_doc() -> Document:
    text = f"Riga {HOSTILE} & Rīga."
    start = text.index("<script>")
    meta = DocumentMeta("999-xx", "lv", "Latn", HOSTILE, None, None, "s.txt", "0", [(0, len(text))], [],
                        [Sentence(0, len(text))])
    doc = Document(meta, text)
    doc.entities = [EntityMention("T1", "CITY", 0, 4, "Riga", 1, "GeoNames", '"><script>x</script>'),
                    EntityMention("T2", "MISC", start, start + len(HOSTILE), HOSTILE, 1)]
    doc.events = [EventMention("E1", "MEET", "T3", start, start + 8, "<script>", "ACTUAL",
                               (Argument("Participant", "T1", 0, 4, "Riga", "CITY"),))]
    doc.relations = [Relation("R1", "PARTNER_OF", "T1", "T2", "<b>")]
    return doc


class _Hostile:
    """Calling it makes the hostile document; ``.hostile`` is the hostile string."""

    hostile = HOSTILE

    def __call__(self) -> Document:
        return make_hostile_doc()


@pytest.fixture(scope="session")
def hostile_doc() -> _Hostile:
    return _Hostile()


@pytest.fixture(scope="session")
def parse_html():
    return parse_tree


@pytest.fixture(scope="session")
def site(view_project: ViewProject) -> dict:
    """The whole fixture site (gold, predictions, two passes, results) as name -> HTML."""
    from citydiplo.scoring.results_files import read_results_file
    from citydiplo.viewer.view import load_site_input, site_pages

    inp = load_site_input(view_project.root, (), None, read_results_file(view_project.results),
                          view_project.predictions, (view_project.pass_a, view_project.pass_b))
    return site_pages(inp)


@pytest.fixture(scope="session")
def site_two(view_project: ViewProject) -> dict:
    """The fixture site with two systems side by side: A (the fixture predictions) and B."""
    from citydiplo.evaluation.evaluate import compare
    from citydiplo.scoring.results_files import read_results_file
    from citydiplo.viewer.view import load_site_input, site_pages

    paired = compare(str(view_project.predictions), str(view_project.predictions_b), view_project.root, 100)
    inp = load_site_input(view_project.root, (), None, read_results_file(view_project.results),
                          [view_project.predictions, view_project.predictions_b], None, paired)
    return site_pages(inp)


# --------------------------------------------------------------------------- an article in two versions

def _version(doc_id: str, language: str, script: str, sentences: list[str], gold) -> Document:
    """A hand-built document: ``sentences`` joined by a space; ``gold(text)`` gives its
    entities, events and relations (offsets found from surface strings)."""
    text, spans = "", []
    for s in sentences:
        if text:
            text += " "
        spans.append(Sentence(len(text), len(text) + len(s)))
        text += s
    meta = DocumentMeta(doc_id, language, script, None, None, None, "s.txt", "0", [(0, len(text))], [], spans)
    doc = Document(meta, text)
    doc.entities, doc.events, doc.relations = gold(text)
    return doc


def _gold(isfahan: str, xian: str, trigger: str, misc: str | None):
    def make(text):
        i, x, t = find(text, isfahan), find(text, xian), find(text, trigger)
        entities = [EntityMention("T1", "CITY", *i, isfahan, 1, "GeoNames", "418863"),
                    EntityMention("T2", "CITY", *x, xian, 1, "GeoNames", "1790630")]
        if misc is not None:
            entities.append(EntityMention("T4", "MISC", *find(text, misc), misc, 1))
        events = [EventMention("E1", "AID", "T3", *t, trigger, "ACTUAL",
                               (Argument("Giver", "T1", *i, isfahan, "CITY"), Argument("Recipient", "T2", *x, xian, "CITY")))]
        return entities, events, [Relation("R1", "PARTNER_OF", "T1", "T2", "ESTABLISHED")]
    return make


def make_versions() -> tuple[list[Document], dict]:
    """Article 900 in Persian (the original, three sentences) and English (four: the
    original's second sentence is split in two, and the last one holds hostile text). The
    English version lacks the original's MISC T4 (a loss); ids are the alignment ids."""
    fa = _version("900-fa", "fa", "Arab", ["اصفهان به شیان کمک فرستاد.", "کرونا سخت بود و همه کمک کردند.",
                                           "پایان."], _gold("اصفهان", "شیان", "کمک", "کرونا"))
    en = _version("900-en", "en", "Latn", ["Isfahan sent aid to Xi'an.", "It was hard.", "Everyone helped.",
                                           f"The end {HOSTILE}."], _gold("Isfahan", "Xi'an", "aid", None))
    return [fa, en], {"900-en": [(0, 0), (1, 1), (2, 1), (3, 2)]}


@pytest.fixture(scope="session")
def versions():
    return make_versions()


SIX = {"lv": ("Latn", ["Daugavpils nosūtīja palīdzību uz Harkivu.", "Daugavpilsvalstspilsētaspašvaldības "
                                                                   "priekšsēdētājs to apstiprināja."],
              ("Daugavpils", "Harkivu", "palīdzību")),
       "ru": ("Cyrl", ["Даугавпилс отправил помощь в Харьков.", "Председатель думы это подтвердил."],
              ("Даугавпилс", "Харьков", "помощь")),
       "fa": ("Arab", ["داوگاوپیلس به خارکیف کمک فرستاد.", "رئیس شورا آن را تأیید کرد."],
              ("داوگاوپیلس", "خارکیف", "کمک")),
       "uk": ("Cyrl", ["Даугавпілс надіслав допомогу до Харкова.", "Голова думи це підтвердив."],
              ("Даугавпілс", "Харкова", "допомогу")),
       "vi": ("Latn", ["Daugavpils đã gửi viện trợ cho Kharkiv.", "Chủ tịch hội đồng đã xác nhận điều đó."],
              ("Daugavpils", "Kharkiv", "viện trợ")),
       "en": ("Latn", ["Daugavpils sent aid to Kharkiv.", "The council chair confirmed it."],
              ("Daugavpils", "Kharkiv", "aid"))}


def make_six_versions() -> tuple[list[Document], dict]:
    """Article 901 in all six languages of the parallel track (the Latvian original first),
    two sentences each, aligned one to one; the Latvian has a long compound word."""
    docs = [_version(f"901-{lang}", lang, script, sentences, _gold(*names, None))
            for lang, (script, sentences, names) in SIX.items()]
    return docs, {d.id: [(0, 0), (1, 1)] for d in docs[1:]}


@pytest.fixture(scope="session")
def six_versions():
    return make_six_versions()
