import { describe, expect, it } from "vitest";
import { noteFromRow } from "../../src/io/note-row.js";

describe("noteFromRow: one set of rules for every reader of notes tables", () => {
  it("trims ids, normalises the date and keeps the text as exported", () => {
    expect(noteFromRow({ patient: " P1 ", note: " N7 ", date: "02/03/2009", text: "  as written \n" })).toEqual({
      patientId: "P1",
      noteId: "N7",
      date: "2009-03-02",
      text: "  as written \n",
    });
  });

  it("keeps the note type only when the export has the column, even when it is empty", () => {
    expect(noteFromRow({ patient: "P1", note: "N1", date: "2009-03-02", text: "", noteType: "" })).toHaveProperty("noteType", "");
    expect(noteFromRow({ patient: "P1", note: "N1", date: "2009-03-02", text: "" })).not.toHaveProperty("noteType");
  });

  it("leaves an empty note id empty, for the reader to name by its place", () => {
    expect(noteFromRow({ patient: "P1", note: "  ", date: "2009-03-02", text: "" })).toMatchObject({ noteId: "" });
  });

  it("names the fault: a date that is not one first, then an empty patient id", () => {
    expect(noteFromRow({ patient: "", note: "N1", date: "31/02/2009", text: "" })).toEqual({ fault: "date" });
    expect(noteFromRow({ patient: "  ", note: "N1", date: "2009-03-02", text: "" })).toEqual({ fault: "patient" });
  });
});
