"""Events of the sample site: ids, kinds, threads and closing-soon reminders."""

from __future__ import annotations

from plugins.notices.events import EventKind, events
from plugins.notices.site import Site


def test_each_notice_gives_one_event_named_for_what_it_is(sample_site: Site):
    by_id = {event.id: event for event in events(sample_site)}
    assert by_id["ACC-2026-0035/published"].kind is EventKind.PUBLISHED
    assert by_id["ACC-2026-0002/cancelled"].kind is EventKind.CANCELLED
    assert by_id["ACC-2026-0004/awarded"].kind is EventKind.AWARDED
    assert by_id["ACC-2026-0031/change/2"].change.number == 2


def test_only_default_language_notices_have_events(sample_site: Site):
    assert {event.item.lang for event in events(sample_site)} == {"en"}


def test_a_reminder_replies_but_is_never_replied_to(sample_site: Site):
    with_reminders = events(sample_site, closing_soon=True)
    reminders = [e for e in with_reminders if e.kind is EventKind.CLOSING_SOON]
    assert [e.id for e in reminders] == ["ACC-2026-0035/closing-soon"]
    assert reminders[0].replies_to == "ACC-2026-0035/published"
    assert all(e.replies_to != reminders[0].id for e in with_reminders)
    plain = {e.id: e.replies_to for e in events(sample_site)}
    assert {e.id: e.replies_to for e in with_reminders if e.id in plain} == plain


def test_every_reply_points_back_within_its_thread(sample_site: Site):
    seen = {}
    for event in events(sample_site, closing_soon=True):
        if event.replies_to is None:
            assert event.thread == event.id
        else:
            assert seen[event.replies_to].thread == event.thread
            assert seen[event.replies_to].at <= event.at
        seen[event.id] = event
