import { z } from "zod";
import { UserError } from "../core/errors.js";
import { readJsonFile } from "../io/read-json.js";
import { formatIssues } from "./errors.js";

const phrase = z
  .string({ error: "expected a text" })
  .min(1, { error: "expected a non-empty text" })
  .max(200, { error: "expected at most 200 characters (it is read inside a sentence or a heading)" })
  .refine((s) => !/[\r\n]/.test(s), { error: "expected one line" });

/**
 * The topic file (`topic.json`): the words the workbooks, the report and the messages use for the study's
 * topic, so nothing but the study's own file names it. Every key is optional; what is left out is said
 * neutrally ("the topic").
 */
export const topicSchema = z.strictObject({
  name: z.string({ error: "expected a text" }).optional(),
  description: z.string({ error: "expected a text" }).optional(),
  sources: z.array(z.string({ error: "expected a text" })).optional(),
  /** The study's title, at the top of the report ("Mental health service responses to domestic abuse"). */
  title: phrase.optional(),
  /** The topic as a noun phrase read after "of": "the trafficking", "the abuse". */
  topic: phrase.optional(),
  /** What an eligible patient was identified as, after "came to be": "identified as trafficked". */
  identifiedAs: phrase.optional(),
  /** The heading of the report's routes table: "How the team learned the patient had been trafficked". */
  routesHeading: phrase.optional(),
});

/** The study's topic wording, with the neutral words filled in where the file says nothing. */
export interface Topic {
  /** The report's title; undefined gives the tool's own ("notes-analyse report"). */
  title?: string;
  topic: string;
  identifiedAs: string;
  routesHeading: string;
}

/** What a study without a topic file sees: no topic named at all. */
export const NEUTRAL_TOPIC: Topic = {
  topic: "the topic",
  identifiedAs: "identified as a case of the study's question",
  routesHeading: "How the team learned of the topic",
};

/** Validate a topic file (already parsed from JSON) and fill in the neutral words. Pure. */
export function compileTopic(raw: unknown, source = "topic.json"): Topic {
  const parsed = topicSchema.safeParse(raw);
  if (!parsed.success) throw new UserError(formatIssues(source, parsed.error.issues).join("\n").replace(/; see notes-analyse --help\)/g, ")"));
  const t = parsed.data;
  const topic = t.topic ?? NEUTRAL_TOPIC.topic;
  return {
    ...(t.title !== undefined ? { title: t.title } : {}),
    topic,
    identifiedAs: t.identifiedAs ?? NEUTRAL_TOPIC.identifiedAs,
    routesHeading: t.routesHeading ?? `How the team learned of ${topic}`,
  };
}

/** Read and compile a topic file; the neutral wording when there is none. */
export function readTopic(path: string | undefined): Topic {
  return path ? compileTopic(readJsonFile(path, "topic file"), path) : NEUTRAL_TOPIC;
}
