// Our own radiology vocabulary, on top of cspell's English and medical-terms dictionaries.
// Words separated by white space; `#` starts a comment; matched without regard to case.
// Add genuine radiology usage only: words that a careful radiologist writes and the other
// dictionaries lack. A TypeScript string (not a .txt file) so tsc and esbuild carry it along.

/**
 * The words reports use most. Besides being accepted, they win ties between equally close
 * suggestions ("nomal" -> normal, not nodal), which is what a radiologist meant far more often.
 */
export const CORE_RADIOLOGY_WORDS = `
abdomen abdominal abnormal abnormality abnormalities absent acute additional adenopathy
adjacent airspace airspaces airway airways alignment anterior anteriorly aorta aortic apex apical
appearance appears approximately area areas artery arteries atelectasis atelectatic atherosclerotic
axial basilar base bases bibasilar bilateral bilaterally biliary bladder bone bones bony borderline
bowel brain breast breath breathing bronchial bronchiectasis bronchovascular calcification
calcifications calcified calcium cardiac cardiomediastinal cardiomegaly cardiopulmonary
cartilage cervical change changes chest chronic clavicle clear collection comparison compatible
compression concern configuration consistent consolidation consolidative contour contours contrast
coronal costophrenic cortical cyst cysts cystic decreased degenerative density dependent diaphragm
diffuse dilatation dilated disease distal distention effusion effusions elevation emphysema
emphysematous enhancement enlarged enlargement evaluation evidence exam examination extremity
femoral femur findings fluid focal fracture fractures frontal gallbladder granuloma granulomas
granulomatous heart hemidiaphragm hemidiaphragms hepatic hernia hilar hila hilum history
hyperexpanded hyperinflation hyperinflated identified impression increased infiltrate infiltrates
inferior interstitial interval intact kidney kidneys lateral left lesion lesions limits liver lobe
lobes lower lumbar lung lungs lymph lymphadenopathy malignancy margins mass masses measures
measuring mediastinal mediastinum midline mild minimal moderate multifocal multiple nodular
nodule nodules noncontrast normal obscured opacification opacities opacity osseous pancreas
parenchyma parenchymal patchy pelvic pelvis pericardial perihilar peripheral pleural pneumonia
pneumothorax pneumothoraces portable posterior posteriorly previous prior probable prominence
prominent pulmonary radiograph radiographs redemonstrated region renal residual resolution
resolved retrocardiac right rotation scarring sclerotic silhouette size small soft spine spinal
spleen splenic stable sternotomy subcentimeter subsegmental superior suggest suggestive surgical
technique thickening thoracic thorax tissue tortuous tortuosity trachea tube ultrasound
unchanged unremarkable upper vascular vascularity vasculature vertebral view views visualized
volume volumes wall within
`;

export const RADIOLOGY_WORDS = `
# --- compounds radiologists write as one word ---------------------------------------------
midlung midlungs midthoracic midabdomen midchest midclavicular midshaft midsternal midback
midlevel midline midportion midzone midzones midbody midfoot midgut midbrain midpole
hyperexpanded hyperexpansion hypoinflated hypoinflation hyperaerated hyperaeration
underinflated underinflation underpenetrated underpenetration overpenetrated overlying
infrahilar suprahilar perihilar parahilar retrohilar juxtahilar bihilar bibasal bibasilar
biapical biapically infracarinal subcarinal precarinal paramediastinal paratracheal pretracheal
retrosternal retrosternally retrocrural paraspinal paraspinals paravertebral prevertebral
posterobasal anterobasal posterolateral anterolateral posteromedial anteromedial posterocentral
pleuroparenchymal parenchymal subpleural pseudofissure crosstable groundglass masslike
dextrocurvature levocurvature dextroscoliosis levoscoliosis dextroconvex levoconvex
nonemergent nonenlarged nonsclerotic noncontrasted noncontrast nondependent nondisplaced
nonobstructive nonobstructing nonspecific nonacute nonaggressive nonunion nonvisualization
nonvisualized nondilated nondistended nonenhancing nonocclusive noncalcified nonpathologic
postobstructive postprocedural postprocedure preprocedure preprocedural postoperative
postsurgical postinflammatory postinfectious posttraumatic postradiation posttreatment
corticated noncorticated multivessel multiplane multiplanar multilevel multiloculated
multiseptated multicystic vasculopathic vasculatures neuroradiologic neuroradiology
neurointerventional radioembolization chemoembolization embolizations emergently arousable
artifactually addended addendum
# --- anatomy -------------------------------------------------------------------------------
acromioclavicular glenohumeral sternoclavicular costochondral costovertebral costotransverse
uncovertebral facet facets pedicle pedicles lamina laminae neuroforamen neuroforamina
neuroforaminal foraminal extraforaminal preforaminal intraforaminal subarticular
paracentral thecal conus cauda equina epidural intradural extradural subdural subarachnoid
intraventricular periventricular paraventricular peritrigonal supratentorial infratentorial
corticomedullary juxtacortical subcortical putaminal perimesencephalic holocranial
cerebellopontine petroclival clinoid clinoids sella turcica parasellar suprasellar
pterygopalatine retropharyngeal parapharyngeal prevertebral nasopharynx oropharynx hypopharynx
glottic supraglottic subglottic aryepiglottic piriform hemithorax hemithoraces hemidiaphragm
cardiophrenic costophrenic aortopulmonary azygoesophageal paraesophageal retrocardiac
subdiaphragmatic suprarenal perirenal pararenal perinephric peripancreatic periportal
portacaval gastrohepatic hepatoduodenal gastrosplenic splenorenal mesenteric retroperitoneal
retroperitoneum intraperitoneal extraperitoneal paracolic subhepatic subphrenic morison
ileocecal ileocolic rectosigmoid sigmoid cecum cecal appendiceal periappendiceal
vesicoureteral ureteropelvic ureterovesical pelvicalyceal calyceal calyces corticomedullary
adnexa adnexal endometrial myometrial paraovarian periuterine
sacroiliac iliopsoas iliopectineal acetabular acetabulum intertrochanteric subtrochanteric
trochanteric femoroacetabular patellofemoral tibiofemoral tibiotalar talonavicular
calcaneocuboid subtalar tarsometatarsal metatarsophalangeal interphalangeal metacarpophalangeal
radiocarpal midcarpal scaphotrapeziotrapezoidal scapholunate lunotriquetral triquetrum trapezium trapezoid capitate
hamate pisiform ulnotrochlear radiocapitellar capitellum epicondyle epicondyles epicondylar
olecranon coronoid glenoid acromion acromial coracoid supraspinatus infraspinatus
subscapularis teres labrum labral peroneal peroneus tibialis fibular malleolus malleoli
# --- findings and descriptors ---------------------------------------------------------------
airspace airspaces hyperlucent hyperlucency hypolucent lucency lucencies lucent hyperdense
hypodense isodense hyperdensity hypodensity hyperattenuating hypoattenuating hyperattenuation
hypoattenuation hyperenhancing hypoenhancing hyperintense hypointense isointense hyperintensity
hyperintensities hypointensity hypointensities hyperechoic hypoechoic isoechoic anechoic
echogenic echogenicity heterogeneous heterogeneously homogeneous homogeneously
inhomogeneous inhomogeneously ill-defined well-defined well-circumscribed spiculated
lobulated septated loculated cavitary cavitation consolidative reticular reticulonodular
reticulation interstitium peribronchial peribronchovascular centrilobular paraseptal
panlobular bronchiolar bronchiolitis bronchiectatic tree-in-bud honeycombing ground-glass
crazy-paving atelectases pneumothoraces hydropneumothorax pneumomediastinum
pneumoperitoneum pneumatosis pneumatoceles pneumatocele hemithorax osteopenia osteopenic
osteophyte osteophytes osteophytosis spondylosis spondylotic spondylolisthesis anterolisthesis
retrolisthesis endplate endplates enthesophyte enthesophytes syndesmophyte syndesmophytes
kyphosis kyphotic scoliosis scoliotic lordosis lordotic subluxation subluxations
dislocation dislocations malalignment effacement uncinate tendinosis tendinopathy
tenosynovitis bursitis enthesopathy chondrocalcinosis chondromalacia
cardiomegaly cardiothoracic mediastinal widened widening tortuosity ectasia ectatic
aneurysmal aneurysmally atheromatous atherosclerosis vasculopathy collateral collaterals
hepatomegaly splenomegaly hepatosplenomegaly steatosis cholelithiasis choledocholithiasis
nephrolithiasis urolithiasis hydronephrosis hydroureter hydroureteronephrosis
diverticulosis diverticulitis appendicolith appendicoliths fecalith phlebolith phleboliths
granulomata calcific calcifications microcalcifications macrocalcifications
subcentimeter pulsatility spectral resistive
# --- eponyms -------------------------------------------------------------------------------
Kerley Schmorl Schmorl's Baker Bankart Hill-Sachs Segond Jones Colles Smith Barton Bennett
Rolando Monteggia Galeazzi Maisonneuve Lisfranc Chopart Jefferson Hangman Chance Salter
Harris Salter-Harris Tillaux Weber Danis-Weber Essex-Lopresti Boehler Bohler Gissane Garden
Pauwels Kienbock Kienbock's Preiser Freiberg Kohler Sever Osgood Schlatter Osgood-Schlatter
Sinding-Larsen Legg Calve Perthes Legg-Calve-Perthes Blount Madelung Sprengel Klippel Feil
Scheuermann Baastrup Forestier Bertolotti Hoffa Stieda Pellegrini Pellegrini-Stieda
Wrisberg Humphry Kaplan Gerdy Lachman Morton Haglund Achilles Chiari Dandy-Walker Monro Sylvian
Virchow-Robin Luschka Magendie Rathke Meckel Meckel's Morison Douglas Gerota Zuckerkandl
Treitz Glisson Couinaud Riedel Calot Oddi Hartmann Hartmann's Hirschsprung Crohn Crohn's
Whipple Nissen Roux-en-Y Billroth Bochdalek Morgagni Hampton Westermark Fleischner Swyer-James
Kartagener Ghon Ranke Pancoast Golden Kommerell Kawasaki Takayasu Ebstein Fallot Eisenmenger
Ranson Bosniak Wilms Wilms' Fournier Peyronie Nabothian Gartner Bartholin Skene Mirizzi
Klatskin Caroli Budd-Chiari Bouveret Boerhaave Mallory-Weiss Zenker Zenker's Killian
Barrett Barrett's Schatzki Ogilvie Rigler Chilaiditi Hampton's Kerley's Batson Adamkiewicz
Willis Galen Rosenthal Labbe Trolard Meckel-Gruber Arnold-Chiari Hounsfield Agatston
Breslow Gleason Likert Doppler Valsalva Trendelenburg Seldinger Judkins Sones Greenfield
Mobin-Uddin Kimray-Greenfield Hickman Broviac Groshong Tenckhoff Denver Quinton Swan-Ganz
Foley Malecot Dobhoff Salem Levin Sengstaken Blakemore Minnesota Frazier Yankauer Pleurx
Harrington Luque Cotrel-Dubousset Steinmann Kirschner Rush Ender Enders Austin Moore
Thompson Charnley Weber Magerl Herbert Acutrak DeBakey deQuervain LeFort
# --- devices, lines and procedures ---------------------------------------------------------
pacer pacers pacemaker pacemakers defibrillator defibrillators ICD AICD cardioverter
leadless biventricular sternotomy sternotomies thoracotomy thoracostomy thoracentesis
paracentesis pleurodesis pleurocentesis lobectomy lobectomies segmentectomy pneumonectomy
wedge cholecystectomy appendectomy hysterectomy nephrectomy splenectomy colectomy
hemicolectomy mastectomy lumpectomy laminectomy laminectomies laminotomy discectomy
diskectomy foraminotomy corpectomy fusion vertebroplasty kyphoplasty arthroplasty
arthroplasties hemiarthroplasty cerclage cerclages sutures staples clips clip surgical
endotracheal enteric nasogastric orogastric gastrostomy jejunostomy nephrostomy
nephroureteral cholecystostomy tracheostomy ostomy ileostomy colostomy ureterostomy
catheter catheters stent stents stented stenting endograft endografts embolization
coiling coils coil sheath sheaths introducer guidewire guidewires microcatheter
picc PICC port-a-cath portacath portacatheter mediport infusaport powerport
hemodialysis dialysis permcath tunneled nontunneled venous arterial intraaortic IABP
ventriculoperitoneal ventriculostomy shunt shunts Impella ECMO LVAD HeartMate
annuloplasty valvuloplasty watchman TAVR TAVI Sapien CoreValve Mitraclip MitraClip
kyphoplasties screws screw plate plates rod rods hardware intramedullary
# --- contrast agents and radiopharmaceuticals ----------------------------------------------
gadolinium gadobutrol gadoterate gadopentetate gadoxetate gadobenate Gadavist Dotarem
Magnevist Eovist MultiHance Omnipaque Isovue Visipaque Optiray Ultravist iohexol iopamidol
iodixanol ioversol iopromide barium Gastrografin diatrizoate technetium Tc Tc-99m sestamibi
tetrofosmin Cardiolite Myoview Lexiscan regadenoson adenosine dobutamine thallium
fluorodeoxyglucose FDG PSMA DOTATATE octreotide gallium indium iodine MIBG MAG3 DTPA DMSA
HIDA mebrofenin disofenin pertechnetate sulfur colloid macroaggregated albumin MAA
xenon krypton florbetapir flutemetamol florbetaben amyloid
# injected steroids and anaesthetics (image-guided injections)
Depo-Medrone Medrone Depo-Medrol Kenalog Celestone triamcinolone methylprednisolone
bupivacaine levobupivacaine ropivacaine lidocaine lignocaine Marcaine Chirocaine
# --- imaging terms --------------------------------------------------------------------------
radiographic radiographically radiograph radiographs radiography fluoroscopy fluoroscopic
fluoroscopically tomography tomographic tomosynthesis mammography mammographic mammogram
mammograms sonography sonographic sonographically sonogram sonograms ultrasonography
ultrasonographic echocardiography echocardiogram transthoracic transesophageal angiography
angiographic angiogram arteriogram venogram cholangiogram cholangiography cystogram
urethrogram esophagram esophagogram enterography colonography arthrogram arthrography
myelogram myelography scintigraphy scintigraphic scintigram scintigrams planar SPECT
tomogram xray xrays x-ray x-rays radiology radiologist radiologists radiologic radiological
teleradiology nonionic isosmolar hypersmolar kVp mAs mAs mGy mSv CTDI DLP kilovoltage
multidetector multislice helical helicoaxial reformats reformatted reformation reformations
multiplanar isotropic postcontrast precontrast noncontrast unenhanced nonenhanced arterial
venous portovenous portal delayed nephrographic corticomedullary excretory pyelographic
localizer scout scanogram grayscale greyscale colorflow doppler duplex spectral waveform
waveforms triphasic biphasic monophasic tardus parvus diffusion perfusion susceptibility
gradient echo FLAIR STIR DWI ADC SWI GRE T1 T2 spin fat-suppressed fat-saturated
inversion recovery gadolinium-enhanced dynamic subtraction MIP MPR VR windowing
artifact artifacts artifactual motion streak beam-hardening misregistration
BIRADS BI-RADS LIRADS LI-RADS TIRADS TI-RADS PIRADS PI-RADS ORADS O-RADS LungRADS Lung-RADS
# --- common clinical words in indications ------------------------------------------------
dyspnea dyspneic tachypnea hemoptysis orthopnea hypoxia hypoxic hypoxemia tachycardia
bradycardia syncope presyncope preop postop preoperative perioperative intraoperative
followup follow-up workup work-up rule-out pleuritic nonproductive productive sputum
immunocompromised immunosuppressed chemo chemotherapy radiotherapy neoadjuvant adjuvant
metastases metastatic metastasis metastatic nonsmoker exsmoker ex-smoker smoker
hyperlipidemia dyslipidemia hypertension hypertensive diabetic diabetes nonradiating
flulike nightsweats bodyaches
moya moyamoya radiculopathies polyradiculopathy hyperfractionated hypofractionated
noncannulated cannulated epimysial otolaryngologic semisolids paraclinoid extrastimuli
hypophonic plegic frogleg frog-leg obscurations dolichoectatic dolichoectasia myotendinous
meniscocapsular osteochondromatous trifurcates trifurcation bifurcates roadmapping
multisequence sublingually aortobiiliac aortobifemoral aortoiliac exoluminal endoluminal
oximetric paraphasias dysmetric dysmetria impersistence hypomimia allodynic dysfluent
lateromedial mediolateral craniocaudal cortication submax submaximal apgars bioccipital
bitemporal bifrontal biparietal anteroflexed
# devices and software named in reports
TheraSphere SIR-Spheres StarClose Angio-Seal Perclose Mynx Epimed Veriphy iCAD SecondLook
R2 Hologic Selenia Lorad Tun-L Novoste
# --- clinical shorthand in indications and neurology histories ---------------------------
htn dm wnl hpi pmh fhx shx psh ros hx coord vib vit sched inj gms ozs lbs plantars
qam qpm qweek qmonth qhours
# --- units and lower-case abbreviations a report writes as words ---------------------------
mm cm ml mL cc kg mg mcg mgy msv gbq mbq mci hz khz mhz bpm mmhg sec secs msec hrs mins wks yrs yo
iv po im sq prn bid tid qid qd qhs hx dx tx sx fx pt pts yo y/o approx approximately
vs cf eg ie etc
# --- British spellings, written by UK and Commonwealth radiologists --------------------------
oedema oedematous haemorrhage haemorrhagic haematoma haematomas haemothorax haemoptysis
haemangioma haemangiomas haemodynamic haemodynamically haemodialysis anaemia oesophagus
oesophageal oesophagitis oestrogen foetal foetus paediatric paediatrics orthopaedic
orthopaedics gynaecology gynaecological ischaemia ischaemic leukaemia tumour tumours
centimetre centimetres millimetre millimetres millilitre millilitres litre litres colour calibre fibre fibres
hilar anaesthesia anaesthetic caecum caecal coeliac dyspnoea apnoea oxygenation
haemosiderin haemosiderosis localised generalised visualised characterised organised
minimised recognised
`;
