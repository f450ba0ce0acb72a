import type { Report, Section } from '../report/types';
import type { Finding, Understanding } from './types';

/**
 * One report's FINDINGS and the IMPRESSION that sums them up. A document may hold several reports
 * one after another; each impression is read against the findings written since the last one.
 */
export interface ReportPart {
  u: Understanding;
  /** The first FINDINGS section of the part (for related information). */
  findings: Section;
  /** Every FINDINGS section of the part (a report may split them, "FINDINGS" then "REPORT"). */
  findingsSections: Section[];
  impression: Section;
  /** Finding mentions in the part's FINDINGS sections (organ subheadings included). */
  inFindings: Finding[];
  inImpression: Finding[];
}

const hasBody = (s: Section) => s.body.end > s.body.start;

/** The mentions of these sections, in section order (a loop: flatMap is slow in Node 20). */
function mentionsIn(bySection: ReadonlyMap<number, Finding[]>, sections: readonly number[]): Finding[] {
  const out: Finding[] = [];
  for (const i of sections) out.push(...(bySection.get(i) ?? []));
  return out;
}

/** The report split into findings/impression parts (none when a report lacks either section). */
export function reportParts(report: Report, u: Understanding): ReportPart[] {
  const parts: ReportPart[] = [];
  const bySection = new Map<number, Finding[]>();
  for (const f of u.findings) {
    let list = bySection.get(f.sectionIndex);
    if (!list) bySection.set(f.sectionIndex, (list = []));
    list.push(f);
  }
  let pending: number[] = [];
  report.sections.forEach((section, index) => {
    if (!hasBody(section)) return;
    if (section.kind === 'findings') pending.push(index);
    else if (section.kind === 'impression' && pending.length) {
      parts.push({
        u,
        findings: report.sections[pending[0]],
        findingsSections: pending.map((i) => report.sections[i]),
        impression: section,
        inFindings: mentionsIn(bySection, pending),
        inImpression: bySection.get(index) ?? [],
      });
      pending = [];
    }
  });
  return parts;
}
