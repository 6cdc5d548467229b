"""Parses a Casebook .ics export with the independent `icalendar` package
(Debian: python3-icalendar) and checks it against what the Rust test expects.

Usage: ics_check.py FILE EXPECTED_JSON
EXPECTED_JSON: [{"uid_prefix": ..., "start": "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", "summary": ...}, ...]
Prints OK, or the first problem and exits 1.
"""
import datetime
import json
import sys

import icalendar


def fail(message):
    print(message)
    sys.exit(1)


def main():
    path, expected_json = sys.argv[1], sys.argv[2]
    expected = json.loads(expected_json)
    raw = open(path, "rb").read()
    # RFC 5545 3.1: CRLF line ends, lines folded at 75 octets.
    for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {number} is not CRLF-terminated")
        if len(line) > 75:
            fail(f"line {number} is {len(line)} octets long (limit 75)")
    if not raw.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    cal = icalendar.Calendar.from_ical(raw)
    if str(cal.get("VERSION")) != "2.0" or not cal.get("PRODID"):
        fail("VERSION:2.0 and PRODID are required")
    events = list(cal.walk("VEVENT"))
    if len(events) != len(expected):
        fail(f"{len(events)} VEVENT(s), expected {len(expected)}")
    uids = set()
    for event, want in zip(events, expected):
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if event.get(prop) is None:
                fail(f"an event has no {prop}")
        uid = str(event.get("UID"))
        if uid in uids:
            fail(f"duplicate UID {uid}")
        uids.add(uid)
        start = event.decoded("DTSTART")
        if isinstance(start, datetime.datetime):
            if start.tzinfo is not None:
                fail(f"{uid}: a follow-up time is local (floating), got {start!r}")
            got = start.strftime("%Y-%m-%dT%H:%M")
        else:
            got = start.isoformat()
            end = event.decoded("DTEND")
            if end != start + datetime.timedelta(days=1):
                fail(f"{uid}: an all-day event ends the next day, got {end!r}")
        if got != want["start"]:
            fail(f"{uid}: starts {got}, expected {want['start']}")
        summary = str(event.get("SUMMARY"))
        if summary != want["summary"]:
            fail(f"{uid}: summary {summary!r}, expected {want['summary']!r}")
    print(f"OK {len(events)} event(s)")


main()
