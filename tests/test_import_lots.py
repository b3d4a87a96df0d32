"""The importer maps each lot's own places, award criteria, suitability and value range, an
award release's tender deadline (when tenders closed) and its awards' documents."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from plugins.importer.ocds_lots import award_criteria
from plugins.importer.ocds_release import map_release

PARTIES = [
    {
        "id": "GB-PPON-PQRT-4821-WXYZ",
        "name": "Afonwy County Council",
        "roles": ["buyer"],
        "contactPoint": {"email": "procurement@afonwy.gov.uk"},
    }
]
TENDER: dict[str, Any] = {
    "ocid": "ocds-h6vhtk-0a31c7",
    "id": "ACC-2026-0031",
    "date": "2026-10-26T09:00:00Z",
    "tag": ["tender"],
    "parties": PARTIES,
    "buyer": {"id": "GB-PPON-PQRT-4821-WXYZ", "name": "Afonwy County Council"},
    "tender": {
        "title": "Bread and baked goods",
        "description": "Bread and baked goods for hospitals across Wales.",
        "tenderPeriod": {"endDate": "2026-12-04T12:00:00Z"},
        "lots": [
            {
                "id": "1",
                "title": "North Wales",
                "value": {"amount": 250000, "currency": "GBP"},
                "minValue": {"amount": 200000, "currency": "GBP"},
                "suitability": {"sme": True, "vcse": False},
                "awardCriteria": {
                    "criteria": [
                        {"type": "quality", "name": "Technical", "description": "70%"},
                        {
                            "type": "price",
                            "numbers": [{"number": 30.0, "weight": "percentageExact"}],
                        },
                    ]
                },
            },
            {
                "id": "2",
                "description": "South East Wales",
                "awardCriteria": {"criteria": [{"type": "price", "description": "100"}]},
            },
        ],
        "items": [
            {
                "id": "1",
                "relatedLot": "1",
                "classification": {"scheme": "CPV", "id": "15811000"},
                "deliveryAddresses": [{"region": "UKL13"}],
            },
            {
                "id": "2",
                "relatedLot": "2",
                "classification": {"scheme": "CPV", "id": "15812000"},
                "deliveryAddresses": [{"postalCode": "CF10 4UW"}],
                "deliveryLocation": {"description": "Depots across Cardiff"},
            },
        ],
    },
}


def _release(**changes: Any) -> dict[str, Any]:
    release = copy.deepcopy(TENDER)
    release.update(changes)
    return release


def test_each_lot_keeps_its_own_places_criteria_suitability_and_range() -> None:
    front = map_release(_release()).front
    first, second = front["lots"]
    assert first == {
        "id": "1",
        "title": "North Wales",
        "cpv": ["15811000"],
        "value": {"minimum": 200000, "amount": 250000, "currency": "GBP"},
        "suitability": {"sme": True, "vcse": False},
        "regions": ["UKL13"],
        "award_criteria": "Technical (quality): 70%; Price: 30%",
    }
    assert second == {
        "id": "2",  # no title: some portals give a lot only its number and description
        "description": "South East Wales",
        "cpv": ["15812000"],
        "places": [{"postcode": "CF10 4UW"}, {"text": "Depots across Cardiff"}],
        "award_criteria": "Price: 100",
    }
    # The notice is delivered wherever its lots are, and classified by all their codes.
    assert front["regions"] == ["UKL13"]
    assert front["cpv"] == ["15811000", "15812000"]
    assert "award_criteria" not in front


def test_what_every_lot_says_alike_is_said_once_for_the_notice() -> None:
    release = _release()
    lots, items = release["tender"]["lots"], release["tender"]["items"]
    lots[1]["awardCriteria"] = copy.deepcopy(lots[0]["awardCriteria"])
    lots[1]["suitability"] = {"sme": True, "vcse": False}
    items[1]["deliveryAddresses"] = [{"region": "UKL13"}]
    items[1]["classification"] = items[0]["classification"]
    del items[1]["deliveryLocation"]
    front = map_release(release).front
    assert front["award_criteria"] == "Technical (quality): 70%; Price: 30%"
    assert front["suitability"] == {"sme": True, "vcse": False}
    assert front["regions"] == ["UKL13"]
    shared = {"award_criteria", "suitability", "regions", "places", "cpv"}
    assert all(not shared & set(lot) for lot in front["lots"])


def test_a_lots_suitability_is_left_out_of_an_award_notice_and_said() -> None:
    award = _release(
        tag=["award"],
        date="2026-12-10T09:00:00Z",
        awards=[{"id": "1", "date": "2026-12-09T00:00:00Z", "suppliers": [{"name": "Becws"}]}],
    )
    imported = map_release(award)
    assert imported.front["notice_type"] == "UK6"
    assert all("suitability" not in lot for lot in imported.front["lots"])
    assert "lots.1.suitability: a UK6 notice has no suitability" in imported.unmapped


def test_an_award_release_recalls_when_tenders_closed_and_its_documents() -> None:
    document = {
        "id": "2",
        "documentType": "awardNotice",
        "title": "Award report",
        "url": "https://afonwy.example/award-report.pdf",
        "datePublished": "2026-12-10T09:00:00Z",
    }
    award = _release(
        tag=["award"],
        date="2026-12-10T09:00:00Z",
        awards=[
            {
                "id": "1",
                "date": "2026-12-09T00:00:00Z",
                "suppliers": [{"name": "Becws"}],
                "documents": [document],
            }
        ],
    )
    imported = map_release(award)
    assert imported.front["deadlines"] == {"tender": datetime(2026, 12, 4, 12, tzinfo=UTC)}
    assert not [line for line in imported.unmapped if line.startswith("deadlines")]
    assert imported.front["documents"] == [
        {
            "title": "Award report",
            "url": "https://afonwy.example/award-report.pdf",
            "type": "awardNotice",
            "date": "2026-12-10",
        }
    ]


def test_award_criteria_in_words() -> None:
    assert award_criteria({"awardCriteriaDetails": " Most  economically advantageous "}) == (
        "Most economically advantageous"
    )
    given = {
        "awardCriteria": {
            "criteria": [
                {"type": "quality", "name": "Quality"},
                {"type": "cost", "numbers": [{"number": 20, "weight": "pointsExact"}]},
                {"name": "Social value", "numbers": [{"number": 1, "weight": "order"}]},
            ],
            "weightingDescription": "Scores are normalised.",
        }
    }
    assert award_criteria(given) == (
        "Quality; Cost: 20 points; Social value: order 1; Scores are normalised."
    )
    assert award_criteria({"awardCriteria": {"criteria": []}}) is None
