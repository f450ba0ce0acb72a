// The rewrite kinds, written once: what each is called in the editor and on the command line, and what
// the LLM is asked to write. Data only, importing nothing, so the wire protocol (and through it the VS
// Code client), the language server, the CLI and the LLM path all read this one table. The engine's
// half of a kind (its rewrite and its verifier policy) is keyed by the same ids in rewrite/index.ts.
// A new kind: a row here, then its entry in rewrite/index.ts (the compiler asks for each).
export const REWRITE_KINDS = ['restructure', 'impression', 'summary'] as const;
export type RewriteKind = (typeof REWRITE_KINDS)[number];

/**
 * The patient summary's part headings and closing line, as the summary writes them (nlp/lexicon/lay-wording.json
 * `lines`; rewrite/index.ts checks at load that the two agree): the LLM is asked for these parts, by this one table.
 */
export const SUMMARY_PARTS = {
  found: 'What the report found:',
  possible: 'What the report says may be there:',
  denied: 'What the report did not find:',
  more: 'More from the report:',
  closing: 'Your doctor will talk with you about what these results mean for you.',
  words: 'Words in your report:',
} as const;

export interface RewriteKindInfo {
  /** The command (server and VS Code client alike): arguments [documentUri, version]. */
  command: string;
  /** The LSP code action kind the editor filters by. */
  codeActionKind: string;
  /** The code action's title. */
  title: string;
  /** What VS Code shows while it runs. */
  running: string;
  /** What is offered, as in "RadLint did not offer the …". */
  result: string;
  /** `radlint <cli> FILE`. */
  cli: string;
  /** What the LLM is asked to write (llm/rewrite.ts adds the system prompt and the report). */
  prompt: string;
}

export const REWRITE_KIND = {
  restructure: {
    command: 'radlint.restructure',
    codeActionKind: 'refactor.rewrite.radlint.template',
    title: 'Restructure into a template (RadLint)',
    running: 'Restructuring into a template',
    result: 'restructured report',
    cli: 'restructure',
    prompt: `Rewrite the radiology report into the template whose section and subsection headings are given.
Put each statement of the report under the heading where its finding lives. Keep every statement's meaning,
finding, side, site, size and unit exactly; you may shorten wording but must not drop any statement.
Do not add any finding, normal statement or measurement the report does not contain. A subsection the report
does not address gets "[ ]". Keep the impression's statements in the IMPRESSION section.`,
  },
  impression: {
    command: 'radlint.draftImpression',
    codeActionKind: 'refactor.rewrite.radlint.impression',
    title: 'Draft the impression from the findings (RadLint)',
    running: 'Drafting the impression',
    result: 'draft impression',
    cli: 'impression',
    prompt: `Write the IMPRESSION for the report from its FINDINGS: a numbered list ("1. ...") of the significant
findings, the most urgent first, each with its side, site and size as the findings give them. Leave out normal
statements and minor incidental findings. Name no finding, side, size or unit the findings do not contain.
Answer with the impression's list only, without the "IMPRESSION:" header.`,
  },
  summary: {
    command: 'radlint.patientSummary',
    codeActionKind: 'source.radlint.patientSummary',
    title: 'Write a patient-friendly summary (RadLint)',
    running: 'Writing a patient-friendly summary',
    result: 'patient summary',
    cli: 'summarize',
    prompt: `Write a summary of the report's impression for the patient, in plain words at a 6th-grade reading level
(short sentences, everyday words). Use exactly these parts, each heading on a line of its own, and leave out a part
with nothing in it: the first line given below;
"${SUMMARY_PARTS.found}" with one "- " line per finding, giving the plain words first and then the report's own
term in brackets, e.g. "- There is fluid around the left lung (pleural effusion). It measures about 2 centimeters.";
"${SUMMARY_PARTS.possible}" with "- There may be ... (term)." lines for what the report calls possible or likely;
"${SUMMARY_PARTS.denied}" with "- There is no sign of ... (term)." lines for the impression's denials;
"${SUMMARY_PARTS.more}" with the report's other statements quoted word for word as 'The report also says: "..."';
the line "${SUMMARY_PARTS.closing}"; then "${SUMMARY_PARTS.words}" with "- term: meaning" lines. Keep every side
and size. Give no advice on treatment, no prognosis and no cause unless the report itself says it. Do not add any finding.`,
  },
} as const satisfies Record<RewriteKind, RewriteKindInfo>;

/** The template a restructure uses: the exam's, why, and the others the user may pick instead. */
export interface TemplateChoice {
  id: string;
  name: string;
  why: string;
  alternatives: { id: string; name: string }[];
  /** Why the exam's template is not used (it is for another modality or body part). */
  refused?: string;
}

/** The kind a command id or a CLI command names, if any. */
export function rewriteKindOf(name: string, by: 'command' | 'cli'): RewriteKind | undefined {
  return REWRITE_KINDS.find((k) => REWRITE_KIND[k][by] === name);
}
