// The ACR reporting and data systems as data (rads/data/*.json), checked with zod at load: how a
// category is written, what each category means and the management that goes with it.
import { z } from 'zod';
import { FollowUp } from '../schema';

const Words = z.array(z.string().min(1));

/** A management that depends on the finding's size (ACR TI-RADS: FNA at or above one size, follow-up at another). */
const BySize = z
  .object({
    /** From this largest dimension (mm) on; the last entry has none and catches the rest. */
    gteMm: z.number().positive().optional(),
    management: z.string().min(1),
    accepts: z.array(FollowUp).min(1),
    /** The report should state this management (FNA, follow-up). */
    states: z.boolean().default(false),
  })
  .strict();

const Category = z
  .object({
    /** As normalised: "4A", "TR4", "LR-5". */
    id: z.string().min(1),
    /** The category's name in the system's words: "Suspicious", "Probably benign". */
    label: z.string().min(1),
    /** Order of concern, for "the overall category is lower than a lesion's". Absent: not compared (incomplete). */
    rank: z.number().optional(),
    /** Likelihood of malignancy as the system gives it, where it gives one. */
    risk: z.string().optional(),
    /** The management, our wording of the system's. */
    management: z.string().min(1),
    /** Managements that agree; a written one matching none of them disagrees. Empty: any (no check). */
    accepts: z.array(FollowUp).default([]),
    /** The report should state a management for this category (BI-RADS 3, 4, 5). */
    states: z.boolean().default(false),
    /** Management by the finding's size instead of `accepts` (TI-RADS). */
    bySize: z.array(BySize).optional(),
    /** Other ways the value is written ("4a", "M"). */
    aliases: Words.default([]),
  })
  .strict();
export type RadsCategory = z.infer<typeof Category>;

/** One feature group of a points system (TI-RADS composition, echogenicity...). */
const PointsGroup = z
  .object({
    group: z.string().min(1),
    /** Several options of a group may add up (TI-RADS echogenic foci); else the highest counts. */
    additive: z.boolean().default(false),
    options: z.array(z.object({ points: z.number().int().nonnegative(), words: Words.min(1) }).strict()).min(1),
  })
  .strict();

export const RadsSystemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    /** As messages cite it: "BI-RADS". */
    short: z.string().min(1),
    version: z.string().min(1),
    year: z.number().int().min(1990).max(2100),
    citation: z.string().min(20),
    reference: z.string().min(5),
    /** Where the numbers come from; "from memory: ..." where they were not checked against the source. */
    source: z.string().min(1),
    /** How the system's name is written ("BI-RADS", "BIRADS"); hyphen and space are optional in matching. */
    names: Words.min(1),
    /** A prefix the value carries, which may also stand alone ("TR" in "TR4", "LR-" in "LR-5"). */
    prefix: z.string().optional(),
    /** Letters that may follow a value and modify it ("S" in "Lung-RADS 2S"). */
    modifiers: Words.default([]),
    /** Versions other than this one, whose categories are not read ("PI-RADS v1"). */
    otherVersions: Words.default([]),
    /** Words after the name that make it a sub-score, not a category ("T2 score", "DWI score"). */
    subScores: Words.default([]),
    /** Whether one overall category sums up the lesions' (BI-RADS, Lung-RADS): then it may not be lower. */
    overall: z.boolean(),
    /** Where a management is judged: 'report' (one category governs the report) or 'lesion' (each its own). */
    scope: z.enum(['report', 'lesion']),
    categories: z.array(Category).min(2),
    points: z
      .object({
        groups: z.array(PointsGroup).min(1),
        /** Category by total points: the first whose `min` the total reaches, from the highest. */
        byPoints: z.array(z.object({ min: z.number().int().nonnegative(), category: z.string().min(1) }).strict()).min(2),
      })
      .strict()
      .optional(),
    /** Breast density words (BI-RADS): letter and the words that name it. */
    density: z.array(z.object({ id: z.enum(['A', 'B', 'C', 'D']), words: Words.min(1) }).strict()).optional(),
  })
  .strict();
export type RadsSystem = z.infer<typeof RadsSystemSchema>;
