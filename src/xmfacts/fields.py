"""Each field of a fact, declared once: what every part of xmfacts needs to know about it.

A fact's fields used to be spelled out in ten places (the TOML layout, the parser, JSON, the
CSV and Datasette exports, the table card, ``add``'s options and its draft), each with a
different subset, so a new field meant finding them all and a missed one only showed up as a
fact that silently lost a value on the way out. Here each field says what its TOML key is,
whether the file must give it, whether the JSON schema shows it, its export columns and what
they mean, how ``show`` labels it, ``add``'s option for it and how much a search match in it
counts; those places derive from this declaration, and tests/test_fields.py keeps them agreeing.

Every lookup imports this module (through the layout and the JSON formatter), so it holds
nothing but small NamedTuples built once at import, and imports only the standard library:
as frozen dataclasses (whose methods are generated and compiled when each is defined) the
module took 3.5 ms to run, as NamedTuples 0.8 ms, measured side by side.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Shape(Enum):
    """What kind of value a field holds, which decides how each format reads and writes it."""

    ID = "id"  # short in its file (listed-companies), topic/id everywhere else
    TOPIC = "topic"  # the topic file's name: never written inside the file
    TEXT = "text"  # a string the file must give, never empty
    DATE = "date"  # YYYY, YYYY-MM or YYYY-MM-DD, or absent: "leave it out rather than guess"
    OPTIONAL_TEXT = "optional text"  # a string that may be empty: left out of the file, null in JSON
    WORDS = "words"  # an array of strings, in both languages
    FIGURE = "figure"  # value or range or date, unit, hedge: a model.Figure
    SOURCE = "source"  # the id of a [[source]] in sources.toml


class Reads(Enum):
    """How ``add`` reads what was typed after an option."""

    TEXT = "text"  # as typed
    NUMBER = "number"  # as printed: Decimal keeps 29.20's trailing zero
    WORDS = "words"  # comma-separated (, or ，): Chinese input methods type the full-width comma


class Column(NamedTuple):
    """One column of the JSON schema, the CSV export and the Datasette table.

    The description is what Datasette shows for the column (docs/json-schema.md in short).
    """

    name: str
    description: str


class AddOption(NamedTuple):
    """One option of ``xmfacts add``; ``key`` is the TOML key it fills and the draft's attribute."""

    flag: str
    key: str
    help: str
    reads: Reads = Reads.TEXT
    # add refuses a hand-typed fact without it (--from takes every field from the draft instead)
    required: bool = False
    # what the option holds when not given; None for all but a note, which is simply empty
    default: str | None = None
    # what add's usage line calls its value: an id is looked up, text is taken as typed
    metavar: str = "TEXT"


class FactField(NamedTuple):
    """One attribute of ``model.Fact``, as the fact file, the outputs and ``add`` know it."""

    name: str  # the attribute of model.Fact, and the JSON key for all but the figure
    shape: Shape
    toml: tuple[str, ...]  # its keys in a [[fact]] table, in the order fmt writes them
    columns: tuple[Column, ...]  # its JSON, CSV and Datasette columns, in that order
    options: tuple[AddOption, ...] = ()  # add's options for it, in the order --help lists them
    required: bool = False  # the file must give it as a non-empty string
    # JSON leaves measure out: scripts were promised a fixed set of keys (docs/json-schema.md),
    # and measure is for check and search; the SQLite export has it.
    json: bool = True
    card: str | None = None  # its row in `show`'s card; None: not shown there
    # Datasette's search box (the export's full-text index) looks in it
    datasette_search: bool = False
    # a search match in it counts this much (search/weights.py's _WEIGHTS); None: not searched
    weight: float | None = None
    # each word must say something: check ties a claim to the fact only by these words
    nonblank: bool = False

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


# ---- the fields ------------------------------------------------------------------------------
# Declared in the order the parser checks them and ``add``'s draft holds them, so its problems
# come out in the order curators have always seen them; each output's own order is below.

ID = FactField(
    "id",
    Shape.ID,
    toml=("id",),
    columns=(Column("id", "Fact id, topic/fact: what `xmfacts show ID` takes"),),
    options=(AddOption("--id", "id", "Fact id, kebab-case, unique in the topic.", required=True, metavar="ID"),),
    required=True,
    card="id",
    weight=3.0,
)
TOPIC = FactField(
    "topic",
    Shape.TOPIC,
    toml=(),
    columns=(Column("topic", "Topic id (the fact file's name)"),),
    weight=1.5,
)
LABEL = FactField(
    "label",
    Shape.TEXT,
    toml=("label",),
    columns=(Column("label", "What the figure is, in Chinese"),),
    options=(AddOption("--label", "label", "Chinese label, for a reader who has not seen the article.", required=True),),
    required=True,
    card="label",
    datasette_search=True,
    weight=6.0,
)
LABEL_EN = FactField(
    "label_en",
    Shape.TEXT,
    toml=("label_en",),
    columns=(Column("label_en", "What the figure is, in English"),),
    options=(AddOption("--label-en", "label_en", "English label.", required=True),),
    required=True,
    card="label_en",
    datasette_search=True,
    weight=5.0,
)
ENTITY = FactField(
    "entity",
    Shape.TEXT,
    toml=("entity",),
    columns=(Column("entity", "Who or what the figure is about"),),
    # not required by add: most figures are about the city itself, which add fills in
    options=(AddOption("--entity", "entity", "Who or what the figure is about (default: 厦门市, the article's main subject)."),),
    required=True,
    card="entity",
    datasette_search=True,
    weight=3.0,
)
FIGURE = FactField(
    "figure",
    Shape.FIGURE,
    toml=("value", "lower", "upper", "date", "unit", "qualifier"),
    columns=(
        Column("kind", "quantity, range or date"),
        Column("value", "The figure as printed (for a quantity)"),
        Column("lower", "Lower end (for a range)"),
        Column("upper", "Upper end (for a range)"),
        Column("unit", "The unit as printed (亿元, 家, %)"),
        Column("qualifier", "The source's hedge: exact, about, nearly, over, at_least, under, at_most, range"),
        Column("scale", "value × scale is the figure in base_unit"),
        Column("base_unit", "The unit every printed unit normalizes to (CNY, count, percent …)"),
        Column("date", "The date, for an event (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ),
    options=(
        AddOption("--value", "value", "The figure as printed (29.20 keeps its zero).", Reads.NUMBER),
        AddOption("--unit", "unit", "Unit as printed, multiplier included (亿元, 万家, %)."),
        AddOption("--lower", "lower", "Low end of a range, with --upper, instead of --value.", Reads.NUMBER),
        AddOption("--upper", "upper", "High end of a range.", Reads.NUMBER),
        AddOption("--date", "date", "An event's date, YYYY, YYYY-MM or YYYY-MM-DD, instead of --value and --unit."),
        AddOption(
            "--qualifier",
            "qualifier",
            "exact, about, nearly, over, at_least, under, at_most or range (default: exact; range with --lower/--upper).",
        ),
    ),
    card="figure",
    weight=6.0,
)
SOURCE = FactField(
    "source",
    Shape.SOURCE,
    toml=("source",),
    # JSON shows the source as an object, CSV as four source_ columns, SQLite as this id
    columns=(Column("source", "Source id: the article the quote comes from"),),
    options=(AddOption("--source", "source", "Id of a source listed in sources.toml.", required=True, metavar="ID"),),
    required=True,
    card="source",
)
QUOTE = FactField(
    "quote",
    Shape.TEXT,
    toml=("quote",),
    columns=(Column("quote", "The sentence of the source the figure is quoted from, verbatim"),),
    options=(AddOption("--quote", "quote", "The shortest verbatim span of the source that states the figure.", required=True),),
    required=True,
    card="quote",
    datasette_search=True,
    weight=2.0,
)
AS_OF = FactField(
    "as_of",
    Shape.DATE,
    toml=("as_of",),
    columns=(Column("as_of", "When the figure held"),),
    options=(AddOption("--as-of", "as_of", "When the figure holds (YYYY, YYYY-MM or YYYY-MM-DD); leave it out rather than guess."),),
    card="as of",
)
TAGS = FactField(
    "tags",
    Shape.WORDS,
    toml=("tags",),
    columns=(Column("tags", "Search terms (JSON array)"),),
    options=(AddOption("--tags", "tags", "Search words, comma-separated (, or ，).", Reads.WORDS),),
    card="tags",
    datasette_search=True,
    weight=5.0,
)
MEASURE = FactField(
    "measure",
    Shape.WORDS,
    toml=("measure",),
    columns=(Column("measure", "What the figure measures, as people name it (JSON array)"),),
    options=(
        AddOption("--measure", "measure", "What the figure measures, as people name it, comma-separated: 上市公司, listed companies.", Reads.WORDS),
    ),
    json=False,
    datasette_search=True,
    weight=5.0,
    nonblank=True,
)
NOTE = FactField(
    "note",
    Shape.OPTIONAL_TEXT,
    toml=("note",),
    columns=(Column("note", "A curator's note"),),
    options=(AddOption("--note", "note", "A caveat, e.g. where the source looks wrong.", default=""),),
    card="note",
    weight=0.5,
)

SERIES = FactField(
    "series",
    Shape.OPTIONAL_TEXT,
    toml=("series",),
    columns=(Column("series", "The series this fact is one observation of, named in its topic (null: none)"),),
    options=(AddOption("--series", "series", "The series this fact is an observation of, kebab-case, in its topic (gdp)."),),
    card="series",
)
STATUS = FactField(
    "status",
    Shape.OPTIONAL_TEXT,
    toml=("status",),
    columns=(Column("status", "preliminary, revised or as printed, where the page says so (null: not said)"),),
    options=(AddOption("--status", "status", "preliminary, revised or as printed, where the page says so."),),
    card="status",
)

FACT_FIELDS = (TOPIC, ID, LABEL, LABEL_EN, ENTITY, FIGURE, SOURCE, QUOTE, AS_OF, TAGS, MEASURE, NOTE, SERIES, STATUS)

# ---- the order each format lists them in --------------------------------------------------------
# Each was settled before this declaration and people rely on it (files in git, scripts reading
# JSON and CSV, the habit of reading a card), so each is kept as it was; a new field goes in the
# ones that should show it, and tests/test_fields.py fails for one that is left out.

# a [[fact]] table, as fmt and add write it (docs/fact-format.md)
FILE_ORDER = (ID, SERIES, LABEL, LABEL_EN, FIGURE, AS_OF, STATUS, ENTITY, MEASURE, SOURCE, QUOTE, TAGS, NOTE)
# JSON keys, CSV columns and the Datasette table: the source last, as it is an object in JSON
# series and status came later: after note, so every earlier key keeps its place
COLUMN_ORDER = (ID, TOPIC, LABEL, LABEL_EN, FIGURE, AS_OF, ENTITY, MEASURE, QUOTE, TAGS, NOTE, SERIES, STATUS, SOURCE)
# `show`'s card: the source right after the quote it printed
CARD_ORDER = (ID, SERIES, LABEL, LABEL_EN, FIGURE, AS_OF, STATUS, ENTITY, QUOTE, SOURCE, TAGS, NOTE)
# add --help: what a hand-typed fact needs first, then the figure, then the rest
OPTION_ORDER = (ID, LABEL, LABEL_EN, QUOTE, SOURCE, FIGURE, AS_OF, ENTITY, MEASURE, TAGS, NOTE, SERIES, STATUS)


def toml_keys() -> tuple[str, ...]:
    """Every key of a [[fact]] table, in the order fmt and add write them."""
    return tuple(key for f in FILE_ORDER for key in f.toml)


def required_text() -> tuple[str, ...]:
    """The keys a [[fact]] table must give as non-empty strings, in the order they are checked."""
    return tuple(key for f in FACT_FIELDS if f.required for key in f.toml)


def json_fields() -> tuple[FactField, ...]:
    """The fields the JSON schema shows, in its key order."""
    return tuple(f for f in COLUMN_ORDER if f.json)


def field_of_key() -> dict[str, FactField]:
    """The field each [[fact]] key belongs to (the figure has six)."""
    return {key: f for f in FACT_FIELDS for key in f.toml}


def add_options() -> tuple[AddOption, ...]:
    """add's options for a fact's fields, in the order --help lists them."""
    return tuple(o for f in OPTION_ORDER for o in f.options)


def draft_options() -> tuple[AddOption, ...]:
    """add's options in the order its draft holds them: those a hand-typed fact needs first,
    then the rest, each in declaration order and a field's in file order."""
    by_key = {o.key: o for f in FACT_FIELDS for o in f.options}
    ordered = [by_key[key] for f in FACT_FIELDS for key in f.toml if key in by_key]
    return tuple([o for o in ordered if o.required] + [o for o in ordered if not o.required])


def search_weights() -> dict[str, float]:
    """How much a match in each field counts, as search scores it (search/weights.py's _WEIGHTS)."""
    return {f.name: f.weight for f in FACT_FIELDS if f.weight is not None}
