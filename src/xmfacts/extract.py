"""`xmfacts extract`: every figure of a new article, what the record already says about it, and
the rest drafted as facts for a curator to review.

Each figure is read once by the reader ``check`` uses and matched against the fact base exactly
as ``check`` matches a claim (``check_text``). A figure is *on record* when ``check`` ties it to
a fact with a verdict, or when a fact's own quote stands in the article around it with the
same figure (a chart caption, a repeated paragraph). The rest are candidates, each drafted
with the shortest verbatim quote that states it, its period (as_of), the subject its clause
names (entity), the words that say what it measures, and a suggested id and label.

Nothing here writes: the draft is text (``draft_toml``) that only ``xmfacts add --from``
takes into the fact base, after validation.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from xmfacts.check import FigurePlace, Finding, Verdict, check_text, figure_places, judge
from xmfacts.figures import period as periods
from xmfacts.figures.reader import Reading
from xmfacts.figures.units import parse_unit
from xmfacts.model import BaseUnit, Fact, FactBase, Figure, Kind, Qualifier, Source
from xmfacts.text import fold, fold_in_place, has_cjk, is_cjk

# The article's main place when a clause names no other subject.
DEFAULT_ENTITY = "厦门市"
CURATOR_NOTE = "Drafted by xmfacts extract: check label, entity, as_of and measure, and write label_en."

# Organisations a clause names as its subject: 嘉庚创新实验室, 厦门国际银行, 金圆集团, 中海锐悦公司.
_ORG = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:创新实验室|实验室|研究院|研究所|控股集团|集团|银行|分行|有限公司|公司|科学城|交易所|大学)")
# Words no name holds: a match with one of them is a description (境内上市公司, 各类企业), not a subject.
_GENERIC = re.compile(r"上市|企业|各类|技术|目前|境内|得到|潜力|其他|这|那|多家|一家|中小|科技型|我国|全国|第一")
_ORG_LEAD = re.compile(r".*(?:的|自|了|在|由|向|与|为|是|把|将|和|及|、|推出|吸引|联合|走进|根据|随着|对于|通过|加入|落户|持有|受托|管理|建设|成立|组建|建立|设立)")
# A clause that refers back to the subject of the sentence before (该行 = "that bank").
_BACK_REFERENCE = re.compile(r"^(?:该行|该公司|该集团|该实验室|该院|其|该)")
_CITIES = ("厦门", "福州", "泉州", "漳州", "莆田", "宁德", "深圳", "上海", "北京", "广州", "杭州", "南京", "苏州", "成都", "武汉")
# Words that say "now": the figure holds as of publication.
_NOW = re.compile(r"目前|现有|现已|至今|如今|当前|截至目前|迄今")
_RELATIVE = re.compile(r"今年|去年|前年|本年|目前|现有|现已|至今|如今|当前|迄今|this year|last year", re.IGNORECASE)
# A date that only says when another figure holds (截至2018年底, 2023年至今) is no figure of its own.
_PERIOD_AFTER = re.compile(r"(?:底|末|年底|年末|至今|以来|上半年|下半年|前三季度|一季度|第一季度|全年|来|期间)")
_PERIOD_BEFORE = re.compile(r"(?:截至|截止到?|到|至|自|从|as of|end of|by)\s*$", re.IGNORECASE)
# 全国四大供应链服务商, 世界三大: N大 after a scope ranks (the country's big four), it does not count.
_RANKED = re.compile(r"(?:全国|全球|世界|国内|中国|全省)$")
# 近三年…分别达到29.20%、37.37%、17.51%: one figure per year, in order.
_YEARS_LISTED = re.compile(r"(?:近|过去|最近)(?P<n>[2-5两三四五])年")
_CN_SMALL = {"2": 2, "两": 2, "3": 3, "三": 3, "4": 4, "四": 4, "5": 5, "五": 5}

# Trimmed from the words before a figure: verbs and adverbs that join a subject to its figure.
_TRAILING = ("分别达到", "分别为", "分别达", "分别", "达到", "已达", "已有", "约有", "共有", "拥有", "已经", "已", "达", "为", "是", "有",
             "共", "合计", "超", "突破", "至", "于", "的", "了", "在", "等", "和", "及")
# Trimmed from the front: time adverbials, places and connectives that do not say what is measured.
_LEADING = ("截至目前", "目前", "拥有", "已有", "经过", "有", "其中", "此外", "同时", "当地", "全市", "全省", "厦门市", "厦门", "该行", "该", "其", "已", "共", "并", "还",
            "通过", "累计服务", "在", "据悉", "据统计", "这")
_CUT_BEFORE = re.compile(r".*(?:的|在|对|向|从|把|将|由|等|、|通过)")
_CUT_AFTER = re.compile(r"(?:处于|在|于|从|通过|被|以|是|将|把|向|对|，|,|。|；).*")
_MAX_MEASURE = 12
_MAX_QUOTE_LEAD = 30  # a quote starts at its clause, unless the clause runs on for longer before the figure


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
    # a new period of a known series: drafted as its next observation (issue 22)
    series: str = ""

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
    counts = {city: text.count(city) for city in _CITIES}
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
    source = source or Source("", "")
    findings = check_text(base, text, written=published) if published else check_text(base, text)
    places = figure_places(text, [f.reading for f in findings])
    words = _words(text, [f.reading for f in findings if _is_figure(f.reading, text)])
    place = main_place(text)
    existing = _quoted_facts(base, text)
    known_ids = {f.id for f in base.facts if f.topic == topic}
    kept: list[Candidate] = []
    seen: dict[tuple[object, ...], int] = {}
    said: set[tuple[int, str]] = set()
    for finding, where in zip(findings, places):
        r = finding.reading
        if not _is_figure(r, text) or _is_period(r, text, where, findings):
            continue
        sentence = (r.start - where.sentence[0], text[where.sentence[0] : where.sentence[1]])
        if sentence in said:
            continue  # a repeated paragraph: this figure was drafted from its first telling
        said.add(sentence)
        if not _has_words(words, where):
            # a chart caption (68家 5981亿元) repeats a figure the text states with its words;
            # alone it says nothing of what it measures
            continue
        draft = _draft(text, words, finding, where, place, published, existing, topic)
        again = seen.get(("quote", draft.quote, r.text))
        if again is None:
            again = next((n for n, c in enumerate(kept) if _same(c, draft)), None)
        if again is not None:
            # The article repeats a paragraph (or a caption repeats a sentence): one candidate,
            # on record if either occurrence is.
            if kept[again].on_record is None and draft.on_record is not None:
                kept[again] = draft
            continue
        seen[("quote", draft.quote, r.text)] = len(kept)
        kept.append(draft)
    out = _with_ids(kept, known_ids)
    title, title_en = _topic_titles(base, topic)
    return Extraction(topic, title, title_en, source, published, tuple(out))


def _same(a: Candidate, b: Candidate) -> bool:
    """The same figure said of the same thing: 科技型企业和高校院所 and 科技型企业 (a caption's paraphrase)."""
    if _figure_key(a.figure) != _figure_key(b.figure) or a.entity != b.entity:
        return False
    x, y = (a.measure or ("",))[0], (b.measure or ("",))[0]
    # a two-character term (企业) is in too many others to say two figures count the same thing
    return x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x))


def _topic_titles(base: FactBase, topic: str) -> tuple[str, str]:
    found = next((t for t in base.topics if t.id == topic), None)
    return (found.title, found.title_en) if found else ("", "")


def _words(text: str, readings: Sequence[Reading]) -> str:
    """The text with its figures blanked: the words around figures, offsets kept."""
    chars = list(text)
    for r in readings:
        for i in range(r.start, r.end):
            chars[i] = " "
    return "".join(chars)


def _has_words(words: str, where: FigurePlace) -> bool:
    s0, s1 = where.sentence
    return any(is_cjk(ch) or ch.isalpha() for ch in words[s0:s1])


def _is_figure(r: Reading, text: str) -> bool:
    """Names, ordinals and periods are no figures: 世界500强, 1类新药, 截至2018年底."""
    figure = r.figure
    if figure.kind is Kind.DATE:
        after = text[r.end : r.end + 3]
        before = text[max(0, r.start - 10) : r.start]
        return not (_PERIOD_AFTER.match(after) or _PERIOD_BEFORE.search(before))
    if figure.unit == "大" and _RANKED.search(text[max(0, r.start - 4) : r.start]):
        return False  # 全国四大供应链服务商: the country's big four, a rank, not a count
    # a number with no unit at all names or ranks something far more often than it counts
    return bool(figure.unit) or figure.base_unit not in (None, BaseUnit.NUMBER)


_DATELINE = re.compile(r"^\s*[电電]")  # 新华社福州7月21日电: when the report was filed
_SPAN_BEFORE = re.compile(r"(?:前|近|过去|最近)$")  # 今年前10个月: a span of time a figure covers


def _is_period(r: Reading, text: str, where: FigurePlace, findings: Sequence[Finding]) -> bool:
    """A date or a span that only says when (or over what time) other figures hold."""
    figure = r.figure
    if figure.kind is Kind.DATE:
        if _DATELINE.match(text[r.end : r.end + 2]) or text[r.end : r.end + 2] == "同期":
            return True
        # 2007年厦门高新技术企业实现总产值1676.09亿元: a year in the clause of a quantity is its period
        c0, c1 = where.clause
        return figure.date is not None and len(figure.date) == 4 and any(
            c0 <= f.reading.start < c1 and f.reading.figure.kind is not Kind.DATE for f in findings
        )
    return figure.base_unit in (BaseUnit.YEAR, BaseUnit.MONTH, BaseUnit.DAY) and bool(_SPAN_BEFORE.search(text[max(0, r.start - 2) : r.start]))


def _figure_key(figure: Figure) -> tuple[object, ...]:
    return (figure.kind, figure.qualifier, figure.value, figure.lower, figure.upper, figure.unit, figure.date)


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


def _draft(text: str, words: str, finding: Finding, where: FigurePlace, place: str, published: str | None,
           existing: Sequence[tuple[int, int, Fact]], topic: str) -> Candidate:
    r = finding.reading
    s0, s1 = where.sentence
    c0, c1 = where.clause
    notes: list[str] = []
    entity = _entity(text, s0, r.start, c1, place, r.figure.kind is Kind.DATE)
    measure, q0, q1 = _measure(text, words, r, where, entity)
    quote = text[q0:q1].strip()
    q0 += len(text[q0:q1]) - len(text[q0:q1].lstrip())
    figure = r.figure
    as_of = None
    if figure.kind is Kind.DATE:
        if figure.date and figure.date.startswith("--"):
            if published:
                figure = Figure(Kind.DATE, date=f"{published[:4]}{figure.date[1:]}")
                notes.append(f"the text gives no year: {published[:4]} is the publication's")
            else:
                notes.append("the text gives no year: give --published or write it")
    else:
        as_of, why = _as_of(text, r, where, published)
        if why:
            notes.append(why)
        figure, why = _hedged(text, figure, c0, r.start)
        if why:
            notes.append(why)
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
    label = finding.fact.label.split("（")[0] if series and finding.fact else _label(entity, measure, place)
    note = " ".join([CURATOR_NOTE, *notes])
    return Candidate(r, where.line, quote, q0, q0 + len(quote), figure, as_of, entity, "", label, measure, note, fact, verdict, series)


# Hedges the reader leaves to the words before a figure: 最高可获资助1亿元, 规模突破百亿元.
_HEDGE_BEFORE = ((re.compile(r"突破$|超出$"), Qualifier.OVER), (re.compile(r"最高[^，。；]{0,6}$|最多[^，。；]{0,4}$"), Qualifier.AT_MOST))


def _hedged(text: str, figure: Figure, c0: int, at: int) -> tuple[Figure, str]:
    if figure.qualifier is not Qualifier.EXACT or figure.kind is not Kind.QUANTITY:
        return figure, ""
    before = text[max(c0, at - 8) : at]
    for pattern, qualifier in _HEDGE_BEFORE:
        m = pattern.search(before)
        if m:
            word = m.group().rstrip()
            return dataclasses.replace(figure, qualifier=qualifier), f"qualifier {qualifier.value}: read from {word[:2]} before the figure"
    return figure, ""


def _entity(text: str, s0: int, at: int, clause_end: int, place: str, event: bool) -> str:
    """The organisation the sentence names before the figure, else (for 该行) the sentence before's."""
    names = _org_names(text[s0:at])
    if names:
        return names[-1]
    if event:
        # 成立于2011年7月的金圆集团, 2021年厦门成立翔安创新实验室: what the date is about follows it
        after = _org_names(text[at:clause_end])
        if after:
            return after[0]
    sentence = text[s0:at]
    if _BACK_REFERENCE.search(sentence.lstrip("，, ")) or re.search(r"[，,]\s*(?:该行|该公司|其)", sentence):
        names = _org_names(text[max(0, s0 - 200) : s0])
        if names:
            return names[-1]
    return place


def _org_names(text: str) -> list[str]:
    """Names of organisations in text, in order; 兴业银行厦门分行 is one name, not two."""
    names: list[str] = []
    last_end = -1
    for m in _ORG.finditer(text):
        name = _ORG_LEAD.sub("", m.group())
        if len(name) < 3 or _GENERIC.search(fold(name)):
            continue
        if names and m.start() == last_end and name == m.group():
            names[-1] += name  # 兴业银行 + 厦门分行
        else:
            names.append(name)
        last_end = m.end()
    return names


_LEADING_PERIOD = re.compile(r"^(?:[0-9]{4}年(?:[0-9]{1,2}月)?(?:至今|以来|底|末)?|今年|去年|近年来|近[三两五]年)")


def _strip(phrase: str, entity: str) -> str:
    if len(entity) > 2 and entity in phrase and len(phrase) - len(entity) >= 2:
        phrase = phrase.replace(entity, "", 1)  # 成立翔安创新实验室 about 翔安创新实验室: 成立
    changed = True
    while changed and phrase:
        changed = False
        if _LEADING_PERIOD.match(phrase):
            phrase, changed = _LEADING_PERIOD.sub("", phrase), True
        for lead in (entity, entity.removesuffix("市"), *_LEADING):
            if lead and phrase.startswith(lead):
                phrase, changed = phrase[len(lead) :], True
        for tail in _TRAILING:
            if phrase.endswith(tail):
                phrase, changed = phrase[: -len(tail)], True
    return phrase if len(phrase) > 1 else ""


def _run_before(words: str, start: int, stop: int) -> tuple[str, int]:
    """The last run of words before ``stop`` (not before ``start``), and where it begins."""
    i = stop
    while i > start and not (is_cjk(words[i - 1]) or words[i - 1] in "“”\"" or words[i - 1].isalpha()):
        i -= 1
    j = i
    while j > start and (is_cjk(words[j - 1]) or words[j - 1] in "“”\"" or words[j - 1].isalnum()):
        j -= 1
    return words[j:i], j


def _run_after(words: str, start: int, stop: int) -> tuple[str, int]:
    """The first run of words after ``start`` (up to ``stop``), and where it ends."""
    i = start
    while i < stop and words[i] in " \t":
        i += 1
    j = i
    while j < stop and (is_cjk(words[j]) or words[j] in "“”\"" or words[j].isalnum()):
        j += 1
    return words[i:j], j


def _measure(text: str, words: str, r: Reading, where: FigurePlace, entity: str) -> tuple[tuple[str, ...], int, int]:
    """What the figure measures, as its clause names it, and the quote span that states both."""
    s0, s1 = where.sentence
    c0, c1 = where.clause
    english = not has_cjk(text[s0:s1])
    if english:
        return _english_measure(text, r, where)
    before_raw, b0 = _run_before(words, c0, r.start)
    after_raw, a1 = _run_after(words, r.end, c1)
    before = _strip(_CUT_BEFORE.sub("", before_raw) or before_raw, entity)[-_MAX_MEASURE:]
    after_cut = _CUT_AFTER.sub("", after_raw)
    # 涵盖企业全生命周期的金融产品: what is counted follows the last 的; 供应链服务商的(三席): precedes it
    if "的" in after_cut:
        head, _, tail = after_cut.rpartition("的")
        after_cut = tail or head
    after = _strip(after_cut, entity)[:_MAX_MEASURE]
    terms: list[str] = []
    q0, q1 = c0, r.end
    counted = r.figure.base_unit is BaseUnit.COUNT
    if r.figure.kind is Kind.DATE and before and before_raw.endswith(("于", "在")):
        after = ""  # 成立于2011年7月: the words before say what happened
    if after and (counted or not before or r.figure.kind is Kind.DATE):
        terms.append(after)
        q1 = r.end + after_raw.find(after_cut) + len(after_cut) if after_cut else a1
        q1 = max(q1, r.end + (text[r.end:c1].find(after) + len(after) if after in text[r.end:c1] else 0))
    if before and before not in terms:
        terms.append(before)
    if not terms:
        # 37.37% after 贷款增速分别达到29.20%、 or 2011年，天马落户厦门: the words are in a neighbouring clause
        prior, p0 = _run_before(words, s0, c0)
        following, f1 = _run_after(words, c1 + 1, s1) if c1 < s1 else ("", c1)
        if r.figure.kind is Kind.DATE and following:
            terms.append(_strip(_CUT_AFTER.sub("", following), entity)[:_MAX_MEASURE] or following[:_MAX_MEASURE])
            q0, q1 = r.start, f1
        elif prior:
            phrase = _strip(_CUT_BEFORE.sub("", prior) or prior, entity)[-_MAX_MEASURE:]
            terms.append(phrase)
            q0 = _clause_start(words, s0, p0)
        elif following:
            terms.append(_strip(_CUT_AFTER.sub("", following), entity)[:_MAX_MEASURE] or following[:_MAX_MEASURE])
            q1 = f1
    if r.start - q0 > _MAX_QUOTE_LEAD and b0 < r.start:
        q0 = b0
    return tuple(t for t in terms if t), q0, q1


def _clause_start(words: str, s0: int, at: int) -> int:
    """Where the clause holding ``at`` begins (after the last ，、：; before it)."""
    for i in range(at, s0, -1):
        if words[i - 1] in "，,、：:；;":
            return i
    return s0


_EN_NOUN = re.compile(r"\s*((?:[A-Za-z][A-Za-z'-]*\s+){0,3}[A-Za-z][A-Za-z'-]*)")
_EN_STOP = {"the", "a", "an", "of", "in", "and", "to", "for", "with", "by", "at", "on", "its", "their", "from", "as", "was", "were", "is", "are", "has", "had", "have"}


def _english_measure(text: str, r: Reading, where: FigurePlace) -> tuple[tuple[str, ...], int, int]:
    c0, c1 = where.clause
    after = _EN_NOUN.match(text, r.end, c1)
    if after:
        phrase = " ".join(w for w in after.group(1).split() if w.lower() not in _EN_STOP)
        if phrase:
            return (phrase,), c0, after.end()
    before = text[c0 : r.start].split()
    phrase = " ".join(w for w in before[-4:] if w.lower() not in _EN_STOP)
    return ((phrase,) if phrase else ()), c0, r.end


def _as_of(text: str, r: Reading, where: FigurePlace, published: str | None) -> tuple[str | None, str]:
    """The period the text gives the figure, and a note when it was inferred."""
    s0, _ = where.sentence
    _, c1 = where.clause
    said = fold_in_place(text[s0:c1])
    relative = _RELATIVE.search(said)
    if relative and not published:
        return None, f"the text says {relative.group()}: give --published to date it"
    written = published or periods.today()
    listed = _years_listed(text, r, where, written)
    if listed:
        return listed
    found = periods.chinese_period(said, written) if has_cjk(said) else periods.english_period(said, written)
    if found and re.search(rf"(?:^|[。；;]){found}年[，,]", said) and not _PERIOD_BEFORE.search(said[: said.find(found)]):
        # 2011年，天马落户厦门，累计投资超1000亿元: the year dates the event, not the later figures
        found = None
    if found is None:
        found = _period_more(said, written)
    if found is None and published and _NOW.search(said):
        return published, ""
    if found is None and published and re.match(r"\s*(?:这|该|其|上述)", said):
        # 这三家世界500强企业…: a sentence that points back holds as of the one it points to
        before = text[max(0, s0 - 300) : s0].rstrip()
        previous = re.split(r"[。！？!?；;\n]", before[:-1] if before.endswith(("。", "；", ";")) else before)[-1]
        if _NOW.search(fold_in_place(previous)):
            return published, ""
    return found, ""


_MONTHS_SO_FAR = re.compile(r"(?:(?P<rel>今年|去年)|(?P<y>(?:19|20)\d\d)年)?(?:1至|1-|1—|前)(?P<m>1[0-2]|[1-9])(?:个)?月")
_DAY_NO_YEAR = re.compile(r"(?:截至|截止到?)(?P<m>1[0-2]|[1-9])月(?P<d>3[01]|[12][0-9]|[1-9])日")
_YEAR_LEADS = re.compile(r"(?:^|[。；;，,\s])(?P<y>(?:19|20)\d\d)年(?![0-9月至到—-])")


def _period_more(said: str, written: str) -> str | None:
    """Periods the shared reader leaves out: 今年1至10月, 前10个月 (to the month's end), and a year
    that leads its sentence as the figures' period (2007年厦门高新技术企业实现总产值…)."""
    m = _MONTHS_SO_FAR.search(said)
    if m:
        year = int(m.group("y")) if m.group("y") else int(written[:4]) - (m.group("rel") == "去年")
        month = int(m.group("m"))
        return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]}"
    m = _DAY_NO_YEAR.search(said)
    if m and len(written) >= 7:
        return f"{written[:4]}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    if len(written) >= 7 and int(written[5:7]) > 6 and re.search(r"(?<!今年)(?<!去年)上半年", said):
        return f"{written[:4]}-06-30"  # 上半年 in an article from the second half: this year's
    m = _YEAR_LEADS.search(said)
    if m is None:
        return None
    # 2007年厦门…总产值1676.09亿元 dates the figures; 2021年开始谋划 is an event of its own
    clause = re.split(r"[，,；;]", said[m.end() :], maxsplit=1)[0]
    return m.group("y") if re.search(r"[0-9]", clause) else None


def _years_listed(text: str, r: Reading, where: FigurePlace, written: str) -> tuple[str, str] | None:
    s0, s1 = where.sentence
    sentence = text[s0:s1]
    m = _YEARS_LISTED.search(sentence)
    if not m or "分别" not in sentence:
        return None
    n = _CN_SMALL[m.group("n")]
    listed = sentence[sentence.index("分别") :]
    # the figures of the list, in order: 29.20%、37.37%、17.51%
    spans = [x for x in re.finditer(r"[0-9.]+%", listed)]
    ends = [s0 + sentence.index("分别") + x.end() for x in spans]
    if len(ends) != n or r.end not in ends:
        return None
    year = int(written[:4]) - n + ends.index(r.end)
    return str(year), f"{m.group()}: as_of {year} assumes the list runs oldest first, up to last year"


def _label(entity: str, measure: tuple[str, ...], place: str) -> str:
    term = measure[0] if measure else "数据"
    if not has_cjk(term):
        return term  # an English article: the curator writes the Chinese label
    who = entity.removesuffix("市") if entity in (place, DEFAULT_ENTITY) else entity
    return term if who in term else who + term


def _with_ids(kept: list[Candidate], known: set[str]) -> list[Candidate]:
    taken = set(known)
    out = []
    for n, c in enumerate(kept, 1):
        base_id = (f"{c.series}-{c.as_of}" if c.series and c.as_of else "") or suggest_id(c.measure[0] if c.measure else c.label) or f"figure-{n}"
        fid, k = base_id, 2
        while fid in taken:
            fid, k = f"{base_id}-{k}", k + 1
        taken.add(fid)
        out.append(dataclasses.replace(c, id=fid))
    return out


def suggest_id(words: str) -> str:
    """A kebab-case id from Chinese (pinyin, two syllables a word) or English words: 上市公司 → shangshi-gongsi."""
    if not has_cjk(words):
        return "-".join(re.findall(r"[a-z0-9]+", words.lower())[:4])
    from xmfacts.pinyin import syllable_runs

    syllables = [s for run in syllable_runs(words) for s in run][:6]
    return "-".join("".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2))
