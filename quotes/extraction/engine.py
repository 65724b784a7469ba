"""The engine's entry point: text in, attributed quotes out.

Pipeline per document: paragraphs -> quotation regions -> sentences that
never split a quotation -> attribution rules per sentence (attribution.py)
-> floating quotes (a quoted paragraph with no cue continues the previous
speaker) -> speaker resolution (speakers.py) -> confidence -> overlap
removal. Pure Python, no I/O, no Django.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from quotes.extraction.attribution import attributions
from quotes.extraction.authors import Authors
from quotes.extraction.boilerplate import boilerplate_blocks, in_blocks
from quotes.extraction.candidate import Candidate
from quotes.extraction.cue_rules import announcing_cue
from quotes.extraction.entities import Resolution
from quotes.extraction.features import candidate_features, floating_features
from quotes.extraction.labeller import Labeller
from quotes.extraction.labelling import label_sentence
from quotes.extraction.lexicon import learned_data_digest
from quotes.extraction.mentions import Mention
from quotes.extraction.models import RULES_ONLY, LearnedModels, load_models, models_in_use
from quotes.extraction.scorer import Scorer
from quotes.extraction.speakers import SpeakerResolver
from quotes.extraction.text import (
    ALL_QUOTES,
    QuoteRegion,
    RegionIndex,
    Sentence,
    paragraph_regions,
    paragraphs,
    sentences,
)
from quotes.extraction.types import ExtractedQuote, KnownSpeaker, QuoteKind

# Bump the rules' version when a rule changes; the learned data's digest is
# appended so that retraining also marks older candidates as stale.
RULES_VERSION = "2.4"
ENGINE_VERSION = f"{RULES_VERSION}+{learned_data_digest()}"
MIN_CONFIDENCE = 0.3
# Time is linear in the text (about 1 s per MB of news prose, 20 s per MB of
# dense run-on reported speech); past this budget an article returns what
# was found so far, with a warning, instead of holding a worker.
TIME_BUDGET_SECONDS = 60.0
logger = logging.getLogger(__name__)
_EDGE = ALL_QUOTES + " \t\r\n.,;:!?-\u2013\u2014()[]"


# A short text that takes the engine through what it loads on first use: the learned files,
# and the forename list behind pronoun agreement ("she" after a named speaker).
_WARM_UP_TEXT = (
    '"We will cut the deficit in half," Maria Lopez said on Tuesday. '
    "She told reporters that the plan was sound, and John Roe said he agreed."
)


def warm_up() -> None:
    """Load what the engine loads on first use (a quarter of a second, a hundred articles'
    worth), so that a worker pays it when it starts, not on its first article."""
    extract_quotes(_WARM_UP_TEXT)


def extract_quotes(
    text: str,
    known_speakers: Sequence[KnownSpeaker] = (),
    *,
    budget: float | None = TIME_BUDGET_SECONDS,
    models: LearnedModels | None = None,
) -> list[ExtractedQuote]:
    """Find the attributed quotes in ``text``, ordered by position.

    ``budget`` is in seconds (None: no limit); see TIME_BUDGET_SECONDS.
    ``models`` defaults to the shipped learned files (``load_models()``).
    """
    if models is None:
        models = load_models()
    threshold = models.scorer.threshold if models.scorer is not None else MIN_CONFIDENCE
    found = collect_candidates(text, known_speakers, models=models, threshold=threshold, budget=budget)
    return _remove_overlaps(text, [quote for quote, _ in found])


def collect_candidates(
    text: str,
    known_speakers: Sequence[KnownSpeaker] = (),
    *,
    models: LearnedModels = RULES_ONLY,
    threshold: float = MIN_CONFIDENCE,
    budget: float | None = None,
) -> list[tuple[ExtractedQuote, list[str]]]:
    """Every candidate at or above ``threshold`` with its features, before overlap removal.

    ``train_scorer.py`` calls this with a labeller, no scorer and a zero threshold.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    with models_in_use(models):
        return _collect(text, known_speakers, models, threshold, budget)


def _collect(
    text: str,
    known_speakers: Sequence[KnownSpeaker],
    models: LearnedModels,
    threshold: float,
    budget: float | None,
) -> list[tuple[ExtractedQuote, list[str]]]:
    run = _Run(text, SpeakerResolver(known_speakers), models.scorer, threshold)
    labeller: Labeller | None = models.labeller
    run.deadline = None if budget is None else time.monotonic() + budget
    announced: Candidate | None = None
    spans = paragraphs(text)
    blocks = boilerplate_blocks(text, spans)
    for number, ((p_start, p_end), regions) in enumerate(zip(spans, paragraph_regions(text, spans))):
        if run.out_of_time(p_start):
            break
        index = RegionIndex(regions)
        run.reopened = run.open_at_end
        run.open_at_end = any(r.quotation and not r.closed for r in regions)
        if announced is not None:
            quote = _announced_quotation(run, announced, index, p_start, number)
            announced = None
            if quote is not None:
                continue
        split = sentences(text, p_start, p_end, regions, number)
        if split and split[-1].tokens and split[-1].tokens[-1].text == ":":
            announced = announcing_cue(split[-1])
        for sentence in split:
            if run.out_of_time(sentence.start):
                break
            # Only the quotations this sentence overlaps: a rule never scans the paragraph's.
            local = index.within(sentence.start, sentence.end)
            run.resolver.observe(sentence.tokens, [(r.start, r.end) for r in local])
            ruled = attributions(sentence, local)
            candidates = ruled if labeller is None else label_sentence(labeller, sentence, local, ruled)
            if not ruled:
                _floating(run, sentence, local)
            for cand in candidates:
                run.add(cand, index, number)
    if spans:
        _headline_descriptions(run, spans[0][1])
    _first_person(run, Authors(text, spans))
    for follower, leader in run.followers:
        # A floating quote continues its leader's speaker, also once a later pass named it.
        follower.speaker, follower.speaker_title = leader.speaker, leader.speaker_title
    for quote, _ in run.found:
        quote.boilerplate = in_blocks(blocks, quote.start)
        if len(quote.spans) > 1:
            quote.text = _fragments(text, quote.spans)
        # A headline may name "Pashinyan" before the text says "Nikol Pashinyan".
        if quote.speaker:
            quote.speaker = run.resolver.full_name(quote.speaker)
    return run.found


class _Run:
    """The state of one document's extraction."""

    def __init__(self, text: str, resolver: SpeakerResolver, scorer: Scorer | None, threshold: float) -> None:
        self.text = text
        self.resolver = resolver
        self.scorer = scorer
        self.threshold = threshold
        self.found: list[tuple[ExtractedQuote, list[str]]] = []
        self.last: ExtractedQuote | None = None
        self.last_paragraph = -1
        # A quotation left open at a paragraph's end is re-opened by the next one.
        self.open_at_end = False
        self.reopened = False
        # Headline quotes whose speaker is a description left as written ("Judge rejects ...").
        self.headline_roles: list[tuple[ExtractedQuote, str]] = []
        self.followers: list[tuple[ExtractedQuote, ExtractedQuote]] = []  # (floating quote, its leader)
        self.deadline: float | None = None  # time.monotonic() past which reading stops
        self.stopped = False

    def out_of_time(self, at: int) -> bool:
        """True once the time budget is spent (warned once, with where reading stopped)."""
        if not self.stopped and self.deadline is not None and time.monotonic() >= self.deadline:
            self.stopped = True
            logger.warning(
                "extraction ran out of time at character %d of %d: the rest is not read", at, len(self.text)
            )
        return self.stopped

    def add(self, cand: Candidate, regions: RegionIndex, paragraph: int) -> ExtractedQuote | None:
        built = _build(self, cand, regions, paragraph)
        if built is None:
            return None
        quote, feats = built
        self.found.append((quote, feats))
        if cand.mention is not None:
            self.resolver.note_speaker(quote.speaker)
            self.last = quote
            self.last_paragraph = paragraph
        return quote

    def confidence(self, features: list[str], heuristic: float) -> float:
        if self.scorer is None:
            return heuristic
        return round(self.scorer.probability(features), 3)


def _announced_quotation(
    run: _Run, cand: Candidate, regions: RegionIndex, p_start: int, paragraph: int
) -> ExtractedQuote | None:
    """``He said:`` closing one paragraph and the quotation opening the next."""
    region = next(
        (r for r in regions.within(p_start, p_start + 1) if r.quotation and r.start == p_start), None
    )
    if region is None:
        return None
    cand.spans = [(region.start, region.end)]
    return run.add(cand, regions, paragraph)


def _build(
    run: _Run, cand: Candidate, regions: RegionIndex, paragraph: int
) -> tuple[ExtractedQuote, list[str]] | None:
    text = run.text
    spans = sorted(cand.spans)
    if not spans:
        return None
    mention: Mention | None = cand.mention
    resolution = Resolution(None, "")
    if mention is not None:
        resolution = run.resolver.resolve(mention, cand.sentence.tokens, text)
    kind = _kind(text, spans, regions.within(spans[0][0], spans[-1][1]))
    feats = candidate_features(cand, kind, mention, resolution, paragraph)
    confidence = run.confidence(feats, _heuristic_confidence(cand, kind, mention, resolution))
    if confidence < run.threshold:
        return None
    start, end = spans[0][0], spans[-1][1]
    quote = ExtractedQuote(
        start=start,
        end=end,
        text=_fragments(text, spans),
        kind=kind,
        spans=spans,
        speaker=resolution.name,
        speaker_start=mention.start if mention else None,
        speaker_end=mention.end if mention else None,
        speaker_title=resolution.title,
        cue=text[cand.cue.start : cand.cue_end] if cand.cue else None,
        cue_start=cand.cue.start if cand.cue else None,
        cue_end=cand.cue_end if cand.cue else None,
        confidence=confidence,
        rule=cand.pattern + ("+that" if cand.had_complementizer else ""),
    )
    if paragraph == 0 and mention is not None and resolution.as_written:
        run.headline_roles.append((quote, mention.text))
    return quote, feats


def _headline_descriptions(run: _Run, headline_end: int) -> None:
    """``Judge rejects ...``: the headline's description is the person the lead names with that role."""
    for quote, mention in run.headline_roles:
        entity = run.resolver.headline_referent(mention, headline_end)
        if entity is not None:
            quote.speaker, quote.speaker_title = entity.name, entity.title


def _first_person(run: _Run, authors: Authors) -> None:
    """``I know all about ...`` outside quotation marks: the author who signs the text."""
    for quote, _ in run.found:
        if quote.speaker is None and quote.speaker_start is not None and quote.speaker_end is not None:
            if run.text[quote.speaker_start : quote.speaker_end] == "I":
                quote.speaker = authors.of_first_person(quote.speaker_start)


def _fragments(text: str, spans: list[tuple[int, int]]) -> str:
    """The quote as a reader sees it: fragments joined with an ellipsis."""
    return " \u2026 ".join(text[s:e] for s, e in spans)


def _kind(text: str, spans: list[tuple[int, int]], regions: list[QuoteRegion]) -> QuoteKind:
    """direct when the content is all inside quotation marks, mixed when partly."""
    covered = 0
    total = 0
    for s, e in spans:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        total += e - s
        for r in regions:
            lo, hi = max(s, r.start), min(e, r.end)
            if hi > lo:
                covered += hi - lo
    if total == 0 or covered == 0:
        return "indirect"
    if covered >= total:
        return "direct"
    return "mixed"


def _heuristic_confidence(
    cand: Candidate, kind: QuoteKind, mention: Mention | None, resolution: Resolution
) -> float:
    """Surest first: a strong cue, quotation marks and a named speaker raise it.

    A weak cue (a word that is seldom an attribution), content read after the
    cue without "that" or a colon, an unresolved pronoun and a floating quote
    lower it.
    """
    score = 0.3 + 0.5 * min(cand.strength, 1.0)
    if kind != "indirect":
        score += 0.12
    if cand.pattern == "after" and not cand.had_complementizer:
        score -= 0.1 if cand.strength >= 0.7 else 0.2
    if mention is not None and mention.kind == "name":
        score += 0.05
    if mention is not None and resolution.name is None:
        score -= 0.1
    if cand.pattern == "floating":
        score = 0.45
    return round(max(0.0, min(score, 0.99)), 3)


def _floating(run: _Run, sentence: Sentence, regions: list[QuoteRegion]) -> None:
    """A sentence that is all quotation, with no cue, continues the last speaker."""
    prev = run.last
    if prev is None or sentence.paragraph - run.last_paragraph > 1:
        return
    region = next((r for r in regions if r.start <= sentence.start and r.end >= sentence.end - 1), None)
    if region is None or not region.quotation:
        return
    words = sum(1 for t in sentence.tokens if t.is_word)
    if words < 3:
        return
    text = run.text
    start, end = sentence.start, min(sentence.end, region.end)
    same_paragraph = sentence.paragraph == run.last_paragraph
    continues = (same_paragraph and prev.kind != "indirect") or run.reopened
    if continues and run.found and run.found[-1][0] is prev:
        # "A," he said. "B." and a quotation re-opened in the next paragraph:
        # one quotation in several fragments.
        prev.spans.append((start, end))
        prev.end = end  # its text is joined once the document is read
        return
    feats = floating_features(sentence.paragraph - run.last_paragraph, words, same_paragraph, run.reopened)
    # Kept whatever the threshold (a fact-checker wants every quoted paragraph),
    # with the scorer's low confidence so it is reviewed last.
    confidence = run.confidence(feats, 0.45)
    quote = ExtractedQuote(
        start=start,
        end=end,
        text=text[start:end],
        kind="direct",
        spans=[(start, end)],
        speaker=prev.speaker,
        speaker_start=prev.speaker_start,
        speaker_end=prev.speaker_end,
        speaker_title=prev.speaker_title,
        cue=None,
        confidence=confidence,
        rule="floating",
    )
    run.found.append((quote, feats))
    run.followers.append((quote, prev))


def _chars(quote: ExtractedQuote) -> set[int]:
    out: set[int] = set()
    for s, e in quote.spans:
        out.update(range(s, e))
    return out


def _remove_overlaps(text: str, quotes: list[ExtractedQuote]) -> list[ExtractedQuote]:
    """Of two quotes that cover mostly the same characters, keep the surer one."""
    kept: list[ExtractedQuote] = []
    # Index kept quotes by 1,000-character bucket so that a long article
    # compares each quote only with its neighbours, not with every other.
    buckets: dict[int, list[tuple[ExtractedQuote, set[int]]]] = {}
    for quote in sorted(quotes, key=lambda q: -q.confidence):
        chars = _chars(quote)
        if not chars:
            continue
        near = range(quote.start // _BUCKET, quote.end // _BUCKET + 1)
        others = [other for b in near for _, other in buckets.get(b, [])]
        if any(len(chars & other) / len(chars | other) >= 0.5 for other in others):
            continue
        kept.append(quote)
        for b in near:
            buckets.setdefault(b, []).append((quote, chars))
    return sorted(kept, key=lambda q: (q.start, q.end))


_BUCKET = 1000
