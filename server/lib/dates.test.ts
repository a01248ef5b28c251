import { describe, expect, it } from "vitest";
import { formatDate, formatDateInputValue, formatDateTime } from "./dates";

describe("one date format", () => {
  const moment = new Date("2027-01-15T09:05:00Z");

  it("writes a day as 15 Jan 2027 and a moment with a 24-hour time", () => {
    expect(formatDate(moment, { timeZone: "UTC" })).toBe("15 Jan 2027");
    expect(formatDateTime(moment, { timeZone: "UTC" })).toBe("15 Jan 2027, 09:05");
    expect(formatDateTime(new Date("2027-09-03T23:59:00Z"), { timeZone: "UTC" })).toBe("3 Sep 2027, 23:59");
    expect(formatDateTime(new Date("2027-06-01T00:00:00Z"), { timeZone: "UTC" })).toBe("1 Jun 2027, 00:00");
  });

  it("writes the day of the zone asked for", () => {
    const lateEvening = new Date("2027-01-15T23:30:00Z");
    expect(formatDate(lateEvening, { timeZone: "UTC" })).toBe("15 Jan 2027");
    expect(formatDateTime(lateEvening, { timeZone: "Europe/Berlin" })).toBe("16 Jan 2027, 00:30");
    expect(formatDate(lateEvening, { timeZone: "America/New_York" })).toBe("15 Jan 2027");
  });

  it("writes a date input's value in the same style, and nothing for an empty or partial one", () => {
    expect(formatDateInputValue("2027-01-15")).toBe("15 Jan 2027");
    expect(formatDateInputValue("2027-12-01")).toBe("1 Dec 2027");
    expect(formatDateInputValue("")).toBe("");
    expect(formatDateInputValue("2027-13-01")).toBe("");
    expect(formatDateInputValue("15/01/2027")).toBe("");
  });
});
