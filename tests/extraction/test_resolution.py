"""Speaker resolution: pronouns and descriptions go to the person or organisation they stand for."""

from __future__ import annotations

import pytest

from quotes.extraction import extract_quotes
from quotes.extraction.agreement import classify, title_gender
from quotes.extraction.models import RULES_ONLY

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
    # "Cruz" after "Heidi Cruz" was named: for "he", the earlier namesake.
    (
        "Ted Cruz endorsed the nominee. His wife Heidi Cruz was attacked in March. "
        'Delegates asked how Cruz could support him. "It became personal," he said.',
        "Ted Cruz",
    ),
    # A description with an apposition leaves the chain to the name it gives.
    (
        "Enrique Pena Nieto met Trump. The minister of the economy, Mr. Ildefonso Guajardo, argues "
        'there is little point in responding. "We must not overreact," he told me.',
        "Ildefonso Guajardo",
    ),
    # Names in a fronted phrase come after the subject.
    (
        "In an interview with host Rusty Humphries, Carter Ham made it clear he had misgivings. "
        '"It was demoralizing," he told the host.',
        "Carter Ham",
    ),
    # A lone pronoun after the quotation is a pronoun, not a description "she".
    (
        'Loretta Lynch spoke on Monday.\n\n"We will get there together," she said at a news conference.',
        "Loretta Lynch",
    ),
    # "the president" for the one-word name that has that title.
    (
        "Adam Schiff called on President Obama to retaliate. This week, the president declined to act.",
        "Obama",
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
    # A description opening a sentence continues the chain it varies.
    (
        "Mike Pence says too much is made of the tweets. The vice presidential nominee was speaking "
        "in Fort Wayne after Donald Trump's tweets. The Indiana governor said the media are to blame.",
        "Mike Pence",
    ),
    # "The campaign" of the person the text is about; "Donald Trump's campaign" is what "it" stands for.
    (
        "Hillary Clinton plans to call on young people to serve. The campaign says she will announce plans.",
        "Hillary Clinton\u2019s campaign",
    ),
    (
        "Donald Trump\u2019s campaign is defending his tweets. It\u2019s denouncing what it calls a smear.",
        "Donald Trump\u2019s campaign",
    ),
    # A verb ends a description opening a sentence: the role after "says" is not the subject's.
    (
        "Hillary Clinton plans to call on young people to serve. "
        "The campaign says the Democratic presidential candidate will announce plans on Friday.",
        "Hillary Clinton\u2019s campaign",
    ),
    # "the campaign" is an organisation, not the person whose title holds "campaign".
    (
        "The state campaign chairman, Jim Lovell, said he had not seen the letter. "
        "Hillary Clinton plans to call on young people to serve. The campaign says she will speak.",
        "Hillary Clinton\u2019s campaign",
    ),
    # A description set off before a name in apposition is that name.
    ("The state campaign chairman, Jim Lovell, said he had not seen the letter.", "Jim Lovell"),
    # A sentence's opening adverb or conjunction is no part of the name after it.
    (
        "Tim Kaine spoke in Richmond on Monday. Though Kaine is a Catholic, he said he supports the right to choose.",
        "Tim Kaine",
    ),
    # A descriptor before a forename and a surname joins the title.
    ("Vermonter Bernie Sanders won the state. He said the result was a message.", "Bernie Sanders"),
    ("Billionaire Donald Trump said the wall would be built.", "Donald Trump"),
    # "on" joins "Commission on Presidential Debates" but ends a person's name before a day.
    ("Bill Clinton on Monday praised the plan in Ohio. \u201cWe will win,\u201d he said.", "Bill Clinton"),
    # A fronted subordinate clause's names come after the main clause's.
    (
        "Ted Cruz spoke in Iowa on Monday. While Cruz had many donors, the money has not come for "
        "Hillary Clinton, which worries Henry Crespo, a party official. \u201cNo one gives to her,\u201d he said.",
        "Henry Crespo",
    ),
    # The earlier namesakes of a surname come after everyone else the sentence names.
    (
        "Bill Clinton and Hillary Clinton toured Ohio. Clinton later met Henry Crespo, a party official. "
        "\u201cShe is right,\u201d he said.",
        "Henry Crespo",
    ),
    # "the appeals court" is the court whose name shares its modifier, not the one named since;
    # "for the Sixth Circuit" belongs to the court's name.
    (
        "The U.S. Court of Appeals for the Sixth Circuit heard the case after the U.S. district court "
        "upheld the law. The appeals court ruled that the practice was unlawful.",
        "U.S. Court of Appeals for the Sixth Circuit",
    ),
    # "the company" may be an organisation an apposition called one, but never a person so titled.
    (
        "United Technologies, the parent company of Carrier, moved the plant to Mexico. "
        "The company says it fears losing its customers.",
        "United Technologies",
    ),
    # A person an apposition made "a member of the committee" is not "the committee".
    (
        "Rakeyia Scott, a member of the committee, spoke on Monday. The committee said it would meet again.",
        "committee",
    ),
    # A question's auxiliary opening a sentence is no part of the name.
    (
        "Marco Rubio spoke in Iowa. Does Rubio believe he can win? He said the voters would decide.",
        "Marco Rubio",
    ),
    # "it" may be a document the text named.
    ("A Bloomberg poll was published on Monday. It found that most voters are undecided.", "Bloomberg poll"),
    # Coordinated roles are a description, not a name "U.S.".
    (
        "Hillary Clinton spoke at the forum. The former first lady and U.S. senator said it was a mistake.",
        "Hillary Clinton",
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


def test_headline_description_is_the_person_the_lead_gives_that_role() -> None:
    text = (
        "Senator urges retaliation on Russia.\n\n"
        "Senator Adam Schiff called on President Obama to retaliate against Russia."
    )
    quotes = extract_quotes(text)
    assert quotes[0].speaker == "Adam Schiff"
    assert text[quotes[0].speaker_start : quotes[0].speaker_end] == "Senator"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A headline's verb before a quotation mark ends the name: "Reveals" is no one.
        (
            "Retired General Reveals \u2018Shocking\u2019 Experience Of Serving Abroad.\n\n"
            "Retired Air Force Gen. Carter Ham is speaking out about the problems he has with the army.",
            "Carter Ham",
        ),
        # A generic role covers the offices under it: a representative is a lawmaker, a justice a judge.
        (
            "Lawmaker urges retaliation on Russia.\n\n"
            "President Barack Obama was asked on Monday to retaliate by Rep. Adam Smith of Washington.",
            "Adam Smith",
        ),
        (
            "Judge rejects request to unseal the divorce file.\n\n"
            "A judge has rejected Donald Trump's request to unseal the file.\n\n"
            "Supreme Court Justice Frank Norton ruled that the courts have no business in it.",
            "Frank Norton",
        ),
        # No one in the lead has the role: the first person the lead quotes by name, not the first named.
        (
            "Former party chairman calls for a contingency plan.\n\n"
            "A former party chairman says President Barack Obama should come up with a plan.\n\n"
            "\u201cNow is the time to act,\u201d said Don Fowler, who led the party in the 1990s.",
            "Don Fowler",
        ),
    ],
)
def test_headline_descriptions_resolve_to_the_lead_person(text: str, speaker: str) -> None:
    quotes = extract_quotes(text)
    assert quotes[0].speaker == speaker, [q.to_dict() for q in quotes]
    assert quotes[0].start < text.index("\n")


def test_a_capitalised_determiner_before_a_document_head_names_no_document() -> None:
    # "The" alone before "report" is no source (this once raised IndexError).
    quotes = extract_quotes("Taxes rose sharply, according to The report of the panel.")
    assert [q.speaker for q in quotes] == ["report of the panel"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # A document named by its source speaks; "the poll" and a headline's "Poll" are that poll.
        (
            "Poll: Voters Abandon the Party.\n\nA Bloomberg poll shows that wealthy voters have left "
            "the party. Clinton leads by 4 points, according to the poll.",
            ["Bloomberg poll", "Bloomberg poll", "Bloomberg poll"],
        ),
        # "Reuters/Ipsos" is one source; "the survey" is of the poll's family.
        (
            "New Poll Shows Small Bump For Clinton.\n\nA new Reuters/Ipsos poll shows a small bump "
            "for Clinton. The survey found that voters liked her.",
            ["Reuters/Ipsos poll", "Reuters/Ipsos poll", "Reuters/Ipsos poll"],
        ),
        # The fullest form keeps the survey's scope; "the study" may stand for a survey.
        (
            "Turnout is low in the big counties, according to a recent Reuters survey of voter lists. "
            "The study found that the counties lean Democratic.",
            ["Reuters survey of voter lists", "Reuters survey of voter lists"],
        ),
        # A capitalised "New" of the source's own name stays ("New York Times"); a scope ends before
        # a participle, and a poll "of" its scope is the source, not the scope.
        (
            "A New York Times/CBS News poll found that voters are split. "
            "A CNN/ORC poll of South Carolina released on Monday found that Trump leads. The poll said he was ahead.",
            [
                "New York Times/CBS News poll",
                "CNN/ORC poll of South Carolina",
                "CNN/ORC poll of South Carolina",
            ],
        ),
        # "a new poll" names no poll: left as written, and no later "the poll" takes a source from it.
        (
            "A new poll shows that wealthy voters have left the party. The poll found that they are unsure.",
            ["A new poll", "poll"],
        ),
    ],
)
def test_documents_named_by_their_source_are_speakers(text: str, speakers: list[str]) -> None:
    # The rules' own confidence: what is tested is who speaks, not how sure the scorer is.
    assert [q.speaker for q in extract_quotes(text, models=RULES_ONLY)] == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "X's lawyer" is the person the text made X's lawyer, never X.
        (
            "Bryan Pagliano refused to testify. His lawyer, Mark Kessler, wrote to the committee. "
            "Bryan Pagliano stayed silent. However, Pagliano's lawyer has said he will refuse to answer.",
            "Mark Kessler",
        ),
        # A namesake may own: "Scott's wife" after "Keith Scott ... His wife, Rakeyia Scott".
        (
            "Keith Scott was shot on Tuesday. His wife, Rakeyia Scott, filmed the encounter. "
            "Scott's wife pleads for his life in the video, saying he has no gun.",
            "Rakeyia Scott",
        ),
        (
            "Donald Trump and his ex-wife Ivana Trump filed papers. The nominee argued that the files "
            "are private. His ex-wife agreed that the case was closed.",
            "Ivana Trump",
        ),
        # No one was given the role: the description stays as written, not its owner.
        (
            "Gary Johnson released a letter from his doctor. Johnson's doctor said he is fit.",
            "Johnson's doctor",
        ),
    ],
)
def test_relational_descriptions_resolve_to_the_relative_not_the_owner(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        # No person of that gender and no person at all: left unresolved, never a place.
        'The Middle East was quiet on Monday. "It is over," she said.',
        'Fort Pierce and Miami voted on Monday. "It is over," he said.',
        # A name with a joiner no person's name has is no antecedent for "she".
        'Organizing for Action met on Monday. "It is over," she said.',
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
        ("U.S. Court of Appeals", "", "org"),
    ],
)
def test_entities_are_classified_by_title_forename_and_head_word(name: str, title: str, kind: str) -> None:
    assert classify(name, title) == kind


@pytest.mark.parametrize(
    ("title", "gender"), [("Mr.", "m"), ("Ms.", "f"), ("Prime Minister", ""), ("Mrs", "f")]
)
def test_gender_from_titles(title: str, gender: str) -> None:
    assert title_gender(title) == gender


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A letters page: each letter is signed by the name line after it.
        (
            "LETTERS.\n\nI believe the emails were a distraction from real issues.\n\nToni Williams.\n\n"
            "I think the FBI should stay out of the election.\n\nVicki Venhuizen.",
            "Vicki Venhuizen",
        ),
        # An opinion piece: the closing bio names the author.
        (
            "I know all about normalizing hate and what it does.\n\n"
            "Charlotte Meehan is playwright-in-residence at Wheaton College.",
            "Charlotte Meehan",
        ),
    ],
)
def test_first_person_outside_quotations_is_the_author(text: str, speaker: str) -> None:
    quotes = [q for q in extract_quotes(text) if q.speaker_start is not None]
    assert quotes
    assert quotes[-1].speaker == speaker
    assert text[quotes[-1].speaker_start : quotes[-1].speaker_end] == "I"  # type: ignore[misc]


def test_floating_quote_follows_its_leader_once_a_later_pass_names_it() -> None:
    text = (
        "Senator urges retaliation on Russia.\n\n"
        '"We must act now and we must act hard."\n\n'
        "Senator Adam Schiff called on President Obama to retaliate."
    )
    quotes = [q for q in extract_quotes(text) if q.start < text.index("Senator Adam")]
    assert [q.rule for q in quotes] == ["after", "floating"]
    assert [q.speaker for q in quotes] == ["Adam Schiff", "Adam Schiff"]
