import { parseStackConfig } from "./gate/load";
import { editedConfig } from "./test/support/harness";
const cases: [string, (c: any) => void][] = [
  ["mailbox no provider", (c) => { delete c.zones[0].email.mailbox.provider; }],
  ["sender no provider", (c) => { delete c.zones[0].email.senders[0].provider; }],
  ["sender bad provider", (c) => { c.zones[0].email.senders[0].provider = "sendgird"; }],
  ["extra record no type", (c) => { c.zones[0].records = [{ name: "x", content: "1.2.3.4" }]; }],
  ["env var no source", (c) => { c.secrets.env.DATABASE_URL = { length: 3 }; }],
  ["env var bad source", (c) => { c.secrets.env.DATABASE_URL = { source: "sup" }; }],
  ["null alerts", (c) => { c.monitoring.alerts = null; }],
  ["m365 bad tenant", (c) => { c.zones[0].email.mailbox = { provider: "microsoft-365", tenant: "contoso.onmicrosoft.com" }; }],
  ["m365 missing tenant", (c) => { c.zones[0].email.mailbox = { provider: "microsoft-365" }; }],
  ["dkim missing selector", (c) => { c.zones[0].email.dkim = [{ publicKey: "abc" }]; }],
  ["dkim selector with _domainkey", (c) => { c.zones[0].email.dkim = [{ selector: "s1._domainkey", target: "s1.x.net" }]; }],
  ["google dkim missing key", (c) => { delete c.zones[0].email.mailbox.dkim.publicKey; }],
  ["google dkim key as full TXT", (c) => { c.zones[0].email.mailbox.dkim.publicKey = "v=DKIM1; k=rsa; p=" + c.zones[0].email.mailbox.dkim.publicKey; }],
  ["sendgrid missing returnPath", (c) => { c.zones[0].email.senders.push({ provider: "sendgrid", host: "u1.wl1.sendgrid.net" }); }],
  ["sendgrid missing host", (c) => { c.zones[0].email.senders.push({ provider: "sendgrid", returnPath: "em1" }); }],
  ["sendgrid returnPath fqdn", (c) => { c.zones[0].email.senders.push({ provider: "sendgrid", host: "u1.wl1.sendgrid.net", returnPath: "em123.example.com" }); }],
  ["dup TXT of generated verification", (c) => { c.zones[0].records = [{ type: "TXT", name: "@", content: c.zones[0].email.mailbox.verification }]; }],
  ["dup MX of generated", (c) => { c.zones[0].records = [{ type: "MX", name: "mail", content: "feedback-smtp.us-east-2.amazonses.com", priority: 10 }]; }],
];
for (const [n, e] of cases) {
  try { parseStackConfig(editedConfig("prod", e)); console.log(n, "=> ACCEPTED"); }
  catch (x: any) { console.log(n, "=>\n   " + (x.problems ?? [x.stack]).join("\n   ")); }
}
