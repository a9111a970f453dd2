"""A Plan as an iCalendar file (RFC 5545, written by the `icalendar` library) that a phone's
calendar imports: the hand-in window, the deadlines, the days each level opens and can be
applied for, the last day of each task, the earliest day to print a record that expires.

The same inputs give the same bytes: every UID is made of the event's kind, the region and a
digest of the applicant's name and masked ID number (never the number itself), and DTSTAMP is
--as-of at midnight UTC, not the time the file was written.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

from .i18n import t
from .plan import Event, Plan, RegionPlan

# what goes in the calendar: the dates ahead, not the history or "today"
_KINDS = ("window", "deadline", "opens", "apply", "task", "material")
# a reminder a week before the days one acts on
_REMIND = ("window", "deadline", "apply", "task", "material")


def _uid(e: Event, rp: RegionPlan, who: str) -> str:
    return f"{e.key}.{rp.region}.{who}@titlecli"


def _event(e: Event, rp: RegionPlan, who: str, stamp: datetime, prefix: str):
    from icalendar import Alarm
    from icalendar import Event as VEvent

    ev = VEvent()
    ev.add("uid", _uid(e, rp, who))
    ev.add("dtstamp", stamp)
    ev.add("dtstart", e.day)
    # all-day events: DTEND is the day after the last (RFC 5545 3.6.1)
    ev.add("dtend", (e.end or e.day) + timedelta(days=1))
    ev.add("summary", prefix + e.text)
    desc = [rp.region_name]
    if e.citation is not None:
        desc.append(t(f"依据：{e.citation}", f"Source: {e.citation}"))
    ev.add("description", "\n".join(desc))
    ev.add("transp", "TRANSPARENT")
    if e.kind in _REMIND:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", prefix + e.text)
        alarm.add("trigger", timedelta(days=-7))
        ev.add_component(alarm)
    return ev


def plan_ics(p: Plan) -> bytes:
    """The calendar of the region ranked first (the road the applicant follows)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//titlecli//plan//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t(f"职称申报计划 · {p.name}", f"Title plan · {p.name}"))
    if not p.regions:
        return cal.to_ical()
    rp = p.regions[0]
    stamp = datetime(p.as_of.year, p.as_of.month, p.as_of.day, tzinfo=timezone.utc)
    who = hashlib.sha256(f"{p.name}\0{p.masked_id}".encode()).hexdigest()[:16]
    prefix = f"{rp.short_name} · " if rp.short_name else ""
    for e in rp.events:
        if e.kind in _KINDS and (e.end or e.day) >= p.as_of:
            cal.add_component(_event(e, rp, who, stamp, prefix))
    return cal.to_ical()


__all__ = ["plan_ics"]
