"""xmfacts.authoring.tomltext: value identity and comment detection."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest

from xmfacts.authoring.tomltext import has_comment, identical




def test_identical_tells_printed_precision_and_types_apart() -> None:
    assert identical({"a": [Decimal("29.20"), 1, "x"]}, {"a": [Decimal("29.20"), 1, "x"]})
    assert not identical(Decimal("29.20"), Decimal("29.2"))
    assert not identical(68, Decimal("68"))
    assert not identical(True, 1)
    assert not identical([1], [1, 2])


@pytest.mark.parametrize(
    ("text", "commented"),
    [
        ('a = "x"\n', False),
        ("# top\n", True),
        ('a = 1 # trailing\n', True),
        ('a = "#not"\n', False),
        ("a = '#not'\n", False),
        ('a = "say \\"#\\" ok"\n', False),
        ('a = "back\\\\" # yes\n', True),
        ("a = 'C:\\' # yes\n", True),
        ('a = """\n# inside\n"""\n', False),
        ("a = '''\n# inside\n'''\n", False),
        ('a = """x""""\n# after\n', True),
        ('a = """ \\""" # still inside """\n', False),
        ('a = ""\nb = 2 # c\n', True),
        ("a = ''\nb = '#'\n", False),
        ('"k#ey" = 1\n', False),
        ('tags = ["a#", "b"] # c\n', True),
        ("a = '''x''''' # after\n", True),
    ],
)
def test_comment_detection(text: str, commented: bool) -> None:
    tomllib.loads(text)  # every case is valid TOML
    assert has_comment(text) is commented
