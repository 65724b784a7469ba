"""Table-driven tests of the extraction engine: text in, quotes out, no database."""

from __future__ import annotations

import pytest

from quotes.extraction import ExtractedQuote, KnownSpeaker, extract_quotes
from quotes.extraction.models import RULES_ONLY
from quotes.extraction.text import quote_regions, quotes_with_single_marks


def only(text: str, **kwargs: object) -> ExtractedQuote:
    quotes = extract_quotes(text, **kwargs)  # type: ignore[arg-type]
    assert len(quotes) == 1, [q.to_dict() for q in quotes]
    return quotes[0]


def fragments(text: str, quote: ExtractedQuote) -> list[str]:
    return [text[s:e] for s, e in quote.spans]


# -- direct quotations in the common news forms --------------------------------

DIRECT_CASES = [
    # (text, expected fragment, speaker, cue)
    ('"We will leave," Nikol Pashinyan said.', '"We will leave,"', "Nikol Pashinyan", "said"),
    ('"We will leave," said Nikol Pashinyan.', '"We will leave,"', "Nikol Pashinyan", "said"),
    ('Nikol Pashinyan said: "We will leave."', '"We will leave."', "Nikol Pashinyan", "said"),
    ('Nikol Pashinyan said, "We will leave."', '"We will leave."', "Nikol Pashinyan", "said"),
    (
        "\u201cWe will leave,\u201d Nikol Pashinyan said.",
        "\u201cWe will leave,\u201d",
        "Nikol Pashinyan",
        "said",
    ),
    (
        "\u00abWe will leave,\u00bb Nikol Pashinyan said.",
        "\u00abWe will leave,\u00bb",
        "Nikol Pashinyan",
        "said",
    ),
    (
        "\u201eWe will leave,\u201c Nikol Pashinyan said.",
        "\u201eWe will leave,\u201c",
        "Nikol Pashinyan",
        "said",
    ),
    ("''We will leave,'' Nikol Pashinyan said.", "''We will leave,''", "Nikol Pashinyan", "said"),
    (
        '"We will decide when to leave. What do you think? There is no other way," added Nikol Pashinyan.',
        '"We will decide when to leave. What do you think? There is no other way,"',
        "Nikol Pashinyan",
        "added",
    ),
    (
        '"Are you scaring me with that?" Nikol Pashinyan asked.',
        '"Are you scaring me with that?"',
        "Nikol Pashinyan",
        "asked",
    ),
    (
        '"It was the least bad outcome," Rep. Jane Morgan (D-Ohio), a member of the panel, said.',
        '"It was the least bad outcome,"',
        "Jane Morgan",
        "said",
    ),
    (
        "\u201cShe told me \u2018never again,\u2019 and I agreed,\u201d Maria Lopez said.",
        "\u201cShe told me \u2018never again,\u2019 and I agreed,\u201d",
        "Maria Lopez",
        "said",
    ),
    (
        "WHY THE MAP TURNED RED - Jane Doe: \u201cThe map has changed for a generation.\u201d",
        "\u201cThe map has changed for a generation.\u201d",
        "Jane Doe",
        ":",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "cue"), DIRECT_CASES)
def test_direct_quote_forms(text: str, fragment: str, speaker: str, cue: str) -> None:
    quote = only(text)
    assert quote.kind == "direct"
    assert fragments(text, quote) == [fragment]
    assert quote.speaker == speaker
    assert quote.cue == cue
    assert text[quote.cue_start : quote.cue_end] == cue  # type: ignore[misc]


def test_quote_split_around_the_cue_is_one_quote_in_two_fragments() -> None:
    text = '"We will leave," he said, "and we will not come back." Nikol Pashinyan spoke first.'
    text = "Nikol Pashinyan spoke on Monday.\n\n" + text
    quote = extract_quotes(text)[0]
    assert fragments(text, quote) == ['"We will leave,"', '"and we will not come back."']
    assert quote.speaker == "Nikol Pashinyan"


def test_quote_continued_in_next_sentence_joins_the_first() -> None:
    text = '"We will leave," Nikol Pashinyan said. "There is no other way."'
    quote = only(text)
    assert fragments(text, quote) == ['"We will leave,"', '"There is no other way."']


def test_floating_quote_paragraph_continues_the_previous_speaker() -> None:
    text = '"We will leave," Nikol Pashinyan said.\n\n"There is no other way for Armenia now."'
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Nikol Pashinyan", "Nikol Pashinyan"]
    assert quotes[1].kind == "direct"
    assert quotes[1].rule == "floating"
    assert quotes[1].confidence < quotes[0].confidence


def test_quote_running_over_paragraphs_is_one_quote_in_several_fragments() -> None:
    text = 'Nikol Pashinyan said: "We will leave the bloc this year.\n\n"And we will never come back to it."'
    quote = only(text)
    assert quote.speaker == "Nikol Pashinyan"
    assert fragments(text, quote) == [
        '"We will leave the bloc this year',
        '"And we will never come back to it."',
    ]


def test_dash_signature_attributes_the_quote() -> None:
    text = "\u201cThis campaign gives me hope for the country.\u201d \u2015 Jane Doe"
    quote = only(text)
    assert quote.speaker == "Jane Doe"
    assert quote.kind == "direct"


def test_transcript_label_is_the_speaker() -> None:
    text = "WALLACE: Will she be at the debate tomorrow night?"
    quote = only(text)
    assert quote.speaker == "WALLACE"
    assert text[quote.start : quote.end] == "Will she be at the debate tomorrow night?"


# -- quotations in single marks (British, Irish and Australian style) --------------

SINGLE_STYLE = (
    "Starmer attacks budget.\n\n"
    "\u2018We will win this. We always do,\u2019 Keir Starmer said on Monday.\n\n"
    "He added: \u2018Nobody voted for this. Nobody asked for it.\u2019\n\n"
    "\u2018This is a budget for the few,\u2019 said Rachel Reeves. \u2018It will hurt families.\u2019\n\n"
    "\u2018The voters\u2019 choice is clear,\u2019 said Ms Reeves."
)


def test_text_quoting_with_single_marks_reads_them_as_quotations() -> None:
    quotes = extract_quotes(SINGLE_STYLE)
    found = [(fragments(SINGLE_STYLE, q), q.speaker, q.kind) for q in quotes]
    assert found == [
        (["\u2018We will win this. We always do,\u2019"], "Keir Starmer", "direct"),
        (["\u2018Nobody voted for this. Nobody asked for it.\u2019"], "Keir Starmer", "direct"),
        (
            ["\u2018This is a budget for the few,\u2019", "\u2018It will hurt families.\u2019"],
            "Rachel Reeves",
            "direct",
        ),
        # A plural's apostrophe before a word does not end the quotation.
        (["\u2018The voters\u2019 choice is clear,\u2019"], "Rachel Reeves", "direct"),
    ]


def test_the_same_text_in_double_marks_gives_the_same_quotes() -> None:
    double = SINGLE_STYLE.replace("\u2018", "\u201c").replace("\u2019 ", "\u201d ")
    double = double.replace("\u2019\n", "\u201d\n").replace("\u2019", "\u201d")
    double = double.replace("voters\u201d", "voters\u2019")
    single = [(q.spans, q.speaker, q.kind, q.rule) for q in extract_quotes(SINGLE_STYLE)]
    assert single == [(q.spans, q.speaker, q.kind, q.rule) for q in extract_quotes(double)]


def test_single_quotation_opening_a_paragraph_runs_over_paragraphs() -> None:
    text = (
        "\u2018We will not stop,\u2019 Jane Doe said. \u2018We have a plan for the town.\u2019\n\n"
        "Jane Doe said: \u2018We will build the road this year.\n\n"
        "\u2018And we will open the school next year.\u2019"
    )
    quotes = extract_quotes(text)
    assert fragments(text, quotes[-1]) == [
        "\u2018We will build the road this year",
        "\u2018And we will open the school next year.\u2019",
    ]


def test_single_marks_in_a_text_quoting_with_double_ones_stay_scare_quotes() -> None:
    text = (
        '"It is a \u2018reckless\u2019 plan and a \u2018gamble with our homes\u2019," Jane Doe said.'
        "\n\nShe called it \u2018a disgrace to the whole country\u2019 on Monday."
    )
    paragraphs_ = [(0, text.index("\n")), (text.index("She"), len(text))]
    assert not quotes_with_single_marks(text, paragraphs_)
    first = extract_quotes(text)[0]
    assert fragments(text, first) == [
        '"It is a \u2018reckless\u2019 plan and a \u2018gamble with our homes\u2019,"'
    ]


def test_double_marks_inside_a_single_quotation_are_a_quotation_within_it() -> None:
    text = "\u2018He told me \u201cgo home\u201d and left,\u2019 Jane Doe said. \u2018I did not.\u2019"
    regions = quote_regions(text, 0, len(text), single_quotations=True)
    quotations = sorted((r.start, r.end) for r in regions if r.quotation)
    assert [text[s:e] for s, e in quotations] == [
        "\u2018He told me \u201cgo home\u201d and left,\u2019",
        "\u2018I did not.\u2019",
    ]
    assert [text[r.start : r.end] for r in regions if not r.quotation] == ["\u201cgo home\u201d"]


def test_headline_quoting_with_single_marks_in_a_text_quoting_with_double_ones() -> None:
    text = "Truss: \u2018I will not back down on tax cuts\u2019\n\nLiz Truss said on Tuesday that she would stay."
    headline = extract_quotes(text)[0]
    assert (headline.rule, headline.kind, headline.speaker) == ("colon", "direct", "Liz Truss")
    assert text[headline.start : headline.end] == "\u2018I will not back down on tax cuts\u2019"


def test_quotations_read_with_single_marks_never_overlap() -> None:
    text = (
        "\u2018We will stay,\u2019 Jane Doe said. \u201cShe told us \u2018we will stay\u2019 and left,\u201d "
        "John Roe said. \u2018He told me \u201cgo home\u201d and left,\u2019 she said."
    )
    regions = quote_regions(text, 0, len(text), single_quotations=True)
    quotations = sorted((r.start, r.end) for r in regions if r.quotation)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(quotations, quotations[1:]))
    assert [text[r.start : r.end] for r in regions if not r.quotation] == [
        "\u201cgo home\u201d",
        "\u2018we will stay\u2019",
    ]


@pytest.mark.parametrize("single_quotations", [False, True])
def test_straight_single_mark_after_punctuation_closes_the_quotation(single_quotations: bool) -> None:
    text = "'Don't shoot him,' she says. 'He has no weapon.'"
    regions = quote_regions(text, 0, len(text), single_quotations)
    assert [text[r.start : r.end] for r in regions] == ["'Don't shoot him,'", "'He has no weapon.'"]
    assert all(r.quotation == single_quotations for r in regions)


# -- indirect (reported) speech ------------------------------------------------

INDIRECT_CASES = [
    # (text, expected content, speaker mention as written); a content read after
    # "that" holds it, as PolNeAR annotates
    (
        "Mikhail Galuzin warned last week that Yerevan could ruin its military ties with Moscow.",
        "that Yerevan could ruin its military ties with Moscow",
        "Mikhail Galuzin",
    ),
    (
        "Armenia will leave the Russian-led bloc, Prime Minister Nikol Pashinyan said on Wednesday.",
        "Armenia will leave the Russian-led bloc",
        "Prime Minister Nikol Pashinyan",
    ),
    (
        "According to the health ministry, the outbreak has been contained.",
        "the outbreak has been contained",
        "the health ministry",
    ),
    (
        "The outbreak has been contained, according to the health ministry.",
        "The outbreak has been contained",
        "the health ministry",
    ),
    (
        "Jane Doe told reporters that the budget would be balanced by spring.",
        "that the budget would be balanced by spring",
        "Jane Doe",
    ),
    (
        "Armenia will leave Russian-led military bloc, says Pashinyan",
        "Armenia will leave Russian-led military bloc",
        "Pashinyan",
    ),
    (
        "The senator insisted the vote would go ahead as planned.",
        "the vote would go ahead as planned",
        "The senator",
    ),
    (
        "John Smith was quoted as saying the factory would close in May.",
        "the factory would close in May",
        "John Smith",
    ),
    (
        "The museum, John Smith said, would make visitors face uncomfortable truths.",
        "The museum",
        "John Smith",
    ),
    (
        "The campaign team says she will return to the trail on Friday.",
        "she will return to the trail on Friday",
        "The campaign team",
    ),
    (
        "A new poll shows the senator trailing by four points.",
        "the senator trailing by four points",
        "A new poll",
    ),
    ("The senator vowed to fight on.", "to fight on", "The senator"),
    (
        "Tax Reform Could Pass This Year, Senator Jane Doe Says",
        "Tax Reform Could Pass This Year",
        "Senator Jane Doe",
    ),
    ("Jane Doe Says Tax Reform Could Pass This Year", "Tax Reform Could Pass This Year", "Jane Doe"),
    ("She\u2019s claiming that the vote was rigged.", "that the vote was rigged", "She"),
    # a particle after the cue belongs to the cue, as PolNeAR annotates it
    ("Jane Doe spoke about immigration reform.", "immigration reform", "Jane Doe"),
    ("The senator joked about his age.", "his age", "The senator"),
]


def test_circumstance_after_a_cue_is_no_content() -> None:
    assert extract_quotes("Jane Doe spoke in parliament on Wednesday.") == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Kelly said the plan would fail.", "Kelly"),
        ("For months, Jane Doe has stayed out of the race, arguing that voters should decide.", "Jane Doe"),
        ("Smiling broadly, Mrs. Doe thanked the crowd and warned that the fight was not over.", "Mrs. Doe"),
    ],
)
def test_sentence_opener_is_no_speaker_and_an_ly_name_is(text: str, mention: str) -> None:
    quote = extract_quotes(text)[-1]
    assert text[quote.speaker_start : quote.speaker_end] == mention  # type: ignore[misc]


def test_cue_coordinated_with_an_earlier_verb_takes_the_clause_subject() -> None:
    text = "Though she toured the plant on Monday and warned that the jobs would go abroad, Jane Doe stayed."
    quote = next(q for q in extract_quotes(text) if q.cue == "warned")
    assert text[quote.spans[0][0] : quote.spans[0][1]].startswith("that the jobs would go abroad")
    assert text[quote.speaker_start : quote.speaker_end] == "she"  # type: ignore[misc]


def test_that_after_the_cues_object_opens_a_relative_clause_not_the_content() -> None:
    text = (
        "President Jane Doe on Thursday defended a finance bill that has sparked protests, "
        "saying the new taxes were needed."
    )
    quotes = {q.cue: q for q in extract_quotes(text)}
    defended = quotes["defended"]
    assert text[defended.start : defended.end] == "a finance bill that has sparked protests"
    # The participle goes with the president, not with the bill that "sparked" protests.
    saying = quotes["saying"]
    assert saying.speaker == "Jane Doe"
    assert text[saying.start : saying.end] == "the new taxes were needed"


def test_a_role_for_an_organisation_set_off_before_a_name_is_that_name() -> None:
    text = (
        "The European Commission regretted the outcome. A spokesperson for the Commission, "
        "Anitta Hipper, told reporters the talks would resume next month."
    )
    quote = only(text)
    assert text[quote.speaker_start : quote.speaker_end] == "A spokesperson for the Commission"  # type: ignore[misc]
    assert quote.speaker == "Anitta Hipper"


@pytest.mark.parametrize(("text", "content", "mention"), INDIRECT_CASES)
def test_indirect_speech_forms(text: str, content: str, mention: str) -> None:
    # The rules' own confidence: what is tested is the reading, not how sure the scorer is.
    quote = only(text, models=RULES_ONLY)
    assert quote.kind == "indirect"
    assert text[quote.spans[0][0] : quote.spans[0][1]] == content
    assert text[quote.speaker_start : quote.speaker_end] == mention  # type: ignore[misc]


def test_mixed_quote_has_quoted_fragment_inside_reported_speech() -> None:
    text = (
        "Nikol Pashinyan denounced the CSTO as a \u201cbubble alliance\u201d whose members "
        "helped Azerbaijan prepare for the war."
    )
    quote = only(text)
    assert quote.kind == "mixed"
    assert quote.speaker == "Nikol Pashinyan"
    assert quote.cue == "denounced"
    assert text[quote.start : quote.end].startswith("the CSTO as a \u201cbubble alliance\u201d")


def test_passive_belief_without_agent_is_not_attributed() -> None:
    assert extract_quotes("He is believed to have referred to Russia and Belarus.") == []


def test_request_is_not_reported_speech() -> None:
    text = "Armenia officially asked Russia and other member states for support after the attack."
    assert extract_quotes(text) == []


# -- speaker resolution --------------------------------------------------------


def test_title_is_split_from_the_name() -> None:
    quote = only('"We will leave," Prime Minister Nikol Pashinyan said.')
    assert quote.speaker == "Nikol Pashinyan"
    assert quote.speaker_title == "Prime Minister"


def test_surname_pronoun_and_role_resolve_to_the_full_name() -> None:
    text = (
        "Prime Minister Nikol Pashinyan spoke in parliament on Wednesday.\n\n"
        '"We will leave," Pashinyan said.\n\n'
        "He said the decision was final.\n\n"
        '"There is no other way," said the prime minister.'
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Nikol Pashinyan"] * 3
    assert [text[q.speaker_start : q.speaker_end] for q in quotes] == [  # type: ignore[misc]
        "Pashinyan",
        "He",
        "the prime minister",
    ]


def test_pronoun_follows_gender_shown_by_the_text() -> None:
    text = (
        "Ms. Anna Berg met Mr. Tom Hale in Oslo.\n\n"
        "Ms. Berg said the talks had failed.\n\n"
        "Mr. Hale said the talks would resume.\n\n"
        "She said she would not return."
    )
    quotes = extract_quotes(text)
    assert quotes[-1].speaker == "Anna Berg"


def test_surname_in_headline_resolves_to_name_given_later() -> None:
    text = "Armenia will leave the bloc, says Pashinyan\n\nPrime Minister Nikol Pashinyan spoke."
    assert only(text).speaker == "Nikol Pashinyan"


def test_initials_and_suffix_stay_in_the_name_and_the_surname_resolves() -> None:
    text = 'Senator Mary K. Olsen Jr. arrived.\n\n"We will vote no," Ms. Olsen said.'
    assert only(text).speaker == "Mary K. Olsen Jr"


def test_headline_verb_ends_the_name_it_follows() -> None:
    text = (
        "Olsen Says Tax Reform Will Fail of Its Own Weight\n\n"
        "Senator Olsen, speaking on Monday, said the vote would fail.\n\n"
        "Ms. Olsen said the bill was dead."
    )
    assert {q.speaker for q in extract_quotes(text)} == {"Olsen"}


def test_known_speakers_map_aliases_to_the_canonical_name() -> None:
    known = [KnownSpeaker(name="Mikhail Galuzin", aliases=("Galuzin", "Mikahil Galuzin"))]
    quote = only("Galuzin warned that Yerevan could ruin its ties.", known_speakers=known)
    assert quote.speaker == "Mikhail Galuzin"


@pytest.mark.parametrize(
    ("text", "speakers", "titles"),
    [
        (
            "U.N. Secretary-General Ant\u00f3nio Guterres said aid was blocked. "
            "The secretary-general said more was needed.",
            ["Ant\u00f3nio Guterres"] * 2,
            ["U.N. Secretary-General"] * 2,
        ),
        (
            "U.S. Secretary of State Antony Blinken said talks would go on. Blinken said he was hopeful.",
            ["Antony Blinken"] * 2,
            ["U.S. Secretary of State"] * 2,
        ),
        (
            "Prime Minister Narendra Modi hailed the bill as historic. PM Modi said the vote was a defining "
            "moment. The prime minister said he was proud.",
            ["Narendra Modi"] * 3,
            ["Prime Minister"] * 3,  # the title the person was given in full
        ),
    ],
)
def test_titles_and_their_abbreviations_split_off_and_resolve(
    text: str, speakers: list[str], titles: list[str]
) -> None:
    quotes = extract_quotes(text, models=RULES_ONLY)
    assert [q.speaker for q in quotes] == speakers
    assert [q.speaker_title for q in quotes] == titles


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Jane Doe said civilians were fleeing. Her group, the Center for Civil Liberties, said it had "
            "documented thousands of crimes.",
            "Center for Civil Liberties",
        ),
        ("The company, Meta, said it would comply with the law.", "Meta"),
    ],
)
def test_an_organisation_head_set_off_before_a_name_is_that_organisation(text: str, speaker: str) -> None:
    assert extract_quotes(text, models=RULES_ONLY)[-1].speaker == speaker


def test_an_acronym_that_spells_a_pronoun_is_a_name() -> None:
    quote = only("The WHO said that supplies were running low.")
    assert quote.speaker == "WHO"


def test_organisation_is_a_speaker() -> None:
    quote = only("The Armenian Defense Ministry said that the ceasefire had been broken.")
    assert quote.speaker == "Armenian Defense Ministry"


# -- offsets, confidence, robustness -------------------------------------------


SEED_LIKE = (
    "Armenia will leave the Russian-led bloc, Prime Minister Nikol Pashinyan said on Wednesday.\n\n"
    'When asked why, he said: "We will leave. Are you scaring me with that?"\n\n'
    "Russian Deputy Foreign Minister Mikhail Galuzin warned last week that Yerevan could ruin its ties."
)


def test_offsets_point_into_the_text() -> None:
    for quote in extract_quotes(SEED_LIKE):
        assert 0 <= quote.start < quote.end <= len(SEED_LIKE)
        for s, e in quote.spans:
            assert quote.start <= s < e <= quote.end
        assert quote.speaker_start is not None and quote.speaker_end is not None
        assert SEED_LIKE[quote.speaker_start : quote.speaker_end].strip()
        assert 0.0 <= quote.confidence <= 1.0


def test_confidence_orders_named_direct_quote_above_unsure_indirect_one() -> None:
    text = '"We will leave," Nikol Pashinyan said.\n\nThe figures show a rise in support for the plan.'
    quotes = extract_quotes(text)
    direct = next(q for q in quotes if q.kind == "direct")
    others = [q for q in quotes if q is not direct]
    assert others and all(q.confidence < direct.confidence for q in others)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "No quotation and no speaker in this sentence at all.",
        '"' * 500,
        ('He said "' + "a " * 30) * 50,
        "\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e" * 100,
        "Caf\u00e9 \u0645\u0631\u062d\u0628\u0627 \U0001f600 e\u0301 \u200b said \u201c\u201d",
    ],
)
def test_odd_input_never_crashes(text: str) -> None:
    for quote in extract_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)


def test_unbalanced_mark_does_not_swallow_the_rest_of_the_article() -> None:
    text = (
        'Jane Doe said "we will never leave and this mark never closes.\n\n'
        "The weather was fine on Tuesday.\n\n"
        '"Prices will fall," John Smith said.'
    )
    quotes = extract_quotes(text)
    assert any(q.speaker == "John Smith" and q.kind == "direct" for q in quotes)
    first = quotes[0]
    assert first.end <= text.index("\n\n")


def test_huge_article_is_processed() -> None:
    paragraph = '"We will leave," Nikol Pashinyan said. The weather was fine.\n\n'
    text = paragraph * (1_000_000 // len(paragraph))
    quotes = extract_quotes(text)
    assert len(quotes) == text.count("We will leave")


def test_non_string_input_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        extract_quotes(b"bytes are not text")  # type: ignore[arg-type]


def test_cue_ending_a_paragraph_announces_the_next_quotation() -> None:
    text = 'Jane Doe said:\n\n"We have a plan and we will carry it out."'
    quote = only(text)
    assert quote.speaker == "Jane Doe"
    assert quote.kind == "direct"
    assert text[quote.start : quote.end] == '"We have a plan and we will carry it out."'


def test_quotation_resumes_after_circumstance_of_the_cue() -> None:
    text = '"I think he will be fair," Jane Doe said during a rally in Raleigh, N.C., "but we will see."'
    quote = only(text)
    assert fragments(text, quote) == ['"I think he will be fair,"', '"but we will see."']


def test_speech_verbs_beyond_say() -> None:
    quote = only('"Did you see that?" she yells.\n\nMaria Lopez was there.'.split("\n\n")[0])
    assert quote.cue == "yells"


def test_dateline_is_not_part_of_the_quote() -> None:
    text = "WASHINGTON - The deal is dead, Senate leaders said on Tuesday."
    quote = only(text)
    assert text[quote.start : quote.end] == "The deal is dead"


def test_announced_quotation_running_over_paragraphs_stays_one_quote() -> None:
    text = 'Jane Doe said:\n\n"We have a plan.\n\n"And we will carry it out."'
    quote = only(text)
    assert quote.speaker == "Jane Doe"
    assert len(quote.spans) == 2
