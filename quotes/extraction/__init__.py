"""The quote extraction engine: pure Python, no Django.

>>> from quotes.extraction import extract_quotes
>>> [q.speaker for q in extract_quotes('"We will leave," Nikol Pashinyan said.')]
['Nikol Pashinyan']
"""

from quotes.extraction.engine import ENGINE_VERSION, extract_quotes, warm_up
from quotes.extraction.types import ExtractedQuote, KnownSpeaker

__all__ = ["ENGINE_VERSION", "ExtractedQuote", "KnownSpeaker", "extract_quotes", "warm_up"]
