// The shape of a guideline table as data (guidelines/data/*.json), checked with zod at load.
// One condition language serves rows and scope exclusions, so a table reads as the paper prints it.
import { z } from 'zod';

export const NODULE_TYPES = ['solid', 'part-solid', 'ground-glass', 'subsolid'] as const;
export const COUNTS = ['single', 'multiple'] as const;
export const RISKS = ['low', 'high'] as const;
export const MENOPAUSE = ['premenopausal', 'postmenopausal'] as const;
/** Compared with prior imaging: new, growing, stable; or first seen (baseline). */
export const STATUSES = ['baseline', 'new', 'growing', 'stable'] as const;
export const CONTEXTS = ['screening', 'known-malignancy', 'immunocompromised', 'cirrhosis', 'limited-life-expectancy'] as const;
/** MG: mammography (breast imaging recommendations: annual screening, diagnostic views). */
export const MODALITIES = ['CT', 'MR', 'US', 'XR', 'PT', 'NM', 'MG', 'other'] as const;
export const ACTIONS = ['none', 'imaging', 'pet', 'biopsy', 'surgery', 'referral'] as const;

const Range = z
  .object({ gt: z.number(), gte: z.number(), lt: z.number(), lte: z.number() })
  .partial()
  .refine((r) => Object.keys(r).length > 0, 'empty range');
export type Range = z.infer<typeof Range>;

/** Conditions on the facts; every key given must hold. Lists mean "any of". */
export const When = z
  .object({
    sizeMm: Range,
    /** Where the paper gives volumes too (Fleischner, Lung-RADS): used instead of sizeMm when the report gives a volume. */
    volumeMm3: Range,
    solidComponentMm: Range,
    attenuationHu: Range,
    age: Range,
    type: z.array(z.enum(NODULE_TYPES)),
    count: z.array(z.enum(COUNTS)),
    risk: z.array(z.enum(RISKS)),
    menopause: z.array(z.enum(MENOPAUSE)),
    status: z.array(z.enum(STATUSES)),
    context: z.array(z.enum(CONTEXTS)),
    /** Holds when the facts carry none of these contexts. */
    notContext: z.array(z.enum(CONTEXTS)),
    modality: z.array(z.enum(MODALITIES)),
    /** Free descriptors the extractor reads from the text (simple, benign-features, pedunculated, thoracic, calcified...). */
    features: z.array(z.string().min(1)),
    /** Bosniak class I, II, IIF, III, IV. */
    bosniak: z.array(z.enum(['I', 'II', 'IIF', 'III', 'IV'])),
  })
  .partial()
  .strict();
export type When = z.infer<typeof When>;

/** One management the row accepts; a report's recommendation agrees when it matches one of them. */
export const FollowUp = z
  .object({
    action: z.enum(ACTIONS),
    modality: z.array(z.enum(MODALITIES)).optional(),
    /** Acceptable interval in months, both ends inclusive. */
    months: z.tuple([z.number().nonnegative(), z.number().nonnegative()]).optional(),
  })
  .strict();
export type FollowUp = z.infer<typeof FollowUp>;

const Row = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** The cell in the paper's words, short: "solid, single, 6–8 mm, low risk". */
    label: z.string().min(1),
    /** What tells this row from its neighbours in a message: "low risk", "Bosniak IIF". */
    qualifier: z.string().default(''),
    when: When,
    /** The recommendation, our wording of the paper's numbers. */
    recommendation: z.string().min(1),
    accepts: z.array(FollowUp).min(1),
    /**
     * The row's later steps ("then CT at 18–24 months"), any of which a report's later conditional step may
     * name. Absent: later steps are not checked.
     */
    then: z.array(FollowUp).optional(),
    /** A category the guideline names (Lung-RADS 4A). */
    category: z.string().optional(),
  })
  .strict();
export type Row = z.infer<typeof Row>;

const Subject = z
  .object({
    concept: z.string().min(1),
    /** The mention counts only when its sentence names one of these words (a "cyst" of the liver). */
    near: z.array(z.string().min(1)).default([]),
    /** ... and none of these. */
    notNear: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const GuidelineSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    /** As messages cite it: "Fleischner 2017". */
    short: z.string().min(1),
    year: z.number().int().min(1990).max(2100),
    citation: z.string().min(20),
    /** The short reference a quick fix writes into the report. */
    reference: z.string().min(5),
    /** Where the numbers were checked; "unconfirmed: ..." where search could not confirm them. */
    source: z.string().min(1),
    /** The finding in the messages: "nodule", "adrenal nodule". */
    noun: z.string().min(1),
    /** Words by which a recommendation sentence names this finding ("adrenal", "thyroid"). */
    words: z.array(z.string().min(1)).min(1),
    subjects: z.array(Subject).min(1),
    /** How the size is taken from the report's dimensions. */
    measure: z.enum(['mean-diameter', 'largest']),
    /** Round the size to this step (mm) before comparing: Fleischner rounds to the nearest mm, Lung-RADS to 0.1 mm. */
    roundMm: z.number().positive().optional(),
    /** Facts a row needs before it can be chosen; without them the guideline is silent. */
    requires: z.array(z.enum(['sizeMm', 'bosniak', 'age'])).default(['sizeMm']),
    /** Facts assumed when the report is silent (a nodule not called otherwise is solid). */
    defaults: z
      .object({ type: z.enum(NODULE_TYPES), count: z.enum(COUNTS), status: z.enum(STATUSES) })
      .partial()
      .default({}),
    /** Facts that, unknown, make the message give every row they select between (risk: "low risk: ...; high risk: ..."). */
    ask: z.array(z.enum(['risk', 'menopause', 'features', 'type', 'age'])).default([]),
    /** Which facts the message names about the finding. */
    describe: z.array(z.enum(['count', 'type', 'size', 'bosniak'])).default(['size']),
    /** Conditions the guideline needs (Lung-RADS: a screening CT), with the reason when they fail. */
    inScope: z.array(z.object({ when: When, reason: z.string().min(1) }).strict()).default([]),
    /** When the guideline does not apply, with the reason the hover gives. First match wins. */
    outOfScope: z.array(z.object({ when: When, reason: z.string().min(1) }).strict()).default([]),
    /** Modalities the paper is written for; others are out of scope. */
    modalities: z.array(z.enum(MODALITIES)).min(1),
    rows: z.array(Row).min(1),
  })
  .strict();
export type Guideline = z.infer<typeof GuidelineSchema>;
