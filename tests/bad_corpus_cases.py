"""The bad-notice corpus's cases: the problems each file of tests/bad_notices/ must give.

Expected lines were counted by hand in each file (line 1 is the opening '---'). A case marked
with a bug is one the plugin gets wrong today; its reason says what should happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BAD = Path(__file__).parent / "bad_notices"
BASE = BAD / "base" / "highway-resurfacing-framework.md"

# What a test checks, so a known bug can be marked on just the checks it breaks.
FOUND, ONLY, PRINTED, REJECTED = "found", "only", "printed", "rejected"
EVERYTHING = (FOUND, ONLY, PRINTED, REJECTED)


@dataclass(frozen=True)
class Expected:
    line: int
    field: str
    text: str  # part of "message — fix"
    file: str = ""  # the file the problem names; the case's own file if empty


@dataclass(frozen=True)
class Bug:
    reason: str
    breaks: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    name: str  # file (or, for site-wide cases, folder) under tests/bad_notices/
    expected: tuple[Expected, ...]
    bug: Bug | None = None
    generate: bool = False  # written into tmp_path by make_file(), not committed
    sitewide: bool = False


CASES = [
    # The file as a whole
    Case("empty.md", (Expected(1, "file", "the file is empty"),)),
    Case("huge.md", (Expected(1, "file", "over the 1,000,000-byte limit"),), generate=True),
    Case("latin-1.md", (Expected(71, "file", "byte 0xa3 is not valid UTF-8 text"),)),
    Case("control-character-bel.md", (Expected(12, "text", "U+0007 in column 16"),)),
    Case(
        "control-character-vt.md",
        (Expected(12, "text", "U+000B in column 16"),),
    ),
    Case(
        "control-character-in-body.md",
        (Expected(77, "text", "U+000C in column 6"),),
    ),
    # Front matter that cannot be read
    Case("no-opening-fence.md", (Expected(1, "front matter", "does not start with a '---' line"),)),
    Case("front-matter-never-closed.md", (Expected(1, "front matter", "never closed"),)),
    Case("bad-indentation.md", (Expected(15, "front matter", "the YAML cannot be read"),)),
    Case("field-given-twice.md", (Expected(12, "title", "this field is given twice"),)),
    # Schema
    Case("amount-not-a-number.md", (Expected(32, "value.amount", "this should be a number"),)),
    Case(
        "boolean-written-yes.md", (Expected(35, "above_threshold", "this should be true or false"),)
    ),
    Case(
        "unknown-notice-type.md",
        (Expected(3, "notice_type", "'UK 4' is not allowed — use one of"),),
    ),
    Case("missing-summary.md", (Expected(2, "summary", "this required field is missing"),)),
    Case(
        "misspelt-field.md",
        # Its tender deadline is then missing too: only a warning, as the notice copies Find a
        # Tender's (see tests/test_rules_copies.py).
        (Expected(37, "deadlnes", "unknown field 'deadlnes' — did you mean 'deadlines'?"),),
    ),
    Case(
        "misspelt-nested-field.md",
        (
            Expected(22, "buyer.contact.email", "this required field is missing"),
            Expected(24, "buyer.contact.emial", "did you mean 'email'?"),
        ),
    ),
    Case(
        "unknown-field.md",
        (
            Expected(
                52, "internal_notes", "unknown field 'internal_notes' — remove it, or use one of"
            ),
        ),
    ),
    Case("negative-value.md", (Expected(32, "value.amount", "-18000000 is below 0"),)),
    Case(
        "datetime-without-offset.md",
        (
            Expected(
                39,
                "deadlines.tender",
                "not in the expected form — write a date and time with its UTC offset",
            ),
        ),
    ),
    # Code lists
    Case("cpv-unknown.md", (Expected(28, "cpv[0]", "'45999999-2' is not a CPV 2008 code"),)),
    Case(
        "cpv-wrong-check-digit.md",
        (Expected(28, "cpv[0]", "'45000000-3' has the wrong check digit — write 45000000-7"),),
    ),
    Case("unknown-region.md", (Expected(30, "regions[0]", "'TLL99' is not a UK ITL region"),)),
    Case(
        "unknown-currency.md",
        (Expected(34, "value.currency", "'XYZ' is not an ISO 4217 currency"),),
    ),
    # Dates
    Case(
        "impossible-datetime.md",
        (Expected(6, "published", "'2026-02-30T09:00:00+00:00' is not a real date and time"),),
    ),
    Case(
        "impossible-date.md",
        (Expected(41, "contract_period.start", "'2026-02-30' is not a real date"),),
    ),
    Case(
        "deadline-before-publication.md",
        (Expected(38, "deadlines.enquiry", "not after the notice is published"),),
    ),
    Case(
        "enquiry-after-tender.md", (Expected(38, "deadlines.enquiry", "after the tender deadline"),)
    ),
    Case(
        "contract-ends-before-start.md",
        (Expected(42, "contract_period.end", "ends before it starts"),),
    ),
    Case(
        "changes-out-of-order.md",
        (Expected(70, "changes[1].date", "dated before the one above it"),),
    ),
    Case(
        "updated-before-last-change.md",
        (Expected(7, "updated", "set updated to 2026-11-12T15:30:00+00:00 or later"),),
    ),
    # Money
    Case(
        "gross-below-net.md",
        (Expected(33, "value.amount_gross", "less than the amount excluding VAT"),),
    ),
    # Fields per notice type
    # (Not its tender deadline: Find a Tender publishes tender notices without one, so a
    # copy of one, as this is, is only warned; see tests/test_rules_copies.py.)
    Case(
        "tender-missing-procedure.md",
        (Expected(3, "notice_type", "a UK4 tender notice needs 'procedure'"),),
    ),
    Case(
        "tender-with-cancellation.md",
        (
            Expected(
                52,
                "cancellation",
                "does not belong in a UK4 tender notice — remove it: it belongs in a UK12",
            ),
        ),
    ),
    # A regulated notice without its Find a Tender link is held, not bad: see
    # tests/test_find_a_tender_first.py (it was regulated-without-find-a-tender.md here).
    Case("duplicate-lot-ids.md", (Expected(56, "lots[1].id", "lot id '1' is used twice"),)),
    # Body
    Case("script-in-body.md", (Expected(79, "body", "HTML <script> is not allowed"),)),
    Case(
        "onclick-in-body.md",
        (Expected(93, "body", "event handler attributes (on...=) are not allowed"),),
    ),
    Case("javascript-link.md", (Expected(77, "body", "a link to a javascript:"),)),
    Case("level-one-heading.md", (Expected(85, "body", "a level-1 heading"),)),
    # Across files
    Case(
        "sitewide-duplicate-id",
        (
            Expected(
                4,
                "notice_id",
                "'ACC-2026-0031' is already used by sitewide-duplicate-id/highway-resurfacing-framework.md",
                file="sitewide-duplicate-id/surface-dressing-2027.md",
            ),
        ),
        sitewide=True,
    ),
    Case(
        # The copy's path sorts before the original's: the later-published copy is still blamed.
        "sitewide-duplicate-id-copy-sorts-first",
        (
            Expected(
                4,
                "notice_id",
                "is already used by sitewide-duplicate-id-copy-sorts-first/highway-resurfacing-framework.md",
                file="sitewide-duplicate-id-copy-sorts-first/footway-repairs-2027.md",
            ),
        ),
        sitewide=True,
    ),
]
