// Cross-sectional vocabulary: chest CT, urinary tract and pediatric renal terms, each a concept of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentions, understand } from '../helpers/nlp.mjs';

const present = (text) =>
  understand(text)
    .findings.filter((f) => f.assertion === 'present')
    .map((f) => f.concept);

test('coronary artery calcification by name or by the arteries a plaque sits in', () => {
  assert.ok(present('Coronary artery calcifications are noted.').includes('coronary-artery-calcification'));
  assert.ok(present('Calcified plaques are seen in the coronary arteries.').includes('coronary-artery-calcification'));
  const both = understand('Calcific atheroma plaques are observed in the aorta and coronary arteries.').findings.find(
    (f) => f.concept === 'plaque',
  );
  assert.deepEqual(both.site, ['aorta', 'coronary artery']);
});

test('chest CT patterns: mosaic attenuation, septal thickening, fibrotic sequelae, peribronchial thickening', () => {
  assert.ok(present('Mosaic attenuation pattern in both lungs.').includes('mosaic-attenuation'));
  assert.ok(present('There are thickenings in the interlobular septa.').includes('septal-thickening'));
  assert.ok(present('Pleuroparenchymal sequelae changes at both apices.').includes('scarring'));
  assert.ok(present('Thickening of the bronchial walls in the lower lobes.').includes('bronchial-wall-thickening'));
  assert.equal(mentions('No pathological LAP in the mediastinum.', 'lymphadenopathy')[0].assertion, 'absent');
});

test('enlarged and pathological lymph nodes are lymphadenopathy', () => {
  assert.ok(present('Subcarinal lymph nodes are enlarged.').includes('lymphadenopathy'));
  assert.ok(present('Lymph nodes of pathological size in the right hilum.').includes('lymphadenopathy'));
  // The state before its subject, across the words that place it.
  assert.ok(present('Enlarged left level II lymph node. It measures 6 x 2 cm.').includes('lymphadenopathy'));
  assert.ok(present('Enlarged right hilar nodes.').includes('lymphadenopathy'));
  assert.ok(!present('Enlarged heart with a normal lymph node.').includes('lymphadenopathy'));
});

test('Schmorl nodules are dents in a vertebral endplate, not lung nodules', () => {
  assert.deepEqual(present('Large schmorl nodules are seen in the thoracic vertebrae.'), ['schmorl-node']);
});

test('pediatric and urinary terms: hydroureter is not hydronephrosis; VUR, duplex and horseshoe kidney', () => {
  assert.deepEqual(present('Left hydroureter.'), ['hydroureter']);
  assert.ok(present('Grade 3 VUR on the right.').includes('vesicoureteral-reflux'));
  assert.ok(present('Duplex collecting system of the left kidney.').includes('duplex-kidney'));
  assert.ok(present('Horseshoe kidney.').includes('horseshoe-kidney'));
  assert.ok(!present('History of reactive airways disease.').includes('bronchial-wall-thickening'));
});

test('CT phrasing of heart size, pericardial fluid and airway walls', () => {
  assert.ok(present('The cardiothoracic ratio is increased.').includes('cardiomegaly'));
  assert.ok(present('The heart is larger than normal.').includes('cardiomegaly'));
  assert.ok(present('A small effusion is seen in the pericardial recess.').includes('pericardial-effusion'));
  assert.ok(present('Peribronchial thickness increases in both lower lobes.').includes('bronchial-wall-thickening'));
  assert.ok(!present('Parenchymal density of the liver is normal.').includes('opacity'));
  assert.ok(present('Increased density in the left lower lobe.').includes('opacity'));
});

test('a lymph node is lymphadenopathy from 10 mm short axis; a smaller one, or one under a bound, stays a node', () => {
  assert.deepEqual(present('Millimetric lymph nodes are observed in the mediastinum.'), ['lymph-node']);
  assert.deepEqual(present('Subcarinal lymph node measuring 9 x 6 mm.'), ['lymph-node']);
  assert.deepEqual(present('Paratracheal lymph nodes with a short axis less than 1 cm are observed.'), ['lymph-node']);
  assert.deepEqual(present('A 17 x 12 mm lymph node in the right lower paratracheal station.'), ['lymphadenopathy']);
  assert.deepEqual(present('Lymph nodes in the mediastinum, the largest with a short diameter of 1.5 cm.'), ['lymphadenopathy']);
  // The short axis is the smaller dimension: a node 17 mm long and 8 mm across is of normal size.
  assert.deepEqual(present('A 17 x 8 mm lymph node in the aortopulmonary window.'), ['lymph-node']);
  assert.deepEqual(present('A 7 mm intrapulmonary lymph node in the right lower lobe.'), ['nodule']);
  assert.equal(mentions('No lymph node of pathological size in the mediastinum.', 'lymphadenopathy')[0].assertion, 'absent');
  // A line labelled with the organ is a heading, no node seen.
  assert.deepEqual(present('FINDINGS:\nLymph nodes: No enlarged lymph nodes.'), []);
});

test("adenopathy measured at or under its station's normal short axis is a lymph node; necrotic or larger stays adenopathy", () => {
  // Each station's published limit (lymph-node-sizes.json): mesentery 9, external iliac 10, internal iliac 7, retrocrural 6 mm.
  assert.deepEqual(present('Subcentimeter mesenteric lymphadenopathy, likely reactive.'), ['lymph-node']);
  assert.deepEqual(present('Small bilateral external iliac lymphadenopathy measuring up to 7 mm.'), ['lymph-node']);
  assert.deepEqual(present('Nonspecific subcentimeter axillary adenopathy.'), ['lymph-node']);
  assert.deepEqual(present('Mild mediastinal lymphadenopathy, the largest node 8 mm in short axis.'), ['lymph-node']);
  assert.deepEqual(present('Left internal iliac adenopathy measuring 9 mm.'), ['lymphadenopathy']);
  assert.deepEqual(present('Retrocrural adenopathy measuring 8 mm.'), ['lymphadenopathy']);
  assert.deepEqual(present('Subcentimeter retrocrural adenopathy.'), ['lymphadenopathy']);
  assert.deepEqual(present('Necrotic left external iliac lymphadenopathy measuring 8 mm.'), ['lymphadenopathy']);
  assert.deepEqual(present('Mesenteric adenopathy measuring 14 x 11 mm.'), ['lymphadenopathy']);
  assert.deepEqual(present('Bulky mediastinal lymphadenopathy.'), ['lymphadenopathy']);
  // A measured node of a named station is enlarged only past that station's limit.
  assert.deepEqual(present('Two small external iliac lymph nodes measure up to 0.7 and 1.0 cm.'), ['lymph-node']);
  assert.deepEqual(present('A 9 mm left internal iliac lymph node.'), ['lymphadenopathy']);
  assert.deepEqual(present('A 7 mm retrocrural lymph node.'), ['lymphadenopathy']);
  assert.deepEqual(present('A 12 mm right external iliac node.'), ['lymphadenopathy']);
  assert.deepEqual(present('Mesenteric lymph node measuring 8 x 6 mm.'), ['lymph-node']);
  // What the radiologist calls enlarged, round or without its fatty hilum keeps its reading at any size.
  assert.deepEqual(present('Enlarged subcarinal lymph node measuring 9 mm.'), ['lymphadenopathy']);
  assert.deepEqual(present('Round right axillary lymphadenopathy measuring 8 mm with loss of the fatty hilum.'), ['lymphadenopathy']);
  // Supraclavicular, retropharyngeal and internal mammary nodes are normal only to about 5 mm.
  assert.deepEqual(present('Left supraclavicular lymphadenopathy measuring 8 mm.'), ['lymphadenopathy']);
  assert.deepEqual(present('A 7 mm right internal mammary lymph node.'), ['lymphadenopathy']);
  // Adenopathy of no listed station stays as written.
  assert.deepEqual(present('Retroperitoneal lymphadenopathy measuring 8 mm.'), ['lymphadenopathy']);
  assert.deepEqual(present('Subcentimeter paraaortic adenopathy.'), ['lymphadenopathy']);
});

test('CT density as attenuation, a lucency or outside the lung is no lung opacity; sequelae density is a scar', () => {
  assert.ok(!present('Liver parenchyma density is diffusely decreased in line with hepatosteatosis.').includes('opacity'));
  assert.ok(!present('A soft tissue density lesion of 20 x 40 mm on the right pleural surface.').includes('opacity'));
  assert.ok(!present('A low-density nodule of 5 mm in the left upper lobe.').includes('opacity'));
  assert.ok(!present('Diffuse density reduction in bone structures.').includes('opacity'));
  assert.ok(!present('There are densities of stent material in the coronary artery.').includes('opacity'));
  assert.ok(!present('Soft tissue densities consistent with gynecomastia in the retroareolar area.').includes('opacity'));
  assert.deepEqual(present('Pleuroparenchymal sequelae density increases in both lung apices.'), ['scarring']);
  assert.ok(present('Patchy density increase in the right lower lobe.').includes('opacity'));
  // Subsolid nodules are nodules; tumour infiltrating an organ is no lung infiltrate.
  assert.deepEqual(present('A 7 mm ground glass nodule in the right upper lobe.'), ['nodule']);
  assert.ok(!present('The adrenal metastasis has infiltration into the kidney.').includes('infiltrate'));
});

test('a finding that has regressed completely or disappeared is no longer there; a partly regressed one is', () => {
  assert.equal(understand('The infiltration in the left lung has regressed.').findings[0].assertion, 'historical');
  assert.equal(understand('The ground glass areas in the left lower lobe disappeared.').findings[0].assertion, 'historical');
  assert.equal(understand('The consolidation in the right lower lobe has partially regressed.').findings[0].assertion, 'present');
  assert.equal(mentions('Mass, nodule and infiltration were not distinguished.', 'infiltrate')[0].assertion, 'absent');
});

test('a list of vessels places one plaque in each; a side after a comma starts a place of its own', () => {
  const site = (text) => understand(text).findings[0].site;
  assert.deepEqual(site('Calcific atheroma plaques are observed in the aortic arch, ascending aorta, and coronary arteries.'), [
    'aorta',
    'coronary artery',
  ]);
  assert.deepEqual(site('Calcified atherosclerotic changes were observed in the wall of the thoracic aorta and coronary artery.'), [
    'aorta',
    'coronary artery',
  ]);
  assert.equal(understand('Opacity in the right lower lobe, left lung clear.').findings[0].side, 'right');
  assert.ok(present('Increased peribronchial wall thickness in both lower lobes.').includes('bronchial-wall-thickening'));
  assert.ok(present('Thickening of the peribronchial sheath is observed.').includes('bronchial-wall-thickening'));
});

test('CT devices, scars and septal phrasings; a fusion anomaly and a bulla-bleb are no device', () => {
  assert.ok(present('Surgical suture materials in the left nephrectomy site.').includes('surgical-clips'));
  assert.ok(present('Internal fixators in the thoracic vertebrae.').includes('orthopedic-hardware'));
  assert.deepEqual(present('Midline fusion anomaly of the spinous processes.'), []);
  assert.ok(!present('Bullet-bleb formations in the lower lobe.').includes('foreign-body'));
  assert.deepEqual(present('There are bilateral subpleural bands.'), ['scarring']);
  assert.deepEqual(present('Apical fibrotic recessions in the right upper lobe.'), ['scarring']);
  assert.deepEqual(present('The interlobular septa are thickened.'), ['septal-thickening']);
  assert.deepEqual(present('Interlobular septal and interstitial thickenings in both lower lobes.'), ['septal-thickening']);
});

test('abdominal and pediatric vocabulary: pancreas, biliary, bowel, kidney and renal vessels, each with its tier', () => {
  const one = (text) => understand(text).findings.filter((f) => f.assertion === 'present')[0];
  assert.deepEqual(present('Dilated main pancreatic duct and a pancreatic head mass.'), ['pancreatic-duct-dilatation', 'pancreatic-mass']);
  assert.equal(one('Pancreatic head mass.').critical, 'days');
  assert.equal(one('Ascending cholangitis.').critical, 'hours');
  assert.equal(one('Hypertrophic pyloric stenosis.').concept, 'pyloric-stenosis');
  assert.equal(one('NEC with pneumatosis of the right colon.').concept, 'necrotizing-enterocolitis');
  assert.deepEqual(present('Epiploic appendagitis in the left lower quadrant.'), ['epiploic-appendagitis']);
  const upj = one('Left UPJ obstruction.');
  assert.deepEqual([upj.concept, upj.side], ['upj-obstruction', 'left']);
  assert.equal(one('Right multicystic dysplastic kidney.').side, 'right');
  assert.equal(one('Posterior urethral valves.').sex, 'male');
  assert.deepEqual(present('Left renal agenesis.'), ['renal-agenesis']);
  assert.deepEqual(present('Right renal artery stenosis.'), ['renal-artery-stenosis']);
  assert.deepEqual(present('Porcelain gallbladder.'), ['porcelain-gallbladder']);
});

test('a mass the sentence places in the pancreas is a pancreatic mass; a lung mass stays a mass', () => {
  assert.ok(present('The pancreas shows a 1.1 cm hypoenhancing mass in the head.').includes('pancreatic-mass'));
  assert.deepEqual(present('Large mass in the right upper lobe.'), ['mass']);
});

test('MSK MRI: Hill-Sachs and bony Bankart lesions are bone lesions, osteochondral lesions are not chondromalacia, a labrum torn in a phrase is a labral tear', () => {
  assert.ok(present('There is a very large Hill-Sachs fracture.').includes('hill-sachs-lesion'));
  assert.ok(present('Associated large osseous Bankart lesion.').includes('bony-bankart-lesion'));
  assert.deepEqual(
    understand('There is no osseous Bankart lesion.').findings.map((f) => [f.concept, f.assertion]),
    [['bony-bankart-lesion', 'absent']],
  );
  assert.ok(present('Focal osteochondral defect of the medial talar dome.').includes('osteochondral-lesion'));
  assert.ok(present('There is a small nondisplaced tear in the posterior superior labrum.').includes('labral-tear'));
  assert.ok(present('Narrowing of the subacromial space from the acromioclavicular joint.').includes('impingement'));
  assert.ok(present('The extensor carpi ulnaris tendon is thickened.').includes('tendinosis'));
  assert.ok(present('Split tear of the ECU tendon which is enlarged distal to the ulnar styloid.').includes('tendinosis'));
  assert.ok(!present('There is no Haglund’s deformity.').includes('bone-deformity'));
});

test('an infarct an EKG shows is no imaging finding; a fluid-filled tendon sheath holds no pleural effusion', () => {
  assert.deepEqual(
    mentions('Resting EKG shows normal sinus rhythm with anteroseptal wall myocardial infarction.', 'myocardial-infarction'),
    [],
  );
  assert.equal(mentions('Perfusion imaging shows an old inferior myocardial infarction.', 'myocardial-infarction').length, 1);
  assert.deepEqual(mentions('A small effusion is noted within the peroneal tendon sheath.', 'pleural-effusion'), []);
});

test('a tear beside a tendon is a tendon tear, kin of a bare tear but not of a labral tear; a middle ear effusion is its own finding; a side after a percentage binds', () => {
  assert.ok(present('Low-grade partial tearing of the gluteus minimus and medius tendons.').includes('tendon-tear'));
  assert.ok(present('Longitudinal split tear of the ECU tendon.').includes('tendon-tear'));
  assert.ok(present('Full-thickness tear of the supraspinatus tendon.').includes('rotator-cuff-tear'));
  assert.ok(present('Left middle ear effusion is present.').includes('middle-ear-effusion'));
  const stenosis = understand('There is a focal stenosis of approximately 70% in the proximal left anterior tibial artery.').findings[0];
  assert.equal(stenosis.side, 'left');
});

test('breast imaging (BI-RADS words): suspicious calcifications and architectural distortion are days-tier results; benign calcifications and a fibroadenoma are not', () => {
  const critical = (text) =>
    understand(text)
      .findings.filter((f) => f.assertion === 'present' && f.critical)
      .map((f) => f.concept);
  assert.deepEqual(critical('Fine pleomorphic calcifications in the upper outer quadrant of the left breast.'), [
    'suspicious-breast-calcifications',
  ]);
  assert.deepEqual(critical('New architectural distortion in the right breast at 10 o’clock.'), ['architectural-distortion']);
  assert.deepEqual(critical('A few benign-appearing microcalcifications are present.'), []);
  assert.deepEqual(critical('Probable fibroadenoma in the left breast.'), []);
  assert.ok(present('Developing asymmetry in the left breast.').includes('breast-asymmetry'));
});

test('obstetric ultrasound: a normal early pregnancy, and the results of their own (demise and ectopic are calls)', () => {
  const normal = understand(
    'FINDINGS: Single live intrauterine pregnancy. Gestational sac with a yolk sac and fetal pole. Crown-rump length of 2.1 cm corresponds to 8 weeks 6 days. Fetal heart rate 165 bpm.',
  ).findings;
  // "Single live intrauterine pregnancy" says how many fetuses too (against "twin pregnancy" in the impression).
  assert.deepEqual([...new Set(normal.map((f) => f.concept))].sort(), ['intrauterine-pregnancy', 'singleton-pregnancy']);
  assert.ok(normal.every((f) => f.assertion === 'present' && !f.critical));
  // Breech or transverse: a malpresentation, not significant by itself (it matters only near term).
  assert.deepEqual(present('The fetus is in frank breech presentation.'), ['intrauterine-pregnancy', 'fetal-malpresentation']);
  const demise = mentions('No fetal cardiac activity is seen, consistent with fetal demise.', 'fetal-demise')[0];
  assert.equal(demise.f.critical, 'hours');
  assert.equal(mentions('Absent embryonic cardiac activity.', 'fetal-demise')[0].assertion, 'present');
  assert.equal(mentions('Complex left adnexal mass, concerning for ectopic pregnancy.', 'ectopic-pregnancy')[0].f.critical, 'minutes');
  assert.deepEqual(present('Small subchorionic hemorrhage inferior to the gestational sac.').sort(), [
    'intrauterine-pregnancy',
    'subchorionic-hemorrhage',
  ]);
  assert.equal(
    mentions('The placenta is posterior and covers the internal os, consistent with complete placenta previa.', 'placenta-previa')[0]
      .assertion,
    'possible',
  );
  assert.deepEqual(present('Oligohydramnios with an amniotic fluid index of 4 cm.'), ['oligohydramnios']);
  assert.deepEqual(present('Polyhydramnios, AFI 28 cm.'), ['polyhydramnios']);
  assert.equal(mentions('Embryonic bradycardia with a heart rate of 85 bpm.', 'fetal-bradycardia')[0].f.critical, 'hours');
  assert.ok(present('Retroplacental hematoma, concerning for placental abruption.').includes('placental-abruption'));
});

test('neuro: haemorrhage by compartment, acute on chronic stays acute, white matter and mass effect in the words of CT and MRI', () => {
  const sdh = mentions('Acute on chronic left subdural hematoma measuring 12 mm in thickness.', 'subdural-hematoma')[0];
  assert.equal(sdh.f.critical, 'minutes');
  assert.equal(sdh.side, 'left');
  assert.equal(mentions('Chronic right subdural hematoma, unchanged.', 'subdural-hematoma')[0].f.critical, null);
  assert.ok(present('Small acute epidural hematoma over the right frontal convexity.').includes('epidural-hematoma'));
  assert.ok(present('Thin subarachnoid hemorrhage in the right sylvian fissure.').includes('subarachnoid-hemorrhage'));
  assert.ok(present('Blood layering in the occipital horns of the lateral ventricles.').includes('intraventricular-hemorrhage'));
  assert.ok(present('Intraparenchymal hemorrhage in the left basal ganglia measuring 3.1 cm.').includes('intracranial-hemorrhage'));
  assert.deepEqual(
    understand(
      'Scattered foci of T2/FLAIR hyperintensity in the periventricular white matter, likely representing chronic microangiopathic change.',
    ).findings.map((f) => f.concept),
    ['small-vessel-disease'],
  );
  assert.ok(
    present(
      'Periventricular ovoid lesions perpendicular to the ventricles, with enhancing demyelinating lesion in the right centrum semiovale.',
    ).includes('demyelination'),
  );
  assert.deepEqual(present('There is effacement of the right lateral ventricle.'), ['mass-effect']);
  assert.ok(present('Uncal herniation on the left.').includes('brain-herniation'));
  assert.ok(present('Downward herniation of the cerebellar tonsils through the foramen magnum.').includes('brain-herniation'));
});

test('spine: cord compression is a call, cord signal is myelopathy, a nerve root by level and side, conus and cauda equina', () => {
  assert.equal(mentions('Severe canal stenosis at C5-6 with cord compression.', 'cord-compression')[0].f.critical, 'minutes');
  assert.ok(present('At C5-6 a broad-based disc protrusion flattens the ventral cord.').includes('cord-compression'));
  const myelopathy = mentions('Abnormal T2 hyperintense signal within the cord at C4-5, consistent with myelopathy.', 'myelopathy');
  assert.ok(myelopathy.length >= 1 && myelopathy.every((m) => !m.f.critical));
  const root = mentions(
    'At L4-5 there is a right paracentral disc extrusion compressing the traversing right L5 nerve root.',
    'nerve-root-impingement',
  );
  assert.equal(root[0].side, 'right');
  assert.equal(
    mentions('Severe left foraminal stenosis at C5-6 with impingement on the exiting left C6 nerve root.', 'nerve-root-impingement')[0]
      .side,
    'left',
  );
  assert.equal(mentions('The left S1 nerve root is compressed.', 'nerve-root-impingement')[0].assertion, 'present');
  assert.equal(mentions('No nerve root impingement.', 'nerve-root-impingement')[0].assertion, 'absent');
  assert.ok(present('Severe left foraminal stenosis at L5-S1.').includes('foraminal-stenosis'));
  assert.ok(present('Low-lying conus medullaris terminating at L3, with a thickened filum terminale.').includes('tethered-cord'));
  assert.deepEqual(present('The conus medullaris terminates at L1 and is normal in signal.'), []);
  assert.ok(present('Clumping of the cauda equina nerve roots.').includes('arachnoiditis'));
  assert.equal(
    mentions('Large central disc extrusion at L4-5 causing cauda equina compression.', 'cord-compression')[0].f.critical,
    'minutes',
  );
});

test('fluid in the mastoid is no mastoiditis; a complex tear of the labrum is labral; mass effect on a tendon is impingement; RECIST target lesions', () => {
  assert.deepEqual(present('Small bilateral mastoid effusions.'), ['mastoid-effusion']);
  assert.deepEqual(present('Partial opacification of the right mastoid air cells.'), ['mastoid-effusion']);
  assert.deepEqual(present('Right coalescent mastoiditis.'), ['mastoiditis']);
  assert.ok(present('The labrum shows a complex tear involving the anterosuperior labrum.').includes('labral-tear'));
  assert.ok(!present('The labrum shows a complex tear involving the anterosuperior labrum.').includes('meniscal-tear'));
  assert.ok(present('Complex tear of the posterior horn of the medial meniscus.').includes('meniscal-tear'));
  assert.ok(!present('Enthesophytes causing mass effect on the underlying supraspinatus tendon.').includes('mass-effect'));
  assert.ok(present('The hematoma causes mass effect on the left lateral ventricle.').includes('mass-effect'));
  assert.ok(present('All target lesions decreased in size.').includes('target-lesions'));
});

test('sulcal effacement is mass effect (its cause gets the call); diffuse sulcal effacement is cerebral edema', () => {
  assert.ok(present('There is also effacement of the left sulci and gyri.').includes('mass-effect'));
  assert.ok(!present('There is also effacement of the left sulci and gyri.').includes('cerebral-edema'));
  assert.ok(present('Diffuse sulcal effacement and loss of gray-white differentiation.').includes('cerebral-edema'));
});

test('bone erosion is a finding of its own; a graded fatty liver is worth the impression, a mild one is not', () => {
  assert.deepEqual(present('Cortical erosion is present.'), ['bone-erosion']);
  assert.deepEqual(present('Osseous destruction of the left iliac bone.'), ['bone-erosion']);
  // "Osseous involvement" of a metastatic survey is the lesions, not an erosion.
  assert.ok(!present('Hepatic lesions and osseous involvement.').includes('bone-erosion'));
  const significant = (text) => understand(text).findings.find((f) => f.concept === 'hepatic-steatosis').significant;
  assert.equal(significant('The liver shows increased echotexture with significant fatty infiltration.'), true);
  assert.equal(significant('Severe hepatic steatosis.'), true);
  assert.equal(significant('Mild hepatic steatosis.'), false);
  assert.equal(significant('Hepatic steatosis.'), false);
});

test('a lesion in the liver is a liver lesion, worth the impression of a chest CT that sees it', () => {
  assert.deepEqual(present('Hypodense lesions in the liver that could not be characterized were observed.'), ['liver-lesion']);
  assert.deepEqual(present('Hepatic hamartomas.'), ['liver-lesion']);
  assert.deepEqual(present('Hypodense lesion in the spleen.'), ['lesion']);
});

test('"no nodular or infiltrative lesion" in the lung denies an infiltrate, not every lung lesion', () => {
  const denied = (text) =>
    understand(text)
      .findings.filter((f) => f.assertion === 'absent')
      .map((f) => f.concept);
  assert.deepEqual(denied('No nodular or infiltrative lesion is detected in the lung parenchyma.'), ['infiltrate']);
  assert.deepEqual(present('Infiltrative lesion of the pancreatic head.'), ['lesion']);
  assert.deepEqual(present('Infiltrative lesion in the left frontal lobe.'), ['lesion']);
});

test('the density a nodule is "of" or "with" describes the nodule; ground glass beside it in a list is its own finding', () => {
  assert.deepEqual(present('FINDINGS: Nodule of ground glass density in the right upper lobe.'), ['nodule']);
  assert.deepEqual(present('FINDINGS: A 6 mm nodule with a ground-glass component in the left lower lobe.'), ['nodule']);
  assert.deepEqual(present('FINDINGS: Nodules and ground glass density in the right upper lobe.'), ['nodule', 'ground-glass-opacity']);
  assert.deepEqual(present('FINDINGS: Areas of ground glass density in the left lower lobe.'), ['ground-glass-opacity']);
  assert.deepEqual(present('FINDINGS: Consolidation with ground glass opacity in the left lower lobe.'), [
    'consolidation',
    'ground-glass-opacity',
  ]);
});

test('a term read in its organ: a vertebral collapse fracture is no collapsed lobe, coarse splenic calcifications no breast finding', () => {
  assert.deepEqual(present('FINDINGS: There is a collapse fracture in the L1 vertebra.'), ['fracture']);
  assert.deepEqual(present('FINDINGS: Complete collapse of the left lower lobe.'), ['lobar-collapse']);
  assert.deepEqual(present('FINDINGS: Coarse calcifications are seen in the spleen.'), ['calcification']);
  assert.deepEqual(present('FINDINGS: Coarse calcifications in the left breast.'), ['breast-calcifications']);
  assert.deepEqual(present('FINDINGS: Patchy crazy paving appearances were observed in both lungs.'), ['ground-glass-opacity']);
});

test('a dilated trachea is tracheomegaly, by name or by the trachea said to be dilated', () => {
  assert.ok(present('Tracheomegaly.').includes('tracheomegaly'));
  assert.ok(present('The trachea is dilated, measuring 3.2 cm in transverse diameter.').includes('tracheomegaly'));
  assert.ok(present('Dilatation of the trachea and main bronchi (Mounier-Kuhn).').includes('tracheomegaly'));
  assert.equal(mentions('No tracheal dilatation.', 'tracheomegaly')[0].assertion, 'absent');
  // A tube in the trachea with its cuff inflated is no dilated trachea.
  assert.ok(!present('The endotracheal tube is in the trachea, the cuff is dilated.').includes('tracheomegaly'));
});

test('venous air embolism is its own minutes-tier concept; air in the right heart a sign of its own, never free air', () => {
  for (const text of [
    'IMPRESSION: Venous air embolism.',
    'FINDINGS: Large volume of air in the right ventricle, concerning for an air embolus.',
    'FINDINGS: Gas embolism in the pulmonary trunk after central line placement.',
  ]) {
    const u = understand(text);
    const embolism = u.findings.find((f) => f.concept === 'venous-air-embolism');
    assert.ok(embolism, text);
    assert.equal(embolism.critical, 'minutes', text);
    assert.ok(!u.findings.some((f) => f.concept === 'pulmonary-embolism' || f.concept === 'pneumoperitoneum'), text);
  }
  for (const text of [
    'Small amount of air in the right atrium, likely from the IV line.',
    'Tiny focus of air within the main pulmonary artery.',
  ])
    assert.deepEqual(present(text), ['right-heart-air'], text);
  assert.equal(mentions('No intracardiac air.', 'right-heart-air')[0].assertion, 'absent');
});

test('breast non-mass enhancement is a finding of its own, not a denied mass', () => {
  for (const text of [
    'Clumped segmental non-mass enhancement in the upper outer left breast.',
    'There is 2 cm of linear nonmass enhancement at 6 o\u2019clock in the right breast.',
    'Regional NME in the left breast, new since the prior MRI.',
  ]) {
    assert.ok(present(text).includes('non-mass-enhancement'), text);
    assert.ok(!understand(text).findings.some((f) => f.concept === 'mass'), text);
  }
  assert.equal(mentions('No suspicious non-mass enhancement.', 'non-mass-enhancement')[0].assertion, 'absent');
});

test('aortic stenosis is a narrowed valve, not a stenosed vessel', () => {
  for (const text of [
    'Severe aortic stenosis with heavily calcified leaflets.',
    'The aortic valve is thickened with moderate aortic valve stenosis.',
    'Calcific stenosis of the aortic valve.',
  ]) {
    assert.ok(present(text).includes('aortic-valve-stenosis'), text);
    assert.ok(!present(text).includes('stenosis'), text);
  }
  assert.deepEqual(present('There is a 70% stenosis of the left common iliac artery.'), ['stenosis']);
});

test('increased vascularity of a lesion, gland or testis on ultrasound is no pulmonary vascular congestion; of the lungs it is', () => {
  const concepts = (text) => understand(text).findings.map((f) => f.concept);
  for (const sentence of [
    'Increased vascularity within the lesion.',
    'The left testis shows increased vascularity.',
    'Vascularity is increased in the right testicle.',
    'The thyroid gland is enlarged with increased vascularity.',
    'There is increased vascularity of the left epididymis, compatible with epididymitis.',
    "EXAM: US BREAST RIGHT\nFINDINGS: Irregular hypoechoic mass at 10 o'clock with increased vascularity.",
  ])
    assert.ok(!concepts(sentence).includes('pulmonary-vascular-congestion'), sentence);
  assert.ok(concepts('Mild cardiomegaly with increased vascularity.').includes('pulmonary-vascular-congestion'));
  assert.ok(concepts('Increased pulmonary vascularity.').includes('pulmonary-vascular-congestion'));
  assert.ok(concepts('The pulmonary vascularity is prominent.').includes('pulmonary-vascular-congestion'));
  assert.ok(
    concepts('EXAM: CHEST PA AND LATERAL\nFINDINGS: Increased vascularity in both lungs.').includes('pulmonary-vascular-congestion'),
  );
});

test('a dilated common bile duct, dilated lateral ventricles and a deviated trachea are read however the report words them', () => {
  const read = (text) => understand(text).findings.map((f) => `${f.concept} ${f.assertion}`);
  // Biliary: the duct by name or abbreviation, as a noun phrase or said of the duct.
  assert.deepEqual(read('The common bile duct is dilated to 12 mm.'), ['biliary-dilatation present']);
  assert.deepEqual(read('Common bile duct dilatation.'), ['biliary-dilatation present']);
  assert.deepEqual(read('Dilated CBD measuring 11 mm.'), ['biliary-dilatation present']);
  assert.deepEqual(read('The common bile duct is not dilated.'), ['biliary-dilatation absent']);
  // Ventricles: dilated ventricles are hydrocephalus, unless enlarged in proportion to the sulci (volume loss).
  assert.deepEqual(read('Dilated lateral and third ventricles with transependymal flow.'), ['hydrocephalus present']);
  assert.ok(read('Interval enlargement of the lateral ventricles.').includes('hydrocephalus present'));
  assert.ok(
    !read('Enlarged lateral ventricles in proportion to the sulci, consistent with volume loss.').some((f) =>
      f.startsWith('hydrocephalus'),
    ),
  );
  assert.ok(
    !read('EXAM: CT HEAD\nFINDINGS: Ventricular enlargement proportionate to sulcal prominence, compatible with atrophy.').some((f) =>
      f.startsWith('hydrocephalus'),
    ),
  );
  // The trachea said to be deviated or shifted.
  // Out of proportion to the sulci is what makes it hydrocephalus (rev13 #7).
  assert.ok(read('Enlarged lateral ventricles out of proportion to the sulci.').includes('hydrocephalus present'));
  assert.deepEqual(read('The trachea is deviated to the right.'), ['mediastinal-shift present']);
  assert.deepEqual(read('The trachea is shifted to the left by the mass.'), ['mediastinal-shift present', 'mass present']);
  assert.deepEqual(read('The trachea is not deviated.'), ['mediastinal-shift absent']);
  assert.deepEqual(read('The trachea is midline.'), []);
  // So is the mediastinum; a shift from rotation is no finding.
  assert.deepEqual(read('The mediastinum is shifted to the left.'), ['mediastinal-shift present']);
  assert.ok(
    read('Large right pleural effusion. The mediastinal structures are displaced to the left.').includes('mediastinal-shift present'),
  );
  assert.deepEqual(read('The mediastinum is not shifted.'), ['mediastinal-shift absent']);
  assert.deepEqual(read('The mediastinum is shifted to the right due to patient rotation.'), []);
  assert.deepEqual(read('The mediastinum is midline.'), []);
});
