"""Naming a drafted figure: the words that say what it counts (measure), the shortest quote that
states it and its subject, a label a reader understands without the article, and a short id.

A curator confirms a draft rather than rewrites it when these read as a person would name the
figure: 厦门国际银行科技金融贷款余额（2024年9月末）, not the clause fragment around the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from xmfacts.check import FigurePlace
from xmfacts.extract.reading import EN_COMPARED_WITH, clause_start, run_after, run_before
from xmfacts.extract.subject import mentions, short_name
from xmfacts.figures import period as periods
from xmfacts.figures.reader import Reading
from xmfacts.model import BaseUnit, Kind
from xmfacts.text import has_cjk, to_simplified

# Trimmed from the words before a figure: verbs and adverbs that join a subject to its figure.
_TRAILING = ("分别达到", "分别为", "分别达", "分别", "达到", "已达", "已有", "约有", "共有", "拥有", "已经", "已", "达", "为", "是", "有",
             "共", "合计", "超", "突破", "至", "于", "的", "了", "在", "等", "和", "及", "即可", "可", "就", "还", "也", "短短", "仅用了", "用了",
             "仅用")
# Trimmed from the front: time adverbials, places and connectives that do not say what is measured.
_LEADING = ("截至目前", "目前", "拥有", "已有", "经过", "有", "其中", "此外", "同时", "当地", "全市", "全省", "厦门市", "厦门", "该行", "该", "其", "已", "共", "并", "还",
            "通过", "累计服务", "在", "据悉", "据统计", "这", "而", "自主研发的", "自主研发", "传统的", "先后", "除")
_CUT_BEFORE = re.compile(r".*(?:的|在|对|向|从(?!业)|把|将|由|等|、|通过|集聚|吸引|实现|完成|录得)|^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|首先|其次|此外|同时)")
_CUT_AFTER = re.compile(r"(?:处于|在|于|从|通过|被|以|是|即将|将|把|向|对|，|,|。|；).*")
# 一条年产85000加仑的高端光刻介质材料生产线: 一条 counts the line, the figure is its output
_ONE_OF = re.compile(r"^(?:一条|一个|一座|一家|一批|一项|每)")
# What happened on a date, said after it: 成立, 落户厦门, 组建…创新联合体, 确定为…试点城市, 问世.
_EVENT = re.compile(
    r"(?P<verb>成立|组建|落户|建立|设立|问世|投产|开业|上市|挂牌|获批|谋划|确定为|成为|作出|听取|启动|发布|签约|开工|竣工)"
    r"(?P<object>[\u4e00-\u9fffA-Za-z0-9“”]{0,20})"
)
_EVENT_FILLER = re.compile(r"^(?:国内|全国|全球|我国)?(?:第一家|第一个|首个|首家|一批)|成功$|正式$")
MAX_EVENT = 16
_VAGUE = {"时间", "左右", "以上", "以下", "之多", "以内"}
# Verbs that only join a figure to its noun (获得1000万元的授信额度): no part of what is measured.
_JOINING_VERBS = {"获得", "达到", "实现", "拥有", "完成", "提供"}
# Too general to tie a figure to a fact alone (docs/fact-format.md): kept in the label, not the measure.
_GENERIC_MEASURE = {"规模", "收入", "投资", "累计", "企业", "公司", "产业", "厦门", "获得", "增长", "数量", "金额", "总额", "达到", "实现"}
# A verb alone names no quantity (辟出, 获得, 即可完成): the noun after the figure does, if there is one.
_SCOPE_ALONE = {"全市", "全省", "全国", "全区", "当地", "厦门", "厦门市"}
_BARE_VERB = re.compile(r"^(?:辟出|获得|完成|即可完成|开始谋划|布局|投资|吸引|实现|提供|新增|引进|引进培育|形成|持有|管理|叠|要叠到|通常叠)$")
_LEADING_PERIOD = re.compile(r"^(?:截至|截止)?(?:[0-9]{4}年(?:[0-9]{1,2}月)?(?:至今|以来|底|末)?|今年|去年|近年来|近[三两五]年)")
_LOCATIVE = re.compile(r"^(?:基础上|基础|方面|领域|领域内|情况下|过程中|同时|前提下|背景下)$")
MAX_MEASURE = 16
_MAX_QUOTE_LEAD = 30  # a quote starts at its clause, unless the clause runs on for longer before the figure
_MAX_QUOTE_REACH = 40  # how far a quote reaches, within its sentence, for the subject's name


def strip(phrase: str, entity: str, place: str) -> str:
    """The words of ``phrase`` that name what is measured: its subject, when, and joining words off."""
    for name in mentions(entity, place):
        if len(name) > 2 and name in phrase and len(phrase) - len(name) >= 2:
            phrase = phrase.replace(name, "", 1)  # 成立翔安创新实验室 about 翔安创新实验室: 成立
    changed = True
    simple_entity = to_simplified(entity)
    while changed and phrase:
        changed = False
        # compared in simplified characters (one for one), so 廈門 is stripped as 厦门 is
        simple = to_simplified(phrase)
        if _LEADING_PERIOD.match(simple):
            phrase, changed = phrase[_LEADING_PERIOD.match(simple).end() :], True  # type: ignore[union-attr]
            continue
        for lead in (simple_entity, simple_entity.removesuffix("市"), *_LEADING):
            if lead and simple.startswith(lead) and len(phrase) > len(lead):
                phrase, changed = phrase[len(lead) :], True
                break
        if changed:
            continue
        for tail in _TRAILING:
            if simple.endswith(tail) and len(phrase) > len(tail):
                phrase, changed = phrase[: -len(tail)], True
                break
    # 全市三分之一的企业: a scope alone names no measure (the label says the city already)
    return phrase if len(phrase) > 1 and to_simplified(phrase) not in _SCOPE_ALONE else ""


def measure(text: str, words: str, r: Reading, where: FigurePlace, entity: str, place: str) -> tuple[tuple[str, ...], int, int]:
    """What the figure measures, as its clause names it, and the quote span that states it."""
    s0, s1 = where.sentence
    c0, c1 = where.clause
    if not has_cjk(text[s0:s1]):
        return _english_measure(text, r, where)
    terms, q0, q1 = _measure(text, words, r, where, entity, place)
    if c0 > s0 and text[c0 - 1] in "”\"」』" and " " not in words[max(words.rfind(q, s0, c0 - 1) for q in "“\"「『") : c0]:
        # 专精特新“小巨人”企业115家: a name in quotes is part of what is counted (“三张清单” holds a
        # figure of its own, and is no name of this one's). The clause's own words stay among the
        # measures: check reads a clause to its quotation mark.
        wide = FigurePlace(where.reading, where.line, where.sentence, (clause_start(words, s0, r.start), c1))
        named, w0, w1 = _measure(text, words, r, wide, entity, place)
        if named:
            return tuple(dict.fromkeys((*named, *terms))), w0, max(w1, q1)
    return terms, q0, q1


def _last_words(phrase: str) -> str:
    """The last MAX_MEASURE characters of a phrase, not starting inside a number: 第8.6代新型显示面板
    生产线项目总投资 is 新型显示面板生产线项目总投资, not 6代新型…"""
    cut = phrase[-MAX_MEASURE:]
    if len(phrase) > MAX_MEASURE and phrase[-MAX_MEASURE - 1] in "0123456789.":
        cut = re.sub(r"^[0-9.]*[代条个家项座]?", "", cut)
    return cut


def _measure(text: str, words: str, r: Reading, where: FigurePlace, entity: str, place: str) -> tuple[tuple[str, ...], int, int]:
    """What the figure measures and the quote span that states it, read within the clause ``where`` gives."""
    s0, s1 = where.sentence
    c0, c1 = where.clause
    if (went := _FROM_TO.match(text, c0, r.start)) and (what := strip(went.group("what"), entity, place)):
        # 企业数量由2015年的1500家增加到2023年的3900家: both counts are of what went from one to the other
        return (what,), c0, r.end
    before_raw, b0 = run_before(words, c0, r.start)
    after_raw, a1 = run_after(words, r.end, c1)
    before = _last_words(strip(_CUT_BEFORE.sub("", before_raw) or before_raw, entity, place))
    if not before and r.figure.base_unit is BaseUnit.COUNT and _PAST_THRESHOLD.fullmatch(before_raw):
        before, b0 = _past_threshold(text, words, c0, b0, entity, place)
    after_cut = _CUT_AFTER.sub("", after_raw)
    # 涵盖企业全生命周期的金融产品: what is counted follows the last 的; 供应链服务商的(三席): precedes it
    if "的" in after_cut:
        head, _, tail = after_cut.rpartition("的")
        # 四大赛道的基础上: a place in a phrase (基础上, 领域内) is not what is counted
        after_cut = head if not tail or _LOCATIVE.match(tail) else tail
    after = strip(after_cut, entity, place)[:MAX_MEASURE]
    terms: list[str] = []
    q0, q1 = c0, r.end
    counted = r.figure.base_unit is BaseUnit.COUNT
    if r.figure.kind is Kind.DATE and before and before_raw.endswith(("于", "在")):
        after = ""  # 成立于2011年7月: the words before say what happened
    elif r.figure.kind is Kind.DATE:
        happened = _event(text, r.end, s1, entity, place)
        if happened:
            what, verb, end = happened
            return tuple(dict.fromkeys((what, verb))), r.start if r.start < c0 + 2 else c0, end
    if after in _VAGUE:
        after = ""  # 短短四个月时间: 时间 says nothing of what took four months
    if counted:
        # 长达10条规模突破百亿元的重点产业链: what is counted is the noun the clause ends on
        tail = re.search(r"\s的([\u4e00-\u9fff]{2,14})$", words[r.end : c1].rstrip())
        if tail and after and after != tail.group(1):
            after_cut, after = tail.group(1), strip(tail.group(1), entity, place)
    if before and after and r.figure.kind is Kind.QUANTITY and not counted:
        bare = _ONE_OF.sub("", before)
        if len(bare) <= 2:
            # 一条年产85000加仑的高端光刻介质材料生产线, 规模突破百亿元的重点产业链: the thing, then
            # what its figure is of it; and each as the text says it, which check looks for
            joined = after if bare in _JOINING_VERBS else (after + bare)[:MAX_MEASURE]
            parts = [joined, after, *([bare] if bare not in _GENERIC_MEASURE else [])]
            q1 = r.end + after_raw.find(after_cut) + len(after_cut) if after_cut and after_cut in after_raw else a1
            return tuple(dict.fromkeys(parts)), c0 if r.start - c0 <= _MAX_QUOTE_LEAD else b0, q1
    if after and (counted or not before or r.figure.kind is Kind.DATE or _BARE_VERB.match(before) or len(before) <= 2):
        terms.append(after)
        q1 = r.end + after_raw.find(after_cut) + len(after_cut) if after_cut else a1
        q1 = max(q1, r.end + (text[r.end:c1].find(after) + len(after) if after in text[r.end:c1] else 0))
    if before and before not in terms and not (terms and _BARE_VERB.match(before)):
        terms.append(before)
    if not terms:
        # 37.37% after 贷款增速分别达到29.20%、 or 2011年，天马落户厦门: the words are in a neighbouring clause
        prior, p0 = run_before(words, s0, c0)
        following, f1 = run_after(words, c1 + 1, s1) if c1 < s1 else ("", c1)
        if r.figure.kind is Kind.DATE and following:
            terms.append(strip(_CUT_AFTER.sub("", following), entity, place)[:MAX_MEASURE] or following[:MAX_MEASURE])
            q0, q1 = r.start, f1
        elif prior:
            phrase = _last_words(strip(_CUT_BEFORE.sub("", prior) or prior, entity, place))
            terms.append(phrase)
            q0 = clause_start(words, s0, p0)
        elif following:
            terms.append(strip(_CUT_AFTER.sub("", following), entity, place)[:MAX_MEASURE] or following[:MAX_MEASURE])
            q1 = f1
    if r.start - q0 > _MAX_QUOTE_LEAD and b0 < r.start:
        q0 = b0
    if len(terms) == 1 and to_simplified(terms[0]) in _TOTAL and (of := _total_of(words, s0, c0, entity, place)):
        # 新增上市公司3家，总数达到68家: the total is of what the clause before counted, and the
        # quote holds both
        return (of[0] + terms[0], terms[0]), min(q0, of[1]), q1
    return _with_parts(t for t in terms if t), q0, q1


# Words that name a total of something the clause before has named.
_TOTAL = {"总数", "总量", "总计", "合计", "总额", "数量", "总数量"}
_COUNTED_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,16}?)(?:达到|达|为|有|共)?[约近超逾]?\s+[^，,、；;。\s]{0,4}[，,]$")  # figures are blank in words
_NEWLY = re.compile(r"^(?:新增|新|累计|全年|共|再)")


def _total_of(words: str, s0: int, c0: int, entity: str, place: str) -> tuple[str, int] | None:
    """What the clause before ``c0`` counted (上市公司 of 新增上市公司3家), and where it starts."""
    if c0 <= s0:
        return None
    p0 = clause_start(words, s0, c0 - 1)
    m = _COUNTED_BEFORE.search(words, p0, c0)
    if not m:
        return None
    what = _NEWLY.sub("", strip(_CUT_BEFORE.sub("", m.group(1)) or m.group(1), entity, place))
    return (what, p0) if len(what) >= 2 else None


_FROM_TO = re.compile(r"[\s，,]*(?P<what>[\u4e00-\u9fff]{2,12}?)(?:由|从|從)\s*(?:19|20)\d\d年[^，,；;。]*$")


# 销售收入过亿元的有120家: a count of those past a threshold is named by what the threshold is
# of and the threshold as printed (销售收入过亿元), where the words just before the count say
# only 的有; check looks for that span, which holds no figure it reads
_PAST_THRESHOLD = re.compile(r"(?:以上|以下)?的(?:有|达|为|共有|共)?")


def _past_threshold(text: str, words: str, c0: int, b0: int, entity: str, place: str) -> tuple[str, int]:
    j = b0
    while j > c0 and words[j - 1] == " ":
        j -= 1  # the threshold figure, blanked in the words
    thing, t0 = run_before(words, c0, j)
    thing = strip(_CUT_BEFORE.sub("", thing) or thing, entity, place)
    if j == b0 or not thing or not words[t0 : j].rstrip().endswith(thing):
        return "", b0
    return (thing + text[j:b0].strip()).rstrip("的")[:MAX_MEASURE], t0


# 科技型企业和高校院所: two things counted together, which another text joins with another word
# (科技型企业以及高校院所, a chart caption); each is listed too, as check looks for a measure whole.
_JOINED = re.compile(r"(?:以及|和|及|与)")
_MIN_PART = 4  # 技术或产品: a part of two characters is in too many other measures to name this one


def _with_parts(terms: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for term in terms:
        out.append(term)
        parts = _JOINED.split(term)
        if len(parts) == 2 and all(len(p) >= _MIN_PART for p in parts):
            out += parts
    return tuple(dict.fromkeys(out))


def _event(text: str, start: int, stop: int, entity: str, place: str) -> tuple[str, str, int] | None:
    """What happened on the date just before ``start``, in its sentence, as the text says it (check
    looks for these words), the verb alone, and where that is said."""
    m = _EVENT.search(text, start, stop)
    if m is None:
        return None
    verb = m.group("verb")
    obj = re.sub(r"时.*$", "", m.group("object"))  # 听取…汇报时指出: the hearing
    if not _EVENT_FILLER.sub("", obj) or any(obj.endswith(name) for name in mentions(entity, place)):
        # 新产品成功问世, 厦门国际银行成立: what was done is named before the verb
        run = re.search(r"[\u4e00-\u9fff]{1,8}$", text[start : m.start()])
        said = run.group() if run else ""
        if any(said.endswith(name) for name in (*mentions(entity, place), place.removesuffix("市"))):
            said = ""
        elif said and said.startswith(("的", "了")):
            said = said[1:]
        what = said + verb
    else:
        what = verb + obj
    return what[:MAX_EVENT], verb, m.end()


def with_subject(text: str, where: FigurePlace, q0: int, q1: int, entity: str, place: str) -> tuple[int, int]:
    """The quote widened, within its sentence, to the nearest words that name its subject: the
    shortest span that says both what the figure is and whose it is."""
    if entity == place:
        return q0, q1  # the city: the label says 厦门, and the article's quotes stay as short as printed
    s0, s1 = where.sentence
    quote = text[q0:q1]
    names = mentions(entity, place)
    if any(name in quote for name in names):
        return q0, q1
    best: tuple[int, int] | None = None
    if not any(name in text[s0:s1] for name in names):
        # The subject was named sentences before (企业在“屿链通”一键发起…, after 厦门象屿研发搭建了
        # “屿链通”): the platform or product the sentence names in quotation marks is how it says
        # whose figure this is, and the quote keeps it.
        quoted = [m for m in re.finditer(r"“[\u4e00-\u9fffA-Za-z0-9]{2,6}”", text[s0:q0])]
        if quoted and q1 - (s0 + quoted[-1].start()) <= _MAX_QUOTE_REACH + (q1 - q0):
            return s0 + quoted[-1].start(), q1
        return q0, q1
    for name in names:
        at = text.rfind(name, max(s0, q0 - _MAX_QUOTE_REACH), q0)
        if at != -1 and (best is None or q1 - at < best[1] - best[0]):
            best = (at, q1)
        at = text.find(name, q1, min(s1, q1 + _MAX_QUOTE_REACH))
        if at != -1 and (best is None or at + len(name) - q0 < best[1] - best[0]):
            best = (q0, at + len(name))
    return best or (q0, q1)


def label(entity: str, terms: tuple[str, ...], place: str, as_of: str | None, event: bool, city: str | None = None) -> str:
    """Subject and measure, and the period when the text gives one: 厦门银行普惠型小微企业贷款增速（2021年）.
    The city is spelled as the article spells it (``city``: 廈門 on a page in traditional characters)."""
    term = terms[0] if terms else "数据"
    if not has_cjk(term):
        return term  # an English article: the curator writes the Chinese label
    who = short_name(entity, place)
    if city and who == place.removesuffix("市"):
        who = city
    said = term if who in term else who + term
    return f"{said}（{periods.spoken(as_of)}）" if as_of and not event else said


def suggest_id(words: str, tail: bool = False) -> str:
    """A kebab-case id from Chinese (pinyin, two syllables a word) or English words: 上市公司 → shangshi-gongsi.
    ``tail``: spelled from the words a long name ends on (境内上市公司占比 → shangshi-gongsi-zhanbi)."""
    if not has_cjk(words):
        found = re.findall(r"[a-z0-9]+", words.lower())
        return "-".join(found[-4:] if tail else found[:4])
    from xmfacts.pinyin import syllable_runs

    syllables = [s for run in syllable_runs(words) for s in run]
    if tail:  # words from the end: 境内上市公司占比 → shangshi-gongsi-zhanbi
        pairs = ["".join(syllables[max(0, i - 2) : i]) for i in range(len(syllables), 0, -2)][:3][::-1]
    else:
        pairs = ["".join(syllables[i : i + 2]) for i in range(0, min(len(syllables), 6), 2)]
    # 中小企业企业 would spell qiye twice: a repeated word says nothing more
    return "-".join(p for n, p in enumerate(pairs) if p not in pairs[:n])


def fact_id(entity: str, terms: tuple[str, ...], place: str, fallback: str, tail: bool = False) -> str:
    """A short readable id of subject and measure: xiamen-yinhang-daikuan-zengsu; the city's own
    figures by their measure alone (shangshi-gongsi), as the fact base names them."""
    # spelled from simplified characters: 廈門 is xiamen, as 厦门 is
    term = to_simplified(terms[0]) if terms else ""
    who = to_simplified(short_name(entity, place))
    if who == place.removesuffix("市") or not has_cjk(term):
        return suggest_id(term, tail) or fallback
    who = who.split("、")[0]
    subject = suggest_id(who[2:] if who.startswith("厦门") and len(who) > 4 else who)
    subject = "-".join(subject.split("-")[:2])
    measured = "-".join(suggest_id(term.replace(who, ""), tail).split("-")[-3:] if tail else suggest_id(term.replace(who, "")).split("-")[:3])
    return "-".join(part for part in (subject, measured) if part) or fallback


_EN_NOUN = re.compile(r"\s*((?:[A-Za-z][A-Za-z'&-]*\s+){0,3}[A-Za-z][A-Za-z'&-]*)")
_EN_STOP = {"the", "a", "an", "of", "in", "and", "to", "for", "with", "by", "at", "on", "its", "their", "from", "as", "was", "were", "is", "are", "has", "had", "have"}


_EN_FROM = re.compile(rf"\s+from\s+[\d$].*$|[\s,]+(?:{EN_COMPARED_WITH}|from)\s*$", re.IGNORECASE)
_EN_AMOUNT_WORDS = {"billion", "million", "trillion", "thousand", "bn", "mln", "yuan", "rmb", "us", "percent", "per", "cent"}
_EN_WHEN_AFTER = re.compile(
    r"\s+(?:(?:in|during|over|for)\s+(?:the\s+)?(?:first|second|third|fourth|last|past|previous|same|whole|full|(?:19|20)\d\d\b)"
    r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|year[- ]on[- ]year|from a year (?:earlier|ago|before))", re.IGNORECASE)
_EN_WHOLE_AFTER = re.compile(r"\s+of\s+(?:its|the|their|these|those|them|all)?\s*(?:[\d,.]+\s+)?([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?s)\b", re.IGNORECASE)
_EN_COMPARING = re.compile(r"(?:up|down|versus|vs|compared|against)\b", re.IGNORECASE)


def _english_measure(text: str, r: Reading, where: FigurePlace) -> tuple[tuple[str, ...], int, int]:
    c0, c1 = where.clause
    after = _EN_NOUN.match(text, r.end, c1)
    # "grew 5.4pc in the first half", "rose 12.5 pct year on year": the words after say when, and
    # what grew is named before
    if after and not _EN_COMPARING.match(after.group(1)) and not _EN_WHEN_AFTER.match(text, r.end, c1):
        phrase = " ".join(w for w in after.group(1).split() if w.lower() not in _EN_STOP)
        if phrase:
            return (phrase,), c0, after.end()
    if part := _EN_WHOLE_AFTER.match(text, r.end, c1):
        # "45 of its 300 hospitals", "Nineteen of the firms": a part of what follows "of"
        return (part.group(1),), c0, part.end()
    lead = text[c0 : r.start]
    if rose := _EN_FROM.search(lead):
        # "The number rose from 1,500 in 2015 to 3,900", "reached 68, up from 40": what rose, for
        # both (said in the clause before, when this one opens on the comparison)
        lead = lead[: rose.start()]
        if not lead.strip(" ,") and c0 > where.sentence[0]:
            c0 = where.sentence[0]
            lead = text[c0 : r.start][: _EN_FROM.search(text[c0 : r.start]).start()]  # type: ignore[union-attr]
    # the figure a converted sum converts is no word of what it measures: "GDP reached 479.141
    # billion yuan ($70.92 billion)" is of GDP
    words = _en_words(lead)
    if not words and c0 > where.sentence[0]:
        # "Exports rose by a fifth, to 120.5 billion yuan": what rose is in the clause before
        c0 = where.sentence[0]
        words = _en_words(text[c0 : r.start])
    phrase = " ".join(words[-4:])
    return ((phrase,) if phrase else ()), c0, r.end


def _en_words(lead: str) -> list[str]:
    """The words of ``lead`` that may name a measure: no figures, no words of grammar or amount."""
    return [w for w in re.sub(r"[\d,.$%()]+", " ", lead).split() if w.lower() not in _EN_STOP and w.lower() not in _EN_AMOUNT_WORDS]
