export { TEMPLATES, OTHER_LABEL, templateById, templateList, loadTemplates, type ReportTemplate, type TemplateSubsection } from './library';
export { chooseTemplate, type TemplateChoice, type Confidence } from './choose';
