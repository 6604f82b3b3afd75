import { describe, expect, it } from "vitest";
import { suggestForPatient, type Mention, type Suggestion } from "../../../src/stages/screen/suggest.js";
import { analyseTerm } from "./rules.js";

/**
 * The preset's exclusion rules, one mention at a time: what a patient with only that mention would be
 * suggested. Sentences are written for these tests (not taken from the demo extract), in the ways
 * clinicians write, with cases that must match and cases that must not.
 */
function suggestOne(text: string, term: string): Suggestion {
  const a = analyseTerm(text, term);
  const mention: Mention = { noteId: "n1", date: "2010-01-01", term, start: a.start, end: a.end, analysis: a };
  return suggestForPatient([mention]);
}

type Case = [name: string, text: string, term: string, rule: string];

function excludes(reason: string, cases: Case[]): void {
  it.each(cases)(`${reason}: %s`, (_name, text, term, rule) => {
    expect(suggestOne(text, term)).toMatchObject({ suggestion: "exclude", reason, rule });
  });
}

/** A mention that must not be excluded (a victim's own experience, or too doubtful to exclude). */
function keeps(group: string, cases: Array<[name: string, text: string, term: string]>): void {
  it.each(cases)(`${group}, not excluded: %s`, (_name, text, term) => {
    expect(suggestOne(text, term).suggestion).not.toBe("exclude");
  });
}

describe("road traffic", () => {
  excludes("traffic_accident", [
    ["a busy road", "Lives on a heavily trafficked road and cannot sleep for the noise.", "trafficked", "sense.road.busy"],
    ["busy, hyphenated", "Crossed a busy-trafficked junction without looking.", "trafficked", "sense.road.busy"],
    ["a place that is busy", "Finds the entrance hall too noisy as it is highly trafficked.", "trafficked", "sense.road.busy"],
    ["trafficked + place noun", "Knocked down while crossing a trafficked road near the park.", "trafficked", "sense.road.place"],
    ["trafficked + adjective + place noun", "Walks to the shops along a trafficked main road.", "trafficked", "sense.road.place"],
    ["a motoring offence", "Banned from driving after a third traffick offence.", "traffick", "sense.road.motoring"],
    ["motoring fines", "Owes money for unpaid traffick fines.", "traffick", "sense.road.motoring"],
    ["a traffick warden job", "Used to work as a traffick warden.", "traffick", "sense.road.motoring"],
    ["charged with motoring offences", "Charged with traffick offences after the chase.", "traffick", "sense.road.motoring"],
    ["the traffick outside", "Kept awake by the traffick on the ring road.", "traffick", "sense.road.the-traffick"],
    ["directing traffick", "Was found directing traffick at a junction while manic.", "traffick", "sense.road.the-traffick"],
  ]);
  keeps("road traffic", [
    ["an RTA on the way to the Poppy Project", "RTA on the way to the Poppy Project, minor injuries.", "Poppy Project"],
    ["trafficked through a route", "She was trafficked along a route through Libya and Italy.", "trafficked"],
    ["trafficking routes", "Knows the trafficking routes from her village.", "trafficking"],
    ["trafficked street children", "She and other trafficked street children slept under a bridge.", "trafficked"],
    ["the traffick in women", "Spoke of the traffick in women from her region, she was one of them.", "traffick"],
    ["trafficked across the road", "She was trafficked across Europe by road.", "trafficked"],
  ]);
});

describe("drug trafficking", () => {
  excludes("drug_trafficking", [
    ["denied, but it is drugs that are denied", "Denies any current involvement in drug trafficking.", "trafficking", "sense.drug.before"],
    ["a common slip", "Forensic: conviction for drgu trafficking (2001).", "trafficking", "sense.drug.before"],
    ["the legal phrase for supply, far from the hit", "Served 3 yrs for being concerned in the supply of crack cocaine - the judge called it organised trafficking.", "trafficking", "sense.drug.supply"],
    ["importation", "Jailed for importation of cocaine - 'international trafficking' per probation.", "trafficking", "sense.drug.supply"],
    ["street level", "Admits to street-level trafficking in his teens.", "trafficking", "sense.drug.street-level"],
  ]);
  keeps("drug trafficking", [
    ["forced to sell drugs", "She was trafficked and forced to sell drugs.", "trafficked"],
    ["trafficked by a dealer", "She was trafficked by a drug dealer from her town.", "trafficked"],
    ["a negated drug word apart from the hit", "Denies drug use; trafficked at 15.", "trafficked"],
    ["a supply offence in another clause", "Convicted of possession with intent to supply in 2003, but she had been trafficked by the dealer.", "trafficked"],
  ]);
});

describe("arms and animals", () => {
  excludes("other", [
    ["of + animal", "Gives to a charity against the trafficking of bears.", "trafficking", "sense.other.animals-after"],
    ["an adjective and animal", "Brother was convicted of trafficking endangered reptiles.", "trafficking", "sense.other.animals-after"],
    ["trafficked + animal", "Says the pet shop sold trafficked tortoises.", "trafficked", "sense.other.animals-after"],
    ["animal + trafficking", "Upset by a campaign about tiger trafficking.", "trafficking", "sense.other.animals"],
    ["animal as the one trafficked", "Keeps a monkey which he now knows was trafficked.", "trafficked", "frame.other.animal-that-was"],
    ["arms, in a film about it", "A TV film about arms trafficking upset her.", "trafficking", "sense.other.weapons"],
  ]);
  keeps("arms and animals", [
    ["trafficked with her dog", "She was trafficked to the UK and her dog was left behind.", "trafficked"],
    ["treated like an animal", "Trafficked and kept like an animal in a basement.", "Trafficked"],
  ]);
});
