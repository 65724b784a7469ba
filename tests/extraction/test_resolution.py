"""Speaker resolution: pronouns and descriptions go to the person or organisation they stand for."""

from __future__ import annotations

import pytest

from quotes.extraction import extract_quotes
from quotes.extraction.agreement import classify, title_gender

RESOLUTION_CASES = [
    # (text, the last quote's speaker)
    # The subject of the previous sentence, not the object named after it.
    (
        "Donald Trump said praise from Russian President Vladimir Putin would not sway him. "
        '"I have good judgment," he said.',
        "Donald Trump",
    ),
    # Gender from the forename, and from a title.
    ('Hillary Clinton met Donald Trump on Monday. "We will win," she said.', "Hillary Clinton"),
    ('Mr. Obama met Ms. Rawlings. "It was moving," she said.', "Rawlings"),
    # A pronoun outside a quotation carries the chain: "her decision" is Lynch's.
    (
        "Loretta Lynch spoke on Monday. Critics questioned her decision to meet Hillary Clinton. "
        '"People tend not to say those things," she said.',
        "Loretta Lynch",
    ),
    # A name that only modifies a role before another name is not the subject.
    (
        'Clinton communication director Jennifer Palmieri criticised Trump. "He is wrong," she said.',
        "Jennifer Palmieri",
    ),
    # Possessives: the person, without the 's; an owner before a name is no part of it.
    ("Libertarian candidate Gary Johnson's doctor wrote a letter. He said he was fit.", "Gary Johnson"),
    ('The debates matter little, noted NBC\'s Dante Chinni. "They come late," he wrote.', "Dante Chinni"),
    # Of two people with one surname, "Johnson" is the one last named in full.
    (
        "Gary Johnson campaigned in Ohio. Homeland Security Secretary Jeh Johnson spoke later. "
        "Johnson said officials should be vigilant.",
        "Jeh Johnson",
    ),
    # A person before a place or a headline phrase in the same sentence.
    (
        "In a speech in Fort Pierce, Florida, Hillary Clinton laid out her plans. She said she would triple AmeriCorps.",
        "Hillary Clinton",
    ),
    # "it" and "they" go to organisations and groups.
    (
        "The Commission on Presidential Debates met on Friday. It said the microphone had been faulty.",
        "Commission on Presidential Debates",
    ),
    # A description by a title or an apposition names the person.
    (
        "Nikol Pashinyan, the prime minister, spoke on Monday. Levon Ter-Petrosyan was silent. "
        '"We will leave," the prime minister said.',
        "Nikol Pashinyan",
    ),
    (
        "The prime minister, Nikol Pashinyan, spoke on Monday. Levon Ter-Petrosyan was silent. "
        '"We will leave," the prime minister said.',
        "Nikol Pashinyan",
    ),
    # "the president" is not the vice president.
    (
        "President Barack Obama and Vice President Joseph R. Biden Jr. arrived. "
        '"This museum is a gift," the president said.',
        "Barack Obama",
    ),
    # "the newspaper" is the one the article names.
    (
        "The registration issue was first reported by The Washington Post. "
        "The newspaper said the foundation spent money on portraits.",
        "Washington Post",
    ),
    # A forename of the other gender yields to the only person there is.
    (
        "Prime Minister Nikol Pashinyan spoke in parliament. He said the decision was final.",
        "Nikol Pashinyan",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), RESOLUTION_CASES)
def test_pronouns_and_descriptions_resolve_to_the_entity_meant(text: str, speaker: str) -> None:
    quotes = extract_quotes(text)
    assert quotes, text
    assert quotes[-1].speaker == speaker, [q.to_dict() for q in quotes]


@pytest.mark.parametrize(
    "text",
    [
        # No person of that gender and no person at all: left unresolved, never a place.
        'The Middle East was quiet on Monday. "It is over," she said.',
        'Fort Pierce and Miami voted on Monday. "It is over," he said.',
    ],
)
def test_pronoun_without_an_agreeing_antecedent_stays_unresolved(text: str) -> None:
    quotes = extract_quotes(text)
    assert quotes and quotes[-1].speaker is None


@pytest.mark.parametrize(
    ("name", "title", "kind"),
    [
        ("Commission on Presidential Debates", "", "org"),
        ("Washington Post", "", "org"),
        ("DNC", "", "org"),
        ("Hillary Clinton", "", "person"),
        ("Obama", "Mr.", "person"),
        ("Democrats", "", "group"),
        ("Middle East", "", ""),
    ],
)
def test_entities_are_classified_by_title_forename_and_head_word(name: str, title: str, kind: str) -> None:
    assert classify(name, title) == kind


@pytest.mark.parametrize(
    ("title", "gender"), [("Mr.", "m"), ("Ms.", "f"), ("Prime Minister", ""), ("Mrs", "f")]
)
def test_gender_from_titles(title: str, gender: str) -> None:
    assert title_gender(title) == gender
