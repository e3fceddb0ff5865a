"""What xmfacts adds to Typer: help that wraps Chinese by the columns a terminal gives it,
usage lines that name a command's real arguments, and ``add``'s options made from the fields'
declaration (``xmfacts.fields``), so a new field's option needs no edit to ``cli.py``."""

# No `from __future__ import annotations` here, as in cli.py: Typer reads these annotations.
import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Optional, TypeVar

import typer
from typer.core import TyperCommand

from xmfacts.fields import AddOption, add_options

F = TypeVar("F", bound=Callable[..., Any])

_WIDE = "\x00"  # stands in for the second column of a wide character while help is wrapped


def _wrap_by_cells(wrap: Callable[..., str]) -> Callable[..., str]:
    """Click wraps help by len(), so a Chinese character counts one column and lines
    overflow. Each wide character is followed by a placeholder while wrapping, so it
    takes the two columns a terminal gives it, and the placeholders are dropped after."""

    @functools.wraps(wrap)
    def wrapped(text: str, *args: Any, **kwargs: Any) -> str:
        from unicodedata import east_asian_width

        if text.isascii():
            return wrap(text, *args, **kwargs)
        padded = "".join(c + _WIDE if east_asian_width(c) in "WF" else c for c in text)
        return wrap(padded, *args, **kwargs).replace(_WIDE, "")

    return wrapped


typer._click.formatting.wrap_text = _wrap_by_cells(typer._click.formatting.wrap_text)  # type: ignore[attr-defined]


def usage(arguments: str) -> type[TyperCommand]:
    """A command whose usage line names its real arguments (`compare ID ID... | compare ID
    FIGURE`), not Typer's `{ID_OR_FIGURE}`, which hides that several may follow."""

    class Command(TyperCommand):
        def collect_usage_pieces(self, ctx: Any) -> list[str]:
            return [piece for piece in (self.options_metavar, arguments) if piece]

    return Command


def _field_option(option: AddOption) -> inspect.Parameter:
    """add's option for a fact field, as the fields' declaration (xmfacts.fields) gives it."""
    kind = str if option.default is not None else Optional[str]
    info = typer.Option(option.flag, help=option.help, show_default=False)
    return inspect.Parameter(option.key, inspect.Parameter.KEYWORD_ONLY, default=option.default, annotation=Annotated[kind, info])


def with_field_options(func: F) -> F:
    """``add`` with an option per fact field in place of its ``**fields``: those a hand-typed
    fact needs right after TOPIC, then --from (which replaces them all), then the rest, as
    --help has always listed them. A new field's option appears without touching this file."""
    # Typer reads the options from the signature, in its order, and passes them by name.
    declared = inspect.signature(func).parameters.values()
    own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in declared if p.kind is not inspect.Parameter.VAR_KEYWORD]
    at = [p.name for p in own].index("from_draft")
    needed = [_field_option(o) for o in add_options() if o.required]
    rest = [_field_option(o) for o in add_options() if not o.required]
    parameters = [*own[:at], *needed, own[at], *rest, *own[at + 1 :]]
    func.__signature__ = inspect.Signature(parameters, return_annotation=None)  # type: ignore[attr-defined]
    func.__annotations__ = {**{p.name: p.annotation for p in parameters}, "return": None}
    return func
