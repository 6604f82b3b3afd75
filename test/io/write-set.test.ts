import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/io/atomic-write.js";
import { createTemp, readablePath, recoverCommits, stampOf, withWriteSet, WriteSet } from "../../src/io/write-set.js";

const fresh = () => mkdtempSync(join(tmpdir(), "na-set-"));

describe("write sets", () => {
  it("lands every file together when the command succeeds, and none when it fails", async () => {
    const dir = fresh();
    await withWriteSet(new WriteSet(join(dir, ".state")), async () => {
      writeFileAtomic(join(dir, "a.csv"), "a\n");
      writeFileAtomic(join(dir, "b.csv"), "b\n");
      expect(existsSync(join(dir, "a.csv"))).toBe(false);
      // the command reads what it wrote through readablePath
      expect(readFileSync(readablePath(join(dir, "a.csv")), "utf8")).toBe("a\n");
    });
    expect(readFileSync(join(dir, "b.csv"), "utf8")).toBe("b\n");
    await expect(
      withWriteSet(new WriteSet(join(dir, ".state")), async () => {
        writeFileAtomic(join(dir, "a.csv"), "changed\n");
        throw new Error("stage failed");
      }),
    ).rejects.toThrow("stage failed");
    expect(readFileSync(join(dir, "a.csv"), "utf8")).toBe("a\n");
    expect(readdirSync(dir).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("stops, writing nothing, when a guarded file changed after it was read", async () => {
    const dir = fresh();
    const book = join(dir, "book.xlsx");
    writeFileSync(book, "read by the command");
    const err = await withWriteSet(new WriteSet(join(dir, ".state")), async () => {
      const set = (await import("../../src/io/write-set.js")).currentWriteSet()!;
      set.guard(stampOf(book));
      writeFileAtomic(book, "the command's new version");
      writeFileAtomic(join(dir, "other.csv"), "x");
      writeFileSync(book, "saved by a person meanwhile");
    }).catch((e: Error) => e);
    expect(String(err)).toContain("saved by someone else");
    expect(readFileSync(book, "utf8")).toBe("saved by a person meanwhile");
    expect(existsSync(join(dir, "other.csv"))).toBe(false);
  });

  it("creates temp files exclusively, with names no one can guess", () => {
    const dir = fresh();
    const names = new Set(Array.from({ length: 200 }, () => createTemp(join(dir, "x.csv")).path));
    expect(names.size).toBe(200);
    for (const n of names) expect(n).toMatch(/\.x\.csv\.tmp-\d+-[0-9a-f]{12}$/);
  });

  it("finishes a commit a kill interrupted, and removes temps of dead runs", () => {
    const dir = fresh();
    const state = join(dir, ".state");
    const a = createTemp(join(dir, "a.csv"));
    writeFileSync(a.fd, "new a");
    const b = createTemp(join(dir, "b.csv"));
    writeFileSync(b.fd, "new b");
    writeFileSync(join(dir, "a.csv"), "old a");
    writeFileSync(join(dir, "b.csv"), "old b");
    // the record was written, one rename happened, then the process died
    writeFileSync(join(dir, "b.csv"), "new b");
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, "commit-1-abcd.json"), JSON.stringify([{ target: join(dir, "a.csv"), temp: a.path }]));
    writeFileSync(join(dir, ".c.csv.tmp-999999-0123456789ab"), "a dead run's temp");
    const r = recoverCommits(state, dir);
    expect(r.finished).toBe(1);
    expect(readFileSync(join(dir, "a.csv"), "utf8")).toBe("new a");
    expect(existsSync(join(dir, ".c.csv.tmp-999999-0123456789ab"))).toBe(false);
    expect(readdirSync(state).filter((n) => n.startsWith("commit-"))).toEqual([]);
  });
});
