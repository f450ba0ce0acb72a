// The report template library (templates/library/*.json): checked with zod and against the organ
// lexicon at module load, so a bad organ id fails the build's tests and the server's start with its name.
import { z } from 'zod';
import { ORGAN_BY_ID } from '../nlp/organs';
import chestRadiograph from './library/chest-radiograph.json';
import ctHead from './library/ct-head.json';
import ctChest from './library/ct-chest.json';
import ctPulmonaryAngiogram from './library/ct-pulmonary-angiogram.json';
import ctAbdomenPelvis from './library/ct-abdomen-pelvis.json';
import mriBrain from './library/mri-brain.json';
import mriCervicalSpine from './library/mri-cervical-spine.json';
import mriLumbarSpine from './library/mri-lumbar-spine.json';
import mriKnee from './library/mri-knee.json';
import mriShoulder from './library/mri-shoulder.json';
import usAbdomen from './library/us-abdomen.json';
import usPelvis from './library/us-pelvis.json';
import usRenal from './library/us-renal.json';
import usScrotum from './library/us-scrotum.json';
import usEchocardiogram from './library/us-echocardiogram.json';
import usVenousLowerExtremity from './library/us-venous-lower-extremity.json';
import ctCervicalSpine from './library/ct-cervical-spine.json';
import ctLumbarSpine from './library/ct-lumbar-spine.json';
import ctSpine from './library/ct-spine.json';
import mriSpine from './library/mri-spine.json';
import xrSpine from './library/xr-spine.json';
import xrPelvis from './library/xr-pelvis.json';
import mriAnkle from './library/mri-ankle.json';
import mriWrist from './library/mri-wrist.json';
import mriElbow from './library/mri-elbow.json';
import mriHip from './library/mri-hip.json';
import mriAbdomenPelvis from './library/mri-abdomen-pelvis.json';
import ctNeck from './library/ct-neck.json';
import mriNeck from './library/mri-neck.json';
import usCarotid from './library/us-carotid.json';
import usNeck from './library/us-neck.json';
import ctSinusesFace from './library/ct-sinuses-face.json';
import mgBreast from './library/mg-breast.json';
import usBreast from './library/us-breast.json';
import usObstetric from './library/us-obstetric.json';
import ctCoronary from './library/ct-coronary.json';
import mriCardiac from './library/mri-cardiac.json';
import mriBreast from './library/mri-breast.json';
import nmBoneScan from './library/nm-bone-scan.json';
import nmMyocardialPerfusion from './library/nm-myocardial-perfusion.json';

const Text = z.string().min(1);
const SubsectionSchema = z.object({
  /** As printed: "Lungs" becomes "Lungs:". */
  label: Text.regex(/^[A-Za-z0-9][A-Za-z0-9 ,/&'-]*$/),
  /** Organ ids (nlp/lexicon/organs.json) whose sentences go here. */
  organs: z.array(z.string()).min(1),
  /** The pertinent negative, one sentence, inserted (and marked) only when the user asks for it. */
  normal: Text.refine((s) => !/[.!?]\s+\S/.test(s), 'one sentence, so the mark that flags it covers all of it').optional(),
  // No sided subsections ("Right kidney"): a side in a label would put a side on every sentence filed under it.
});
const TemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: Text,
  /** DICOM-style code as nlp reads it from the exam title: XR, CT, MR, US, MG, NM. */
  modality: z.enum(['XR', 'CT', 'MR', 'US', 'MG', 'NM']),
  /** Body parts (nlp/lexicon/anatomy.json bodyParts) the exam covers. */
  bodyParts: z.array(Text).min(1),
  /** Words of an exam title that point to this template over its siblings ("pulmonary angiogram"). */
  titleTerms: z.array(Text).default([]),
  /**
   * Chosen only when the title, the technique or the text names the exam (a coronary CTA, a bone scan), never
   * from the organs the findings speak of: "heart size is normal" is any chest report's.
   */
  namedOnly: z.boolean().default(false),
  /** A special case of another template (CT pulmonary angiogram of CT chest): chosen only when its title words say so. */
  refines: z.string().optional(),
  /** Snippet prefixes. */
  prefix: z.array(Text).min(1),
  /** Suggested text of the EXAM, TECHNIQUE and COMPARISON fields in the snippet. */
  exam: Text,
  technique: Text,
  comparison: Text,
  findings: z.array(SubsectionSchema).min(1),
  /** The snippet's suggested impression for a normal study; never inserted by restructure. */
  impression: Text.optional(),
  /**
   * Words of a sibling exam this template is not for (an arterial study beside the venous duplex): a
   * report that says them more often than the `unless` words of this exam is refused, not filed here.
   */
  notFor: z.object({ name: Text, words: z.array(Text).min(1), unless: z.array(Text).min(1) }).optional(),
  /**
   * Capitals that name an organ in this exam only ("MR", "TR", "AI" in an echocardiogram: the valve
   * whose lesion they are), read case-sensitive as whole words; each organ must have a field here.
   */
  abbreviations: z.record(z.string().regex(/^[A-Z]{2,5}$/), z.string()).default({}),
});

export type TemplateSubsection = z.infer<typeof SubsectionSchema>;
export type ReportTemplate = z.infer<typeof TemplateSchema>;

/** The label restructure gives sentences whose organ the template does not name. */
export const OTHER_LABEL = 'Other';

/** Parses and checks template data; throws naming the template and the bad id. Exported for the tests. */
export function loadTemplates(data: readonly unknown[]): ReportTemplate[] {
  const templates = data.map((d, i) => {
    const r = TemplateSchema.safeParse(d);
    if (!r.success)
      throw new Error(
        `template ${(d as { id?: string })?.id ?? i}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
      );
    return r.data;
  });
  const ids = new Set<string>();
  for (const t of templates) {
    if (ids.has(t.id)) throw new Error(`template ${t.id}: duplicate id`);
    ids.add(t.id);
    const labels = new Set<string>();
    for (const s of t.findings) {
      const key = s.label.toLowerCase();
      if (labels.has(key) || key === OTHER_LABEL.toLowerCase())
        throw new Error(`template ${t.id}: subsection label ${s.label} repeats or is reserved`);
      labels.add(key);
      for (const organ of s.organs)
        if (!ORGAN_BY_ID.has(organ)) throw new Error(`template ${t.id}: subsection ${s.label} names unknown organ ${organ}`);
    }
    for (const [abbr, organ] of Object.entries(t.abbreviations))
      if (!t.findings.some((s) => s.organs.includes(organ)))
        throw new Error(`template ${t.id}: abbreviation ${abbr} names ${organ}, which has no field`);
  }
  return templates;
}

/** In quick-pick order; on a tie the earlier template wins the choice (the commoner exam first). */
export const TEMPLATES: readonly ReportTemplate[] = loadTemplates([
  chestRadiograph,
  ctHead,
  ctChest,
  ctPulmonaryAngiogram,
  ctAbdomenPelvis,
  mriBrain,
  mriCervicalSpine,
  mriLumbarSpine,
  mriKnee,
  mriShoulder,
  usAbdomen,
  usPelvis,
  usRenal,
  usScrotum,
  usEchocardiogram,
  usVenousLowerExtremity,
  ctCervicalSpine,
  ctLumbarSpine,
  ctSpine,
  mriSpine,
  xrSpine,
  xrPelvis,
  mriAnkle,
  mriWrist,
  mriElbow,
  mriHip,
  mriAbdomenPelvis,
  ctNeck,
  mriNeck,
  usCarotid,
  usNeck,
  ctSinusesFace,
  mgBreast,
  usBreast,
  usObstetric,
  ctCoronary,
  mriCardiac,
  mriBreast,
  nmBoneScan,
  nmMyocardialPerfusion,
]);
const BY_ID = new Map(TEMPLATES.map((t) => [t.id, t]));

export function templateById(id: string): ReportTemplate | undefined {
  return BY_ID.get(id);
}

/** For a quick pick or `--template` help: id, name and a one-line description. */
export function templateList(): { id: string; name: string; description: string }[] {
  return TEMPLATES.map((t) => ({ id: t.id, name: t.name, description: t.findings.map((s) => s.label).join(', ') }));
}
