"""`xmfacts extract`: every figure of a new article, what the record already says about it, and
the rest drafted as facts for a curator to review.

Each figure is read once by the reader ``check`` uses and matched against the fact base exactly
as ``check`` matches a claim (``check_text``). A figure is *on record* when ``check`` ties it to
a fact with a verdict, or when a fact's own quote stands in the article around it with the
same figure (a chart caption, a repeated paragraph). The rest are candidates, each drafted
with its subject (``subject``), the words that say what it measures, the shortest verbatim
quote that states both, a label and a short id (``naming``), and its period (``reading``).

Nothing here writes: the draft is text (``draft_toml``) that only ``xmfacts add --from``
takes into the fact base, after validation.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from xmfacts.check import FigurePlace, Finding, Verdict, check_text, checkable, figure_places, judge
from xmfacts.check.words import _SHARE
from xmfacts.extract import naming, reading
from xmfacts.extract.naming import suggest_id
from xmfacts.extract.subject import CITIES, DEFAULT_ENTITY, subject_in
from xmfacts.figures.printing import printed
from xmfacts.figures.reader import Reading, hedge_before, size_class
from xmfacts.figures.shares import is_worded_share
from xmfacts.figures.units import parse_unit
from xmfacts.model import BaseUnit, Fact, FactBase, Figure, Kind, Source
from xmfacts.text import fold_in_place, has_cjk, without_glosses

__all__ = ["Candidate", "Extraction", "Mention", "extract", "main_place", "publication_date", "suggest_id"]

CURATOR_NOTE = "Drafted by xmfacts extract: check label, entity, as_of and measure, and write label_en."


@dataclass(frozen=True)
class Mention:
    """Another place the article states a figure already listed: a repeated paragraph, or the
    same figure of the same thing told again. It is drafted once; the reader still sees each place."""

    line: int
    reading: Reading


@dataclass(frozen=True)
class Candidate:
    """One figure of the article: on record (with the fact and verdict) or drafted as a new fact."""

    reading: Reading
    line: int
    quote: str
    quote_start: int
    quote_end: int
    figure: Figure  # as it would be stored: a date without a year gets the publication's
    as_of: str | None
    entity: str
    id: str  # suggested, unique in the draft's topic
    label: str
    measure: tuple[str, ...]
    note: str
    on_record: Fact | None
    verdict: Verdict | None
    # a new period of a known series: drafted as its next observation
    series: str = ""
    also: tuple[Mention, ...] = ()  # where the article states it again, in order

    @property
    def new(self) -> bool:
        return self.on_record is None


@dataclass(frozen=True)
class Extraction:
    """Every figure of an article, in order of appearance, each once."""

    topic: str
    topic_title: str
    topic_title_en: str
    source: Source
    published: str | None
    candidates: tuple[Candidate, ...]

    @property
    def new(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.new)

    @property
    def contradicted(self) -> bool:
        return any(c.verdict is Verdict.MISMATCH for c in self.candidates)


def publication_date(text: str) -> str:
    """``--published`` as given (YYYY, YYYY-MM or YYYY-MM-DD), or a usage error naming it."""
    from xmfacts.errors import UsageError
    from xmfacts.figures.period import valid_date

    if not valid_date(text):
        raise UsageError(f"--published {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def main_place(text: str) -> str:
    """The city the article speaks of most, as an entity (厦门市); the project's own by default."""
    counts = {city: text.count(city) for city in CITIES}
    best = max(counts, key=lambda c: (counts[c], c == "厦门"))
    return f"{best}市" if counts[best] else DEFAULT_ENTITY


def extract(
    base: FactBase,
    text: str,
    topic: str = "extracted",
    source: Source | None = None,
    published: str | None = None,
) -> Extraction:
    """Every figure in ``text``: on record (fact and verdict) or a drafted candidate.

    ``published`` (ISO, at any precision) is when the article appeared: what 今年, 目前 and a
    date without a year mean. Without it such periods are left out, never guessed.
    """
    clean, where = _without_word_spaces(*without_glosses(text))
    if clean is not text:
        # 廈門(mén)市高新技術(shù)企業(yè): a mirror site's pinyin glosses name nothing; the drafts are
        # read without them and quote the text as given, glosses and all, to be traced to it
        read = extract(base, clean, topic, source, published)
        return dataclasses.replace(read, candidates=tuple(_as_given(c, text, where) for c in read.candidates))
    source = source or Source("", "")
    findings = check_text(base, text, written=published) if published else check_text(base, text)
    # English counts check leaves alone are still figures to draft; nothing on record speaks of them
    read = [f.reading for f in findings]
    # and so are spans of time it reads as "in the last N years" where they say how long, and
    # figures said in words (过亿元, 一半)
    extra = [Finding(r, 0, "", None, Verdict.UNKNOWN, None, None, "")
             for r in (*reading.english_figures(text, read), *reading.durations(text, read), *reading.word_figures(text, read),
                       *reading.relative_months(text, read, published))]
    if extra:
        findings = sorted([*findings, *extra], key=lambda f: f.reading.start)
    places = figure_places(_conversions_opened(text), [f.reading for f in findings])
    words = reading.blank_figures(text, [f.reading for f in findings if reading.is_figure(f.reading, text)])
    # check reads a rank as a count and blanks it (全国四大供应链服务商): a measure holding one is
    # never found again by check, so a draft also lists the measure as check's words say it
    checked = reading.blank_figures(text, [f.reading for f in findings if reading.is_figure(f.reading, text)
                                           or (checkable(f.reading) and f.reading.figure.kind is Kind.QUANTITY)])
    folded = text if text.isascii() else fold_in_place(text)
    place = main_place(folded)
    # the city as the article spells it (廈門 on a page in traditional characters), for labels
    at = folded.find(place.removesuffix("市"))
    city = text[at : at + len(place) - 1] if at != -1 else place.removesuffix("市")
    existing = _quoted_facts(base, text)
    known_ids = {f.id for f in base.facts if f.topic == topic}
    kept: list[Candidate] = []
    seen: dict[tuple[object, ...], int] = {}
    said: dict[tuple[int, str], int | None] = {}  # each sentence told, and the candidate it gave
    counted: dict[int, Candidate] = {}  # by sentence: the last figure it counted, not a share of it
    for finding, where in zip(findings, places):
        r = finding.reading
        if not reading.is_figure(r, text) or reading.is_period(r, text, where, findings):
            continue
        if size_class(text, r) and reading.sized_thing(text, where.clause[0], r.start) is None:
            continue  # 厦门第4条千亿产业链: how big, of no chain it names
        sentence = (r.start - where.sentence[0], text[where.sentence[0] : where.sentence[1]])
        if sentence in said:
            # a repeated paragraph: this figure was drafted from its first telling
            _mention(kept, said[sentence], Mention(where.line, r))
            continue
        said[sentence] = None
        if not reading.has_words(words, where):
            # a chart caption (68家 5981亿元) repeats a figure the text states with its words;
            # alone it says nothing of what it measures
            continue
        draft = _draft(text, folded, (words, checked), finding, where, place, city, published, existing)
        prior = counted.get(where.sentence[0])
        if _share_only(draft):
            draft = _of_what_was_counted(draft, prior, place, city) if prior else draft
        elif is_worded_share(r) and has_cjk(sentence[1]):
            # 总数升至1626家，接近福建全省的一半: half (or 1/3) is a share of what its sentence
            # counted before, as 全省占比达四成 is; its own words name only the whole it is a share of
            # (an English sentence keeps its own words: "of Xiamen's total")
            draft = _of_what_was_counted(dataclasses.replace(draft, measure=("占比",)), prior, place, city) if prior else _a_share(draft, place, city)
        elif _change_only(draft):
            # 厦门实现地区生产总值8066.49亿元，同比增长3.1%: the change is of what its sentence counted
            draft = _of_what_was_counted(draft, prior, place, city) if prior else draft
        elif draft.figure.kind is not Kind.DATE:
            counted[where.sentence[0]] = draft
        again = seen.get(("quote", draft.quote, r.text))
        if again is None:
            again = next((n for n, c in enumerate(kept) if _same(c, draft, place)), None)
        if again is not None:
            # The article repeats a paragraph (or a caption repeats a sentence): one candidate,
            # on record if either occurrence is.
            first = kept[again]
            if first.on_record is None and draft.on_record is not None:
                kept[again] = dataclasses.replace(draft, also=(Mention(first.line, first.reading), *first.also))
            else:
                _mention(kept, again, Mention(where.line, r))
            said[sentence] = again
            continue
        seen[("quote", draft.quote, r.text)] = len(kept)
        said[sentence] = len(kept)
        kept.append(draft)
    out = _with_ids(kept, known_ids, place)
    title, title_en = _topic_titles(base, topic)
    return Extraction(topic, title, title_en, source, published, tuple(out))


# 479.141 billion yuan ($70.92 billion) in 2018: a sum converted in brackets is of the clause it
# stands in, as is the year after it; the brackets are blanked (offsets kept) when clauses are cut
_CONVERSION = re.compile(r"[(（]\s*(?:about|around|approximately|roughly|some|nearly|over)?\s*(?:US|U\.S\.)?\$\s?[\d.,]+\s*(?:bn|billion|million|trillion|mln)?\s*[)）]")


def _conversions_opened(text: str) -> str:
    """``text`` with the brackets of each converted sum blanked, for cutting its clauses."""
    if "$" not in text:
        return text
    return _CONVERSION.sub(lambda m: " " + m.group()[1:-1] + " ", text)


# 全市 高新技術企業 達 4000 家: a page that spaces its words (a PDF's copy, a mirror's markup)
# names what it counts all the same; a dateline's space (厦门网消息 中国企业联合会…) stays
_WORD_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])(?<![息讯訊电電])[ \t\u3000]+(?=[\u4e00-\u9fff])")


def _without_word_spaces(text: str, where: list[int]) -> tuple[str, list[int]]:
    """``text`` without spaces between Chinese words, and ``where`` (its offsets in the text as
    given) kept for what remains."""
    if not _WORD_SPACE.search(text):
        return text, where
    kept: list[str] = []
    at_given: list[int] = []
    at = 0
    for m in _WORD_SPACE.finditer(text):
        kept.append(text[at : m.start()])
        at_given.extend(where[at : m.start()])
        at = m.end()
    kept.append(text[at:])
    at_given.extend(where[at:])
    return "".join(kept), at_given


def _as_given(c: Candidate, text: str, where: Sequence[int]) -> Candidate:
    """A candidate read from the text without its glosses, placed in the text as given."""

    def span(start: int, end: int) -> tuple[int, int]:
        return where[start], where[end - 1] + 1 if end > start else where[end]

    def moved(r: Reading) -> Reading:
        start, end = span(r.start, r.end)
        return dataclasses.replace(r, text=text[start:end], start=start, end=end)

    q0, q1 = span(c.quote_start, c.quote_end)
    return dataclasses.replace(c, reading=moved(c.reading), quote=text[q0:q1], quote_start=q0, quote_end=q1,
                               also=tuple(Mention(m.line, moved(m.reading)) for m in c.also))


def _mention(kept: list[Candidate], n: int | None, mention: Mention) -> None:
    """Candidate ``n`` stated again at ``mention``, kept in the order of the text."""
    if n is not None:
        c = kept[n]
        also = sorted((*c.also, mention), key=lambda m: m.reading.start)
        kept[n] = dataclasses.replace(c, also=tuple(also))


_CHANGE_ONLY = re.compile(r"(?:同比|环比|较上年|比上年|较去年|比去年|较年初|比年初|较上年同期|比上年同期)?(?:增长|增加|提高|提升|上升|下降|减少|增速|增幅|回落|净增)了?")


def _change_only(c: Candidate) -> bool:
    """A change whose words name only a change (同比增长, 较年初增长): of what, its sentence said before."""
    return bool(c.measure) and all(_CHANGE_ONLY.fullmatch(fold_in_place(term)) for term in c.measure)


def _share_only(c: Candidate) -> bool:
    """A share whose words name only a share (全省占比达四成): of what, its sentence said before."""
    return c.figure.base_unit is BaseUnit.PERCENT and bool(c.measure) and all(_SHARE.search(term) for term in c.measure)


def _of_what_was_counted(c: Candidate, prior: Candidate, place: str, city: str) -> Candidate:
    """The share (or change) drafted as one of what its sentence counted before (境内上市公司68家，全省占比达
    四成 is 境内上市公司占比; 地区生产总值…，同比增长3.1% is 地区生产总值同比增长), as check reads such a
    figure and as a curator would label it; its own words stay a measure, as check finds them."""
    if not prior.measure or _SHARE.search(prior.measure[0]):
        return c
    measure = (prior.measure[0] + c.measure[0], *c.measure)
    label = naming.label(c.entity, measure, place, c.as_of, False, city)
    return dataclasses.replace(c, measure=measure, label=label)


def _a_share(c: Candidate, place: str, city: str) -> Candidate:
    """A share its sentence counted nothing before (三分之一的企业设立了研发机构) is the share of what
    its words name: 企业设立了研发机构占比, labelled so; the words as printed stay a measure, for check."""
    if not c.measure or re.search(r"[占佔比]", c.measure[0]):
        return c  # 企业投入占了一半: the words say it is a share already
    measure = (c.measure[0] + "占比", *c.measure)
    return dataclasses.replace(c, measure=measure, label=naming.label(c.entity, measure, place, c.as_of, False, city))


def _same(a: Candidate, b: Candidate, place: str) -> bool:
    """The same figure said of the same thing: 科技型企业和高校院所 and 科技型企业 (a caption's paraphrase)."""
    if reading.figure_key(a.figure) != reading.figure_key(b.figure):
        return False
    if a.entity != b.entity and place not in (a.entity, b.entity):
        return False  # a caption that says 厦门 where its sentence carried the sector: still one figure
    x, y = (a.measure or ("",))[0], (b.measure or ("",))[0]
    # a two-character term (企业) is in too many others to say two figures count the same thing
    return x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x))


def _topic_titles(base: FactBase, topic: str) -> tuple[str, str]:
    found = next((t for t in base.topics if t.id == topic), None)
    return (found.title, found.title_en) if found else ("", "")


def _quoted_facts(base: FactBase, text: str) -> list[tuple[int, int, Fact]]:
    """Where each fact's quote stands in the text: a figure inside one is that fact's."""
    spots = []
    for fact in base.facts:
        if not fact.quote:
            continue
        at = text.find(fact.quote)
        while at != -1:
            spots.append((at, at + len(fact.quote), fact))
            at = text.find(fact.quote, at + 1)
    return spots


def _on_record(finding: Finding, existing: Sequence[tuple[int, int, Fact]]) -> tuple[Fact | None, Verdict | None]:
    if finding.fact is not None and finding.verdict is not Verdict.UNKNOWN:
        return finding.fact, finding.verdict
    r = finding.reading
    for start, end, fact in existing:
        if start <= r.start and r.end <= end and fact.figure.kind is r.figure.kind:
            verdict = judge(r, fact)[0]
            if verdict is Verdict.MATCH:
                return fact, verdict
    return None, None


def _draft(text: str, folded: str, words: tuple[str, str], finding: Finding, where: FigurePlace, place: str, city: str, published: str | None,
           existing: Sequence[tuple[int, int, Fact]]) -> Candidate:
    r = finding.reading
    s0, s1 = where.sentence
    c0, c1 = where.clause
    notes: list[str] = []
    event = r.figure.kind is Kind.DATE
    entity = subject_in(text, folded, s0, s1, r.start, r.end, c1, place, event, counted=r.figure.base_unit is BaseUnit.COUNT)
    measure, q0, q1 = naming.measure(text, words[0], r, where, entity, place)
    if words[1][s0:s1] != words[0][s0:s1]:
        measure = tuple(dict.fromkeys((*measure, *naming.measure(text, words[1], r, where, entity, place)[0])))
    q0, q1 = naming.with_subject(text, where, q0, q1, entity, place)
    klass = size_class(text, r)
    if klass and (thing := reading.sized_thing(text, c0, r.start)):
        # 平板显示屏成为当地第一条千亿产业链: the class is the measure and the thing it sizes the
        # subject, as check confirms such a figure
        entity, measure, q0, q1 = thing[0], (klass,), thing[1], r.end + len(klass) - len(r.text)
    quote = text[q0:q1].strip()
    q0 += len(text[q0:q1]) - len(text[q0:q1].lstrip())
    figure = r.figure
    as_of = None
    if event:
        if figure.date and figure.date.startswith("--"):
            if published:
                figure = Figure(Kind.DATE, date=f"{published[:4]}{figure.date[1:]}")
                notes.append(f"the text gives no year: {published[:4]} is the publication's")
            else:
                notes.append("the text gives no year: give --published or write it")
    else:
        as_of, why = reading.as_of(text, r, where, published)
        if why:
            notes.append(why)
        if not figure.unit and reading.multiple(text, r.end):
            figure = dataclasses.replace(figure, unit="倍")
        # check has read the hedge of the words before the figure (突破, 最高…) into it already
        hedge = hedge_before(text, c0, r.start)
        if hedge and figure.qualifier is hedge[0]:
            notes.append(f"qualifier {hedge[0].value}: read from {hedge[1][:2]} before the figure")
        if is_worded_share(r):
            notes.append(reading.SHARE_NOTE.format(r.text, printed(figure)))
        if not figure.unit and figure.base_unit is BaseUnit.COUNT:
            notes.append("the text counts with no unit: write one of the unit table's (家, 个, 项 …)")
        if figure.unit and parse_unit(figure.unit) is None:
            notes.append(f"unit {figure.unit!r} is not in the unit table (docs/fact-format.md): write the figure in one that is")
    fact, verdict = _on_record(finding, existing)
    series = ""
    if fact is None and finding.fact is not None and finding.fact.series and (as_of or finding.period):
        # a period after the latest observation of a series: its next observation, drafted
        # with the series' name and measure (and the period check read), for the series' own topic
        series, measure, as_of = finding.fact.series, finding.fact.measure, as_of or finding.period
        notes.append(f"the next observation of {finding.fact.series_id} (latest {finding.fact.as_of}): add it to topic {finding.fact.topic}")
    elif fact is None and finding.fact is not None:
        notes.append(f"newer than the record's {finding.fact.full_id}: update it rather than add")
    label = finding.fact.label.split("（")[0] if series and finding.fact else naming.label(entity, measure, place, as_of, event, city)
    if klass and measure == (klass,):
        label = city + label  # the city's 千亿产业链, one of its chains (当地第一条)
    note = " ".join([CURATOR_NOTE, *notes])
    return Candidate(r, where.line, quote, q0, q0 + len(quote), figure, as_of, entity, "", label, measure, note, fact, verdict, series)


def _with_ids(kept: list[Candidate], known: set[str], place: str) -> list[Candidate]:
    taken = set(known)
    measured: dict[str, tuple[str, ...]] = {}  # the measure of each id drafted
    out = []
    for n, c in enumerate(kept, 1):
        base_id = (f"{c.series}-{c.as_of}" if c.series and c.as_of else "") or naming.fact_id(c.entity, c.measure, place, f"figure-{n}")
        if base_id in measured and measured[base_id][:1] != c.measure[:1] and not c.series:
            # two measures that start alike (境内上市公司, 境内上市公司占比) are told apart by the
            # words they end on; the same measure again (one a year) by a number
            base_id = naming.fact_id(c.entity, c.measure, place, f"figure-{n}", tail=True)
        measured.setdefault(base_id, c.measure)
        fid, k = base_id, 2
        while fid in taken:
            fid, k = f"{base_id}-{k}", k + 1
        taken.add(fid)
        out.append(dataclasses.replace(c, id=fid))
    return out
