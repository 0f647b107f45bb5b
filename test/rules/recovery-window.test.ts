import { strict as assert } from "node:assert";
import { checkRecoveryWindow, MIN_RECOVERY_WINDOW_DAYS } from "../../rules/recovery-window";

describe("rules/recovery-window", () => {
  it("keeps AWS's longest window in production and allows its shortest in staging", () => {
    assert.deepEqual(MIN_RECOVERY_WINDOW_DAYS, { prod: 30, staging: 7 });
  });

  it("accepts 30 days in production", () => {
    assert.deepEqual(checkRecoveryWindow("recoveryWindowInDays", 30, "prod"), []);
  });

  it("rejects 29 days in production, naming the setting", () => {
    assert.deepEqual(checkRecoveryWindow("recoveryWindowInDays", 29, "prod"), [{
      message: "recoveryWindowInDays is 29 days, under the 30 days a deleted secret or key stays recoverable in prod",
      ref: "launch checklist: secrets",
      fix: "set recoveryWindowInDays to 30 or more",
    }]);
  });

  it("accepts 7 days in staging", () => {
    assert.deepEqual(checkRecoveryWindow("deletionWindowInDays", 7, "staging"), []);
  });

  it("says that 0 deletes at once", () => {
    assert.equal(checkRecoveryWindow("recoveryWindowInDays", 0, "staging")[0].fix, "set recoveryWindowInDays to 7 or more (0 deletes it at once)");
  });
});
