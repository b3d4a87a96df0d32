"""Longer notice bodies for the benchmark corpus: 300-600 words with headings, lists and a table.

The sample notices' bodies are 90-200 words; real tender descriptions are longer, and Markdown
parsing is most of a build's cost, so the generated corpus pads each body to a target length
drawn from a seeded generator. The text is built from phrase lists (English or Welsh, as the
notice's ``lang``) mixed with paragraphs of other sample notices, so the same seed always gives
the same bytes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

MIN_WORDS = 320
MAX_WORDS = 580
"""Targets inside the issue's 300-600 so a renderer's slightly different word split still fits."""

_SYNTAX_ONLY = re.compile(r"[|#*:\-]+")


@dataclass(frozen=True)
class Phrases:
    """The phrase lists one language's generated text is drawn from."""

    subjects: Sequence[str]
    verbs: Sequence[str]
    objects: Sequence[str]
    qualifiers: Sequence[str]
    headings: Sequence[str]
    table_head: tuple[str, str, str]


ENGLISH = Phrases(
    subjects=(
        "The supplier will",
        "The contractor will",
        "The council will",
        "Each bidder should",
        "The successful tenderer must",
        "The provider is expected to",
        "The framework supplier may",
        "The service provider is required to",
    ),
    verbs=(
        "deliver",
        "maintain",
        "provide",
        "support",
        "monitor",
        "report on",
        "manage",
        "improve",
        "review",
        "coordinate",
        "plan",
        "record",
        "inspect",
        "replace",
        "upgrade",
    ),
    objects=(
        "the service",
        "all equipment",
        "the work programme",
        "customer records",
        "safety inspections",
        "the asset register",
        "site access arrangements",
        "the quality plan",
        "performance data",
        "training for staff",
        "carbon reporting",
        "the mobilisation plan",
        "community benefits",
        "the risk register",
        "waste and recycling",
        "spare parts",
        "the helpdesk",
    ),
    qualifiers=(
        "across the county",
        "in line with the specification",
        "within agreed response times",
        "during the contract period",
        "at no extra cost to the council",
        "to the standards in Schedule 2",
        "in English and Welsh",
        "each quarter",
        "before the start date",
        "for every site",
        "with the council's contract manager",
        "using the council's portal",
        "throughout mobilisation",
        "in each geographic lot",
    ),
    headings=(
        "Background",
        "Scope of the requirement",
        "Service levels",
        "Social value",
        "Sustainability and net zero",
        "Mobilisation",
        "Contract management",
        "Quality and performance",
        "Health and safety",
        "Data protection",
        "Timetable",
        "Welsh language standards",
        "Payment and invoicing",
    ),
    table_head=("Item", "Quantity", "Estimated value"),
)

WELSH = Phrases(
    subjects=(
        "Bydd y cyflenwr yn",
        "Bydd y contractwr yn",
        "Bydd y cyngor yn",
        "Bydd pob cynigydd yn",
        "Bydd y darparwr yn",
        "Bydd y tendrwr llwyddiannus yn",
    ),
    verbs=(
        "darparu",
        "cynnal",
        "cefnogi",
        "monitro",
        "rheoli",
        "gwella",
        "adolygu",
        "cydlynu",
        "cynllunio",
        "cofnodi",
        "archwilio",
    ),
    objects=(
        "y gwasanaeth",
        "yr holl offer",
        "y rhaglen waith",
        "cofnodion cwsmeriaid",
        "archwiliadau diogelwch",
        "y gofrestr asedau",
        "y cynllun ansawdd",
        "data perfformiad",
        "hyfforddiant i staff",
        "adroddiadau carbon",
        "buddion cymunedol",
        "y gofrestr risg",
    ),
    qualifiers=(
        "ar draws y sir",
        "yn unol â'r fanyleb",
        "o fewn yr amseroedd ymateb y cytunwyd arnynt",
        "yn ystod cyfnod y contract",
        "heb gost ychwanegol i'r cyngor",
        "yn Gymraeg ac yn Saesneg",
        "bob chwarter",
        "cyn y dyddiad dechrau",
        "ar gyfer pob safle",
        "gyda rheolwr contract y cyngor",
    ),
    headings=(
        "Cefndir",
        "Cwmpas y gofyniad",
        "Lefelau gwasanaeth",
        "Gwerth cymdeithasol",
        "Cynaliadwyedd a sero net",
        "Rheoli'r contract",
        "Ansawdd a pherfformiad",
        "Iechyd a diogelwch",
        "Diogelu data",
        "Amserlen",
        "Safonau'r Gymraeg",
        "Talu ac anfonebu",
    ),
    table_head=("Eitem", "Nifer", "Gwerth amcangyfrifedig"),
)


def word_count(markdown: str) -> int:
    """Words a reader sees: whitespace-separated tokens that are not Markdown syntax alone."""
    return sum(1 for token in markdown.split() if not _SYNTAX_ONLY.fullmatch(token))


def paragraphs(body: str) -> list[str]:
    """The plain paragraphs of a body (no headings, lists or tables), for mixing into others."""
    blocks = (block.strip() for block in body.split("\n\n"))
    return [block for block in blocks if block and not block.startswith(("#", "-", "|", "1."))]


def lengthen(body: str, phrases: Phrases, pool: Sequence[str], rng: random.Random) -> str:
    """``body`` with sections appended until it has a seeded 320-580 words."""
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    writer = _Writer(phrases, rng)
    sections = [writer.heading(), writer.paragraph(2), writer.bullets(), writer.table()]
    words = word_count(body) + sum(map(word_count, sections))
    # Paragraphs of other notices only: repeating one's own text would look like a copy.
    others = [paragraph for paragraph in pool if paragraph not in body]
    makers: list[Callable[[], str]] = [
        lambda: f"{writer.heading()}\n\n{writer.paragraph(rng.randint(1, 3))}",
        lambda: writer.paragraph(rng.randint(2, 4)),
        lambda: rng.choice(others) if others else writer.paragraph(2),
        lambda: f"{writer.paragraph(1)}\n\n{writer.bullets()}",
    ]
    while True:
        block = rng.choice(makers)()
        if words + word_count(block) > target:
            break
        sections.append(block)
        words += word_count(block)
    filler = writer.sentences_within(target - words)
    if filler:
        sections.append(filler)
    return body.rstrip("\n") + "\n\n" + "\n\n".join(sections) + "\n"


class _Writer:
    """Seeded sentences, headings, lists and tables in one language."""

    def __init__(self, phrases: Phrases, rng: random.Random) -> None:
        self.phrases = phrases
        self.rng = rng

    def sentence(self) -> str:
        p, rng = self.phrases, self.rng
        thing = rng.choice(p.objects)
        if rng.random() < 0.15:
            thing = f"**{thing}**"
        return f"{rng.choice(p.subjects)} {rng.choice(p.verbs)} {thing} {rng.choice(p.qualifiers)}."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def sentences_within(self, words: int) -> str:
        """As many sentences as fit in ``words``, as one paragraph (empty if none fits)."""
        chosen: list[str] = []
        while True:
            candidate = self.sentence()
            if word_count(" ".join([*chosen, candidate])) > words:
                return " ".join(chosen)
            chosen.append(candidate)

    def heading(self) -> str:
        level = "###" if self.rng.random() < 0.3 else "##"
        return f"{level} {self.rng.choice(self.phrases.headings)}"

    def bullets(self) -> str:
        p, rng = self.phrases, self.rng
        items = (
            f"- {rng.choice(p.verbs)} {rng.choice(p.objects)} {rng.choice(p.qualifiers)}"
            for _ in range(rng.randint(3, 5))
        )
        return "\n".join(items)

    def table(self) -> str:
        head = self.phrases.table_head
        rows = [
            f"| {self.rng.choice(self.phrases.objects).capitalize()} | {self.rng.randint(1, 400)} "
            f"| £{self.rng.randint(5, 900) * 1000:,} |"
            for _ in range(self.rng.randint(3, 5))
        ]
        return "\n".join([f"| {' | '.join(head)} |", "|---|---:|---:|", *rows])
