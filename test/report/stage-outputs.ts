import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Patients of the hand-made study: 4 adults, 2 children, 1 without an age. */
export const PATIENTS_CSV = [
  "patient_id,gender,age_at_first_contact,region_of_origin,exploitation_type,referral_route",
  "P1,Female,19,Europe,Sexual,A&E",
  "P2,female,27,Africa,Domestic servitude,GP",
  "P3,Male,40,Asia,Other,Police",
  "P4,Female,25,Africa,Sexual,",
  "P5,Female,9,Africa,Domestic servitude,Other",
  "P6,M,16,Asia,,Other health",
  "P7,Female,,South America,Sexual,GP",
  "P8,Male,30,Europe,Sexual,GP",
].join("\n");

export const SVG_WITH_SCRIPT = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" onload="alert(1)">
<defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="4" refY="4"><path d="M0,0 L8,4 L0,8 z"/></marker></defs>
<script>alert("map")</script>
<rect x="10" y="10" width="120" height="40" fill="#eef" stroke="#333" onclick="steal()"/>
<text x="20" y="35">Instability &amp; moves</text>
<line x1="130" y1="30" x2="200" y2="30" stroke="#333" marker-end="url(#arrow)"/>
<a href="https://example.org/x"><text x="210" y="35">Identity</text></a>
<image href="https://example.org/tracker.png" width="1" height="1"/>
</svg>
`;

/**
 * A study output folder with every stage output the report reads, written by hand: 02-screening
 * (eligible, flow, agreement), 03-identification (summary, agreement), 04-themes (maps, frequencies,
 * quotes with a `<script>` in one and an identifier flag on another, coder agreement).
 */
export function writeStageOutputs(root: string, opts: { withThemes?: boolean; withIdentification?: boolean } = {}): { out: string; patients: string } {
  const out = join(root, "out");
  const w = (rel: string, text: string) => {
    mkdirSync(join(out, rel, ".."), { recursive: true });
    writeFileSync(join(out, rel), text);
  };
  const patients = join(root, "patients.csv");
  writeFileSync(patients, PATIENTS_CSV + "\n");
  w("02-screening/eligible.csv", "patient_id,group,decided_by\nP1,adult,rater1\nP2,adult,rater1\nP3,adult,consensus\nP4,adult,rater1\nP5,child,rater1\nP6,child,rater1\nP7,unknown,rater1\n");
  w(
    "02-screening/flow.csv",
    [
      "step,reason,adult,child,unknown,total",
      "returned,,10,4,2,16",
      "excluded,all,6,2,1,9",
      "excluded,drug_trafficking,4,1,0,5",
      "excluded,traffic_accident,1,1,0,2",
      "excluded,interest_in_issue,0,0,0,0",
      "excluded,negated,1,0,1,2",
      "included,,4,2,1,7",
    ].join("\n") + "\n",
  );
  w(
    "02-screening/agreement.json",
    JSON.stringify({
      seed: 2015, first: 10, fraction: 0.1, sampled: 11, raters: 2, items: 11, items_compared: 11, items_pairable: 11,
      categories: ["exclude", "include"], observed_agreement: 0.9090909090909091, cohen_kappa: 0.8, cohen_kappa_se: 0.1,
      cohen_kappa_ci95: [0.604, 0.996], pabak: 0.8181818181818181, gwet_ac1: 0.83, prevalence_index: 0.1, bias_index: 0.0909,
      krippendorff_alpha: 0.81, fleiss_kappa: 0.79, confusion_matrix: { exclude: { exclude: 5, include: 1 }, include: { exclude: 0, include: 5 } },
    }, null, 2),
  );
  if (opts.withIdentification !== false) {
    w(
      "03-identification/summary.csv",
      [
        "group,category,service,n,denominator,percent,formatted,n_confirmed",
        "adult,other_service,,2,4,50,50% (2/4),2",
        "adult,other_service,gp,1,4,25,25% (1/4),1",
        "adult,other_service,police,1,4,25,25% (1/4),1",
        "adult,during_contact_historical,,1,4,25,25% (1/4),1",
        "adult,unknown,,1,4,25,25% (1/4),0",
        "child,other_service,,1,2,50,50% (1/2),1",
        "child,other_service,social_services,1,2,50,50% (1/2),1",
        "child,during_contact_recent,,1,2,50,50% (1/2),1",
      ].join("\n") + "\n",
    );
  }
  if (opts.withThemes !== false) {
    w("04-themes/theme-map-adult.svg", SVG_WITH_SCRIPT);
    w("04-themes/theme-map-child.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60"><g id="n1"><ellipse cx="60" cy="30" rx="50" ry="20" fill="#efe"/><text x="30" y="35">Identity</text></g></svg>`);
    w("04-themes/code-frequencies.csv", "group,theme,code,patients,extracts\nadult,instability,instability.accommodation,3,7\nchild,identity,identity.age_dispute,2,2\n");
    w(
      "04-themes/quotes.csv",
      [
        "group,theme,code,patient_id,extract_id,text,identifier_flags",
        `adult,instability,instability.accommodation,P1,E1,"Moved hostel again <script>alert('x')</script> & lost her GP",`,
        `adult,history,history.unwilling,P2,E2,"Did not want to talk about Mr Smith on 12/03/2009",name;date`,
        `child,identity,identity.age_dispute,P5,E9,"=SUM(A1) age assessment disputed by social services",`,
      ].join("\n") + "\n",
    );
    w("04-themes/coder-agreement.csv", "code,extracts,both,first_only,second_only,neither,observed_agreement,kappa,alpha\ninstability.accommodation,20,6,1,0,13,0.95,0.8888888888888888,0.8895\n");
  }
  return { out, patients };
}
