import { strict as assert } from "node:assert";
import {
  alertPeople, checkAlertRoutes, checkPhoneNumber, distinctHumans, humanOf, isOpsgenieCloudWatchUrl, isPagerDutyCloudWatchUrl, onCallServiceOf,
} from "../../rules/alert-routes";

const PAGERDUTY = "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue";
const OPSGENIE = "https://api.opsgenie.com/v1/json/cloudwatch?apiKey=6f86a81b-7497-4ba6-9a7e-8851fd07c651";
const RULE = "(each mailbox or phone number counts once, a person's routes grouped under alerts.people count once, all PagerDuty and Opsgenie services together count as one person, whoever is on call, and Slack and webhooks count as nobody)";

describe("rules/alert-routes", () => {
  describe("mailboxes", () => {
    it("treats addresses differing only in case or a +tag as one person", () => {
      assert.equal(humanOf("Dana.Whitfield+alerts@Example.com"), "dana.whitfield@example.com");
      assert.deepEqual(distinctHumans(["dana@example.com", "DANA+ops@example.com", "sam@example.com"]), ["dana@example.com", "sam@example.com"]);
    });
  });

  describe("phone numbers", () => {
    it("accepts an E.164 number", () => {
      assert.deepEqual(checkPhoneNumber("+14155550123"), []);
    });

    it("rewrites a number written with spaces and punctuation", () => {
      assert.deepEqual(checkPhoneNumber("+1 (415) 555-0123"), [{ message: "+1 (415) 555-0123 is not an E.164 phone number", ref: "Amazon SNS SMS: E.164 format", fix: "write it as +14155550123" }]);
    });

    it("rewrites a 00 international prefix as +", () => {
      assert.equal(checkPhoneNumber("0044 20 7946 0018")[0].fix, "write it as +442079460018");
    });

    it("explains the format when no rewrite would be E.164, such as a national number without a country code", () => {
      assert.equal(checkPhoneNumber("(415) 555-0123")[0].fix, "write it as + then the country code and the number, digits only, such as +14155550123");
    });
  });

  describe("integration URLs", () => {
    it("accepts PagerDuty's CloudWatch integration URL, US and EU, and a global event ruleset URL", () => {
      assert.ok(isPagerDutyCloudWatchUrl(PAGERDUTY));
      assert.ok(isPagerDutyCloudWatchUrl(PAGERDUTY.replace("events.", "events.eu.")));
      assert.ok(isPagerDutyCloudWatchUrl("https://events.pagerduty.com/x-ere/0123456789abcdef0123456789abcdef"));
    });

    it("rejects a PagerDuty Events API v2 URL, which does not read SNS's payload", () => {
      assert.equal(isPagerDutyCloudWatchUrl("https://events.pagerduty.com/v2/enqueue"), false);
    });

    it("accepts Opsgenie's CloudWatch integration URL with its apiKey, US and EU", () => {
      assert.ok(isOpsgenieCloudWatchUrl(OPSGENIE));
      assert.ok(isOpsgenieCloudWatchUrl(OPSGENIE.replace("api.", "api.eu.")));
    });

    it("rejects Opsgenie's CloudWatch Events URL and a URL without its key", () => {
      assert.equal(isOpsgenieCloudWatchUrl(OPSGENIE.replace("/cloudwatch?", "/cloudwatchevents?")), false);
      assert.equal(isOpsgenieCloudWatchUrl("https://api.opsgenie.com/v1/json/cloudwatch"), false);
    });

    it("tells the on-call service from the endpoint's host", () => {
      assert.deepEqual([onCallServiceOf(PAGERDUTY), onCallServiceOf(OPSGENIE), onCallServiceOf("https://hooks.example.com/alerts")], ["pagerduty", "opsgenie", undefined]);
    });
  });

  describe("people", () => {
    it("counts each mailbox and each phone as a person", () => {
      assert.deepEqual(alertPeople({ emails: ["dana@example.com"], phones: ["+14155550123"], otherRoutes: 0 }).map((p) => p.label), ["dana@example.com", "+14155550123"]);
    });

    it("counts a mailbox and a phone grouped as one person once", () => {
      assert.deepEqual(alertPeople({ emails: ["dana@example.com"], phones: ["+14155550123"], samePerson: [["Dana+alerts@example.com", "+14155550123"]], otherRoutes: 0 }).map((p) => p.label), ["dana@example.com + +14155550123"]);
    });

    it("joins two groups that share a route into one person", () => {
      const people = alertPeople({ emails: ["a@example.com", "b@example.com"], phones: ["+14155550123"], samePerson: [["a@example.com", "+14155550123"], ["b@example.com", "+14155550123"]], otherRoutes: 0 });
      assert.equal(people.length, 1);
    });

    it("counts PagerDuty and Opsgenie together as one person, whoever is on call", () => {
      assert.deepEqual(alertPeople({ emails: [], onCall: ["pagerduty", "opsgenie"], otherRoutes: 0 }), [{ label: "whoever is on call in PagerDuty and Opsgenie", routes: ["PagerDuty", "Opsgenie"], onCall: true }]);
    });
  });

  describe("two humans", () => {
    it("requires two people in prod, naming the one it found and how people are counted", () => {
      assert.deepEqual(checkAlertRoutes({ emails: ["dana@example.com", "dana+pager@example.com"], otherRoutes: 1 }, "prod"), [{
        message: `production alerts reach 1 person (dana@example.com); at least 2 are required ${RULE}`,
        ref: "launch checklist: monitoring",
        fix: "add 1 more person: an address under monitoring.alerts.emails or a phone under monitoring.alerts.sms",
      }]);
    });

    it("does not count a Slack channel or a webhook as a person", () => {
      assert.equal(checkAlertRoutes({ emails: [], otherRoutes: 2 }, "prod")[0].message, `production alerts reach 0 people; at least 2 are required ${RULE}`);
    });

    it("does not let a person's mailbox and phone, grouped, pass as two", () => {
      assert.equal(checkAlertRoutes({ emails: ["dana@example.com"], phones: ["+14155550123"], samePerson: [["dana@example.com", "+14155550123"]], otherRoutes: 0 }, "prod").length, 1);
    });

    it("does not let two on-call services pass as two people", () => {
      assert.equal(checkAlertRoutes({ emails: [], onCall: ["pagerduty", "opsgenie"], otherRoutes: 0 }, "prod").length, 1);
    });

    it("accepts one mailbox plus an on-call service in prod", () => {
      assert.deepEqual(checkAlertRoutes({ emails: ["dana@example.com"], onCall: ["pagerduty"], otherRoutes: 0 }, "prod"), []);
    });

    it("accepts a mailbox and an ungrouped phone as two people", () => {
      assert.deepEqual(checkAlertRoutes({ emails: ["dana@example.com"], phones: ["+14155550123"], otherRoutes: 0 }, "prod"), []);
    });

    it("accepts two people in prod", () => {
      assert.deepEqual(checkAlertRoutes({ emails: ["dana@example.com", "sam@example.com"], otherRoutes: 0 }, "prod"), []);
    });

    it("lets staging alert one team mailbox", () => {
      assert.deepEqual(checkAlertRoutes({ emails: ["portal-staging@example.org"], otherRoutes: 0 }, "staging"), []);
    });

    it("rejects alerts that go nowhere, in any environment", () => {
      assert.equal(checkAlertRoutes({ emails: [], otherRoutes: 0 }, "staging")[0].message, "alerts go nowhere: no email, SMS, Slack, PagerDuty, Opsgenie or HTTPS route");
    });
  });
});
