import { buildCorpus } from "../../../learn/model.js";
import type { CoderDecision, Extract, LearnedCode } from "../types.js";
import { codeDocument, DEFAULT_CODE_LEARN, learnableCodes, suggestCodes, type CodeLearnOptions } from "./linear.js";

export interface LearnResult {
  /** Learned suggestions for the extracts no coder has coded yet. */
  learned: Map<string, LearnedCode[]>;
  trainedOn: number;
  codes: string[];
  skipped: string[];
}

/**
 * Learn from the coders: one linear text model per code, fitted on every extract with final codes,
 * suggests codes (with the model's score) for the rest. Pure and deterministic (same decisions, same suggestions).
 */
export function learnFromCoders(extracts: readonly Extract[], decisions: ReadonlyMap<string, CoderDecision>, opts: CodeLearnOptions = DEFAULT_CODE_LEARN): LearnResult {
  const isCoded = (e: Extract) => (decisions.get(e.extractId)?.codes.length ?? 0) > 0;
  const corpus = buildCorpus(extracts.map(codeDocument));
  const rows: number[] = [];
  const open: number[] = [];
  extracts.forEach((e, i) => (isCoded(e) ? rows : open).push(i));
  const codeSets = rows.map((i) => new Set(decisions.get(extracts[i].extractId)!.codes));
  const { codes, skipped } = learnableCodes(codeSets, opts.minPositives);
  const learned = new Map<string, LearnedCode[]>();
  if (codes.length > 0 && open.length > 0) {
    suggestCodes(corpus, rows, codeSets, codes, open, opts).forEach((list, j) => {
      if (list.length > 0) learned.set(extracts[open[j]].extractId, list);
    });
  }
  return { learned, trainedOn: rows.length, codes, skipped };
}
