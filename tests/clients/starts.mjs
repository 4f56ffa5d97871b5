// Reads an iCalendar file with ical.js (Mozilla's parser) and prints, as JSON, each event's
// UID, its DTSTART's TZID as ical.js resolved it, and its start in UTC. The Python test
// (tests/test_calendar_clients.py) compares these with talks.starts_at_utc.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const root = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
const events = root.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  const start = event.startDate;
  return {
    uid: event.uid,
    zone: start.isDate ? null : start.zone.tzid,
    utc: start.isDate ? start.toString() : start.toUnixTime(),
  };
});
process.stdout.write(JSON.stringify(events));
