"""Chinese numerals both ways: 二十三 → 23 for the reader, 1000 → 千/一千 for the quote tracer."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
PLACES = {"十": 10, "百": 100, "千": 1000}


def to_int(s: str) -> int | None:
    """二十三 -> 23, 一百零五 -> 105, 三千五 -> 3500, 百 -> 100; None for 三四 / 千百 (vague or malformed)."""
    total, digit, last_unit, zero = 0, None, 10**4, False
    for ch in s:
        if ch in DIGITS:
            if digit is not None:
                return None  # 三四, 十三五: two digits in a row is an estimate or a name
            if DIGITS[ch] == 0:
                zero = True
            else:
                digit = DIGITS[ch]
        else:
            unit = PLACES[ch]
            if unit >= last_unit or (digit is None and total and not zero):
                return None
            total, digit, last_unit, zero = total + (digit or 1) * unit, None, unit, False
    if digit is not None:  # 二十三: units digit; 三千五: abbreviated next place
        total += digit if zero or last_unit == 10**4 else digit * last_unit // 10
    return total


def digits_value(s: str) -> int:
    """二〇二四 → 2024: digit by digit, as years are written."""
    return int("".join(str(DIGITS[c]) for c in s))


_WRITTEN = "零一二三四五六七八九"
_WRITTEN_PLACES = ((1000, "千"), (100, "百"), (10, "十"))


def written_forms(n: int) -> set[str]:
    """How 1 to 9999 is written in Chinese: 4 → 四, 1000 → 千 or 一千, 15 → 十五 or 一十五."""
    if not 0 < n < 10000:
        return set()
    text, rest, gap = "", n, False
    for place, name in _WRITTEN_PLACES:
        digit, rest = divmod(rest, place)
        if digit:
            text += ("零" if gap and text else "") + _WRITTEN[digit] + name
            gap = False
        elif text:
            gap = True
    if rest:
        text += ("零" if gap and text else "") + _WRITTEN[rest]
    forms = {text}
    if text.startswith("一十") or text in ("一百", "一千"):
        forms.add(text[1:])  # 十五, 百 and 千 stand alone; 一百零五 does not lose its 一
    return forms
