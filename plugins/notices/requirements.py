"""Which fields each notice type needs, allows and forbids, by the rules it is under.

The table is the Procurement Act 2023's. A notice under the Public Contracts Regulations
2015 (or their Scottish counterpart) is judged by those: they ask for no SME or VCSE
suitability and no submission method, and an estimated value only where known.
"""

from __future__ import annotations

from .model import LegalBasis, NoticeType

COMMON_FIELDS = frozenset(
    {
        "notice_type",
        "notice_id",
        "ocid",
        "published",
        "updated",
        "legal_basis",
        "find_a_tender",
        "lang",
        "title",
        "summary",
        "buyer",
        "joint_buyers",
        "documents",
        "related",
        "changes",
        "reference",
        "above_threshold",
        "award_criteria",
        "lots",
    }
)

# What a dynamic market's intention or establishment notice may give besides its own facts.
_DYNAMIC_MARKET_OPTIONAL = ("regions", "value", "submission", "suitability", "contract_period")

# notice type → (required fields, optional fields); dotted names are fields inside a group.
FIELDS_BY_TYPE: dict[NoticeType, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # A pipeline or planned procurement notice may not know its value yet, nor a planned
    # procurement its places: Find a Tender publishes them without (value, regions stay
    # checked when given).
    NoticeType.UK1: (
        ("category", "cpv", "future_notice_date"),
        ("regions", "value", "procedure", "contract_period"),
    ),
    NoticeType.UK2: (
        ("category", "cpv", "deadlines.engagement"),
        ("regions", "value", "submission", "suitability", "future_notice_date", "contract_period"),
    ),
    NoticeType.UK3: (
        ("category", "cpv", "procedure", "future_notice_date"),
        ("regions", "value", "deadlines.tender", "contract_period", "suitability"),
    ),
    NoticeType.UK4: (
        (
            "category",
            "cpv",
            "regions",
            "value",
            "procedure",
            "deadlines.tender",
            "submission",
            "contract_period",
            "suitability",
        ),
        ("deadlines.enquiry", "deadlines.expression_of_interest"),
    ),
    NoticeType.UK5: (
        (
            "category",
            "cpv",
            "value",
            "procedure",
            "contract_period",
            "suppliers",
            "direct_award_justification",
        ),
        ("regions", "award"),  # published before the award (s.44): Find a Tender's have none
    ),
    NoticeType.UK6: (
        ("cpv", "procedure", "contract_period", "suppliers", "award"),
        ("category", "regions", "value", "deadlines.tender"),
    ),
    NoticeType.UK7: (
        ("contract_period", "suppliers", "contract"),
        ("category", "cpv", "regions", "value", "award", "deadlines.tender"),
    ),
    NoticeType.UK10: (("contract", "modification"), ("suppliers",)),
    NoticeType.UK11: (("contract", "termination"), ("suppliers",)),
    NoticeType.UK12: (("cancellation",), ()),
    # A contract performance notice (s.71) names the contract and reports its KPIs or a
    # breach; Find a Tender's give neither its supplier nor its value.
    NoticeType.UK9: (("contract", "performance"), ("suppliers",)),
    # Dynamic market notices (s.39). The intention notice is the opportunity: what the
    # market buys and how to apply to join; Find a Tender's give no value or suitability.
    NoticeType.UK13: (("category", "cpv", "dynamic_market"), _DYNAMIC_MARKET_OPTIONAL),
    NoticeType.UK14: (("category", "cpv", "dynamic_market"), _DYNAMIC_MARKET_OPTIONAL),
    # A modification says what changed (suppliers admitted or removed, its end, its
    # conditions), a cessation when the market ended (see performance_and_markets_rules).
    NoticeType.UK15: (("dynamic_market",), ("cpv", "category")),
    NoticeType.UK16: (("dynamic_market",), ("cpv", "category")),
}

# What Find a Tender's own notices of a type are published without, though the table above
# asks for it. A copy of one (it has find_a_tender.notice_id) cannot say more than Find a
# Tender's notice, which Find a Tender checked against the regulations: lacking one of
# these is a warning. Each is one the real corpus (tests/data/real_notices/find-a-tender)
# shows missing from a notice, not only from an update release; what defines a type (a
# UK10's modification, a UK11's termination, a UK12's cancellation) stays required.
COPIES_MAY_LACK: dict[NoticeType, frozenset[str]] = {
    # 075530-2026
    NoticeType.UK1: frozenset({"future_notice_date"}),
    # regions: 071509, 075777, 075794, 076079, 076151; suitability: 071509, 075609,
    # 075777, 076020, 076916; value: 071509, 076151; deadlines.tender: 076069, 076444,
    # 076496; contract_period: 076323 (all -2026)
    NoticeType.UK4: frozenset(
        {"regions", "suitability", "value", "deadlines.tender", "contract_period"}
    ),
    # direct_award_justification: 065397, 071480, 071507, 075746, 075948 (below threshold,
    # "without competition"); value: 071549, 075582, 075746, 075771; suppliers: 075966
    NoticeType.UK5: frozenset({"direct_award_justification", "value", "suppliers"}),
    # 076360-2026
    NoticeType.UK6: frozenset({"contract_period"}),
    # suppliers: 075997, 076236; contract_period: 076988 (all -2026)
    NoticeType.UK7: frozenset({"suppliers", "contract_period"}),
}

# Where a field belongs instead, for a helpful fix when it is used in the wrong notice type.
WHERE_IT_BELONGS = {
    "cancellation": "a UK12 procurement termination notice",
    "termination": "a UK11 contract termination notice",
    "modification": "a UK10 contract change notice",
    "direct_award_justification": "a UK5 transparency notice",
    "award": "a UK5, UK6 or UK7 notice",
    "awards": "a UK5, UK6 or UK7 notice",
    "contract": "a UK7, UK9, UK10 or UK11 notice",
    "suppliers": "an award or contract notice (UK5, UK6, UK7, UK9, UK10, UK11)",
    "deadlines.tender": "a UK3 or UK4 notice (or a UK6 or UK7 notice, as when tenders closed)",
    "deadlines.engagement": "a UK2 preliminary market engagement notice",
    "submission": "a UK2 or UK4 notice",
    "performance": "a UK9 contract performance notice",
    "dynamic_market": "a dynamic market notice (UK13 to UK16)",
}


# Regulations before the Act: what they do not require of a notice, though it may say it.
EARLIER_RULES = (LegalBasis.PCR2015, LegalBasis.PCSR2015)
NOT_REQUIRED_EARLIER = frozenset({"suitability", "submission", "value"})
# The 2015 regulations' contract award notice (standard form F03) has no contract duration.
NOT_REQUIRED_EARLIER_BY_TYPE = {
    NoticeType.UK6: frozenset({"contract_period"}),
    NoticeType.UK7: frozenset({"contract_period"}),
}
# A field another one stands in for: delivery places in words or postcodes for regions,
# several award decisions for the one.
STANDS_IN_FOR = {"places": "regions", "awards": "award"}
# ...and in one notice type only: a two-stage procedure's tender notice (restricted, or a
# competitive flexible procedure's first stage) gives the deadline for requests to
# participate; its tender deadline is set later, in the invitation to tender.
STANDS_IN_FOR_BY_TYPE = {
    NoticeType.UK4: {"deadlines.expression_of_interest": "deadlines.tender"},
}


def required_fields(
    notice_type: NoticeType, legal_basis: str = LegalBasis.PA2023
) -> tuple[str, ...]:
    """The fields a notice of this type needs under ``legal_basis``."""
    required = FIELDS_BY_TYPE[notice_type][0]
    if legal_basis in EARLIER_RULES:
        spared = NOT_REQUIRED_EARLIER | NOT_REQUIRED_EARLIER_BY_TYPE.get(notice_type, frozenset())
        return tuple(name for name in required if name not in spared)
    return required


def allowed_fields(notice_type: NoticeType) -> frozenset[str]:
    """Every field (dotted for deadlines) a notice of this type may carry."""
    required, optional = FIELDS_BY_TYPE[notice_type]
    allowed = COMMON_FIELDS | set(required) | set(optional)
    return allowed | {extra for extra, base in STANDS_IN_FOR.items() if base in allowed}


def copies_may_lack(notice_type: NoticeType) -> frozenset[str]:
    """The required fields a copy of a Find a Tender notice of this type may lack."""
    return COPIES_MAY_LACK.get(notice_type, frozenset())
