"""The typed notice model: front matter parsed once into frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

# Re-exported ("X as X"): the model is where callers find them.
from .codes import Category as Category
from .codes import DeadlineKind as DeadlineKind
from .codes import LegalBasis as LegalBasis
from .codes import NoticeGroup as NoticeGroup
from .codes import NoticeType as NoticeType
from .codes import Procedure as Procedure


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str = "GBP"
    amount_gross: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    email: str
    name: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    street: str | None = None
    locality: str | None = None
    postcode: str | None = None
    region: str | None = None


@dataclass(frozen=True, slots=True)
class Buyer:
    name: str
    id: str
    contact: Contact
    url: str | None = None
    address: Address | None = None


@dataclass(frozen=True, slots=True)
class Cpv:
    """A CPV 2008 code, always with its check digit."""

    code: str
    label: str

    @property
    def division(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class Region:
    """A UK ITL region."""

    code: str
    name: str

    @property
    def itl1(self) -> str:
        return self.code[:3]


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: DeadlineKind
    at: datetime


@dataclass(frozen=True, slots=True)
class ContractPeriod:
    start: date
    end: date
    extension_months: int | None = None


@dataclass(frozen=True, slots=True)
class Submission:
    methods: tuple[str, ...]
    url: str | None = None
    details: str | None = None


@dataclass(frozen=True, slots=True)
class Suitability:
    sme: bool = False
    vcse: bool = False


@dataclass(frozen=True, slots=True)
class Lot:
    id: str
    title: str
    description: str | None = None
    value: Money | None = None
    cpv: tuple[Cpv, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    url: str
    type: str | None = None
    format: str | None = None


@dataclass(frozen=True, slots=True)
class Supplier:
    name: str
    id: str | None = None
    sme: bool | None = None
    vcse: bool | None = None


@dataclass(frozen=True, slots=True)
class Award:
    date: date
    value: Money | None = None
    standstill_end: datetime | None = None
    lots: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Contract:
    id: str
    date_signed: date | None = None
    value: Money | None = None
    kpis: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Modification:
    description: str
    grounds: str
    new_value: Money | None = None
    new_end_date: date | None = None


@dataclass(frozen=True, slots=True)
class Ending:
    """Why and when a procurement was cancelled (UK12) or a contract terminated (UK11)."""

    date: date
    reason: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A field one change touched (its front-matter path, e.g. ``deadlines.tender``), with
    the published value and the new one as the entry writes them, when it gives them."""

    field: str
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of a notice's append-only ``changes`` list; ``number`` counts from 1.

    ``summary`` is the reason, in the buyer's words. A ``correction`` puts right a mistake
    in the text (a typo), still shown; a ``formal`` change is a legal amendment.
    """

    number: int
    date: datetime
    summary: str
    touched: tuple[FieldChange, ...] = ()
    formal: bool = False
    correction: bool = False

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(touched.field for touched in self.touched)


@dataclass(frozen=True, slots=True)
class FindATender:
    url: str
    notice_id: str | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """One procurement notice in one language."""

    source_path: str
    slug: str
    notice_type: NoticeType
    notice_id: str
    ocid: str
    published: datetime
    updated: datetime
    title: str
    summary: str
    buyer: Buyer
    lang: str = "en"
    legal_basis: LegalBasis = LegalBasis.PA2023
    find_a_tender: FindATender | None = None
    category: Category | None = None
    cpv: tuple[Cpv, ...] = ()
    regions: tuple[Region, ...] = ()
    value: Money | None = None
    above_threshold: bool | None = None
    procedure: Procedure | None = None
    deadlines: tuple[Deadline, ...] = ()
    future_notice_date: date | None = None
    contract_period: ContractPeriod | None = None
    submission: Submission | None = None
    suitability: Suitability | None = None
    award_criteria: str | None = None
    lots: tuple[Lot, ...] = ()
    documents: tuple[Document, ...] = ()
    suppliers: tuple[Supplier, ...] = ()
    award: Award | None = None
    direct_award_justification: str | None = None
    contract: Contract | None = None
    modification: Modification | None = None
    termination: Ending | None = None
    cancellation: Ending | None = None
    changes: tuple[Change, ...] = ()
    # What the public record compares, field by field (see record.py): set by parse.py.
    facts: tuple[tuple[str, str], ...] = ()
    # The Markdown body as written, below the front matter (the page shows it rendered).
    body: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """What must be unique across the site: the notice id in one language."""
        return (self.notice_id, self.lang)

    def deadline(self, kind: DeadlineKind) -> datetime | None:
        return next((d.at for d in self.deadlines if d.kind is kind), None)
