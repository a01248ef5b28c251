import { describe, expect, it } from "vitest";
import { DATE_STYLES, DEFAULT_DATE_STYLE, formatDate, formatDateInputValue, formatDateTime, isDateStyle } from "./dates";

const utc = (style: (typeof DATE_STYLES)[number]) => ({ style, timeZone: "UTC" });

describe("the en-GB date style (the default)", () => {
  const moment = new Date("2027-01-15T09:05:00Z");

  it("is what a new store uses", () => {
    expect(DEFAULT_DATE_STYLE).toBe("en-GB");
  });

  it("writes a day as 15 Jan 2027 and a moment with a 24-hour time", () => {
    expect(formatDate(moment, utc("en-GB"))).toBe("15 Jan 2027");
    expect(formatDateTime(moment, utc("en-GB"))).toBe("15 Jan 2027, 09:05");
    expect(formatDateTime(new Date("2027-09-03T23:59:00Z"), utc("en-GB"))).toBe("3 Sep 2027, 23:59");
    expect(formatDateTime(new Date("2027-06-01T00:00:00Z"), utc("en-GB"))).toBe("1 Jun 2027, 00:00");
  });

  it("writes the day of the zone asked for", () => {
    const lateEvening = new Date("2027-01-15T23:30:00Z");
    expect(formatDate(lateEvening, utc("en-GB"))).toBe("15 Jan 2027");
    expect(formatDateTime(lateEvening, { style: "en-GB", timeZone: "Europe/Berlin" })).toBe("16 Jan 2027, 00:30");
    expect(formatDate(lateEvening, { style: "en-GB", timeZone: "America/New_York" })).toBe("15 Jan 2027");
  });

  it("writes a date input's value in the same style, and nothing for an empty or partial one", () => {
    expect(formatDateInputValue("2027-01-15", "en-GB")).toBe("15 Jan 2027");
    expect(formatDateInputValue("2027-12-01", "en-GB")).toBe("1 Dec 2027");
    expect(formatDateInputValue("", "en-GB")).toBe("");
    expect(formatDateInputValue("2027-13-01", "en-GB")).toBe("");
    expect(formatDateInputValue("2027-01-00", "en-GB")).toBe("");
    expect(formatDateInputValue("15/01/2027", "en-GB")).toBe("");
  });
});

describe("the en-US date style", () => {
  it("writes the month first and a 12-hour clock, noon and midnight included", () => {
    expect(formatDate(new Date("2027-01-15T09:05:00Z"), utc("en-US"))).toBe("Jan 15, 2027");
    expect(formatDateTime(new Date("2027-01-15T09:05:00Z"), utc("en-US"))).toBe("Jan 15, 2027, 9:05 AM");
    expect(formatDateTime(new Date("2027-09-03T23:59:00Z"), utc("en-US"))).toBe("Sep 3, 2027, 11:59 PM");
    expect(formatDateTime(new Date("2027-06-01T00:00:00Z"), utc("en-US"))).toBe("Jun 1, 2027, 12:00 AM");
    expect(formatDateTime(new Date("2027-06-01T12:30:00Z"), utc("en-US"))).toBe("Jun 1, 2027, 12:30 PM");
  });

  it("writes the day of the zone asked for, and a date input's value", () => {
    expect(formatDateTime(new Date("2027-01-15T23:30:00Z"), { style: "en-US", timeZone: "Europe/Berlin" })).toBe("Jan 16, 2027, 12:30 AM");
    expect(formatDateInputValue("2027-12-01", "en-US")).toBe("Dec 1, 2027");
    expect(formatDateInputValue("2027-13-01", "en-US")).toBe("");
  });
});

describe("the ISO date style", () => {
  it("writes year-month-day with zero padding and a 24-hour clock", () => {
    expect(formatDate(new Date("2027-01-05T09:05:00Z"), utc("ISO"))).toBe("2027-01-05");
    expect(formatDateTime(new Date("2027-01-05T09:05:00Z"), utc("ISO"))).toBe("2027-01-05 09:05");
    expect(formatDateTime(new Date("2027-09-03T23:59:00Z"), utc("ISO"))).toBe("2027-09-03 23:59");
  });

  it("writes the day of the zone asked for, and a date input's value", () => {
    expect(formatDateTime(new Date("2027-01-15T23:30:00Z"), { style: "ISO", timeZone: "Europe/Berlin" })).toBe("2027-01-16 00:30");
    expect(formatDateInputValue("2027-12-01", "ISO")).toBe("2027-12-01");
    expect(formatDateInputValue("12/01/2027", "ISO")).toBe("");
  });
});

describe("date styles", () => {
  it("knows exactly the styles a store can choose", () => {
    expect(DATE_STYLES.every(isDateStyle)).toBe(true);
    expect(isDateStyle("de-DE")).toBe(false);
    expect(isDateStyle(undefined)).toBe(false);
  });

  it("write one moment differently in each style", () => {
    const moment = new Date("2027-01-15T14:05:00Z");
    expect(new Set(DATE_STYLES.map((style) => formatDateTime(moment, utc(style)))).size).toBe(DATE_STYLES.length);
  });
});
