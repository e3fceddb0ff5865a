"""Ranked search over the fact base: what a reporter types, in Chinese, pinyin, English or figures.

Every query word must match somewhere in a fact (words narrow, as in a search box), except
question words and filler (多少, 有几家, how many, the …), which only make a query a question.
When no fact holds every word, the search widens (``ranked``): near-synonyms, words typed
together cut apart, and facts ranked by how much of the query they explain, each word weighted
by its rarity, above a documented threshold (``ranked.SHOWN_AT``).
A word scores by the best field it matches, weighted by how much that field says about the
fact (a hit in the label or figure outranks a hit in the quote), times how directly it
matched (the Chinese as typed outranks its pinyin; an English word outranks its synonym);
a little more for each further field it appears in. Equal scores keep fact-base order, and
topic files list their headline figure first, so 天马 brings Tianma's investment before the
layers of its display. ``--explain`` shows each word's field, kind of match and points.

How each kind of word matches:

- Chinese (simplified or traditional): as a substring of a field; a phrase that occurs
  nowhere as typed still finds a fact holding most of its character pairs, for little.
- Latin letters (pinyin tone marks and tone numbers dropped first): English by word stem (companies → company, listed → list, electrolyser →
  electrolyzer), then the synonyms in ``search_synonyms.txt``, then pinyin by whole syllables
  (xinyidai, shang shi gong si), then the initials of a Chinese term (xyd for 信易贷).
- A figure: a fact whose figure rounds (or truncates) to it at the query's precision, in any
  unit spelling: 1141, 1141.6, 1,141.58, 1141.58亿, 114.2 billion yuan, 1.14千亿元, 31万, 68家;
  typed with a hedge (近1150亿, about 1,600), one whose interval overlaps it, by check's rule.

Every fact field is prepared once, when the fact base is compiled (``build_index``, stored in
the cache beside the fact base): folded with ``xmfacts.text.fold``, stemmed, and spelled in
pinyin. A query then only folds its own words and scans prepared strings, with no pinyin
library: well under a millisecond per hundred facts (benchmarks/startup.py). Through the
fact-base index (``find_in``) only the facts its full-text index offers are scored, and a
search for one Chinese word of one to four characters, one English word or one pinyin word of
one to four syllables reads only the facts it shows (``_by_level``, from the words ``levels``
files each fact under with its points).

The package, one module per concern: ``weights`` (what a hit in each field and each kind of
match is worth), ``words`` (folding and stemming a text as the index does), ``prepared`` (a
fact's searchable fields and full-text words, made when a file is indexed), ``query``
(reading what was typed), ``levels`` (the words a one-word search reads, filed with their points), ``fulltext`` (the full-text query that offers candidates),
``score`` (points and explanations), ``ranked`` (a search that widens, and ``score_fact``,
the one scorer of a fact against query terms; imported only when a search widens), ``engine`` (a search, in memory or through the index) and
``index_part`` (search's tables in the fact-base index and the reads it makes there).
"""

from xmfacts.search.engine import find, find_in, search
from xmfacts.search.prepared import INDEX_VERSION, Row, SearchIndex, build_index, fact_words, prepare
from xmfacts.search.query import Term, parse_query
from xmfacts.search.score import Hit, SearchResult, explain
from xmfacts.search.words import normalize, split_query, stems, synonyms

__all__ = [
    "INDEX_VERSION", "Hit", "Row", "SearchIndex", "SearchResult", "Term", "build_index", "explain", "fact_words",
    "find", "find_in", "normalize", "parse_query", "prepare", "search", "split_query", "stems", "synonyms",
]
