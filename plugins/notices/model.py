"""The typed notice model: front matter parsed once into frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

# Re-exported ("X as X"): the model is where callers find them.
from .codes import Category as Category
from .codes import DeadlineKind as DeadlineKind
from .codes import KpiRating as KpiRating
from .codes import LegalBasis as LegalBasis
from .codes import NoticeGroup as NoticeGroup
from .codes import NoticeType as NoticeType
from .codes import PlaceKind as PlaceKind
from .codes import Procedure as Procedure


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str = "GBP"
    amount_gross: Decimal | None = None
    # An estimate given as a range: its lowest amount (``amount`` is then the highest).
    minimum: Decimal | None = None


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
    """The buyer; ``id`` is None when no organisation identifier was ever published for it."""

    name: str
    id: str | None
    contact: Contact
    url: str | None = None
    address: Address | None = None
    # The buyer is a central purchasing body buying for others (those in joint_buyers).
    central_purchasing_body: bool = False


@dataclass(frozen=True, slots=True)
class JointBuyer:
    """Another buyer of a joint procurement, or one a central purchasing body buys for."""

    name: str
    id: str | None = None
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
class Place:
    """A delivery place that is not an ITL region: a whole area, a postcode or words."""

    kind: PlaceKind
    value: str


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: DeadlineKind
    at: datetime


@dataclass(frozen=True, slots=True)
class ContractPeriod:
    start: date
    end: date
    extension_months: int | None = None
    extensions: str | None = None  # the options to extend, in the buyer's words


# ISO 8601 units a duration may be written in, and how many days each is exactly (if it is).
DURATION_UNITS = {"D": 1, "W": 7, "M": None, "Y": None}


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time as the notice gives it: ``count`` days, weeks, months or years."""

    count: int
    unit: str  # D, W, M or Y

    @property
    def days(self) -> int | None:
        """The length in days when its unit fixes it (days, weeks), else None."""
        per_unit = DURATION_UNITS[self.unit]
        return None if per_unit is None else self.count * per_unit

    def __str__(self) -> str:
        return f"P{self.count}{self.unit}"


@dataclass(frozen=True, slots=True)
class ContractDuration:
    """A contract period given as a length (``duration: P36M``), with or without a start."""

    duration: Duration
    start: date | None = None
    extension_months: int | None = None
    extensions: str | None = None


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
    title: str | None = None  # some portals give a lot only its number and description
    description: str | None = None
    value: Money | None = None
    cpv: tuple[Cpv, ...] = ()
    # The lot's own period, when the lots' periods differ (dates, or a length).
    contract_period: ContractPeriod | None = None
    contract_duration: ContractDuration | None = None
    # Where the lot is delivered, how it is assessed and whom it suits, when the lot says.
    regions: tuple[Region, ...] = ()
    places: tuple[Place, ...] = ()
    award_criteria: str | None = None
    suitability: Suitability | None = None


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    url: str
    type: str | None = None
    format: str | None = None
    description: str | None = None
    date: date | None = None  # the day it was published
    language: str | None = None  # ISO 639-1, when the document gives it


@dataclass(frozen=True, slots=True)
class RelatedProcess:
    """Another process this one belongs to or follows from, named by its ``ocid``, by
    ``scheme`` and ``identifier`` (an OJEU notice: ``EU-OJ``, ``2024/S 000-034328``) or ``url``."""

    relationship: str  # an OCDS related process code: framework, planning, prior…
    ocid: str | None = None
    scheme: str | None = None
    identifier: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Supplier:
    name: str
    id: str | None = None
    sme: bool | None = None
    vcse: bool | None = None


@dataclass(frozen=True, slots=True)
class Award:
    """One award decision: its lots and, when a notice gives several, its suppliers (names
    from the notice's ``suppliers``; none named means all of them) and OCDS status."""

    date: date
    value: Money | None = None
    standstill_end: datetime | None = None
    lots: tuple[str, ...] = ()
    suppliers: tuple[str, ...] = ()
    status: str | None = None  # pending, active or cancelled, when the notice says


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
class KpiAssessment:
    """One key performance indicator as assessed for a period (UK9, s.71)."""

    kpi: str  # the indicator, in the buyer's words
    rating: KpiRating
    start: date
    end: date
    target: str | None = None
    measure: str | None = None  # what the period's performance was


@dataclass(frozen=True, slots=True)
class Performance:
    """What a contract performance notice (UK9) reports: the KPIs assessed, and a breach."""

    assessments: tuple[KpiAssessment, ...] = ()
    breach: str | None = None  # a breach or failure to perform (s.71(2)), in the buyer's words


@dataclass(frozen=True, slots=True)
class DynamicMarket:
    """A dynamic market (UK13 to UK16): when it runs, whom it admits, and who joined or left."""

    start: date | None = None  # when it is (to be) established
    end: date | None = None  # when it ends or ended; None: no end set
    conditions: str | None = None  # conditions of membership
    added: tuple[Supplier, ...] = ()  # suppliers admitted (UK15)
    removed: tuple[Supplier, ...] = ()  # suppliers removed (UK15)


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
    # The other buyers, after the one who publishes the notice (``buyer``).
    joint_buyers: tuple[JointBuyer, ...] = ()
    # The buyer's own reference for the procurement (OCDS tender.id), e.g. RA348114.
    reference: str | None = None
    legal_basis: LegalBasis = LegalBasis.PA2023
    find_a_tender: FindATender | None = None
    category: Category | None = None
    cpv: tuple[Cpv, ...] = ()
    regions: tuple[Region, ...] = ()
    places: tuple[Place, ...] = ()
    value: Money | None = None
    above_threshold: bool | None = None
    procedure: Procedure | None = None
    deadlines: tuple[Deadline, ...] = ()
    # When tenders closed, on an award notice (its deadlines.tender): past, never a deadline.
    tenders_closed: datetime | None = None
    future_notice_date: date | None = None
    contract_period: ContractPeriod | None = None  # given as dates
    contract_duration: ContractDuration | None = None  # given as a length instead
    submission: Submission | None = None
    suitability: Suitability | None = None
    award_criteria: str | None = None
    lots: tuple[Lot, ...] = ()
    documents: tuple[Document, ...] = ()
    related: tuple[RelatedProcess, ...] = ()
    suppliers: tuple[Supplier, ...] = ()
    # The award decisions: the one ``award``, or each of ``awards`` (one per lot or supplier).
    awards: tuple[Award, ...] = ()
    direct_award_justification: str | None = None
    contract: Contract | None = None
    modification: Modification | None = None
    performance: Performance | None = None
    dynamic_market: DynamicMarket | None = None
    termination: Ending | None = None
    cancellation: Ending | None = None
    changes: tuple[Change, ...] = ()
    # What the public record compares, field by field (see record.py): set by parse.py.
    facts: tuple[tuple[str, str], ...] = ()
    # The Markdown body as written, below the front matter (the page shows it rendered);
    # empty once a build has read it (bulk.read_notice keeps its HTML and body_text instead).
    body: str = ""
    # The body as plain text (OCDS's description), made by the reader with the page's HTML
    # (bulk.read_notice); None when the notice was loaded without rendering its body.
    body_text: str | None = None

    @property
    def award(self) -> Award | None:
        """The award decision, when the notice gives one (not several)."""
        return self.awards[0] if len(self.awards) == 1 else None

    @property
    def key(self) -> tuple[str, str]:
        """What must be unique across the site: the notice id in one language."""
        return (self.notice_id, self.lang)

    def deadline(self, kind: DeadlineKind) -> datetime | None:
        return next((d.at for d in self.deadlines if d.kind is kind), None)
