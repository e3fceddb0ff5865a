"""Ranking rules of search, on the basic fixture and on the shipped fact base, and what a
reporter types (issue 11): traditional characters, pinyin, questions, figures as quoted,
English word forms and synonyms."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xmfacts.search as search_module
import xmfacts.search.score as search_score
import xmfacts.search.weights as search_weights
import xmfacts.search.words as search_words
from xmfacts.errors import UsageError
from xmfacts.index import load_factbase
from xmfacts.search.index_part import load_searchable
from xmfacts.search.words import _normalize_query
from xmfacts.search import build_index, explain, find, normalize, search, split_query, synonyms
from xmfacts.text import stem

from .conftest import BASIC, Run

SHIPPED = Path(__file__).parents[1] / "facts"


def ids(words: list[str], root: Path = BASIC, **kw: object) -> list[str]:
    return [h.fact.full_id for h in search(load_factbase(root), words, **kw)]  # type: ignore[arg-type]


def test_every_word_must_match() -> None:
    assert ids(["授信", "1141.58"]) == ["sme-credit/credit-granted"]
    assert ids(["授信", "吞吐量"]) == []


def test_english_plurals_fold() -> None:
    assert ids(["company"]) == ids(["companies"]) != []


def test_numbers_match_whole() -> None:
    assert ids(["68"]) == ["capital-markets/listed-companies"]
    assert ids(["8"]) == []


def test_chinese_phrase_with_other_wording_falls_back_to_character_pairs() -> None:
    assert ids(["厦门境内的上市公司"]) == ["capital-markets/listed-companies"]
    # Not by pairs (上市的公司厦门 holds too few of the label's), but since issue 25 a search
    # whose words meet in no fact widens: the words typed together are cut where no fact joins
    # them (上市, 公司, 厦门), and the fact that holds them all comes first.
    assert ids(["上市的公司厦门"])[0] == "capital-markets/listed-companies"


def test_empty_query_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        search(load_factbase(BASIC), [" ", ""])


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("授信", "sme-credit/xinyidai-credit-granted"),
        ("上市公司", "capital-markets/listed-companies"),
        ("私募", "private-equity/fund-managers"),
        ("天马", "display-industry/tianma-xiamen-investment"),
        ("金圆", "state-financial-group/assets-under-management"),
        ("科学城", "science-city/area"),
        ("屿链通", "supply-chain/yuliantong-financing-cost-cut"),
        ("listed companies", "capital-markets/listed-companies"),
        ("hydrogen", "innovation-labs/pem-power-per-tonne"),
        # no fact says 厦门上市公司 as written: the one saying 厦门 and 上市公司 whole in its label
        # comes before those with the same character pairs scattered over quote and tags
        ("厦门上市公司", "capital-markets/listed-companies"),
        # typed without spaces, in words no fact holds together
        ("天马厦门投资", "display-industry/tianma-xiamen-investment"),
        ("天马投资额", "display-industry/tianma-xiamen-investment"),
        ("科学城面积多大", "science-city/area"),
    ],
)
def test_reporters_queries_find_the_headline_fact_first(query: str, first: str) -> None:
    assert ids(query.split(), SHIPPED)[0] == first


def test_words_typed_together_must_each_be_in_the_fact() -> None:
    # three pairs of four are there (私募基金), but not 天马, a word of its own
    assert ids(["天马私募基金"], SHIPPED) == []
    assert ids(["私募基金"], SHIPPED) != []


def test_private_equity_finds_the_private_fund_facts() -> None:
    assert {i.split("/")[0] for i in ids(["private", "equity"], SHIPPED)[:4]} == {"private-equity"}


@given(st.text(max_size=40))
def test_normalize_and_split_never_raise_and_leave_no_blank_words(text: str) -> None:
    words = split_query([text])
    assert all(w and not w.isspace() for w in words)
    assert normalize(normalize(text)) == normalize(text)


# ---- issue 11: what a reporter types ---------------------------------------------------------


def shipped_ids(query: str, **kw: object) -> list[str]:
    base, index = load_searchable(SHIPPED)
    return [h.fact.full_id for h in search(base, query.split(), index=index, **kw)]  # type: ignore[arg-type]


# The issue's table, one row per test: each query finds the fact it was typed for in the top 3.
ISSUE_TABLE = [
    ("廈門 上市公司", "capital-markets/listed-companies"),
    ("信易貸", "sme-credit/xinyidai-credit-granted"),
    ("shangshi gongsi", "capital-markets/listed-companies"),
    ("xinyidai", "sme-credit/xinyidai-credit-granted"),
    ("jinyuan", "state-financial-group/assets-under-management"),
    ("厦门有多少家上市公司", "capital-markets/listed-companies"),
    ("how many listed companies", "capital-markets/listed-companies"),
    ("1141", "sme-credit/xinyidai-credit-granted"),
    ("1141.6", "sme-credit/xinyidai-credit-granted"),
    ("1,141.58", "sme-credit/xinyidai-credit-granted"),
    ("114.2 billion", "sme-credit/xinyidai-credit-granted"),
    ("listed firms", "capital-markets/listed-companies"),
    ("IPOs", "capital-markets/listed-companies"),
    ("venture capital funds", "venture-funds/iris-fund-investment"),
    ("hydrogen electrolyser", "innovation-labs/pem-electrolyser-launch"),
]


@pytest.mark.parametrize(("query", "wanted"), ISSUE_TABLE, ids=[q for q, _ in ISSUE_TABLE])
def test_the_issues_queries_find_their_fact_in_the_top_3(query: str, wanted: str) -> None:
    assert wanted in shipped_ids(query, limit=3)


def test_traditional_characters_and_a_pasted_quote_find_the_fact() -> None:
    assert ids(["廈門境內上市公司"]) == ids(["厦门境内上市公司"]) == ["capital-markets/listed-companies"]
    assert ids(["累計獲得授信1141.58億元"]) == ["sme-credit/credit-granted"]


@pytest.mark.parametrize("query", ["shangshigongsi", "shang shi gong si", "shangshi gongsi", "SHANGSHI GONGSI"])
def test_pinyin_with_or_without_spaces(query: str) -> None:
    assert ids(query.split())[0] == "capital-markets/listed-companies"


def test_pinyin_matches_whole_syllables_only(factbase: Path) -> None:
    path = factbase / "sme-credit.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("金圆集团成立时间", "天帽子集团成立时间"), encoding="utf-8")
    base, index = load_searchable(factbase)
    found = lambda q: [h.fact.id for h in search(base, [q], index=index)]  # noqa: E731
    assert found("tianmaozi") == ["jinyuan-founded"]
    assert found("tianma") == []  # tian'ma'o… is not tian'ma
    assert found("anmao") == []  # nor a match that starts inside a syllable


def test_initials_for_terms_of_three_characters_rank_below_syllables_and_chinese() -> None:
    def score(query: str) -> float:
        [hit, *_] = search(load_factbase(BASIC), [query])
        assert hit.fact.full_id == "sme-credit/loan-cost-cut"
        return hit.score

    assert score("融资成本") > score("rongzichengben") > score("rzcb") > 0
    assert ids(["xyd"])[0] == "sme-credit/credit-granted"
    assert ids(["sx"]) == []  # 授信 has two characters: no initials


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        ("厦门有多少家上市公司", "厦门 上市公司"),
        ("厦门上市公司有几家？", "厦门上市公司"),
        ("授信有多大", "授信"),
        ("how many listed companies are there in Xiamen?", "listed companies xiamen"),
        ("what is the credit granted to SMEs", "credit granted SMEs"),
    ],
)
def test_question_words_need_not_match(question: str, plain: str) -> None:
    assert ids(question.split()) == ids(plain.split()) != []


@pytest.mark.parametrize("query", ["how many", "多少", "是多少吗", "what is the", "有多大"])
def test_a_query_of_question_words_only_is_a_usage_error(query: str) -> None:
    with pytest.raises(UsageError, match="only question words"):
        search(load_factbase(BASIC), query.split())


@pytest.mark.parametrize(
    "query",
    ["1141.6", "1141", "1,141.58", "1141.58亿", "1141.58亿元", "114.2 billion yuan", "114.2 billion", "1.14千亿元", "RMB 114.16 billion", "rmb114.16bn", "¥114.2 billion"],
)
def test_a_figure_as_another_outlet_wrote_it(query: str) -> None:
    assert ids(query.split()) == ["sme-credit/credit-granted"]


@pytest.mark.parametrize(
    ("query", "first"),
    [("31万", "sme-credit/smes-with-credit"), ("310,000", "sme-credit/smes-with-credit"), ("68家", "capital-markets/listed-companies"), ("2011", "sme-credit/jinyuan-founded")],
)
def test_figures_in_other_units_and_dates(query: str, first: str) -> None:
    assert ids([query])[0] == first


def test_a_percentage_finds_it_in_any_spelling() -> None:
    # 四成 (4成) is 40 percent, and so is the top of 10%—40%
    assert set(ids(["40%"])) == {"capital-markets/province-share", "sme-credit/loan-cost-cut"}


@pytest.mark.parametrize("query", ["1143", "114.3 billion", "1141.58%", "1141.58家", "1.15千亿元", "41.58"])
def test_a_figure_that_does_not_round_to_the_query_is_not_found(query: str) -> None:
    assert "sme-credit/credit-granted" not in ids(query.split())


def test_rounded_figures_rank_below_the_figure_as_printed() -> None:
    [exact] = search(load_factbase(BASIC), ["1141.58"])
    [rounded] = search(load_factbase(BASIC), ["1141.6"])
    assert exact.score > rounded.score


@pytest.mark.parametrize(
    ("a", "b"),
    [("company", "companies"), ("firm", "firms"), ("listed", "listing"), ("electrolyser", "electrolyzer"), ("licence", "licenses"), ("centre", "center"), ("planned", "plans")],
)
def test_english_word_forms_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_synonyms_find_the_fact_but_rank_below_the_word_as_written() -> None:
    assert ids(["listed", "firms"])[0] == "capital-markets/listed-companies"
    assert shipped_ids("IPO", limit=1) == ["capital-markets/listed-companies"]
    [as_written] = search(load_factbase(BASIC), ["founded"])
    [synonym] = search(load_factbase(BASIC), ["established"])
    assert as_written.fact == synonym.fact and as_written.score > synonym.score


def test_the_synonym_table_is_read_only_for_english_words() -> None:
    synonyms.cache_clear()
    search(load_factbase(BASIC), ["授信", "1141.58"])
    assert synonyms.cache_info().currsize == 0
    search(load_factbase(BASIC), ["credit"])
    assert synonyms.cache_info().currsize == 1
    assert " company " in synonyms()[" firm "]


def test_every_line_of_the_synonym_table_is_a_group() -> None:
    table = Path(search_module.__file__).with_name("synonyms.txt").read_text(encoding="utf-8")
    for line in table.splitlines():
        if line and not line.startswith("#"):
            assert len([w for w in line.split(",") if w.strip()]) >= 2, line


def test_a_simplified_query_folds_as_fold_would_without_the_traditional_table() -> None:
    base, index = load_searchable(SHIPPED)
    alphabet = "".join(sorted({c for row in index.rows for c in row[1] if not c.isascii()}))[:400] + "廈門億貸麼么ＡＢ１２ aZ,."

    @given(st.text(alphabet=alphabet, max_size=20))
    def same(text: str) -> None:
        assert _normalize_query(text, index.stable) == normalize(text)

    same()


def test_explanations_name_the_field_and_the_kind_of_match() -> None:
    base, index = load_searchable(SHIPPED)
    [hit] = search(base, ["厦门", "xinyidai", "1141"], index=index)
    assert [w.split(" (")[0] for w in hit.why] == ["厦门: label, Chinese", "xinyidai: tags, English", "1141: figure, rounded"]
    assert sum(float(w.split(" (")[1].rstrip(")")) for w in hit.why) == pytest.approx(hit.score, abs=0.1)
    assert explain(hit).startswith(f"sme-credit/xinyidai-credit-granted  {hit.score:g} = 厦门: label")


def test_nothing_found_suggests_the_nearest_terms() -> None:
    result = find(load_factbase(BASIC), ["信易代"])
    assert (result.hits, result.total, result.suggestions) == ((), 0, ("信易贷",))
    assert find(load_factbase(BASIC), ["授信", "吞吐量"]).suggestions == ()
    assert find(load_factbase(BASIC), ["授信"], limit=1).total == 2


def test_the_index_is_compiled_into_the_cache_and_follows_an_edit(factbase: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_CACHE_DIR", str(tmp_path / "cache"))
    load_factbase(factbase)  # a cache miss compiles the index too
    base, index = load_searchable(factbase)
    assert index.has_pinyin and index == build_index(base)
    path = factbase / "sme-credit.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("金圆集团成立时间", "鹭岛集团成立时间"), encoding="utf-8")
    base, index = load_searchable(factbase)
    assert [h.fact.id for h in search(base, ["ludao"], index=index)] == ["jinyuan-founded"]


def test_without_a_cache_pinyin_is_spelled_only_for_a_query_that_can_use_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XMFACTS_NO_CACHE", "1")
    base, index = load_searchable(BASIC)
    assert not index.has_pinyin
    assert [h.fact.full_id for h in search(base, ["jinyuan"], index=index)] == ["sme-credit/jinyuan-founded"]
    assert [h.fact.full_id for h in search(base, ["rongzichengben"], index=index)] == ["sme-credit/loan-cost-cut"]


# ---- the command --------------------------------------------------------------------------


def test_a_cut_list_says_so_on_stderr_only(run: Run) -> None:
    result = run("search", "上市公司", "--limit", "1", "--json")
    assert len(json.loads(result.stdout)) == 1
    assert result.stderr == "showing 1 of 2 — use --limit 0 for all\n"
    assert run("search", "上市公司", "--limit", "0", "--json").stderr == ""


def test_nothing_found_says_what_is_near(run: Run) -> None:
    result = run("search", "信易代")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "xmfacts: error: no fact matches '信易代'; did you mean 信易贷?\n"
    as_json = run("search", "信易代", "--json")
    assert (as_json.exit_code, as_json.stdout, as_json.stderr) == (1, "[]\n", "")


def test_explain_writes_to_stderr(run: Run) -> None:
    result = run("search", "xinyidai", "--json", "--explain")
    assert [h["id"] for h in json.loads(result.stdout)][0] == "sme-credit/credit-granted"
    assert result.stderr.startswith("sme-credit/credit-granted  ")
    assert "xinyidai: " in result.stderr


def test_warm_json_lookups_import_neither_pypinyin_nor_the_traditional_table(tmp_path: Path) -> None:
    code = (
        "import sys; sys.argv=['xmfacts', *sys.argv[1:]];"
        "from xmfacts.cli import main\n"
        "try:\n main()\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('pypinyin', 'xmfacts.pinyin', 'xmfacts.t2s_table', 'tomllib', 'rich') if m in sys.modules), file=sys.stderr)"
    )
    env = {**os.environ, "XMFACTS_FACTS": str(SHIPPED), "XMFACTS_CACHE_DIR": str(tmp_path)}
    env.pop("XMFACTS_NO_CACHE", None)

    def modules(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        return done.stderr.decode().strip().splitlines()[-1]

    assert "pypinyin" in modules("show", "capital-markets/listed-companies", "--json")  # cold: compiles the cache
    assert modules("search", "授信", "--json") == "[]"
    assert modules("search", "xinyidai", "--json") == "[]"
    assert modules("show", "capital-markets/listed-companies", "--json") == "[]"
    assert modules("search", "廈門", "--json") == "['xmfacts.t2s_table']"  # traditional: the table, still no pypinyin


def test_the_readmes_explain_example_is_what_search_says(run: Run) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("$ xmfacts search 厦门 xinyidai 1141 --explain\n", 1)[1].split("\n", 1)[0]
    result = run("search", "厦门", "xinyidai", "1141", "--explain", facts=SHIPPED)
    assert result.stderr == example + "\n"


def test_the_words_prepare_files_a_fact_under_are_fact_words_of_its_row() -> None:
    from xmfacts.search import fact_words, prepare
    from xmfacts.search.prepared import stable_characters

    base = load_factbase(SHIPPED)
    prepared = prepare(base, words=True)
    assert len(prepared.words) == len(prepared.rows) > 50
    assert list(prepared.words) == [fact_words(row) for row in prepared.rows]
    for (_, folded, stemmed, spelled, initials), words in zip(prepared.rows, prepared.words):
        chinese = [run for run in re.findall("[\u3400-\u9fff\uf900-\ufaff]+", folded)]
        expected = {c for run in chinese for c in run} | {run[i : i + 2] for run in chinese for i in range(len(run) - 1)}
        expected |= set(stemmed.replace("\0", " ").split())
        # every digit run, and backwards, for a figure searched as written
        expected |= {w for run in re.findall(r"\d+", folded) for w in (run, "dr" + run[::-1])}
        expected |= {"py" + s for s in spelled.replace("\0", " ").replace("'", " ").split()}
        expected |= {"ii" + s for s in initials.replace("\0", " ").split()}
        # and each character and pair again with its points (search._level_words)
        plain = [w for w in words.split() if not re.fullmatch(r".{1,2}s\d{5}", w)]
        assert sorted(plain) == sorted(expected)  # each word once
        leveled = {w[:-6] for w in words.split() if w not in plain}
        assert leveled == {w for w in expected if re.fullmatch("[\u3400-\u9fff\uf900-\ufaff]{1,2}", w)}
    assert stable_characters(prepared.rows, prepared.characters) == stable_characters(prepared.rows)
    assert prepare(base).words == ()  # not made unless asked for


@pytest.mark.parametrize("traditional", [False, True])
def test_prepared_fields_are_folded_as_the_whole_topic_folded_at_once(traditional: bool) -> None:
    import dataclasses

    from xmfacts.model import FactBase
    from xmfacts.search.words import _FACT_SEP, _SEP
    from xmfacts.search.prepared import _raw_fields
    from xmfacts.search import normalize, prepare

    base = load_factbase(SHIPPED)
    topic = base.topics[0]
    if traditional:  # one traditional character makes fold's phrase table apply to the whole topic
        first = dataclasses.replace(topic.facts[0], note=topic.facts[0].note + " 廈門反覆")
        topic = dataclasses.replace(topic, facts=(first, *topic.facts[1:]))
    one = FactBase((topic,), ())
    raws = [_raw_fields(f, f"{topic.title} {topic.title_en}") for f in topic.facts]
    joined = _FACT_SEP.join([*(_SEP.join(t for _, t in raw) for raw in raws), _SEP.join((topic.title, topic.title_en))])
    *facts, titles = normalize(joined).split(_FACT_SEP)
    prepared = prepare(one)
    assert [row[1] for row in prepared.rows] == facts
    assert prepared.titles == tuple(titles.split(_SEP))
    assert ("反复" in prepared.rows[0][1]) is traditional


# English, pinyin and figures are scored by searching each column of a fact's row whole; the
# points must be those of looking field by field (search._field_by_field), for every fact.
_ROW_QUERIES = [
    "listed companies", "companies", "compan", "venture capital", "vc", "credit", "sme", "shangshi", "shang shi",
    "gongsi", "tianma", "xmxyd", "ssgs", "xinyidai", "hydro", "1141", "68家", "2011", "31", "1,141.58", "500", "2.3",
]


def _reference(term: search_module.Term, row: search_module.Row, fact: object) -> tuple[float, str]:
    fields = search_score._Fields(row)
    best, why, seen = 0.0, "", set()
    if term.number is not None:
        kind = search_score._figure_match(term.number, fact)  # type: ignore[arg-type]
        if kind:
            best, why = search_weights._FACTOR[kind] * search_weights._WEIGHTS["figure"], f"figure, {kind}"
            seen.add("figure")
    return search_score._field_by_field(term, fields, best, why, seen, search_score._may_match(term, fields))


@pytest.mark.parametrize("query", _ROW_QUERIES)
def test_a_row_searched_whole_scores_as_field_by_field(query: str) -> None:
    base = load_factbase()
    index = build_index(base)
    parsed = search_module.parse_query([query], index)
    terms = [t for t in [*parsed, *(p for t in parsed for p in t.parts)] if t.kind in {"words", "figure"}]
    assert terms
    for term in terms:
        scored = [(search_score._term_score(term, search_score._Fields(row), lambda f=fact: f), _reference(term, row, fact))
                  for fact, row in zip(base.facts, index.rows)]
        assert [fast for fast, _ in scored] == [slow for _, slow in scored]
        assert any(points for (points, _), _ in scored), query  # the query finds something to compare


_FIELD_TEXT = st.lists(st.sampled_from([" abs ", " ab ", " sx ", "ab", "b", "'", " ", "sx", "12", ".9", "0"]), max_size=5).map("".join)


@settings(max_examples=500)
@given(
    st.lists(st.tuples(st.sampled_from(["label", "label_en", "quote", "tags", "measure", "figure"]), _FIELD_TEXT, _FIELD_TEXT, _FIELD_TEXT, _FIELD_TEXT), max_size=6),
    st.sampled_from(["ab", "ab sx", "ba", "abs", "sx", "12", "0.9", "sa", "xa"]),
)
def test_any_row_searched_whole_scores_as_field_by_field(fields: list[tuple[str, str, str, str, str]], query: str) -> None:
    # fields made of the very letters, spaces, apostrophes and digits the terms look for, so that
    # matches touch field edges, repeat, and fill whole fields
    sep = search_words._SEP
    row: search_module.Row = (
        tuple(f[0] for f in fields), *(sep.join(f[k] for f in fields) for k in range(1, 5))  # type: ignore[assignment]
    )
    parsed = search_module.parse_query([query])
    for term in [*parsed, *(p for t in parsed for p in t.parts)]:
        if term.kind not in {"words", "figure"}:
            continue
        term.number = None  # the figure's own match is the same code both ways
        fast = search_score._term_score(term, search_score._Fields(row), lambda: None)  # type: ignore[arg-type,return-value]
        assert fast == _reference(term, row, None)


def test_pairs_no_fact_holds_are_where_words_typed_together_meet() -> None:
    def parsed(query: str, filed: set[str]) -> frozenset[str]:
        [term] = search_module.parse_query([query], filed=lambda pairs: pairs & filed)
        return term.bigrams

    known = {"天马", "厦门", "投资", "授信", "5g", "私募", "募基", "基金"}
    assert parsed("天马厦门投资", known) == {"天马", "厦门", "投资"}  # not 马厦 nor 门投
    [term] = search_module.parse_query(["天马私募基金"], filed=lambda pairs: pairs & known)
    assert term.words == ({"天马"}, {"私募", "募基", "基金"})  # a fact must hold a pair of each
    assert parsed("天马投资额", known) == {"天马", "投资"}  # a last character standing alone
    # a word no fact holds is no seam: it is asked for, and found nowhere
    assert parsed("授信华为", known) == {"授信", "信华", "华为"}
    assert parsed("华为授信", known) == {"华为", "为授", "授信"}
    # a misspelt last character, in a word with no seam: asked for, so a suggestion can follow
    assert parsed("天马额", known) == {"天马", "马额"}
    # a character between two words belongs to neither for sure: no seam on either side of 额
    assert parsed("投资额天马", known) == {"投资", "资额", "额天", "天马"}
    # only pairs of two Chinese characters are asked about: the others are kept as they were
    assert parsed("天马5g", set()) == {"天马", "马5", "5g"}
    # without a fact base to ask, every pair counts
    [term] = search_module.parse_query(["天马厦门投资"])
    assert term.bigrams == {"天马", "马厦", "厦门", "门投", "投资"}
