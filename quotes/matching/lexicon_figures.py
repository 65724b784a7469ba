"""Word lists for figures and dates: number words, multipliers, units, bounds, months.

Hand-written, general English, read by ``quotes.matching.numbers``.
"""

from __future__ import annotations

# Numbers written as words.
NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
MULTIPLIERS = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25}
MULTIPLES = {"double": 2, "doubled": 2, "twice": 2, "triple": 3, "tripled": 3, "quadrupled": 4, "halved": 0.5}
PERCENT_WORDS = ("percent", "per cent", "percentage points", "percentage point", "pc")
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB"}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "dram": "AMD",
    "drams": "AMD",
    "yen": "JPY",
}
# Bounds in front of a number: "more than 4%" and "less than 4%" are not the same figure.
LOWER_BOUNDS = (("more", "than"), ("over",), ("above",), ("at", "least"), ("exceeding",), ("greater", "than"))
UPPER_BOUNDS = (
    ("less", "than"),
    ("fewer", "than"),
    ("under",),
    ("below",),
    ("at", "most"),
    ("up", "to"),
    ("no", "more", "than"),
)

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# Units of time: "three years" is not "three months".
TIME_UNITS = {
    "second": "second",
    "seconds": "second",
    "minute": "minute",
    "minutes": "minute",
    "hour": "hour",
    "hours": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade-span",
    "decades": "decade-span",
    "century": "century",
    "centuries": "century",
}
# Words before a number that make it approximate, not a quantifier ("some 1,200 jobs").
APPROXIMATORS = frozenset("some about around nearly almost roughly approximately circa over".split())
# A four-digit number in this range, with no unit, is read as a year.
YEAR_RANGE = (1800, 2100)
# Dates relative to the report.
RELATIVE_DAYS = frozenset("yesterday today tomorrow".split())
RELATIVE_WORDS = frozenset("last this next past previous coming".split())
RELATIVE_SPANS = frozenset("year month week decade century summer winter spring autumn fall quarter".split())
# Plural multipliers: an order of magnitude ("millions of people" is not "thousands").
VAGUE_MAGNITUDES = {
    "dozens": 12.0,
    "scores": 20.0,
    "hundreds": 1e2,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
