"""Numbers, quantities and dates in a token sequence.

>>> from quotes.matching.text import tokenize
>>> read_numbers(tokenize("more than 4% in 2020")).quantities[0].bound
'>'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quotes.matching.lexicon_figures import (
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    FRACTIONS,
    LOWER_BOUNDS,
    MONTHS,
    MULTIPLES,
    MULTIPLIERS,
    NUMBER_WORDS,
    ORDINALS,
    RELATIVE_DAYS,
    RELATIVE_SPANS,
    RELATIVE_WORDS,
    TIME_UNITS,
    UPPER_BOUNDS,
    VAGUE_MAGNITUDES,
    YEAR_RANGE,
)
from quotes.matching.types import Quantity, Token

_DIGITS = re.compile(r"^(\d+(?:[.,]\d+)*)(st|nd|rd|th|s)?$")
_PERCENT_TOKENS = {"%": "%", "percent": "%", "pc": "%"}


@dataclass
class NumberReading:
    quantities: list[Quantity] = field(default_factory=list)
    years: set[int] = field(default_factory=set)
    dates: set[int] = field(default_factory=set)  # month * 100 + day (day 0 when not given)
    relative: set[str] = field(default_factory=set)  # "last year", "yesterday"
    consumed: set[int] = field(default_factory=set)  # token indices that are part of a figure


def _digits_value(raw: str) -> float:
    parts = re.split(r"[.,]", raw)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):  # 1,000,000: separators
        return float("".join(parts))
    if "," in raw and "." not in raw and len(parts) == 2:  # 1,5: a decimal comma
        return float(raw.replace(",", "."))
    return float(raw.replace(",", ""))


def _month_at(tokens: tuple[Token, ...], i: int) -> int | None:
    """A month name at i: capitalised, or next to a number ("may" is otherwise a modal)."""
    if not 0 <= i < len(tokens):
        return None
    t = tokens[i]
    month = MONTHS.get(t.lower)
    if month is None:
        return None
    near_digit = any(0 <= j < len(tokens) and tokens[j].number for j in (i - 1, i + 1))
    if t.initial_cap and (len(t.lower) > 3 or near_digit) or near_digit:
        return month
    return None


def _bound_before(tokens: tuple[Token, ...], i: int) -> tuple[str, int]:
    """'>' / '<' when a bound phrase ends just before i, with where it starts."""
    for phrases, bound in ((LOWER_BOUNDS, ">"), (UPPER_BOUNDS, "<")):
        for phrase in sorted(phrases, key=len, reverse=True):
            start = i - len(phrase)
            if start >= 0 and tuple(t.lower for t in tokens[start:i]) == phrase:
                return bound, start
    return "=", i


def _word_number(tokens: tuple[Token, ...], i: int) -> tuple[float, int] | None:
    """A number written in words from i ("a hundred thousand", "forty five"): value, end."""
    total, current, j, seen = 0.0, 0.0, i, False
    while j < len(tokens):
        w = tokens[j].lower
        if w in NUMBER_WORDS:
            current += NUMBER_WORDS[w]
        elif w == "hundred":
            current = max(current, 1.0) * 100
        elif w in MULTIPLIERS and (seen or w not in ("m", "mn", "bn", "tn")):
            total += max(current, 1.0) * MULTIPLIERS[w]
            current = 0.0
        elif w in ("a", "an") and not seen and j + 1 < len(tokens) and tokens[j + 1].lower in MULTIPLIERS:
            current = 1.0
        elif w == "and" and seen and j + 1 < len(tokens) and tokens[j + 1].lower in NUMBER_WORDS:
            pass
        else:
            break
        seen = seen or w not in ("a", "an")
        j += 1
    if not seen:
        return None
    return total + current, j


def _unit_after(tokens: tuple[Token, ...], j: int) -> tuple[str, int]:
    """A unit just after a figure: %, percentage points, a currency word."""
    if j < len(tokens):
        w = tokens[j].lower
        if w in _PERCENT_TOKENS:
            return "%", j + 1
        if w == "per" and j + 1 < len(tokens) and tokens[j + 1].lower == "cent":
            return "%", j + 2
        if w == "percentage" and j + 1 < len(tokens) and tokens[j + 1].lower.startswith("point"):
            return "pp", j + 2
        if w in CURRENCY_WORDS:
            return CURRENCY_WORDS[w], j + 1
        if w in TIME_UNITS:
            return TIME_UNITS[w], j + 1
        if w in ("times", "occasions"):  # "three times" is a multiple or a count of events
            return "x", j + 1
    return "", j


def _ratio_after(tokens: tuple[Token, ...], j: int) -> tuple[float, int] | None:
    """The denominator of "N in M" / "N out of M" right after a count, and where it ends."""
    if j < len(tokens) and tokens[j].lower == "in":
        k = j + 1
    elif j + 1 < len(tokens) and (tokens[j].lower, tokens[j + 1].lower) == ("out", "of"):
        k = j + 2
    else:
        return None
    if k < len(tokens) and tokens[k].number:
        m = _DIGITS.match(tokens[k].lower)
        if m and not m.group(2):
            value = _digits_value(m.group(1))
            return (value, k + 1) if value and not YEAR_RANGE[0] <= value <= YEAR_RANGE[1] else None
        return None
    word = _word_number(tokens, k)
    return (word[0], word[1]) if word and word[0] else None


def read_numbers(tokens: tuple[Token, ...]) -> NumberReading:
    """Every figure in the tokens, normalised: value, unit, bound; years and dates apart."""
    out = NumberReading()
    # Dates first, so that the day of "12 June" is not read as a count.
    for i in range(len(tokens)):
        month = _month_at(tokens, i)
        if month is None:
            continue
        day = 0
        for j in (i + 1, i - 1):
            m = _DIGITS.match(tokens[j].lower) if 0 <= j < len(tokens) else None
            if m and m.group(2) != "s" and _digits_value(m.group(1)) <= 31:
                day = int(_digits_value(m.group(1)))
                out.consumed.add(j)
                break
        out.dates.add(month * 100 + day)
        out.consumed.add(i)
    # Dates relative to the report: "last year" is not "this year".
    for i, t in enumerate(tokens):
        if t.lower in RELATIVE_DAYS:
            out.relative.add(t.lower)
        elif t.lower in RELATIVE_WORDS and i + 1 < len(tokens) and tokens[i + 1].lower in RELATIVE_SPANS:
            out.relative.add(f"{t.lower} {tokens[i + 1].lower}")
            out.consumed.update((i, i + 1))
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if i in out.consumed:
            i += 1
            continue
        start, end, unit, value = i, i + 1, "", None
        digits = _DIGITS.match(t.lower) if t.number else None
        if digits:
            value = _digits_value(digits.group(1))
            suffix = digits.group(2)
            if suffix == "s" and value.is_integer() and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
                out.quantities.append(Quantity(value, "decade", "=", t.text))
                out.consumed.add(i)
                i += 1
                continue
            if suffix in ("st", "nd", "rd", "th"):
                unit = "ord"
            elif end < len(tokens) and tokens[end].lower in MULTIPLIERS:
                value *= MULTIPLIERS[tokens[end].lower]
                end += 1
        elif t.lower in VAGUE_MAGNITUDES:
            # "tens of thousands", "hundreds of millions": the magnitude times the prefix.
            value, factor = VAGUE_MAGNITUDES[t.lower], 1.0
            if (
                i >= 2
                and tokens[i - 1].lower == "of"
                and tokens[i - 2].lower in ("tens", "hundreds", "dozens")
            ):
                factor = {"tens": 10.0, "hundreds": 100.0, "dozens": 12.0}[tokens[i - 2].lower]
                start = i - 2
                out.quantities = [q for q in out.quantities if q.text.lower() != tokens[i - 2].lower]
            value *= factor
        elif t.lower in FRACTIONS and end < len(tokens) and tokens[end].lower == "of":
            value, unit = FRACTIONS[t.lower] * 100, "%"  # "a third of voters"; "a third term" is an ordinal
        elif t.lower in ORDINALS:
            value, unit = float(ORDINALS[t.lower]), "ord"
        elif t.lower in MULTIPLES:
            value, unit = float(MULTIPLES[t.lower]), "x"
        elif t.lower in FRACTIONS or (
            t.lower in NUMBER_WORDS and end < len(tokens) and tokens[end].lower in FRACTIONS
        ):
            if t.lower in FRACTIONS:
                value = FRACTIONS[t.lower] * 100
            else:
                value = NUMBER_WORDS[t.lower] * FRACTIONS[tokens[end].lower] * 100
                end += 1
            unit = "%"
        else:
            word = _word_number(tokens, i)
            if word is not None:
                value, end = word
        if value is None:
            i += 1
            continue
        currency = CURRENCY_SIGNS.get(tokens[i - 1].text) if i > 0 else None
        if currency:
            start, unit = i - 1, currency
        if not unit:
            unit, end = _unit_after(tokens, end)
        ratio = _ratio_after(tokens, end) if not unit else None
        if ratio is not None:  # "one in ten" is 10%
            value, unit, end = value / ratio[0] * 100, "%", ratio[1]
        bound, bound_start = _bound_before(tokens, start)
        is_year = (
            digits is not None
            and not unit
            and end == i + 1
            and value.is_integer()
            and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]
            and len(digits.group(1)) == 4
        )
        if is_year:
            out.years.add(int(value))
        else:
            text = " ".join(tok.text for tok in tokens[bound_start:end])
            out.quantities.append(Quantity(round(value, 6), unit, bound, text))
        out.consumed.update(range(start, end))
        i = end
    return out
