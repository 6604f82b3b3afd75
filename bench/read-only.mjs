// Baseline for the search benchmark: the same streaming reader, every note read, nothing matched.
import { readNotes } from "../dist/io/read-notes.js";

const [notes] = process.argv.slice(2);
let n = 0;
let chars = 0;
for await (const note of readNotes([notes], process.cwd(), { encoding: "auto", columns: {}, warn: () => undefined })) {
  n++;
  chars += note.text.length;
}
process.stdout.write(JSON.stringify({ notes: n, chars }) + "\n");
