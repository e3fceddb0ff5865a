"""What a hit is worth: each field's weight (what a hit there says about the fact being the one
wanted) and each kind of match's factor (the typed word outranks its pinyin or synonym).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xmfacts.fields import MEASURE, TAGS, search_weights

if TYPE_CHECKING:
    pass


# Field weights: what a hit in each field says about the fact being the one wanted.
_WEIGHTS = search_weights()  # declared with each field (xmfacts.fields): label 6, figure 6, tags 5 …


# How directly a word matched, times the field's weight. The typed Chinese or English word
# always outranks its pinyin, initials or synonym in the same field.
CHINESE, ENGLISH, PREFIX, SYNONYM, PINYIN, INITIALS, FIGURE, ROUNDED, HEDGED = (
    "Chinese",
    "English",
    "word start",
    "synonym",
    "pinyin",
    "initials",
    "same number",
    "rounded",
    "within the hedge",  # 近1150亿 for 1141.58亿元: the intervals overlap, as check says
)


_FACTOR = {CHINESE: 1.0, ENGLISH: 1.0, PREFIX: 0.8, SYNONYM: 0.7, PINYIN: 0.7, INITIALS: 0.5, FIGURE: 1.0, ROUNDED: 0.9, HEDGED: 0.9}


_EXACT_BONUS = 2.0  # the word is the whole field (a tag, the entity)


_BREADTH_BONUS = 0.2  # per further field the word is in; several tags are one field


# A fact's measure names what it counts, and its tags mostly repeat those names: a word in
# both is in one field, not two.
_BREADTH_FIELD = {MEASURE.name: TAGS.name}


_BIGRAM_MIN_COVERAGE = 0.75  # for Chinese words that match nowhere as written


_BIGRAM_FACTOR = 0.5


_SCATTERED_SYLLABLES = 0.5  # 'shang shi gong si' found, but not as one word: half its syllables' average
