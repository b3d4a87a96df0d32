"""Find a Tender's rationale codes in words: a copy of a Find a Tender notice may give a
contract change's grounds or a termination's reason only as codes (the UK extension's
``rationaleClassifications`` and ``terminationRationaleClassifications``), joined by ``; ``.
Shown to a reader, each known code is its label in the reader's language; a text with any
word that is not a known code is the buyer's own and is shown as written."""

from __future__ import annotations

from .formatting import N_, text

SEPARATOR = "; "  # as the importer joins several codes
LABELS = {
    # A contract change's grounds (Procurement Act 2023, section 74 and Schedule 8).
    "providedContract": N_("Provided for in the contract"),
    "additionalGoodsServicesWorks": N_("Additional goods, services or works"),
    "transferCorporateRestructuring": N_("Transfer on corporate restructuring"),
    "unforeseeableCircumstances": N_("Unforeseeable circumstances"),
    # Why a contract ended (contract termination notice).
    "contractCompleted": N_("Contract completed"),
    "breachOfContract": N_("Breach of contract"),
    "mutuallyAgreed": N_("Ended by mutual agreement"),
    "other": N_("Other reason"),
}


def rationale_text(given: str, lang: str) -> str:
    """``given`` with each code in words in ``lang`` when it is codes alone, else as it is."""
    codes = [code.strip() for code in given.split(";")]
    if not codes or any(code not in LABELS for code in codes):
        return given
    return SEPARATOR.join(text(LABELS[code], lang) for code in codes)
