// Reads an iCalendar file on standard input the way Thunderbird does (with ical.js) and prints
// each event's UID and start as a UTC instant, as JSON: [["uid", "2026-12-17T18:00:00.000Z"], ...].
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const starts = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return [event.uid, event.startDate.toJSDate().toISOString()];
});
process.stdout.write(JSON.stringify(starts));
